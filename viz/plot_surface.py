"""Two plotted inputs as a surface in 3D, with ∇ and −∇ drawn on it.

The arrows start at the point on the surface and run along its tangent plane
(steepest ascent and descent), long enough to see whatever the axes' ranges: their
length is set in the scene's box, where each axis spans one unit.
"""

from __future__ import annotations

import math

import numpy as np

from viz.numbers import fmt
from viz.plot_contour import loss_layer
from viz.plot_style import DESCENT_COLOR, GRAD_COLOR, INK, finish, layout
from viz.surface import Grid

BOX_LENGTH = 0.25  # an arrow's length as a share of the scene's box


def _spans(grid: Grid) -> tuple[float, float, float]:
    ax, ay = grid.axes
    finite = grid.loss[np.isfinite(grid.loss)]
    dz = float(finite.max() - finite.min()) if finite.size else 1.0
    return ax.hi - ax.lo, ay.hi - ay.lo, dz or 1.0


def _arrows(
    grid: Grid, point: tuple[float, ...], value: float, gradient: tuple[float, ...], output: str
) -> list[dict]:
    gx, gy = gradient[0], gradient[1]
    rise = gx * gx + gy * gy  # along (gx, gy) the tangent plane climbs |∇|² per unit
    sx, sy, sz = _spans(grid)
    box = math.sqrt((gx / sx) ** 2 + (gy / sy) ** 2 + (rise / sz) ** 2)
    layers: list[dict] = []
    if not (box and math.isfinite(box) and math.isfinite(value)):
        return layers
    s = BOX_LENGTH / box
    for sign, color, name, role in (
        (1, GRAD_COLOR, f"∇{output} = ({fmt(gx)}, {fmt(gy)})", "gradient"),
        (-1, DESCENT_COLOR, f"−∇{output} (descent, dashed)", "descent"),
    ):
        end = (point[0] + sign * s * gx, point[1] + sign * s * gy, value + sign * s * rise)
        layers.append(
            {
                "type": "scatter3d",
                "x": [point[0], end[0]],
                "y": [point[1], end[1]],
                "z": [value, end[2]],
                "mode": "lines",
                "name": name,
                "line": {"color": color, "width": 9, "dash": "solid" if sign > 0 else "dash"},
                "meta": {"role": role, "gradient": list(gradient)},
                "customdata": [list(gradient)] * 2,
            }
        )
        layers.append(
            {
                "type": "cone",
                "x": [end[0]],
                "y": [end[1]],
                "z": [end[2]],
                "u": [sign * gx * s],
                "v": [sign * gy * s],
                "w": [sign * rise * s],
                "sizemode": "scaled",
                "sizeref": 0.5,
                "anchor": "tip",
                "showscale": False,
                "colorscale": [[0, color], [1, color]],
                "name": name,
                "hoverinfo": "skip",
            }
        )
    return layers


def surface_figure(
    grid: Grid,
    point: tuple[float, ...],
    value: float,
    gradient: tuple[float, ...] | None,
    output: str,
    theme: str = "light",
    note: str = "",
    font_size: int = 0,
) -> dict:
    """The loss surface filling the figure, the point on it, and the arrows along its tangent plane."""
    ax, ay = grid.axes
    layers = [{"type": "surface", **loss_layer(grid, output), "opacity": 0.9, "showscale": False}]
    if gradient is not None:
        layers += _arrows(grid, point, value, gradient, output)
    layers.append(
        {
            "type": "scatter3d",
            "x": [point[0]],
            "y": [point[1]],
            "z": [value],
            "mode": "markers",
            "name": "current point",
            "marker": {"color": INK[theme], "size": 6},
            "meta": {"role": "point"},
        }
    )
    scene = {
        "xaxis": {"title": {"text": ax.label}},
        "yaxis": {"title": {"text": ay.label}},
        "zaxis": {"title": {"text": output}},
        "aspectmode": "cube",
        "camera": {"eye": {"x": 1.3, "y": -1.3, "z": 0.85}},
        "domain": {"x": [0, 1], "y": [0, 1]},
    }
    title = f"{output} over ({ax.label}, {ay.label}): surface"
    return finish(layers, layout(title, theme, note, font_size, scene=scene), "surface3d")
