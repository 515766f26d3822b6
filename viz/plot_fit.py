"""How wide a figure with an equal-scale plotting area needs to be.

A contour's axes share one scale, so its plotting area is as wide as its height allows
(``PLOT_AREA_PX`` × the x range over the y range), and no wider. Given a whole column
(860 px on a 1024 px projector), plotly centres that square in the column and leaves the
colour bar at the column's right edge: measured, ~165 px of blank between the plot and the
scale it is read by. Drawn only as wide as it needs, the bar stands beside the square.
Presenter mode knows its window: a small square gets the legend's rows, and every axis
only as many tick labels as it has room for.
"""

from __future__ import annotations

import math

import numpy as np

from viz.plot_style import axis_title_px

FEWEST_TICKS = 5  # plotly's own count on a short axis: fewer are set only where these do not fit


def _square_spans(layout: dict) -> tuple[float, float] | None:
    """The x and y axes' spans in x units when y is tied to x (``scaleanchor``: a y unit is
    ``scaleratio`` x units long), else None: the proportions of an equal-scale plotting area."""
    x, y = layout.get("xaxis", {}), layout.get("yaxis", {})
    if y.get("scaleanchor") != "x" or "range" not in x or "range" not in y:
        return None
    x_span = abs(x["range"][1] - x["range"][0])
    y_span = abs(y["range"][1] - y["range"][0]) * y.get("scaleratio", 1)
    return (x_span, y_span) if x_span and y_span else None


def equal_scale_width(layout: dict) -> int | None:
    """The figure's width in px when its y axis is tied to its x axis (``scaleanchor``) and its
    height is set: the margins and the plotting area's width at that height; else None."""
    spans = _square_spans(layout)
    if spans is None or "height" not in layout:
        return None
    margin = layout["margin"]
    area_h = layout["height"] - margin["t"] - margin["b"]
    if area_h <= 0:
        return None
    return round(margin["l"] + margin["r"] + area_h * spans[0] / spans[1]) + 2  # +2: plotly rounds each part


BAR_GAP_PX = 12  # between the square's right edge and its colour bar


def bar_beside_square(spec: dict, width_px: float) -> dict:
    """``spec`` drawn ``width_px`` wide (presenter mode knows its width; its title is wrapped to
    it, so the figure keeps that width): the colour bar moved from the figure's right edge to
    beside the equal-scale square, which plotly centres in the plotting area. A new dict."""
    look = spec["layout"]
    need = equal_scale_width(look)
    if need is None or need >= width_px:
        return spec
    margin = look["margin"]
    area, square = width_px - margin["l"] - margin["r"], need - 2 - margin["l"] - margin["r"]
    x = 0.5 + square / (2 * area) + BAR_GAP_PX / area  # in the plotting area's fractions
    bar = {"x": x, "xanchor": "left", "xpad": 0}
    data = [t | {"colorbar": t.get("colorbar", {}) | bar} if "colorbar" in t else t for t in spec["data"]]
    return spec | {"data": data}


SMALLEST_SQUARE_PX = 200  # presenter mode: below this the legend gives its rows to the square
SMALLEST_AREA_PX = 120  # presenter mode: the plotting area's least height, should the window be short


def _drawn_area(look: dict, width_px: float) -> tuple[float, float]:
    """The plotting area's width and height in px as plotly will draw it in a figure ``width_px``
    wide: with equal scales, the largest rectangle of the axes' proportions that fits."""
    margin, spans = look["margin"], _square_spans(look)
    w, h = width_px - margin["l"] - margin["r"], look["height"] - margin["t"] - margin["b"]
    if spans is not None:
        w = min(w, h * spans[0] / spans[1])
        h = w * spans[1] / spans[0]
    return w, h


def _is_path(trace: dict) -> bool:
    return (trace.get("meta") or {}).get("role") == "path"


def room_for_the_plot(spec: dict, width_px: float) -> dict:
    """Presenter mode beside the graph, on a 1024×768 projector: the title, the legend's rows and
    the axis left an equal-scale square of 78 px (in a 900×600 window, nothing: the plot was not
    drawn at all). A square's legend only repeats what the plot says (the arrows are labelled at
    their tips, the graph holds the numbers), so a square smaller than ``SMALLEST_SQUARE_PX``
    takes the legend's rows, all but the descent path's; and the plotting area is never less than
    ``SMALLEST_AREA_PX`` high (the figure grows: a short window scrolls rather than lose the
    plot). A new dict."""
    look = spec["layout"]
    margin, square = look["margin"], look.get("yaxis", {}).get("scaleanchor") == "x"
    legend_px = margin["b"] - axis_title_px(look["font"]["size"])
    shown = look.get("showlegend") is not False and legend_px > 0
    if square and shown and min(_drawn_area(look, width_px)) < SMALLEST_SQUARE_PX:
        # The descent path keeps its row: nothing else on the square says what it is.
        paths = sum(map(_is_path, spec["data"]))
        margin = margin | {"b": margin["b"] - legend_px + paths * round(1.6 * look["font"]["size"])}
        look = look | {"showlegend": paths > 0, "margin": margin}
        spec = spec | {"data": [t if _is_path(t) else t | {"showlegend": False} for t in spec["data"]]}
    least = margin["t"] + margin["b"] + SMALLEST_AREA_PX
    return spec | {"layout": look | {"height": max(look["height"], least)}}


def _label_chars(axis: dict) -> int:
    """The widest tick label an axis is likely to draw: its ticks are round numbers, as long as
    the integer part of its range's larger end, a sign, and decimals on a short range."""
    ends = axis.get("range")
    if not ends:
        return 4
    span = abs(ends[1] - ends[0])
    whole = max(len(str(int(abs(v)))) for v in ends)
    return whole + (min(ends) < 0) + (2 if span < 5 else 0)


def ticks_that_fit(spec: dict, width_px: float) -> dict:
    """At most as many ticks as each drawn axis has room for at the figure's type size. Plotly's
    own count does not heed the type, so a small plot's labels ran into each other (a 78 px square
    in 20 px type: −10 −5 0 5 10 turned on their side and overlapping, the colour bar's 150, 100
    and 50 on top of each other). Long axes are left to plotly. A new dict."""
    look = spec["layout"]
    size = look["font"]["size"]
    w, h = _drawn_area(look, width_px)
    label = {"xaxis": (0.6 * _label_chars(look.get("xaxis", {})) + 1) * size, "yaxis": 2 * size}
    label["yaxis2"] = label["yaxis"]
    most = {name: int((w if name == "xaxis" else h) // px) + 1 for name, px in label.items()}
    changes = {
        name: look[name] | {"nticks": max(2, n)}
        for name, n in most.items()
        if name in look and n < FEWEST_TICKS
    }
    bar_px = h - 2 * size  # the bar's title stands on its top
    data = spec["data"]
    if bar_px < FEWEST_TICKS * 2 * size:
        data = [
            t | {"colorbar": t["colorbar"] | _bar_ticks(t, bar_px, size)} if "colorbar" in t else t
            for t in data
        ]
    return spec | {"data": data, "layout": look | changes}


def _bar_ticks(trace: dict, bar_px: float, size: int) -> dict:
    """The finest round step whose ticks stand 1.6 × the type apart on a bar ``bar_px`` long,
    inside the colours' range: plotly's own choice could put them on top of each other, or
    leave one (100 on a 0–199 bar) where three fit."""
    z = np.asarray(trace.get("z", ()), dtype=float)
    z = z[np.isfinite(z)]
    if not z.size or z.min() == z.max() or bar_px <= 0:
        return {}
    lo, hi = float(z.min()), float(z.max())
    exponent = math.floor(math.log10(hi - lo)) - 2
    for step in (m * 10.0**e for e in range(exponent, exponent + 5) for m in (1, 2, 2.5, 5)):
        ticks = [k * step for k in range(math.ceil(lo / step), math.floor(hi / step) + 1)]
        if step * bar_px / (hi - lo) >= 1.6 * size and ticks:
            return {"tickmode": "array", "tickvals": [round(v, 12) for v in ticks]}
    return {}
