"""Assemble what one view shows from a trace and a grid: the figures by kind.

Kinds name the exported files too: ``curve`` for one plotted input, ``contour``
and ``surface3d`` for two.
"""

from __future__ import annotations

from collections.abc import Sequence

import plotly.graph_objects as go

from viz.descent import Point
from viz.figures import contour_figure, curve_figure
from viz.figures_3d import surface_figure
from viz.numbers import fmt
from viz.scenario import Scenario, Values
from viz.surface import Axis, Grid, gradient_of, point_of
from viz.trace import Trace

PATH_COLOR = "#ff7f0e"


def curve_window(scenario: Scenario, axis: Axis, x0: float) -> tuple[float, float]:
    """A scenario's preferred x window, widened to keep the point in view."""
    if scenario.curve_window is None:
        return (axis.lo, axis.hi)
    half = scenario.curve_window
    return (max(axis.lo, min(-half, x0 - 1.0)), min(axis.hi, max(half, x0 + 1.0)))


def masked_note(grid: Grid, output: str) -> str:
    if not grid.masked:
        return ""
    return f"blank: {output} is not finite in float32 at {grid.masked} of {grid.loss.size} grid points"


def _path_trace(kind: str, axes: tuple[Axis, ...], path: Sequence[Point]) -> dict:
    coords = [point_of(p.values, axes) for p in path]
    losses = [p.loss for p in path]
    trace = {
        "type": "scatter3d" if kind == "surface3d" else "scatter",
        "name": f"gradient descent ({len(path) - 1} steps)",
        "text": [f"step {k}: {fmt(loss)}" for k, loss in enumerate(losses)],
        "hoverinfo": "text",
        "mode": "lines+markers",
        "line": {"color": PATH_COLOR, "width": 3},
        "marker": {"color": PATH_COLOR, "size": 7},
        "x": [c[0] for c in coords],
        "y": losses if kind == "curve" else [c[1] for c in coords],
    }
    if kind == "surface3d":
        trace["z"] = losses
    return trace


def figure_spec(
    kind: str,
    scenario: Scenario,
    values: Values,
    trace: Trace,
    grid: Grid,
    theme: str = "light",
    path: Sequence[Point] = (),
) -> dict:
    """One figure of the view as a plotly spec; its arrow carries exactly the trace's leaf gradients."""
    point = point_of(values, grid.axes)
    gradient = gradient_of(trace, grid.axes, scenario)
    out = trace.output_node
    value = out.value[0]
    note = masked_note(grid, out.name)
    if kind == "curve":
        window = curve_window(scenario, grid.axes[0], point[0])
        spec = curve_figure(grid, point, value, gradient, out.name, window, theme, note)
    elif kind == "contour":
        spec = contour_figure(grid, point, gradient, out.name, theme, note)
    elif kind == "surface3d":
        spec = surface_figure(grid, point, value, gradient, out.name, theme, note)
    else:
        raise ValueError(f"unknown plot kind {kind!r}")
    if len(path) > 1:
        spec["data"].append(_path_trace(kind, grid.axes, path))
    return spec


def figure(*args: object, **kwargs: object) -> go.Figure:
    """``figure_spec`` as a plotly Figure (exports, tests): same arguments, not re-validated."""
    return go.Figure(figure_spec(*args, **kwargs), _validate=False)  # type: ignore[arg-type]
