"""Plotly figures: the curve or the surface, the current point and the gradient arrow.

The arrow is drawn scaled to fit the view, but every arrow layer carries the
unscaled gradient in ``meta["gradient"]``, the very numbers the page prints.

Figures are built as plain specs (``{"data": [...], "layout": {...}}``), not
plotly objects: building, validating and then garbage-collecting the object
tree cost ~10-30 ms per figure on every slider move. ``viz.view.figure`` wraps a
spec in a ``go.Figure`` for exports and tests; the unit tests validate every
kind and theme.
"""

from __future__ import annotations

import math
from functools import cache

import numpy as np
import plotly.io as pio

from viz.numbers import fmt
from viz.surface import Grid

ARROW_FRACTION = 0.15  # drawn arrow length as a share of the visible range
GRAD_COLOR = "#d62728"
DESCENT_COLOR = "#1f77b4"
POINT_COLOR = "#111111"
TEMPLATES = {"light": "plotly_white", "dark": "plotly_dark", "slide": "plotly_white"}
FONT_SIZES = {"light": 13, "dark": 13, "slide": 20}
LEGEND_SYMBOL_PX = 40  # the line or marker sample before a legend name
NARROWEST_PX = 370  # the figure's width on the page in a 1280 px window; legend columns must fit it
PLOT_AREA_PX = 310  # the plotting area's height; the figure grows with its legend
INK = {"light": POINT_COLOR, "dark": "#f0f0f0", "slide": POINT_COLOR}  # the point and the curve
TRANSPARENT = "rgba(0,0,0,0)"


def arrow_marker() -> dict:
    """An arrow head at the segment's end, pointing along it (a fresh dict per layer)."""
    return {"symbol": ["circle", "arrow"], "size": [1, 16], "angleref": "previous"}


USED_TRACES = ("scatter", "contour", "surface", "scatter3d", "cone")
NO_LEGEND_ENTRY = ("contour", "surface", "cone")  # plotly leaves these out of the legend by default
COLOUR_BAR = ("contour", "surface")


@cache
def _template(theme: str) -> dict:
    """The theme's plotly template, trimmed to the plotly trace types drawn here (a smaller message).

    Every figure of a theme shares this one dict: read it, never change it.
    """
    full = pio.templates[TEMPLATES[theme]].to_plotly_json()
    return {"layout": full["layout"], "data": {k: v for k, v in full["data"].items() if k in USED_TRACES}}


def prepare_templates() -> None:
    """Load the theme templates once, before the first figure needs them."""
    for theme in TEMPLATES:
        _template(theme)


def finish(layers: list[dict], layout: dict) -> dict:
    """A figure spec: what ``go.Figure`` and ``st.plotly_chart`` take."""
    size = layout.get("font", {}).get("size", FONT_SIZES["light"])
    layout["legend"], layout["margin"] = legend_and_margins(layers, size)
    layout.setdefault("height", layout["margin"]["t"] + PLOT_AREA_PX + layout["margin"]["b"])
    return {"data": layers, "layout": layout}


def legend_and_margins(layers: list[dict], size: int) -> tuple[dict, dict]:
    """Room for everything around the plot, known before plotly draws it.

    A margin too small for the legend, the tick labels or the colour bar makes plotly
    draw the figure twice (auto-margin), and the page draws the plot anew on every
    slider move: measured, that second pass was a third of the browser's plot time.
    The legend sits at the foot of the figure in equal columns (two when every name
    fits half of the narrowest plotting area, else one), so its rows are known whatever
    the width; plotly still widens a margin that is short (a long tick label).
    """
    bar = any(t["type"] in COLOUR_BAR for t in layers)
    left, right = 5 * size, 30 + 5 * size * bar
    names = [t.get("name", "") for t in layers if t.get("showlegend", t["type"] not in NO_LEGEND_ENTRY)]
    widest = LEGEND_SYMBOL_PX + 0.5 * size * max((len(name) for name in names), default=0)
    columns = 2 if 2 * widest <= NARROWEST_PX - left - right else 1
    rows = -(-len(names) // columns)
    legend = {
        "orientation": "h",
        "xref": "container",
        "yref": "container",
        "x": 0.01,
        "y": 0,
        "yanchor": "bottom",
        "entrywidthmode": "fraction",
        "entrywidth": 1 / columns,
    }
    margin = {"l": left, "r": right, "t": 60, "b": 4 * size + 16 + rows * round(1.6 * size)}
    return legend, margin


def arrow_scale(components: tuple[float, ...], span: float) -> float:
    norm = math.hypot(*components)
    return 0.0 if norm == 0 or not math.isfinite(norm) else ARROW_FRACTION * span / norm


def layout(title: str, theme: str, note: str, **extra: object) -> dict:
    """One look per theme, the same for the page and the exports: light, dark, slide
    (transparent background and large type for a projector)."""
    look: dict = {
        "template": _template(theme),
        "title": {"text": title, "x": 0.01},
        "font": {"size": FONT_SIZES[theme]},
        **extra,
    }
    if theme == "slide":
        look.update(paper_bgcolor=TRANSPARENT, plot_bgcolor=TRANSPARENT)
    if note:
        look["annotations"] = [
            {"text": note, "xref": "paper", "yref": "paper", "x": 0, "y": 1.0, "yanchor": "bottom",
             "showarrow": False, "font": {"size": 11, "color": GRAD_COLOR}, "align": "left"}
        ]  # fmt: skip
    return look


def scatter(**props: object) -> dict:
    return {"type": "scatter", **props}


def curve_figure(
    grid: Grid,
    point: tuple[float, ...],
    value: float,
    gradient: tuple[float, ...] | None,
    output: str,
    window: tuple[float, float],
    theme: str = "light",
    note: str = "",
) -> dict:
    """f over one input with the tangent at the point and the gradient arrow along it.

    Without a gradient (a backward step before the leaf), only the point is drawn.
    """
    (axis,) = grid.axes
    x0, ink = point[0], INK[theme]
    layers = [
        scatter(x=grid.coords[0], y=grid.loss, mode="lines", name=f"{output}({axis.label})",
                line={"color": ink, "width": 2}, meta={"role": "curve"})
    ]  # fmt: skip
    inside = (grid.coords[0] >= window[0]) & (grid.coords[0] <= window[1])
    seen = grid.loss[inside]
    lo, hi = (float(np.nanmin(seen)), float(np.nanmax(seen))) if np.isfinite(seen).any() else (0, 1)
    pad = 0.08 * (hi - lo) if hi - lo > 1e-9 * max(abs(lo), abs(hi)) else 0.1 * max(abs(hi), 1.0)
    y_range = (lo - pad, hi + pad)  # a flat curve (a constant f, however large) still gets a visible band
    x_span, y_span = window[1] - window[0], y_range[1] - y_range[0]
    if gradient is not None:
        layers += _tangent_and_arrow(x0, value, gradient[0], (x_span, y_span), f"d{output}/d{axis.label}")
    layers.append(
        scatter(x=[x0], y=[value], mode="markers", name=f"{axis.label} = {fmt(x0)}",
                marker={"color": ink, "size": 10}, meta={"role": "point"})
    )  # fmt: skip
    axes = {"xaxis": {"title": {"text": axis.label}, "range": list(window)},
            "yaxis": {"title": {"text": output}, "range": list(y_range)}}  # fmt: skip
    return finish(layers, layout(f"{output} over {axis.label}", theme, note, **axes))


def _tangent_and_arrow(
    x0: float, value: float, g: float, spans: tuple[float, float], name: str
) -> list[dict]:
    x_span, y_span = spans
    layers = []
    if math.isfinite(g) and math.isfinite(value):
        half = x_span / 8
        tx = np.array([x0 - half, x0 + half])
        layers.append(
            scatter(x=tx, y=value + g * (tx - x0), mode="lines", name="tangent",
                    line={"color": "#ff7f0e", "dash": "dash"})
        )  # fmt: skip
    # Uphill along the tangent, the same on-screen length whatever the slope.
    screen = math.hypot(1 / x_span, g / y_span) if math.isfinite(g) else 0.0
    dx = math.copysign(ARROW_FRACTION / screen, g) if screen and g else 0.0
    layers.append(
        scatter(x=[x0, x0 + dx], y=[value, value + g * dx], mode="lines+markers", name=f"{name} = {fmt(g)}",
                line={"color": GRAD_COLOR, "width": 4}, marker=arrow_marker(),
                meta={"role": "gradient", "gradient": [g]}, customdata=[[g], [g]])
    )  # fmt: skip
    return layers


def _arrow_2d(
    start: tuple[float, float],
    comps: tuple[float, float],
    scale: float,
    name: str,
    tag: str,
    color: str,
    gradient: tuple[float, ...],
) -> dict:
    end = (start[0] + scale * comps[0], start[1] + scale * comps[1])
    below = comps[1] < 0
    return scatter(
        x=[start[0], end[0]],
        y=[start[1], end[1]],
        mode="lines+markers+text",
        name=name,
        line={"color": color, "width": 4},
        text=["", tag],
        textposition="bottom center" if below else "top center",
        textfont={"color": color, "size": 14},
        marker=arrow_marker(),
        meta={"role": "gradient" if color == GRAD_COLOR else "descent", "gradient": list(gradient)},
        customdata=[list(gradient)] * 2,
    )


def loss_layer(grid: Grid, output: str) -> dict:
    """What the contour and the 3D surface share: the grid, its colours, its name."""
    return {"x": grid.coords[0], "y": grid.coords[1], "z": grid.loss, "colorscale": "Viridis",
            "colorbar": {"title": {"text": output}}, "name": output}  # fmt: skip


def plane_span(grid: Grid) -> float:
    """The shorter side of the plotted (input, input) plane: arrows are scaled to it."""
    ax, ay = grid.axes
    return min(ax.hi - ax.lo, ay.hi - ay.lo)


def contour_figure(
    grid: Grid,
    point: tuple[float, ...],
    gradient: tuple[float, ...] | None,
    output: str,
    theme: str = "light",
    note: str = "",
) -> dict:
    """Contours of the loss with ∇L and −∇L at the point."""
    ax, ay = grid.axes
    layers = [{"type": "contour", **loss_layer(grid, output), "ncontours": 30}]
    if gradient is not None:
        layers += _contour_arrows(point, gradient, output, plane_span(grid))
    layers.append(
        scatter(x=[point[0]], y=[point[1]], mode="markers", name="current point",
                marker={"color": INK[theme], "size": 11, "line": {"color": POINT_COLOR, "width": 2}})
    )  # fmt: skip
    axes = {"xaxis": {"title": {"text": ax.label}, "range": [ax.lo, ax.hi]},
            "yaxis": {"title": {"text": ay.label}, "range": [ay.lo, ay.hi]}}  # fmt: skip
    return finish(layers, layout(f"{output} over ({ax.label}, {ay.label}): contours", theme, note, **axes))


def _contour_arrows(
    point: tuple[float, ...], gradient: tuple[float, ...], output: str, span: float
) -> list[dict]:
    s = arrow_scale(gradient, span)
    g, at = (gradient[0], gradient[1]), (point[0], point[1])
    grad_name = f"∇{output} = ({fmt(g[0])}, {fmt(g[1])})"
    return [
        _arrow_2d(at, g, s, grad_name, f"∇{output}", GRAD_COLOR, gradient),
        _arrow_2d(at, (-g[0], -g[1]), s, f"−∇{output} (descent)", f"−∇{output}", DESCENT_COLOR, gradient),
    ]
