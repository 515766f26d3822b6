"""An equal-scale figure's width on the page: exactly its margins and a plotting area whose
px per unit are the same along both axes, so the colour bar stands beside the square."""

import copy
import json

import numpy as np
import pytest

from tests.samples import view_of, working_state
from viz.plot_fit import (
    BAR_GAP_PX,
    SMALLEST_AREA_PX,
    bar_beside_square,
    equal_scale_width,
    room_for_the_plot,
    ticks_that_fit,
)
from viz.plot_style import axis_title_px, fit_note, fit_title
from viz.scenario import REGISTRY
from viz.state import plot_kinds, to_query

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


def _presenter(scenario_id: str, width: float, height: int) -> dict:
    """The contour as presenter mode hands it to the page: its title wrapped, its height set."""
    spec = view_of(to_query(working_state(scenario_id)) | {"plot": "contour", "present": "1"}).figure
    return spec | {"layout": fit_title(fit_note(spec["layout"], width), width) | {"height": height}}


def _square(layout: dict, width: float) -> float:
    """The equal-scale square's side as plotly draws it (every contour's ranges are equal)."""
    m = layout["margin"]
    return min(width - m["l"] - m["r"], layout["height"] - m["t"] - m["b"])


@pytest.mark.parametrize("scenario_id", CONTOURS)
def test_a_small_square_takes_the_legends_rows(scenario_id: str) -> None:
    spec = _presenter(scenario_id, 445, 442)  # beside the graph on a 1024×768 projector
    before = copy.deepcopy(spec)
    roomy = room_for_the_plot(spec, 445)["layout"]
    assert _same(spec, before)
    assert roomy["showlegend"] is False and roomy["margin"]["b"] == axis_title_px(roomy["font"]["size"])
    assert _square(roomy, 445) >= _square(spec["layout"], 445) + 40 and roomy["height"] == 442


@pytest.mark.parametrize("scenario_id", CONTOURS)
def test_a_large_square_keeps_its_legend_and_its_ticks(scenario_id: str) -> None:
    spec = _presenter(scenario_id, 1300, 900)  # the plot alone at 1920×1080
    assert _same(ticks_that_fit(room_for_the_plot(spec, 1300), 1300), spec)


@pytest.mark.parametrize("scenario_id", ["square", "custom", "logistic_bce"])
def test_a_short_window_still_draws_the_plot(scenario_id: str) -> None:
    spec = view_of({"scenario": scenario_id, "present": "1"}).figure
    spec = spec | {"layout": spec["layout"] | {"height": 280}}  # presenter mode's least figure
    layout = room_for_the_plot(spec, 390)["layout"]
    assert layout["height"] - layout["margin"]["t"] - layout["margin"]["b"] >= SMALLEST_AREA_PX


@pytest.mark.parametrize("window", [(445, 442), (388, 280)], ids=["1024x768", "900x600"])
@pytest.mark.parametrize("scenario_id", CONTOURS)
def test_a_small_colour_bar_gets_round_ticks_apart_inside_its_colours(scenario_id: str, window) -> None:
    width, height = window  # the plot's column beside the graph, and its height
    spec = room_for_the_plot(_presenter(scenario_id, width, height), width)
    fitted = ticks_that_fit(spec, width)
    (trace,) = [t for t in fitted["data"] if "colorbar" in t]
    z = np.asarray(trace["z"], dtype=float)
    lo, hi = np.nanmin(z), np.nanmax(z)
    size = fitted["layout"]["font"]["size"]
    bar_px = _square(fitted["layout"], width) - 2 * size  # the bar's title stands on its top
    ticks = trace["colorbar"].get("tickvals", [])
    if bar_px >= 10 * size:  # a long bar: plotly's own ticks
        assert not ticks
        return
    assert ticks and all(lo <= v <= hi for v in ticks)
    if height >= 442:
        assert len(ticks) >= 2
    if len(ticks) > 1:
        steps = np.diff(ticks)
        assert np.allclose(steps, steps[0]) and steps[0] * bar_px / (hi - lo) >= 1.6 * size  # apart
        leading = steps[0] / 10 ** np.floor(np.log10(steps[0]))  # a round step: 1, 2, 2.5 or 5 × 10ⁿ
        assert min(abs(leading - r) for r in (1, 2, 2.5, 5)) < 1e-6


@pytest.mark.parametrize("scenario_id", CONTOURS)
def test_a_short_windows_axes_carry_fewer_ticks(scenario_id: str) -> None:
    spec = room_for_the_plot(_presenter(scenario_id, 388, 280), 388)  # beside the graph at 900×600
    layout = ticks_that_fit(spec, 388)["layout"]
    side, size = _square(layout, 388), layout["font"]["size"]
    assert 3 <= layout["xaxis"]["nticks"] <= 1 + side // (2.8 * size)  # "−10" and a gap: 2.8 × the type
    assert 3 <= layout["yaxis"]["nticks"] <= 1 + side // (2 * size)


def test_a_small_square_keeps_the_descent_paths_row_alone() -> None:
    """The legend named the path ("gradient descent (8 steps)") and nothing else on the square
    says what it is: a small square gives up every legend row but that one."""
    spec = view_of({"scenario": "logistic_bce", "gd": "8", "present": "1"}).figure
    spec = spec | {"layout": fit_title(fit_note(spec["layout"], 445), 445) | {"height": 442}}
    roomy = room_for_the_plot(spec, 445)
    look, size = roomy["layout"], roomy["layout"]["font"]["size"]
    listed = [t["name"] for t in roomy["data"] if t.get("showlegend", t["type"] != "contour")]
    assert look["showlegend"] is True and listed == ["gradient descent (8 steps)"]
    assert look["margin"]["b"] == axis_title_px(size) + round(1.6 * size)  # one row
    assert _square(look, 445) > _square(spec["layout"], 445)
    alone = spec | {"layout": spec["layout"] | {"height": 900}}  # the plot alone at 1920×1080
    assert _same(room_for_the_plot(alone, 1300), alone)
