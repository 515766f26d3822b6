"""Two plotted inputs as a surface in 3D, with ∇ and −∇ drawn on it.

The arrows start at the point on the surface and run along its tangent plane
(steepest ascent and descent), long enough to see whatever the axes' ranges: their
length is set in the scene's box, where each axis spans one unit.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from viz.numbers import fmt
from viz.plot_contour import loss_layer
from viz.plot_style import DESCENT_COLOR, GRAD_COLOR, INK, finish, grouped, layout
from viz.surface import Grid

BOX_LENGTH = 0.25  # an arrow's length as a share of the scene's box


@dataclass(frozen=True)
class SceneFit:
    """Tick labels are drawn in pixels at the font's size, outside the box: a plot narrower
    than it is tall, or small beside its type, cut them at its edges ("ss" for "loss"). Such
    a plot sees the box from further away (the figure's own camera suits ``reference``), and
    large type on a small plot gets fewer ticks. The page's component (kept_chart.js) applies
    this rule with these numbers once it knows its width; exports apply it in ``fit_scene``."""

    tall: float = 1.45  # a plotting area taller than 1/tall of its width moves the camera back
    label_em: float = 9  # how far, in font sizes, the labels reach beyond the box
    tick_em: float = 4  # the room, in font sizes, each tick label needs along an axis
    smallest_ems: float = 20  # a plot's smaller side holds at least this many tick font sizes
    reference: tuple[float, float, float] = (660, 460, 13)  # width, height, font: the camera is right
    title_chars: int = 5  # a longer axis title ("W1[0,0]") is set at the ticks' size, or it runs out

    def reach(self, w: float, h: float, font: float) -> float:
        return max(1.0, self.tall * h / w) * (1 + self.label_em * font / min(w, h))


FIT = SceneFit()


def fit_scene(layout: dict, width: int, height: int) -> dict:
    """``layout`` with its camera and ticks fitted to a figure of ``width`` × ``height`` pixels."""
    m = layout.get("margin", {})
    w = max(1, width - m.get("l", 0) - m.get("r", 0))
    h = max(1, height - m.get("t", 0) - m.get("b", 0))
    size = max(6, min(layout.get("font", {}).get("size", 13), round(min(w, h) / FIT.smallest_ems)))
    far = max(1.0, FIT.reach(w, h, size) / FIT.reach(*FIT.reference))
    scene = dict(layout["scene"])
    eye = scene["camera"]["eye"]
    scene["camera"] = {**scene["camera"], "eye": {k: v * far for k, v in eye.items()}}
    nticks = max(3, min(7, round(min(w, h) / (FIT.tick_em * size))))
    for axis in ("xaxis", "yaxis", "zaxis"):
        scene[axis] = {"nticks": nticks, "tickfont": {"size": size}, **scene[axis]}
        title = scene[axis].get("title", {})
        if len(title.get("text", "")) > FIT.title_chars:
            scene[axis]["title"] = {**title, "font": {"size": size}}
    return {**layout, "scene": scene}


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
        (1, GRAD_COLOR, f"∇{grouped(output)} = ({fmt(gx)}, {fmt(gy)})", "gradient"),
        (-1, DESCENT_COLOR, f"−∇{grouped(output)} (descent, dashed)", "descent"),
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
        # far enough for the near corner's labels; looking below the box's centre lifts it under the title
        "camera": {"eye": {"x": 1.32, "y": -1.32, "z": 0.87}, "center": {"x": 0, "y": 0, "z": -0.2}},
        "domain": {"x": [0, 1], "y": [0, 1]},
    }
    title = f"{output} over ({ax.label}, {ay.label}): surface"
    return finish(layers, layout(title, theme, note, font_size, scene=scene), "surface3d")
