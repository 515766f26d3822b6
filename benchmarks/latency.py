"""Slider → graph and plot updated, in Chromium, on every view the registry makes.

    .venv/bin/python -m benchmarks.latency [--changes 20] [--only logistic_bce]

A view is a scenario with each plot kind its inputs allow (its default link and each
example link with another number of plotted inputs), its backward stepper, and its
presenter mode. A change is one key press on the control of the first plotted input (a
slider, or a vector element's + button); in stepper views, alternately the last two
backward steps, where the plot's arrows appear and go. The time runs from the key press
(or the button's pointer-down), as the page sees it, until the animation frame in which
the graph's text and the plot's point, arrows and legend both differ from before: both
ends are read in the page, so the driver's own round trips are not counted. One row per
view, slowest p95 first.
"""

from __future__ import annotations

import argparse
import statistics
from dataclasses import dataclass
from urllib.parse import urlencode

import viz.catalog  # noqa: F401
from benchmarks import speed
from tools.browser import chromium, open_ready, streamlit_server, wait_ready
from viz.kinds import Vector
from viz.scenario import REGISTRY
from viz.state import default_state, normalise, parse_query, plot_kinds, to_query

VIEWPORT = {"width": 1600, "height": 1200}
SIGNATURE = """() => {
  const graph = document.querySelector('[data-testid="stGraphVizChart"] svg');
  const plot = document.querySelector('[data-testid="stMain"] .js-plotly-plot');
  if (!graph || !plot || !plot._fullLayout || !plot.data) return null;
  const moving = plot.data.filter(t => t.meta && ['point', 'gradient', 'descent', 'tangent']
    .includes(t.meta.role)).map(t => [t.name, t.x, t.y, t.z]);
  return [graph.textContent, JSON.stringify(moving)];
}"""
# The page notes when the student acts; CHANGED answers the milliseconds since then, once changed.
ACTED = """() => { if (window.lensActed !== undefined) return; window.lensActed = 0;
  for (const kind of ['keydown', 'pointerdown'])
    window.addEventListener(kind, () => { window.lensActed = performance.now(); }, true); }"""
CHANGED = f"""before => {{ const now = ({SIGNATURE})();
  const changed = now !== null && now[0] !== before[0] && now[1] !== before[1];
  return changed && Math.max(performance.now() - window.lensActed, 0.001); }}"""


@dataclass(frozen=True)
class LatencyView:
    """One view to measure: its link and how a student changes it."""

    name: str
    query: dict[str, str]
    control: str  # CSS selector of the element a change acts on
    keys: tuple[str, ...]  # pressed in turn; "click <selector>" clicks; "+0.1" types the next value


def _css_key(key: str) -> str:
    return ".st-key-" + key.replace(":", "-")


def _control(query: dict[str, str], present: bool) -> tuple[str, tuple[str, ...]]:
    state = normalise(parse_query(query)[0])
    coordinate = next(c for c in state.scenario.coordinates(state.values) if c.token == state.axes[0])
    inp = state.scenario.input(coordinate.input, state.values)
    base = f"{state.scenario_id}:{coordinate.input}"
    training = state.scenario.training
    if inp.derived and training is not None:  # trained weights: a student moves the steps taken
        if present:
            return "", tuple(f"click {_css_key(k)} button" for k in ("step_next", "step_prev"))
        return f"{_css_key(f'{state.scenario_id}:{training.steps}:slider')} input[type='range']", (
            "ArrowRight",
        )
    if isinstance(inp.kind, Vector):
        if present:  # presenter mode has no vector controls: its stepper buttons
            return "", tuple(f"click {_css_key(k)} button" for k in ("step_next", "step_prev"))
        return f"{_css_key(f'{base}:{coordinate.index}')} input", ("+0.1",)
    slider = f"{base}:present" if present else f"{base}:slider"
    return f"{_css_key(slider)} input[type='range']", ("ArrowRight",)


STEPPER = f"{_css_key('backward_step')} input[type='range']"


def views() -> list[LatencyView]:
    """Every scenario's plot kinds, stepper and presenter mode, from the registry alone."""
    found = []
    for sid, scenario in REGISTRY.items():
        base = default_state(sid)
        if scenario.seed and scenario.examples:  # a vector output: its default link's backward() raises
            base = normalise(parse_query({"scenario": sid, **scenario.examples[0][1]})[0])
        links = [to_query(base)]
        counts = {len(base.axes)}
        for _, params in scenario.examples:
            state = normalise(parse_query({"scenario": sid, **params})[0])
            if len(state.axes) not in counts:
                counts.add(len(state.axes))
                links.append(to_query(state))
        for query in links:
            for kind in plot_kinds(len(query["axes"].split(","))):
                q = query | {"plot": kind}
                found.append(LatencyView(f"{sid} {kind} ({query['axes']})", q, *_control(q, False)))
        query = links[0]
        steps = ("ArrowRight", "ArrowLeft")
        found.append(LatencyView(f"{sid} stepper", query | {"step": "last-1"}, STEPPER, steps))
        second = query | {"order": "2", "tab": "second"}  # the Hessian and the gradient's graph redrawn
        found.append(LatencyView(f"{sid} second derivatives", second, *_control(query, False)))
        if scenario.seed:  # J, vᵀJ and J·u redrawn
            jacobian = query | {"tab": "jacobian", "u": query["v"]}
            found.append(LatencyView(f"{sid} jacobian", jacobian, *_control(query, False)))
        control, keys = _control(query, True)
        present = query | {"present": "1"} | ({"step": "last-1"} if keys[0].startswith("click") else {})
        found.append(LatencyView(f"{sid} presenter", present, control, keys))
    return found


def _open(page, url: str, view: LatencyView) -> None:
    query = dict(view.query)
    if query.get("step") == "last-1":  # the stepper's length depends on the graph: read it
        open_ready(page, f"{url}/?{urlencode(query | {'step': '0', 'present': '0'})}")
        last = int(page.locator(STEPPER).get_attribute("max") or "1")
        query["step"] = str(max(last - 1, 0))
    open_ready(page, f"{url}/?{urlencode(query)}")
    page.wait_for_function(f"() => ({SIGNATURE})() !== null", timeout=60_000)


def measure(page, url: str, view: LatencyView, changes: int) -> list[float]:
    """Seconds from each change to both graph and plot redrawn."""
    _open(page, url, view)
    page.evaluate(ACTED)
    samples = []
    for i in range(changes + 1):  # the first change warms the browser's caches: not counted
        before = page.wait_for_function(f"() => ({SIGNATURE})()", timeout=60_000).json_value()
        key = view.keys[i % len(view.keys)]
        if key.startswith("click "):
            page.locator(key.removeprefix("click ")).first.click()
        elif key == "+0.1":  # a number box: type the next value and press Enter, as a student does
            box = page.locator(view.control).first
            box.fill(f"{float(box.input_value()) + 0.1:.4f}")
            box.press("Enter")
        else:
            page.locator(view.control).first.focus()  # the student's hand is already on it
            page.keyboard.press(key)
        elapsed = page.wait_for_function(CHANGED, arg=before, timeout=60_000, polling="raf").json_value()
        if i:
            samples.append(elapsed / 1000)
        wait_ready(page)
    return samples


def percentile(ms: list[float], q: float) -> float:
    ordered = sorted(ms)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def summary(samples: list[float]) -> str:
    ms = [s * 1000 for s in samples]
    return f"{statistics.median(ms):7.0f} | {percentile(ms, 0.95):7.0f} | {max(ms):7.0f} | {len(ms)}"


def run(changes: int, only: str = "") -> list[tuple[str, list[float]]]:
    chosen = [v for v in views() if only in v.name]
    rows = []
    with streamlit_server() as url, chromium() as browser:
        page = browser.new_page(viewport=VIEWPORT)
        for view in chosen:
            rows.append((view.name, measure(page, url, view, changes)))
            print(f"  {view.name}: {summary(rows[-1][1])}", flush=True)
    rows.sort(key=lambda row: -percentile(row[1], 0.95))
    return rows


HEADER = "| view (slowest p95 first) | median ms | p95 ms | max ms | n |\n|---|---:|---:|---:|---:|"


def table(rows: list[tuple[str, list[float]]]) -> str:
    return "\n".join([HEADER, *(f"| {name} | {summary(samples)} |" for name, samples in rows)])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--changes", type=int, default=20)
    parser.add_argument("--only", default="", help="views whose name contains this")
    args = parser.parse_args()
    print(f"Machine: {speed.line()}")
    print(table(run(args.changes, args.only)))


if __name__ == "__main__":
    main()
