"""Assemble what one view shows from a trace and a grid: the figures by kind.

Kinds name the exported files too: ``curve`` for one plotted input, ``contour``
and ``surface3d`` for two.
"""

from __future__ import annotations

import plotly.graph_objects as go

from viz.figures import contour_figure, curve_figure, surface_figure
from viz.scenario import Scenario, Values
from viz.surface import Axis, Grid, gradient_of, point_of
from viz.trace import Trace


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


def figure(
    kind: str, scenario: Scenario, values: Values, trace: Trace, grid: Grid, theme: str = "light"
) -> go.Figure:
    """One figure of the view; its arrow carries exactly the trace's leaf gradients."""
    point = point_of(values, grid.axes)
    gradient = gradient_of(trace, grid.axes, scenario)
    out = trace.output_node
    value = out.value[0]
    note = masked_note(grid, out.name)
    if kind == "curve":
        window = curve_window(scenario, grid.axes[0], point[0])
        return curve_figure(grid, point, value, gradient, out.name, window, theme, note)
    if kind == "contour":
        return contour_figure(grid, point, gradient, out.name, theme, note)
    if kind == "surface3d":
        return surface_figure(grid, point, value, gradient, out.name, theme, note)
    raise ValueError(f"unknown plot kind {kind!r}")
