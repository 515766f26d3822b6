"""The Hessian of many inputs as a picture: one coloured cell per second derivative.

Thirteen inputs make 169 numbers (91 distinct pairs): no one reads that table from the
back of a room, and the page took ~130 ms to redraw it on each move. Colour shows what a
table hides (signs, which weights are coupled); hovering a cell gives its number, and the
row the page compares three ways is outlined. The scale is symmetric about 0, so white is
no curvature, whatever the largest entry.
"""

from __future__ import annotations

import math

from viz.numbers import fmt
from viz.plot_style import FONT_SIZES, INK, layout
from viz.second import Hessian

MANY = 4  # more coordinates than this: the heatmap and one compared row, not whole tables
CELL_PX = 40  # a cell's side at the figure's designed size; a narrow page scales it down
# Blue below 0, near-white at 0, red above (ColorBrewer's red-blue, readable with red-green colour blindness).
DIVERGING = [[0.0, "#2166ac"], [0.25, "#67a9cf"], [0.5, "#f7f7f7"], [0.75, "#ef8a62"], [1.0, "#b2182b"]]


def peak(h: Hessian) -> float:
    """The colour scale's end: the largest finite |entry| (1 when every entry is 0)."""
    finite = [abs(v) for row in h.autograd for v in row if math.isfinite(v)]
    return max(finite, default=0.0) or 1.0


def hessian_figure(h: Hessian, row: int, output: str, theme: str, font_size: int = 0) -> dict:
    """Rows top to bottom and columns left to right in the coordinates' order, square cells."""
    n, labels = len(h.labels), list(h.labels)
    size = font_size or FONT_SIZES[theme]
    end = peak(h)
    heat = {
        "type": "heatmap",
        "x": labels,
        "y": labels,
        "z": [[v if math.isfinite(v) else None for v in r] for r in h.autograd],
        "text": [[fmt(v) for v in r] for r in h.autograd],
        "hovertemplate": f"∂²{output}/∂%{{y}}∂%{{x}} = %{{text}}<extra></extra>",
        "colorscale": DIVERGING,
        "zmin": -end,
        "zmax": end,
        "colorbar": {"title": {"text": f"∂²{output}"}, "thickness": 14},
        "meta": {"role": "hessian"},
    }
    outline = {
        "type": "rect",
        "xref": "x",
        "yref": "y",
        "x0": -0.5,
        "x1": n - 0.5,
        "y0": row - 0.5,
        "y1": row + 0.5,
        "line": {"color": INK[theme], "width": 3},
    }
    longest = max(len(label) for label in labels)
    margin = {
        "l": 20 + round(0.6 * size * longest),
        "r": 30 + 5 * size,
        "t": 40 + 2 * size,
        "b": 10 + round(0.6 * size * longest),
    }
    look = layout(f"∇²{output} (autograd)", theme, "", size, margin=margin, shapes=[outline])
    look["height"] = margin["t"] + margin["b"] + CELL_PX * n
    look["width"] = margin["l"] + margin["r"] + CELL_PX * n
    look["xaxis"] = {"side": "bottom", "tickangle": -90, "showgrid": False, "constrain": "domain"}
    look["yaxis"] = {"autorange": "reversed", "scaleanchor": "x", "showgrid": False, "constrain": "domain"}
    return {"data": [heat], "layout": look}
