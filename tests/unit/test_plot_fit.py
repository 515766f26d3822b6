"""An equal-scale figure's width on the page: exactly its margins and a plotting area whose
px per unit are the same along both axes, so the colour bar stands beside the square."""

import copy
import json

import pytest

from tests.samples import view_of
from viz.plot_fit import BAR_GAP_PX, bar_beside_square, equal_scale_width
from viz.scenario import REGISTRY
from viz.state import plot_kinds

CONTOURS = [s for s in REGISTRY if "contour" in plot_kinds(len(view_of({"scenario": s}).state.axes))]


def _same(a: dict, b: dict) -> bool:
    as_text = lambda spec: json.dumps(spec, sort_keys=True, default=lambda v: v.tolist())  # noqa: E731
    return as_text(a) == as_text(b)


def _px_per_unit(layout: dict, width: int) -> tuple[float, float]:
    m, x, y = layout["margin"], layout["xaxis"]["range"], layout["yaxis"]["range"]
    area_w, area_h = width - 2 - m["l"] - m["r"], layout["height"] - m["t"] - m["b"]
    return area_w / abs(x[1] - x[0]), area_h / abs(y[1] - y[0])


@pytest.mark.parametrize("scenario_id", CONTOURS)
def test_every_contour_is_as_wide_as_its_equal_scale_square(scenario_id: str) -> None:
    layout = view_of({"scenario": scenario_id, "plot": "contour"}).figure["layout"]
    per_x, per_y = _px_per_unit(layout, equal_scale_width(layout) or 0)
    assert per_x == pytest.approx(per_y, rel=0.002)  # the width is whole px: half a px over ~420


RECTANGLES = [((0, 4), (0, 1), 1), ((-1, 1), (0, 4), 1), ((0, 2), (0, 2), 2)]


@pytest.mark.parametrize(("x", "y", "ratio"), RECTANGLES)
def test_a_rectangle_keeps_its_proportions(x: tuple, y: tuple, ratio: float) -> None:
    layout = {
        "height": 500, "margin": {"l": 50, "r": 90, "t": 40, "b": 60}, "xaxis": {"range": list(x)},
        "yaxis": {"range": list(y), "scaleanchor": "x", "scaleratio": ratio},
    }  # fmt: skip
    per_x, per_y = _px_per_unit(layout, equal_scale_width(layout) or 0)
    assert per_y == pytest.approx(ratio * per_x, rel=0.005)  # a y unit is ``scaleratio`` x units long


@pytest.mark.parametrize("kind", ["curve", "surface3d"])
def test_a_plot_without_equal_scales_takes_the_column(kind: str) -> None:
    scenario_id = "square" if kind == "curve" else "logistic_bce"
    assert equal_scale_width(view_of({"scenario": scenario_id, "plot": kind}).figure["layout"]) is None


@pytest.mark.parametrize("scenario_id", CONTOURS)
def test_presenter_mode_moves_the_bar_beside_the_centred_square(scenario_id: str) -> None:
    spec = view_of({"scenario": scenario_id, "plot": "contour"}).figure
    before = copy.deepcopy(spec)
    width = 1400  # a wide screen, the plot alone: plotly centres the square in the plotting area
    moved = bar_beside_square(spec, width)
    assert _same(spec, before)  # a figure may be shared between sessions: never changed in place
    m, need = spec["layout"]["margin"], equal_scale_width(spec["layout"]) or 0
    area, square = width - m["l"] - m["r"], need - 2 - m["l"] - m["r"]
    (bar,) = [t["colorbar"] for t in moved["data"] if "colorbar" in t]
    assert m["l"] + bar["x"] * area - (m["l"] + (area + square) / 2) == pytest.approx(BAR_GAP_PX)
    assert bar["xanchor"] == "left" and bar["title"] == before["data"][0]["colorbar"]["title"]
    assert _same(bar_beside_square(spec, need), before)  # a column no wider than the need: as it was
