"""A contour plot on a phone: its colour bar under the plot, not beside it.

Beside the plot, on a 390 px screen, the bar and its tick labels took ~100 px of the figure's
~360: the equal-scale square was ~190 px across, and the bar, as tall as the plotting area,
stood well above and below it. Under the plot (between the x axis's title and the legend) the
square gets the figure's width, and the plotting area is made as tall as the square is wide.
"""

from __future__ import annotations

from viz.plot_style import COLOUR_BAR, axis_title_px

BAR_PX = 12  # the bar's thickness
RIGHT_PX = 20  # the right margin once the bar is not there


def bar_under_plot(spec: dict, width_px: float, most_px: int = 0) -> dict:
    """``spec`` for a figure ``width_px`` wide and at most ``most_px`` high (if given), its colour
    bar under the plot; a figure without a colour bar only ``most_px`` high. The bar is placed in
    the plotting area's units, which plotly does not widen a margin for. A new dict: a figure may
    be shared between sessions."""
    look = spec["layout"]
    if not any(t["type"] in COLOUR_BAR for t in spec["data"]):
        return spec | {"layout": look | {"height": most_px}} if most_px else spec
    size, margin = look["font"]["size"], look["margin"]
    bar_px = BAR_PX + 2 * round(1.3 * size) + 8  # the bar, its tick labels and its title
    margin = margin | {"r": RIGHT_PX, "b": margin["b"] + bar_px}
    area = max(120, round(width_px - margin["l"] - RIGHT_PX))  # a square as wide as the figure allows
    height = margin["t"] + area + margin["b"]
    if most_px and most_px < height:
        area, height = max(60, most_px - margin["t"] - margin["b"]), most_px
    bar = {
        "orientation": "h", "thickness": BAR_PX, "len": 1, "lenmode": "fraction",
        "x": 0, "xanchor": "left", "xpad": 0, "y": -axis_title_px(size) / area, "yanchor": "top", "ypad": 0,
    }  # fmt: skip
    data = [_under(t, bar) if t["type"] in COLOUR_BAR else t for t in spec["data"]]
    return {"data": data, "layout": look | {"margin": margin, "height": height}}


def _under(trace: dict, bar: dict) -> dict:
    given = trace.get("colorbar", {})
    title = given.get("title", {}) | {"side": "top"}
    return trace | {"colorbar": given | bar | {"title": title}}
