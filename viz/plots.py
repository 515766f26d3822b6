"""A view's plot as a plotly spec, by kind: the curve for one plotted coordinate,
the contour or the 3D surface for two. Kinds name the exported files too."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import plotly.graph_objects as go

from viz.descent import Point
from viz.kinds import Coordinate
from viz.numbers import fmt
from viz.plot_contour import contour_figure
from viz.plot_curve import curve_figure, parabola
from viz.plot_surface import surface_figure
from viz.scenario import Scenario, Values
from viz.surface import Grid, gradient_of, held, point_of
from viz.trace import Trace

PATH_COLOR = "#e66100"


def curve_window(scenario: Scenario, axis: Coordinate, x0: float) -> tuple[float, float]:
    """A scenario's preferred width of x, centred on the point and kept inside the input's range."""
    if scenario.curve_window is None:
        return (axis.lo, axis.hi)
    half = scenario.curve_window
    lo = min(max(x0 - half, axis.lo), axis.hi - 2 * half)
    return (lo, lo + 2 * half)


def masked_note(grid: Grid, output: str, dtype: str, kind: str) -> str:
    if not grid.masked:
        return ""
    where = "gaps in the surface" if kind == "surface3d" else "grey"
    return f"{where}: {output} is not finite in {dtype} at {grid.masked} of {grid.loss.size} grid points"


@dataclass(frozen=True)
class Drawn:
    """What every kind of figure is drawn from."""

    scenario: Scenario
    grid: Grid
    point: tuple[float, ...]
    value: float
    gradient: tuple[float, ...] | None
    output: str
    theme: str
    note: str
    dtype: str
    font_size: int


def _curve(d: Drawn) -> dict:
    window = curve_window(d.scenario, d.grid.axes[0], d.point[0])
    return curve_figure(
        d.grid, d.point, d.value, d.gradient, d.output, window, d.theme, d.note, d.dtype, d.font_size
    )


def _contour(d: Drawn) -> dict:
    return contour_figure(d.grid, d.point, d.gradient, d.output, d.theme, d.note, d.dtype, d.font_size)


def _surface(d: Drawn) -> dict:
    return surface_figure(d.grid, d.point, d.value, d.gradient, d.output, d.theme, d.note, d.font_size)


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
        "meta": {"role": "path"},
        "x": [c[0] for c in coords],
        "y": losses if kind == "curve" else [c[1] for c in coords],
    }
    if kind == "surface3d":
        layer["z"] = losses
    return layer


BUILDERS: dict[str, Callable[[Drawn], dict]] = {"curve": _curve, "contour": _contour, "surface3d": _surface}


def figure_spec(
    kind: str,
    scenario: Scenario,
    values: Values,
    trace: Trace,
    grid: Grid,
    theme: str = "light",
    path: Sequence[Point] = (),
    font_size: int = 0,
    curvature: float | None = None,
) -> dict:
    """One figure of the view as a plotly spec; its arrow is the gradient the last backward() computed.
    With ``curvature`` (d²f/dx², ``&order=2``) a curve also draws the second-order Taylor parabola."""
    labels = {inp.name: inp.label for inp in scenario.inputs_for(values)}
    out, dtype = trace.output_node, str(scenario.dtype).removeprefix("torch.")
    name = scenario.objective_name(out.name, values)  # v·y for a vector output
    drawn = Drawn(
        scenario,
        grid,
        point_of(values, grid.axes),
        scenario.objective_value(values, out.value),
        gradient_of(trace, grid.axes, labels),
        name,
        theme,
        masked_note(grid, name, dtype, kind),
        dtype,
        font_size,
    )
    fig = BUILDERS[kind](drawn)
    if others := held(scenario, values, grid.axes):  # on a second line: a narrow plot does not cut it
        look = fig["layout"]
        look["title"]["text"] += f"<br>{others}"
        line = round(1.6 * look["font"]["size"])
        look["margin"]["t"] += line
        look["height"] += line
    if len(path) > 1:
        fig["data"].append(_path_layer(kind, grid.axes, path))
    if kind == "curve" and curvature is not None and drawn.gradient is not None:
        window = curve_window(scenario, grid.axes[0], drawn.point[0])
        name = f"d²{name}/d{grid.axes[0].label}²"
        fig["data"].insert(
            1, parabola(drawn.point[0], drawn.value, drawn.gradient[0], curvature, window, name)
        )
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
