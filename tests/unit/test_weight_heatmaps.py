"""The weight heatmaps' layout, in the pixels a student sees: every label on a line of its own
(a label drawn over the heatmap above hid its last row), and on a phone, one heatmap under the
other with cells wide enough for their numbers."""

from __future__ import annotations

import pytest

from tests.unit.test_network import MLP, state
from viz.backward import record
from viz.plot_network import weight_figure
from viz.plot_style import FONT_SIZES

LINE = 1.2  # a line of text is ~1.2 × its font size tall
CHAR = 0.6  # a digit or a minus is ~0.6 × the font size wide


def boxes(figure: dict) -> tuple[list[tuple[float, float, float]], list[tuple[float, float, float]]]:
    """(left, bottom, top) in pixels from the plotting area's bottom: every label's, every map's."""
    look = figure["layout"]
    area = look["height"] - look["margin"]["t"] - look["margin"]["b"]
    font = look["annotations"][0]["font"]["size"]
    labels = []
    for note in look["annotations"]:
        y = note["y"] * area
        labels.append(
            (note["x"], y - LINE * font, y) if note["yanchor"] == "top" else (note["x"], y, y + LINE * font)
        )
    maps = [
        (
            look[f"xaxis{n}"]["domain"][0],
            look[f"yaxis{n}"]["domain"][0] * area,
            look[f"yaxis{n}"]["domain"][1] * area,
        )
        for n in range(1, len(look["annotations"]) + 1)
    ]
    return labels, maps


@pytest.mark.parametrize("columns", [1, 2])
@pytest.mark.parametrize("theme", ["light", "slide"])
def test_every_label_has_a_line_of_its_own(theme: str, columns: int) -> None:
    figure = weight_figure(record(MLP, state()[0].values), theme, columns)
    labels, maps = boxes(figure)
    for x, bottom, top in labels:
        over = [m for m in maps if abs(m[0] - x) < 1e-9 and m[1] < top - 0.5 and m[2] > bottom + 0.5]
        assert over == [], (x, bottom, top, over)


@pytest.mark.parametrize("theme", ["light", "slide"])
def test_a_phones_heatmap_cell_holds_its_number(theme: str) -> None:
    """A 390 px phone's figure is 358 px wide; side by side, W2's cells were ~47 px for "-0.1745"."""
    figure = weight_figure(record(MLP, state()[0].values), theme, columns=1)
    look = figure["layout"]
    width = 358 - look["margin"]["l"] - look["margin"]["r"]
    for trace in figure["data"]:
        domain = look[trace["xaxis"].replace("x", "xaxis")]["domain"]
        cell = (domain[1] - domain[0]) * width / len(trace["z"][0])
        longest = max(len(t) for row in trace["text"] for t in row)
        assert cell >= CHAR * FONT_SIZES[theme] * longest + 8, (trace["xaxis"], cell, longest)
