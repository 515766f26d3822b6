"""A view's plot as a plotly spec, by kind: the curve for one plotted coordinate,
the contour or the 3D surface for two. Kinds name the exported files too."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import plotly.graph_objects as go

from viz.descent import Point
from viz.figures import contour_figure, curve_figure
from viz.figures_3d import surface_figure
from viz.kinds import Coordinate
from viz.numbers import fmt
from viz.scenario import Scenario, Values
from viz.surface import Grid, gradient_of, held, point_of
from viz.trace import Trace

PATH_COLOR = "#ff7f0e"


def curve_window(scenario: Scenario, axis: Coordinate, x0: float) -> tuple[float, float]:
    """A scenario's preferred x window, widened to keep the point in view."""
    if scenario.curve_window is None:
        return (axis.lo, axis.hi)
    half = scenario.curve_window
    return (max(axis.lo, min(-half, x0 - 1.0)), min(axis.hi, max(half, x0 + 1.0)))


def masked_note(grid: Grid, output: str, scenario: Scenario) -> str:
    if not grid.masked:
        return ""
    dtype = str(scenario.dtype).removeprefix("torch.")
    return f"blank: {output} is not finite in {dtype} at {grid.masked} of {grid.loss.size} grid points"


def _path_layer(kind: str, axes: tuple[Coordinate, ...], path: Sequence[Point]) -> dict:
    coords = [point_of(p.values, axes) for p in path]
    losses = [p.loss for p in path]
    layer = {
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
        layer["z"] = losses
    return layer


Builder = Callable[..., dict]


def _curve(
    scenario: Scenario,
    grid: Grid,
    point: tuple[float, ...],
    value: float,
    gradient: tuple[float, ...] | None,
    output: str,
    theme: str,
    note: str,
) -> dict:
    window = curve_window(scenario, grid.axes[0], point[0])
    return curve_figure(grid, point, value, gradient, output, window, theme, note)


def _contour(
    scenario: Scenario,
    grid: Grid,
    point: tuple[float, ...],
    value: float,
    gradient: tuple[float, ...] | None,
    output: str,
    theme: str,
    note: str,
) -> dict:
    return contour_figure(grid, point, gradient, output, theme, note)


def _surface(
    scenario: Scenario,
    grid: Grid,
    point: tuple[float, ...],
    value: float,
    gradient: tuple[float, ...] | None,
    output: str,
    theme: str,
    note: str,
) -> dict:
    return surface_figure(grid, point, value, gradient, output, theme, note)


BUILDERS: dict[str, Builder] = {"curve": _curve, "contour": _contour, "surface3d": _surface}


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
    labels = {inp.name: inp.label for inp in scenario.inputs_for(values)}
    point = point_of(values, grid.axes)
    gradient = gradient_of(trace, grid.axes, labels)
    out = trace.output_node
    note = masked_note(grid, out.name, scenario)
    fig = BUILDERS[kind](scenario, grid, point, out.value[0], gradient, out.name, theme, note)
    if others := held(scenario, values, grid.axes):
        fig["layout"]["title"]["text"] += f" at {others}"
    if len(path) > 1:
        fig["data"].append(_path_layer(kind, grid.axes, path))
    return fig


def figure(
    kind: str,
    scenario: Scenario,
    values: Values,
    trace: Trace,
    grid: Grid,
    theme: str = "light",
    path: Sequence[Point] = (),
) -> go.Figure:
    """``figure_spec`` as a plotly Figure (exports, tests): same arguments, not re-validated."""
    return go.Figure(figure_spec(kind, scenario, values, trace, grid, theme, path), _validate=False)
