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


def _add_path(fig: go.Figure, kind: str, axes: tuple[Axis, ...], path: Sequence[Point]) -> None:
    coords = [point_of(p.values, axes) for p in path]
    losses = [p.loss for p in path]
    text = [f"step {k}: {fmt(loss)}" for k, loss in enumerate(losses)]
    style = {"name": f"gradient descent ({len(path) - 1} steps)", "text": text, "hoverinfo": "text"}
    line = {"color": PATH_COLOR, "width": 3}
    marker = {"color": PATH_COLOR, "size": 7}
    if kind == "curve":
        fig.add_scatter(
            x=[c[0] for c in coords], y=losses, mode="lines+markers", line=line, marker=marker, **style
        )
    elif kind == "contour":
        xs, ys = [c[0] for c in coords], [c[1] for c in coords]
        fig.add_scatter(x=xs, y=ys, mode="lines+markers", line=line, marker=marker, **style)
    else:
        xs, ys = [c[0] for c in coords], [c[1] for c in coords]
        fig.add_scatter3d(x=xs, y=ys, z=losses, mode="lines+markers", line=line, marker=marker, **style)


def figure(
    kind: str,
    scenario: Scenario,
    values: Values,
    trace: Trace,
    grid: Grid,
    theme: str = "light",
    path: Sequence[Point] = (),
) -> go.Figure:
    """One figure of the view; its arrow carries exactly the trace's leaf gradients."""
    point = point_of(values, grid.axes)
    gradient = gradient_of(trace, grid.axes, scenario)
    out = trace.output_node
    value = out.value[0]
    note = masked_note(grid, out.name)
    if kind == "curve":
        window = curve_window(scenario, grid.axes[0], point[0])
        fig = curve_figure(grid, point, value, gradient, out.name, window, theme, note)
    elif kind == "contour":
        fig = contour_figure(grid, point, gradient, out.name, theme, note)
    elif kind == "surface3d":
        fig = surface_figure(grid, point, value, gradient, out.name, theme, note)
    else:
        raise ValueError(f"unknown plot kind {kind!r}")
    if len(path) > 1:
        _add_path(fig, kind, grid.axes, path)
    return fig
