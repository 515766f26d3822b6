// The 3D surface, kept between slider moves: Plotly.react updates the scene in place.
// Streamlit may mount the component afresh on a rerun, so the plot lives here, in the
// module, and moves into each new container: its WebGL scene is never rebuilt. Traces
// whose JSON did not change keep their objects, so plotly does not redraw them, and
// the camera stays where the student turned it until the scenario or the axes change.
const plots = new Map();
let loading = null;

function plotly(src) {
  if (window.Plotly) return Promise.resolve(window.Plotly);
  loading ??= new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = src;
    script.onload = () => resolve(window.Plotly);
    script.onerror = () => reject(new Error(`plotly.js did not load from ${src}`));
    document.head.appendChild(script);
  });
  return loading;
}

export default function ({ parentElement, data }) {
  let plot = plots.get(data.slot);
  if (!plot) {
    plot = document.createElement("div");
    plot.className = "lens-scene";
    plots.set(data.slot, plot);
  }
  if (plot.parentElement !== parentElement) parentElement.appendChild(plot);
  const figure = JSON.parse(data.figure);
  plot.lensLatest = figure;
  plotly(data.src).then((Plotly) => {
    if (plot.lensLatest !== figure) return; // a newer figure arrived meanwhile
    const keys = figure.data.map((trace) => JSON.stringify(trace));
    const before = plot.lensKeys || [];
    const traces = figure.data.map((trace, i) =>
      before[i] === keys[i] && plot.data ? plot.data[i] : trace,
    );
    plot.lensKeys = keys;
    const layout = { ...figure.layout };
    if (plot.lensRevision === data.revision && plot._fullLayout?.scene) {
      layout.scene = { ...layout.scene, camera: plot._fullLayout.scene.camera };
    }
    plot.lensRevision = data.revision;
    Plotly.react(plot, traces, layout, data.config);
  });
}
