"""A phone's contour: the colour bar under the plot, the square as wide as the figure allows."""

import copy
import json

import plotly.graph_objects as go
import pytest

from tests.samples import view_of
from viz.plot_phone import bar_under_plot
from viz.plot_style import axis_title_px
from viz.scenario import REGISTRY
from viz.state import plot_kinds

CONTOURS = [s for s in REGISTRY if "contour" in plot_kinds(len(view_of({"scenario": s}).state.axes))]


def _same(a: dict, b: dict) -> bool:
    as_text = lambda spec: json.dumps(spec, sort_keys=True, default=lambda v: v.tolist())  # noqa: E731
    return as_text(a) == as_text(b)


def _spec(scenario_id: str, kind: str = "contour") -> dict:
    return view_of({"scenario": scenario_id, "plot": kind}).figure


@pytest.mark.parametrize("scenario_id", CONTOURS)
def test_the_bar_lies_under_a_square_as_wide_as_the_figure(scenario_id: str) -> None:
    spec = _spec(scenario_id)
    before = copy.deepcopy(spec)
    phone = bar_under_plot(spec, 358)
    assert _same(spec, before)  # a figure may be shared between sessions: never changed in place
    look, m = phone["layout"], phone["layout"]["margin"]
    area = look["height"] - m["t"] - m["b"]
    assert area == 358 - m["l"] - m["r"] and area > 250  # the plotting area is a square
    (bar,) = [t["colorbar"] for t in phone["data"] if t["type"] == "contour"]
    assert bar["orientation"] == "h" and bar["thickness"] < 20
    assert bar["y"] * area == pytest.approx(-axis_title_px(look["font"]["size"]))  # under the x axis's title
    assert bar["title"]["text"] == before["data"][0]["colorbar"]["title"]["text"]
    go.Figure(phone)  # every property is one plotly knows


def test_a_short_screen_caps_the_height() -> None:
    phone = bar_under_plot(_spec("logistic_bce"), 358, most_px=400)
    look, m = phone["layout"], phone["layout"]["margin"]
    area = 400 - m["t"] - m["b"]
    assert look["height"] == 400
    assert phone["data"][0]["colorbar"]["y"] * area == pytest.approx(-axis_title_px(look["font"]["size"]))


def test_a_figure_without_a_colour_bar_only_takes_the_height() -> None:
    curve = _spec("square", "curve")
    assert _same(bar_under_plot(curve, 358), curve)
    assert _same(
        bar_under_plot(curve, 358, most_px=300), curve | {"layout": curve["layout"] | {"height": 300}}
    )
