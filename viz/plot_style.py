"""What every plot shares: themes, colours, the arrow head, the legend and margins.

Figures are plain specs (``{"data": [...], "layout": {...}}``), not plotly objects:
building, validating and garbage-collecting the object tree cost ~10-30 ms per
figure on every slider move. The unit tests validate every kind and theme.
"""

from __future__ import annotations

import math
from functools import cache

import numpy as np
import plotly.io as pio

GRAD_COLOR = "#d62728"  # ∇: solid line
DESCENT_COLOR = "#1f77b4"  # −∇: dashed line (a second cue besides colour)
TANGENT_COLOR = "#e66100"
SLOPE_COLOR = "#6a3d9a"
PARABOLA_COLOR = "#009e73"  # the second-order parabola: dash-dot (order=2)
ARROW_FRACTION = 0.15  # the drawn arrow's length as a share of the visible range
TEMPLATES = {
    "light": "plotly_white",
    "dark": "plotly_dark",
    "slide": "plotly_white",
    "slide_dark": "plotly_dark",
}
FONT_SIZES = {"light": 13, "dark": 13, "slide": 20, "slide_dark": 20}
INK = {"light": "#111111", "dark": "#f0f0f0", "slide": "#111111", "slide_dark": "#f5f5f5"}  # point and curve
MASKED = {"light": "#a8a8a8", "dark": "#5c5c5c", "slide": "#a8a8a8", "slide_dark": "#5c5c5c"}  # not finite
NOTE_COLOR = {"light": "#b00020", "dark": "#ff8a80", "slide": "#b00020", "slide_dark": "#ff8a80"}
HALO = "#ffffff"  # behind the arrows' tip labels: red and blue both read on it at WCAG AA
TRANSPARENT = "rgba(0,0,0,0)"
LEGEND_SYMBOL_PX = 40  # the line or marker sample before a legend name
NARROWEST_PX = 370  # the figure's width on the page in a 1280 px window; legend columns must fit it
PHONE_FIGURE_PX = 330  # the figure's width on a 360 px phone: the page's titles are wrapped to fit it
TITLE_SCALE = 1.4  # plotly draws the title at 1.4 × the layout's font size
PLOT_AREA_PX = {"curve": 310, "contour": 420, "surface3d": 460}  # the plotting area's height
USED_TRACES = ("scatter", "contour", "surface", "scatter3d", "cone")
NO_LEGEND_ENTRY = ("contour", "surface", "cone")  # plotly leaves these out of the legend by default
COLOUR_BAR = ("contour",)


def arrow_marker() -> dict:
    """An arrow head at the segment's end, pointing along it (a fresh dict per layer)."""
    return {"symbol": ["circle", "arrow"], "size": [1, 16], "angleref": "previous"}


@cache
def _template(theme: str) -> dict:
    """The theme's plotly template, trimmed to the trace types drawn here (a smaller message).

    Every figure of a theme shares this one dict: read it, never change it.
    """
    full = pio.templates[TEMPLATES[theme]].to_plotly_json()
    return {"layout": full["layout"], "data": {k: v for k, v in full["data"].items() if k in USED_TRACES}}


def prepare_templates() -> None:
    """Load the theme templates once, before the first figure needs them."""
    for theme in TEMPLATES:
        _template(theme)


def scatter(**props: object) -> dict:
    return {"type": "scatter", **props}


def arrow_scale(components: tuple[float, ...], span: float) -> float:
    norm = math.hypot(*components)
    return 0.0 if norm == 0 or not math.isfinite(norm) else ARROW_FRACTION * span / norm


def masked_entry(theme: str, output: str, dtype: str) -> dict:
    """A legend entry saying what the grey marks (the cells where the output is not finite)."""
    return scatter(
        x=[None],
        y=[None],
        mode="markers",
        name=f"grey: {output} not finite in {dtype}",
        marker={"symbol": "square", "size": 14, "color": MASKED[theme]},
        meta={"role": "masked"},
    )


PRESENTER_FONT = 20  # presenter mode: type to read from the back of the room, whatever the theme


def note_size(font_size: int) -> int:
    """A note under the title: smaller than the title, large enough to read where the type is large."""
    return max(11, round(0.65 * font_size))


def wrapped(text: str, size: float, width_px: float) -> list[str]:
    """``text`` in lines that fit ``width_px`` at ``size`` px (plotly wraps neither a title nor a
    note: a longer line is cut at the figure's edge). 0.55 em a character is a wide estimate."""
    room = max(12, int(width_px / (0.55 * size)))
    lines: list[str] = []
    for word in text.split(" "):
        if lines and len(lines[-1]) + 1 + len(word) <= room:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


def fit_title(layout: dict, width_px: float) -> dict:
    """The layout with its title wrapped to a figure ``width_px`` wide, and a top margin that holds
    it: plotly puts the first line's baseline at the middle of the top margin and the others under
    it, down to the note on the plot's top edge. The plotting area keeps its size; a 3D scene's
    title is set smaller instead. A new dict: a figure may be shared between sessions."""
    size = TITLE_SCALE * layout["font"]["size"]
    given = layout["title"]["text"].split("<br>")
    if "scene" in layout:  # a 3D scene keeps its height (its camera is fitted to it): smaller type
        longest = max(len(part) for part in given)
        if 0.55 * size * longest <= 0.97 * width_px:
            return layout
        smaller = max(10, int(0.97 * width_px / (0.55 * longest)))
        return layout | {"title": layout["title"] | {"font": {"size": smaller}}}
    lines = [line for part in given for line in wrapped(part, size, 0.97 * width_px)]
    if len(lines) == 1:
        return layout
    notes = layout.get("annotations", ())[:1]
    note_px = sum((n["text"].count("<br>") + 1) * round(1.3 * n["font"]["size"]) for n in notes)
    under_first = (len(lines) - 1) * round(1.3 * size) + 0.35 * size + note_px + 4
    top = max(layout["margin"]["t"], round(2 * under_first))
    grow = top - layout["margin"]["t"]
    title = layout["title"] | {"text": "<br>".join(lines)}
    height = {"height": layout["height"] + grow} if "height" in layout else {}
    return layout | {"title": title, "margin": layout["margin"] | {"t": top}} | height


def fit_note(layout: dict, width_px: float) -> dict:
    """The note re-wrapped, if it must be, to the room right of the plot's left edge (where it
    starts) in a figure ``width_px`` wide; the top margin grows by its extra lines. Notes are
    wrapped for the page's narrowest figure when built; presenter mode's type is larger and a
    phone's figure narrower. A new dict, as ``fit_title``."""
    if not layout.get("annotations"):
        return layout
    note = layout["annotations"][0]
    size, given = note["font"]["size"], note["text"].split("<br>")
    room = 0.97 * width_px - layout["margin"]["l"]
    if all(0.55 * size * len(line) <= room for line in given):
        return layout
    lines = wrapped(" ".join(given), size, room)
    grow = max(0, len(lines) - len(given)) * round(1.3 * size)
    notes = [note | {"text": "<br>".join(lines)}, *layout["annotations"][1:]]
    height = {"height": layout["height"] + grow} if "height" in layout else {}
    margin = layout["margin"] | {"t": layout["margin"]["t"] + grow}
    return layout | {"annotations": notes, "margin": margin} | height


def layout(title: str, theme: str, note: str, font_size: int = 0, **extra: object) -> dict:
    """One look per theme, the same for the page and the exports: light, dark, and the
    slide themes (transparent background and large type, for light or dark slides)."""
    look: dict = {
        "template": _template(theme),
        "title": {"text": title, "x": 0.01},
        "font": {"size": font_size or FONT_SIZES[theme]},
        **extra,
    }
    if theme.startswith("slide"):
        look.update(paper_bgcolor=TRANSPARENT, plot_bgcolor=TRANSPARENT)
    if note:
        size = note_size(look["font"]["size"])
        look["annotations"] = [
            {
                "text": "<br>".join(wrapped(note, size, NARROWEST_PX)),
                "xref": "paper",
                "yref": "paper",
                "x": 0,
                "y": 1.0,
                "yanchor": "bottom",
                "showarrow": False,
                "font": {"size": size, "color": NOTE_COLOR[theme]},
                "align": "left",
            }
        ]
    return look


def finish(layers: list[dict], layout: dict, kind: str = "curve") -> dict:
    """A figure spec: what ``go.Figure`` and ``st.plotly_chart`` take."""
    size = layout.get("font", {}).get("size", FONT_SIZES["light"])
    layout["legend"], layout["margin"] = legend_and_margins(layers, size, kind)
    for note in layout.get("annotations", ())[:1]:  # the note's extra lines sit under the title
        layout["margin"]["t"] += note["text"].count("<br>") * round(1.3 * note["font"]["size"])
    layout.setdefault("height", layout["margin"]["t"] + PLOT_AREA_PX[kind] + layout["margin"]["b"])
    return {"data": layers, "layout": layout}


def bar_label_chars(layers: list[dict]) -> int:
    """The widest colour-bar tick label, estimated from the range: a narrow range (a loss that
    barely changes, 0.7525 to 0.7575) gets ticks with more decimals than plotly's default room."""
    grids = [np.asarray(t.get("z", ()), dtype=float).ravel() for t in layers if t["type"] in COLOUR_BAR]
    values = np.concatenate([np.array([]), *grids])  # None becomes nan
    values = values[np.isfinite(values)]
    if not values.size or values.max() == values.min():
        return 0
    lo, hi = float(values.min()), float(values.max())
    decimals = max(0, 1 - math.floor(math.log10((hi - lo) / 5)))
    return max(len(f"{v:.{decimals}f}") for v in (lo, hi))


def axis_title_px(size: int) -> int:
    """The x axis's tick labels and title, under a flat plot: the bottom margin's top part."""
    return 4 * size + 16


def legend_and_margins(layers: list[dict], size: int, kind: str = "curve") -> tuple[dict, dict]:
    """Room for everything around the plot, known before plotly draws it.

    A margin too small for the legend, the tick labels or the colour bar makes plotly
    draw the figure twice (auto-margin), and the page draws the plot anew on every
    slider move: measured, that second pass was a third of the browser's plot time.
    The legend sits at the foot of the figure in equal columns (two when every name
    fits half of the narrowest plotting area, else one), so its rows are known whatever
    the width; plotly still widens a margin that is short (a long tick label).
    """
    bar = any(t["type"] in COLOUR_BAR for t in layers)
    second_axis = any(t.get("yaxis") == "y2" for t in layers)
    left, right = (
        5 * size,
        30 + round(max(5, 0.6 * bar_label_chars(layers) + 1.8) * size) * (bar or second_axis),
    )
    if kind == "surface3d":  # the scene draws its own axes inside the figure
        left, right = 10, 10
    names = [t.get("name", "") for t in layers if t.get("showlegend", t["type"] not in NO_LEGEND_ENTRY)]
    widest = LEGEND_SYMBOL_PX + 0.5 * size * max((len(name) for name in names), default=0)
    columns = 2 if 2 * widest <= NARROWEST_PX - left - right else 1
    rows = -(-len(names) // columns)
    # Below the plot, from its left edge: one column is a plain list (it may run wider than a narrow,
    # equal-scale plotting area without being cut); two columns share the plotting area's width.
    legend = {"xref": "paper", "x": 0, "xanchor": "left", "yref": "container", "y": 0, "yanchor": "bottom"}
    if columns == 2:
        legend |= {"orientation": "h", "entrywidthmode": "fraction", "entrywidth": 0.5}
    bottom = rows * round(1.6 * size) + (16 if kind == "surface3d" else axis_title_px(size))
    margin = {"l": left, "r": right, "t": 60, "b": bottom}
    return legend, margin


def grouped(name: str) -> str:
    """A name that is a product, in parentheses where an operator follows: ∇(v·y), not ∇v·y."""
    return f"({name})" if "·" in name and not name.startswith("(") else name
