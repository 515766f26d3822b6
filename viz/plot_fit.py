"""How wide a figure with an equal-scale plotting area needs to be.

A contour's axes share one scale, so its plotting area is as wide as its height allows
(``PLOT_AREA_PX`` × the x range over the y range), and no wider. Given a whole column
(860 px on a 1024 px projector), plotly centres that square in the column and leaves the
colour bar at the column's right edge: measured, ~165 px of blank between the plot and the
scale it is read by. Drawn only as wide as it needs, the bar stands beside the square.
"""

from __future__ import annotations


def equal_scale_width(layout: dict) -> int | None:
    """The figure's width in px when its y axis is tied to its x axis (``scaleanchor``) and its
    height is set: the margins and the plotting area's width at that height; else None."""
    x, y = layout.get("xaxis", {}), layout.get("yaxis", {})
    if y.get("scaleanchor") != "x" or "height" not in layout or "range" not in x or "range" not in y:
        return None
    margin = layout["margin"]
    area_h = layout["height"] - margin["t"] - margin["b"]
    x_span, y_span = abs(x["range"][1] - x["range"][0]), abs(y["range"][1] - y["range"][0])
    if area_h <= 0 or not x_span or not y_span:
        return None
    px_per_x = area_h / (y_span * y.get("scaleratio", 1))  # a y unit is ``scaleratio`` x units long
    return round(margin["l"] + margin["r"] + x_span * px_per_x) + 2  # +2: plotly rounds each part


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
