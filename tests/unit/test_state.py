"""Links restore views; bad links fall back with a notice naming the parameter."""

import pytest

from viz.scenario import REGISTRY
from viz.state import default_state, parse_query, to_query


@pytest.mark.parametrize(
    ("query", "values"),
    [
        ({"scenario": "square", "x": "3"}, {"x": 3.0}),
        ({"scenario": "sin_square", "x": "-2.5"}, {"x": -2.5}),
        (
            {"scenario": "logistic_bce", "x": "6.7", "y": "0", "w": "1", "b": "0"},
            {"x": 6.7, "y": 0.0, "w": 1.0, "b": 0.0},
        ),
        ({"scenario": "vector_mean", "xs": "1,2,3"}, {"xs": (1.0, 2.0, 3.0)}),
    ],
)
def test_issue_links_parse_without_notices(query: dict, values: dict) -> None:
    state, notices = parse_query(query)
    assert notices == []
    assert state.scenario == query["scenario"]
    assert dict(state.values) == values


@pytest.mark.parametrize("scenario_id", list(REGISTRY))
def test_canonical_query_round_trips(scenario_id: str) -> None:
    state = default_state(scenario_id)
    query = to_query(state)
    again, notices = parse_query(query)
    assert notices == []
    assert again == state
    assert to_query(again) == query
    assert all(name in query for name in (i.name for i in state.spec.inputs))


def test_defaults_are_written_into_the_link() -> None:
    state, _ = parse_query({"scenario": "logistic_bce"})
    assert to_query(state) == {
        "scenario": "logistic_bce", "x": "6.7", "y": "0", "w": "1", "b": "0", "plot": "contour",
        "retain_grad": "1", "retain_graph": "1", "ops": "b", "lr": "0.1", "gd": "0", "theme": "light",
        "tab": "tensors",
    }  # fmt: skip


@pytest.mark.parametrize(
    ("query", "param", "expected"),
    [
        ({"scenario": "nope"}, "scenario", {"scenario": "square"}),
        ({"scenario": "square", "x": "abc"}, "x", {"x": 3.0}),
        ({"scenario": "square", "x": "nan"}, "x", {"x": 3.0}),
        ({"scenario": "square", "x": "inf"}, "x", {"x": 3.0}),
        ({"scenario": "square", "x": "-1e9"}, "x", {"x": -10.0}),
        ({"scenario": "square", "x": "11"}, "x", {"x": 10.0}),
        ({"scenario": "logistic_bce", "y": "0.5"}, "y", {"y": 0.0}),
        ({"scenario": "logistic_bce", "y": "yes"}, "y", {"y": 0.0}),
        ({"scenario": "logistic_bce", "w": ""}, "w", {"w": 1.0}),
        ({"scenario": "vector_mean", "xs": ",".join(["1"] * 12)}, "xs", {"xs": (1.0,) * 8}),
        ({"scenario": "vector_mean", "xs": "1,x,3"}, "xs", {"xs": (1.0, 3.0)}),
        ({"scenario": "vector_mean", "xs": ""}, "xs", {"xs": (1.0, 2.0, 3.0)}),
        ({"scenario": "vector_mean", "xs": "1,20"}, "xs[1]", {"xs": (1.0, 10.0)}),
        ({"scenario": "vector_mean", "axes": "0,0"}, "axes", {"axes": (0, 1)}),
        ({"scenario": "vector_mean", "axes": "0,7"}, "axes", {"axes": (0, 1)}),
        ({"scenario": "vector_mean", "axes": "a"}, "axes", {"axes": (0, 1)}),
        ({"scenario": "square", "axes": "0,1"}, "axes", {"axes": ()}),
        ({"scenario": "square", "plot": "surface3d"}, "plot", {"plot": "curve"}),
        ({"scenario": "square", "w": "2"}, "w", {"x": 3.0}),
    ],
)
def test_bad_values_fall_back_with_a_notice(query: dict, param: str, expected: dict) -> None:
    state, notices = parse_query(query)
    assert param in [n.param for n in notices]
    assert all(n.message for n in notices)
    for key, value in expected.items():
        actual = getattr(state, key) if key in ("scenario", "axes", "plot") else state.values[key]
        assert actual == value


def test_notice_names_the_bad_text() -> None:
    _, notices = parse_query({"scenario": "square", "x": "abc"})
    assert "x=abc" in notices[0].message


def test_axes_choose_elements_and_follow_length() -> None:
    state, notices = parse_query({"scenario": "vector_mean", "xs": "1,2,3,4", "axes": "3,1"})
    assert notices == [] and state.axes == (3, 1)
    shorter = state.with_value("xs", (1.0, 2.0))
    assert shorter.axes == (0, 1)
    single = state.with_value("xs", (5.0,))
    assert single.axes == (0,) and single.plot == "curve"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"step": "2"}, {"step": 2}),
        ({"retain_grad": "0"}, {"retain_grad": False}),
        ({"ops": "b,b,z,b"}, {"ops": ("b", "b", "z", "b")}),
        ({"backward": "3"}, {"ops": ("b", "b", "b")}),
        ({"ops": ""}, {"ops": ()}),
        ({"lr": "0.5", "gd": "4"}, {"lr": 0.5, "gd": 4}),
        ({"retain_graph": "0"}, {"retain_graph": False}),
    ],
)
def test_lesson_parameters(query: dict, expected: dict) -> None:
    state, notices = parse_query({"scenario": "square", **query})
    assert notices == []
    for key, value in expected.items():
        assert getattr(state.lesson, key) == value
    again, _ = parse_query(to_query(state))
    assert again.lesson == state.lesson


@pytest.mark.parametrize(
    ("query", "param", "field", "value"),
    [
        ({"step": "-1"}, "step", "step", 0),
        ({"step": "two"}, "step", "step", None),
        ({"retain_grad": "yes"}, "retain_grad", "retain_grad", True),
        ({"ops": "b,x,b"}, "ops", "ops", ("b", "b")),
        ({"ops": ",".join(["b"] * 30)}, "ops", "ops", ("b",) * 20),
        ({"backward": "many"}, "backward", "ops", ("b",)),
        ({"ops": "b", "backward": "3"}, "backward", "ops", ("b",)),
        ({"lr": "nan"}, "lr", "lr", 0.1),
        ({"lr": "-1"}, "lr", "lr", 0.1),
        ({"gd": "1000"}, "gd", "gd", 100),
    ],
)
def test_bad_lesson_values_fall_back_with_a_notice(query: dict, param: str, field: str, value) -> None:
    state, notices = parse_query({"scenario": "square", **query})
    assert param in [n.param for n in notices]
    assert getattr(state.lesson, field) == value


@pytest.mark.parametrize(
    ("query", "tab"),
    [
        ({}, "tensors"),
        ({"ops": "b,b,z,b"}, "accumulation"),
        ({"ops": "b,b", "retain_graph": "0"}, "accumulation"),
        ({"gd": "5"}, "descent"),
        ({"retain_grad": "0"}, "non_leaf"),
        ({"gd": "5", "tab": "code"}, "code"),  # an explicit tab wins
    ],
)
def test_a_link_opens_the_tab_its_lesson_is_about(query: dict, tab: str) -> None:
    state, notices = parse_query({"scenario": "square", **query})
    assert notices == [] and state.display.tab == tab
    assert to_query(state)["tab"] == tab


def test_unknown_tab_falls_back_with_a_notice() -> None:
    state, notices = parse_query({"scenario": "square", "gd": "3", "tab": "nope"})
    assert state.display.tab == "descent"
    assert [n.param for n in notices] == ["tab"] and "nope" in notices[0].message


def test_downloads_flag_round_trips_and_bad_values_fall_back() -> None:
    state, notices = parse_query({"scenario": "square", "downloads": "1"})
    assert notices == [] and state.display.downloads and to_query(state)["downloads"] == "1"
    state, notices = parse_query({"scenario": "square", "downloads": "yes"})
    assert not state.display.downloads and "downloads" not in to_query(state)
    assert [n.param for n in notices] == ["downloads"]
