"""AppTest: the "Cut the graph" lesson: links restore a cut, the controls make one, and bad
names are notices naming the parameter."""

import re

import pytest

from tests.app.conftest import notice_params
from tests.app.test_pages import dot_source, metrics, plotly_spec
from tests.samples import sin_square_changed_in_place, sin_square_detached, torch_raises


def unescaped(text: str) -> str:
    """Plain text as the student reads it (the page escapes markdown and breaks addresses)."""
    return re.sub(r"\\(.)", r"\1", text).replace("\u200b", "")


def test_a_detach_link_shows_the_cut_torch_error_and_no_gradient(open_app) -> None:
    at = open_app(scenario="sin_square", x="3", detach="y")
    assert metrics(at)["x.grad = dz/dx"] == "None"
    assert any(torch_raises(sin_square_detached) in unescaped(e.value) for e in at.error)  # torch's own words
    dot = dot_source(at)
    assert "cut: y.detach()" in dot and "y.detach()" in dot and 'arrowhead="tee"' in dot
    roles = [(t.get("meta") or {}).get("role") for t in plotly_spec(at)["data"]]
    assert (
        "tangent" not in roles and "gradient" not in roles
    )  # no derivative drawn that autograd did not compute
    assert at.query_params["tab"] == "edges"


def test_the_controls_make_and_remove_a_cut(open_app) -> None:
    at = open_app(scenario="logistic_bce", tab="edges")
    at.selectbox(key="cut_name").select("w·x").run()
    at.radio(key="cut_how").set_value("no_grad").run()
    assert at.query_params["no_grad"] == "w·x" and "detach" not in at.query_params
    assert metrics(at)["w.grad = ∂loss/∂w"] == "None" and metrics(at)["b.grad = ∂loss/∂b"] == "0.9988"
    at.selectbox(key="cut_name").select("(no cut)").run()
    assert "no_grad" not in at.query_params and metrics(at)["w.grad = ∂loss/∂w"] == "6.6918"


@pytest.mark.parametrize(
    ("query", "param"),
    [
        ({"scenario": "sin_square", "detach": "nope"}, "detach"),
        ({"scenario": "sin_square", "detach": "x"}, "detach"),
        ({"scenario": "logistic_bce", "no_grad": "loss"}, "no_grad"),
        ({"scenario": "logistic_bce", "detach": "z", "gd": "5"}, "gd"),
        ({"scenario": "custom", "expr": "x*x", "detach": "x * x"}, "detach"),
    ],
)
def test_bad_cuts_are_notices_not_tracebacks(open_app, query: dict, param: str) -> None:
    at = open_app(**query)
    assert param in notice_params(at)
    assert at.metric


def test_a_frozen_link_and_the_freeze_control(open_app) -> None:
    at = open_app(scenario="logistic_bce", frozen="w")
    assert metrics(at) == {"loss (output)": "6.7012", "b.grad = dloss/db": "0.9988"}  # one leaf left
    assert "w - constant" not in dot_source(at) and "w · constant (no grad)" in dot_source(at)
    assert any("w.grad stays None" in unescaped(m.value) for m in at.markdown)
    at.multiselect(key="frozen_leaves").unselect("w").run()
    assert "frozen" not in at.query_params and metrics(at)["w.grad = ∂loss/∂w"] == "6.6918"
    at.multiselect(key="frozen_leaves").select("b").run()
    assert at.query_params["frozen"] == "b" and list(metrics(at)) == ["loss (output)", "w.grad = dloss/dw"]


@pytest.mark.parametrize(
    "query",
    [{"scenario": "logistic_bce", "frozen": "x"}, {"scenario": "logistic_bce", "frozen": "w,b"},
     {"scenario": "square", "frozen": "x"}],
)  # fmt: skip
def test_bad_freezes_are_notices_not_tracebacks(open_app, query: dict) -> None:
    at = open_app(**query)
    assert "frozen" in notice_params(at) and at.metric


def test_a_freeze_that_leaves_the_cut_tensor_constant_does_not_break_the_page(open_app) -> None:
    at = open_app(scenario="logistic_bce", detach="w·x", tab="edges")
    at.multiselect(key="frozen_leaves").select("w").run()
    assert not at.exception and at.query_params["frozen"] == "w"
    assert metrics(at)["b.grad = dloss/db"] == "0.9988"


def test_an_in_place_link_shows_torchs_version_error_and_who_saved_it(open_app) -> None:
    raised = torch_raises(sin_square_changed_in_place)
    at = open_app(scenario="sin_square", x="3", inplace="y")
    assert any(raised in unescaped(e.value) for e in at.error)
    assert "saved y (v0); now v1" in dot_source(at) and at.query_params["tab"] == "edges"
    at.selectbox(key="inplace_name").select("z").run()  # nothing saved z: backward succeeds
    assert at.query_params["inplace"] == "z" and not at.error and metrics(at)["x.grad = dz/dx"] == "-5.4668"


@pytest.mark.parametrize("name", ["x", "nope"])
def test_bad_in_place_names_are_notices_not_tracebacks(open_app, name: str) -> None:
    at = open_app(scenario="sin_square", inplace=name)
    assert "inplace" in notice_params(at) and at.metric


def test_the_saved_toggle_draws_what_each_function_saved(open_app) -> None:
    at = open_app(scenario="sin_square", x="3", tab="edges")
    assert "saved self" not in dot_source(at)
    at.toggle(key="saved_toggle").set_value(True).run()
    assert at.query_params["saved"] == "1" and "saved self [] = 9.0000 · v0" in dot_source(at)


def test_presenter_mode_says_backward_raised_not_that_it_ran(open_app) -> None:
    at = open_app(scenario="sin_square", x="3", detach="y", present="1")
    text = " ".join(unescaped(m.value) for m in at.markdown)
    assert torch_raises(sin_square_detached) in text and "backward() has run" not in text
