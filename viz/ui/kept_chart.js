// Plots kept between slider moves (the 3D surface, the Hessian): Plotly.react updates them in place.
// Streamlit may mount the component afresh on a rerun, so the plot lives here, in the
// module, and moves into each new container: its WebGL scene is never rebuilt. Traces
// that did not change keep their objects, so plotly does not redraw them, and the
// camera stays where the student turned it until the scenario or the axes change.
const plots = new Map();
// Camera and ticks fitted to the plot's width, by the rule and numbers of
// viz/plot_surface.py (fit_scene), which exports apply at their own width.
function reach(fit, w, h, font) {
  return Math.max(1, (fit.tall * h) / w) * (1 + (fit.label_em * font) / Math.min(w, h));
}

function fitted(layout, width, fit) {
  // not laid out yet (0 wide): the figure's own camera, refitted later; a 2D plot has no camera
  if (!(width > 100) || !layout.scene) return layout;
  const m = layout.margin ?? {};
  const w = Math.max(1, width - (m.l ?? 0) - (m.r ?? 0));
  const h = Math.max(1, (layout.height ?? 450) - (m.t ?? 0) - (m.b ?? 0));
  const size = Math.max(6, Math.min(layout.font?.size ?? 13, Math.round(Math.min(w, h) / fit.smallest_ems)));
  const far = Math.max(1, reach(fit, w, h, size) / reach(fit, ...fit.reference));
  const scene = { ...layout.scene };
  const eye = scene.camera.eye;
  scene.camera = { ...scene.camera, eye: { x: eye.x * far, y: eye.y * far, z: eye.z * far } };
  const nticks = Math.max(3, Math.min(7, Math.round(Math.min(w, h) / (fit.tick_em * size))));
  for (const axis of ["xaxis", "yaxis", "zaxis"]) {
    scene[axis] = { nticks, tickfont: { size }, ...scene[axis] };
    const title = scene[axis].title ?? {};
    if ((title.text ?? "").length > fit.title_chars) scene[axis].title = { ...title, font: { size } };
  }
  return { ...layout, scene };
}

// The toolbar's file name follows the view, so it changes on every move, and a changed config
// makes Plotly.react rebuild the whole scene (57 WebGL programs, ~300 ms of a move here). The
// config handed to plotly keeps one camera button for the plot's life, which reads the name the
// latest figure brought when it is clicked; everything else in the config is passed on as sent.
function steady(plot, Plotly, config) {
  const { filename, ...image } = config.toImageButtonOptions ?? {};
  plot.lensFilename = filename;
  const key = JSON.stringify({ ...config, toImageButtonOptions: image });
  if (plot.lensConfigKey !== key) {
    const camera = {
      name: "toImageLens",
      title: `Download plot as ${(image.format ?? "png").toUpperCase()}`,
      icon: Plotly.Icons.camera,
      click: (gd) => Plotly.downloadImage(gd, { ...image, filename: plot.lensFilename ?? "plot" }),
    };
    const removed = [...(config.modeBarButtonsToRemove ?? []), "toImage"];
    plot.lensConfig = { ...config, modeBarButtonsToRemove: removed, modeBarButtonsToAdd: [camera] };
    plot.lensConfigKey = key;
  }
  return plot.lensConfig;
}

let loading = null;

// plotly.js (3.5 MB) loads once per page; a load that failed (a network blip in the room) is
// forgotten, so the next try fetches it again instead of leaving the plot blank until a reload.
function plotly(src) {
  if (window.Plotly) return Promise.resolve(window.Plotly);
  loading ??= new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = src;
    const failed = () => {
      script.remove();
      loading = null;
      reject(new Error(`plotly.js did not load from ${src}`));
    };
    script.onload = () => (window.Plotly ? resolve(window.Plotly) : failed());
    script.onerror = failed;
    document.head.appendChild(script);
  });
  return loading;
}

// Traces the server has sent before come as {lensRef: hash}: the plot keeps the last figure's
// traces by hash and reuses them (the same objects, so plotly does not redraw them). A reference
// it cannot resolve (it never got that figure) asks the server for every trace again; should no
// answer come (the ask lost in a rerun that started meanwhile), it asks again, a few times.
function ask(plot, setTriggerValue, attempt) {
  clearTimeout(plot.lensAsking);
  setTriggerValue("missing", true);
  if (attempt < 5) plot.lensAsking = setTimeout(() => ask(plot, setTriggerValue, attempt + 1), 2000 * attempt);
}

function resolve(plot, figure, hashes, setTriggerValue) {
  const store = plot.lensStore ?? new Map();
  if (figure.data.some((trace) => trace.lensRef && !store.has(trace.lensRef))) {
    ask(plot, setTriggerValue, 1);
    return null;
  }
  clearTimeout(plot.lensAsking); // answered
  const traces = figure.data.map((trace) => (trace.lensRef ? store.get(trace.lensRef) : trace));
  plot.lensStore = new Map(traces.map((trace, i) => [hashes[i], trace]));
  return traces;
}

export default function (args) {
  const { parentElement, data } = args;
  let plot = plots.get(data.slot);
  if (!plot) {
    plot = document.createElement("div");
    plot.className = "lens-kept";
    plots.set(data.slot, plot);
  }
  // A call can come late, from a run the page has already left: its container is gone, or
  // about to go while the newer one already holds the plot. The plot remembers each container
  // it was called for, with that call, and goes back to the newest one still on the page.
  if (!parentElement.isConnected) return () => {};
  const others = (plot.lensHomes ?? []).filter((home) => home.parentElement !== parentElement);
  plot.lensHomes = [...others.filter((home) => home.parentElement.isConnected), args];
  show(plot, args);
  // Unmounted (the page switched to another plot, or a newer run replaced the container) or
  // called again with the next figure, which resolves or asks afresh: a pending ask is not
  // repeated, each would be a rerun for nothing.
  return () => {
    clearTimeout(plot.lensAsking);
    setTimeout(() => {
      if (plot.isConnected) return;
      plot.lensHomes = plot.lensHomes.filter((home) => home.parentElement.isConnected);
      const newest = plot.lensHomes.at(-1);
      if (newest) show(plot, newest);
    });
  };
}

function show(plot, { parentElement, data, setTriggerValue }) {
  if (plot.parentElement !== parentElement) parentElement.appendChild(plot);
  const figure = JSON.parse(data.figure);
  const traces = resolve(plot, figure, data.hashes, setTriggerValue);
  if (traces !== null) {
    plot.lensLatest = figure;
    draw(plot, figure, traces, data, parentElement, 1);
  }
}

function draw(plot, figure, traces, data, parentElement, attempt) {
  const again = (error) => {
    if (plot.lensLatest !== figure) return; // a newer figure draws itself
    if (attempt >= 4) throw error;
    setTimeout(() => draw(plot, figure, traces, data, parentElement, attempt + 1), 1000 * attempt);
  };
  plotly(data.src).then((Plotly) => {
    if (plot.lensLatest !== figure) return; // a newer figure arrived meanwhile
    let layout = fitted(figure.layout, parentElement.clientWidth, data.fit);
    const room = parentElement.clientWidth; // a figure with its own width: narrower on a narrow page
    if (layout.width > room && room > 100) layout = { ...layout, width: room };
    const camera = layout.scene && plot._fullLayout?.scene?.camera;
    const turned = camera && JSON.stringify(camera.eye) !== plot.lensFittedEye;
    if (plot.lensRevision === data.revision && turned) {
      layout = { ...layout, scene: { ...layout.scene, camera } }; // where the student turned it
    } else {
      plot.lensFittedEye = JSON.stringify(layout.scene?.camera.eye); // refitted as the width changes
    }
    plot.lensRevision = data.revision;
    Plotly.react(plot, traces, layout, steady(plot, Plotly, data.config));
  }, again);
}
