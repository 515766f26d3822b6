"""Links restore views; bad links fall back with a notice naming the parameter."""

import pytest

from viz.scenario import REGISTRY, get
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
    assert state.scenario_id == query["scenario"]
    assert dict(state.values) == values


@pytest.mark.parametrize("scenario_id", list(REGISTRY))
def test_canonical_query_round_trips(scenario_id: str) -> None:
    state = default_state(scenario_id)
    query = to_query(state)
    again, notices = parse_query(query)
    assert notices == []
    assert again == state
    assert to_query(again) == query
    assert all(name in query for name in (i.name for i in state.scenario.inputs))


def test_defaults_are_written_into_the_link() -> None:
    state, _ = parse_query({"scenario": "logistic_bce"})
    assert to_query(state) == {
        "scenario": "logistic_bce", "x": "6.7", "y": "0", "w": "1", "b": "0", "axes": "w,b",
        "plot": "contour", "retain_grad": "1", "retain_graph": "1", "ops": "b", "lr": "0.1", "gd": "0",
        "theme": "light", "tab": "tensors",
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
        ({"scenario": "vector_mean", "xs": "1,20"}, "xs", {"xs": (1.0, 10.0)}),
        ({"scenario": "vector_mean", "xs": "-11"}, "xs", {"xs": (-10.0,), "axes": ("0",), "plot": "curve"}),
        ({"scenario": "vector_mean", "xs": "1", "axes": "0,1"}, "axes", {"axes": ("0",)}),
        ({"scenario": "vector_mean", "xs": "1e-400"}, "xs", {"xs": (0.0,)}),
        ({"scenario": "vector_mean", "axes": "0,0"}, "axes", {"axes": ("0", "1")}),
        ({"scenario": "vector_mean", "axes": "0,7"}, "axes", {"axes": ("0", "1")}),
        ({"scenario": "vector_mean", "axes": "a"}, "axes", {"axes": ("0", "1")}),
        ({"scenario": "square", "axes": "0,1"}, "axes", {"axes": ("x",)}),
        ({"scenario": "logistic_bce", "axes": "w,x"}, "axes", {"axes": ("w", "b")}),
        ({"scenario": "custom", "expr": "x*y", "axes": "x,z"}, "axes", {"axes": ("x", "y")}),
        ({"scenario": "custom", "expr": "x*y", "z": "1"}, "z", {"x": 1.0, "y": 1.0}),
        ({"scenario": "custom", "expr": "x" * 300}, "expr", {"expr": "x" * 200}),
        ({"scenario": "square", "scenario ": "x"}, "scenario ", {"x": 3.0}),
        ({"scenario": "square", "plot": "surface3d"}, "plot", {"plot": "curve"}),
        ({"scenario": "square", "w": "2"}, "w", {"x": 3.0}),
    ],
)
def test_bad_values_fall_back_with_a_notice(query: dict, param: str, expected: dict) -> None:
    state, notices = parse_query(query)
    assert param in [n.param for n in notices]
    assert all(n.message for n in notices)
    for key, value in expected.items():
        fields = {"scenario": state.scenario_id, "axes": state.axes, "plot": state.plot}
        actual = fields[key] if key in fields else state.values[key]
        assert actual == value


def test_notice_names_the_bad_text() -> None:
    _, notices = parse_query({"scenario": "square", "x": "abc"})
    assert notices[0].param == "x" and notices[0].message == '"abc" is not a number; using 3'


def test_notices_quote_link_text_short_and_fold_many_unknown_keys() -> None:
    _, notices = parse_query({"scenario": "square", "x": "y" * 10_000})
    assert len(notices[0].message) < 120 and "…" in notices[0].message
    _, notices = parse_query({"scenario": "square", **{f"k{i}": "1" for i in range(998)}})
    assert len(notices) == 1 and notices[0].message.startswith("998 parameters do not apply to square")


def test_a_repeated_parameter_is_said_and_the_last_one_used() -> None:
    state, notices = parse_query([("scenario", "square"), ("scenario", "sin_square"), ("x", "2")])
    assert state.scenario_id == "sin_square" and state.values["x"] == 2.0
    assert [(n.param, n.message) for n in notices] == [
        ("scenario", 'given 2 times; using the last, "sin_square"')
    ]


def test_axes_choose_elements_and_follow_length() -> None:
    state, notices = parse_query({"scenario": "vector_mean", "xs": "1,2,3,4", "axes": "3,1"})
    assert notices == [] and state.axes == ("3", "1")
    shorter = state.with_value("xs", (1.0, 2.0))
    assert shorter.axes == ("0", "1")
    single = state.with_value("xs", (5.0,))
    assert single.axes == ("0",) and single.plot == "curve"


def test_custom_variables_come_from_the_expression() -> None:
    state, notices = parse_query({"scenario": "custom", "expr": "x*y+sin(x)", "x": "1.2", "y": "-0.7"})
    assert notices == [] and dict(state.values) == {"expr": "x*y+sin(x)", "x": 1.2, "y": -0.7}
    assert state.axes == ("x", "y") and state.plot == "contour"
    three, _ = parse_query({"scenario": "custom", "expr": "x*y*z", "axes": "z,x"})
    assert dict(three.values) == {"expr": "x*y*z", "x": 1.0, "y": 1.0, "z": 1.0} and three.axes == ("z", "x")
    fewer = three.with_value("expr", "y + 1")
    assert (
        dict(fewer.values) == {"expr": "y + 1", "y": 1.0} and fewer.axes == ("y",) and fewer.plot == "curve"
    )
    typo = three.with_value("expr", "x*y*z+")  # does not parse: keeps the sliders it mentions
    assert set(typo.values) == {"expr", "x", "y", "z"}


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


@pytest.mark.parametrize("flag", ["downloads", "text"])
def test_open_box_flags_round_trip_and_bad_values_fall_back(flag: str) -> None:
    state, notices = parse_query({"scenario": "square", flag: "1"})
    assert notices == [] and getattr(state.display, flag) and to_query(state)[flag] == "1"
    state, notices = parse_query({"scenario": "square", flag: "yes"})
    assert not getattr(state.display, flag) and flag not in to_query(state)
    assert [n.param for n in notices] == [flag]


@pytest.mark.parametrize("scenario_id", list(REGISTRY))
def test_every_example_link_is_a_valid_view(scenario_id: str) -> None:
    for _, params in get(scenario_id).examples:
        state, notices = parse_query({"scenario": scenario_id, **params})
        assert notices == [] and state.scenario_id == scenario_id
