"""AppTest: every scenario opens, links restore views, controls change what is shown."""

import json
import math
import re

import plotly.graph_objects as go
import pytest
from streamlit.testing.v1 import AppTest

from tests.app.conftest import notice_params
from tests.samples import working_state
from viz.numbers import fmt
from viz.scenario import REGISTRY
from viz.state import to_query


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def dot_source(at: AppTest) -> str:
    return at.get("graphviz_chart")[0].proto.spec


def _scene(at: AppTest) -> dict:
    """The 3D scene's component (not the window's size reporter, which has no figure)."""
    given = [json.loads(c.proto.json) for c in at.get("bidi_component")]
    return next(g for g in given if "figure" in g)


def plotly_spec(at: AppTest) -> dict:
    """The figure the page draws: an ``st.plotly_chart``, or the 3D scene's component."""
    if at.get("plotly_chart"):
        return json.loads(at.get("plotly_chart")[0].proto.spec)
    return json.loads(_scene(at)["figure"])


def plotly_config(at: AppTest) -> dict:
    if at.get("plotly_chart"):
        return json.loads(at.get("plotly_chart")[0].proto.config)
    return _scene(at)["config"]


def arrow(at: AppTest) -> dict:
    return next(t for t in plotly_spec(at)["data"] if (t.get("meta") or {}).get("role") == "gradient")


@pytest.mark.parametrize("scenario_id", list(REGISTRY))
def test_every_scenario_opens_with_graph_numbers_and_arrow(open_app, scenario_id: str) -> None:
    at = open_app(**to_query(working_state(scenario_id)))
    assert not at.warning
    dot = dot_source(at)
    shown = metrics(at)
    grads = {k: v for k, v in shown.items() if ".grad" in k}
    assert grads
    for value in grads.values():
        first = value.strip("[]").split(",")[0]
        assert first in dot  # the graph carries the same gradient the numbers show
    assert re.search(r"value \[?[-0-9.]+", dot) and "grad " in dot  # a number, or a vector of them
    a = arrow(at)
    assert len(a["meta"]["gradient"]) in (1, 2)
    assert at.query_params["scenario"] == scenario_id
    sent = plotly_spec(at)  # what the browser draws is a valid plotly figure
    assert len(go.Figure(sent).data) == len(sent["data"]) and sent["layout"]["template"]["layout"]


def test_notebook_numbers_on_the_page(open_app) -> None:
    assert metrics(open_app(scenario="sin_square", x="3")) == {
        "z (output)": "0.4121",
        "x.grad = dz/dx": "-5.4668",
    }
    bce = metrics(open_app(scenario="logistic_bce", x="6.7", y="0", w="1", b="0"))
    assert bce["loss (output)"] == "6.7012"
    assert bce["w.grad = ∂loss/∂w"] == "6.6918" and bce["b.grad = ∂loss/∂b"] == "0.9988"
    vec = open_app(scenario="vector_mean", xs="1,2,3")
    assert metrics(vec)["y (output)"] == "4.6667"
    elements = vec.table[0].value
    assert list(elements.iloc[:, -1]) == ["0.6667", "1.3333", "2.0000"]


def test_arrow_in_the_plot_equals_the_printed_gradients(open_app) -> None:
    at = open_app(scenario="logistic_bce", w="-0.5", b="1.5")
    gw, gb = arrow(at)["meta"]["gradient"]
    shown = metrics(at)
    assert f"{gw:.4f}" == shown["w.grad = ∂loss/∂w"]
    assert f"{gb:.4f}" == shown["b.grad = ∂loss/∂b"]


def test_dot_text_carries_values_and_gradients(open_app) -> None:
    dot = dot_source(open_app(scenario="sin_square", x="3"))
    assert "value 3.0000 · grad -5.4668" in dot
    assert "value 9.0000 · grad -0.9111" in dot
    assert "value 0.4121 · grad 1.0000" in dot


def test_slider_moves_everything_and_the_link(open_app) -> None:
    at = open_app(scenario="square", x="3")
    at.slider(key="square:x:slider").set_value(-2.0).run()
    assert not at.exception
    assert metrics(at)["x.grad = dy/dx"] == "-4.0000"
    assert "value -2.0000 · grad -4.0000" in dot_source(at)
    assert arrow(at)["meta"]["gradient"] == [-4.0]
    assert at.query_params["x"] == "-2"
    assert at.number_input(key="square:x:number").value == -2.0


def test_number_entry_is_exact(open_app) -> None:
    at = open_app(scenario="sin_square", x="3")
    at.number_input(key="sin_square:x:number").set_value(1.2345).run()
    assert at.query_params["x"] == "1.2345"
    assert metrics(at)["z (output)"] == fmt(math.sin(1.2345**2))


def test_label_and_scenario_switch(open_app) -> None:
    at = open_app(scenario="logistic_bce")
    at.radio(key="logistic_bce:y").set_value(1).run()
    assert at.query_params["y"] == "1"
    assert metrics(at)["loss (output)"] == "0.0012"
    at.selectbox(key="scenario").set_value("vector_mean").run()
    assert at.query_params["scenario"] == "vector_mean"
    assert at.query_params["xs"] == "1,2,3"
    assert metrics(at)["y (output)"] == "4.6667"


def test_vector_length_elements_and_axes(open_app) -> None:
    at = open_app(scenario="vector_mean", xs="1,2,3")
    at.number_input(key="vector_mean:xs:len").set_value(5).run()
    assert at.query_params["xs"] == "1,2,3,4,5"
    at.number_input(key="vector_mean:xs:2").set_value(-6.0).run()
    assert at.query_params["xs"] == "1,2,-6,4,5"
    at.selectbox(key="vector_mean:axis1").set_value("4").run()
    assert at.query_params["axes"] == "0,4"
    assert arrow(at)["meta"]["gradient"] == pytest.approx([2 * 1 / 5, 2 * 5 / 5])
    at.selectbox(key="vector_mean:axis0").set_value("4").run()  # picking the other axis swaps
    assert at.query_params["axes"] == "4,0"


def test_plot_kind_is_in_the_link(open_app) -> None:
    at = open_app(scenario="logistic_bce", plot="surface3d")
    kinds = {t["type"] for t in plotly_spec(at)["data"]}
    assert "surface" in kinds and "cone" in kinds
    at = open_app(scenario="logistic_bce")
    assert "contour" in {t["type"] for t in plotly_spec(at)["data"]}


@pytest.mark.parametrize(
    ("query", "param"),
    [
        ({"scenario": "nope"}, "scenario"),
        ({"scenario": "square", "x": "abc"}, "x"),
        ({"scenario": "vector_mean", "xs": ",".join("1" * 9)}, "xs"),
        ({"scenario": "square", "x": "inf"}, "x"),
    ],
)
def test_bad_link_shows_a_notice_not_a_traceback(open_app, query: dict, param: str) -> None:
    at = open_app(**query)
    assert param in notice_params(at)
    assert at.metric  # the page still works
    assert at.query_params["scenario"] in REGISTRY


def test_saturated_sigmoid_is_explained(open_app) -> None:
    at = open_app(scenario="logistic_bce", w="3")
    assert metrics(at)["loss (output)"] == "inf"
    text = " ".join(w.value for w in at.warning)
    assert "1 − 1e-8" in text and "loss" in text


def test_guide_page_links_carry_the_query(open_app) -> None:
    at = open_app(scenario="sin_square", x="2")
    at.switch_page("app_pages/guide.py").run()
    assert not at.exception
    assert at.query_params["scenario"] == "sin_square" and at.query_params["x"] == "2"


def test_a_scenario_added_to_the_registry_gets_a_page(open_app) -> None:
    import torch

    from viz.scenario import Input, Scenario, register, unregister

    def forward(t, v):
        exp = torch.exp(t["a"] * 0.5)
        return {"e": exp, "f": exp * t["a"]}

    register(Scenario("test_exp", "f = a·exp(a/2)", "f", (Input("a", 1.0),), forward))
    try:
        at = open_app(scenario="test_exp", a="2")
        assert metrics(at)["f (output)"] == fmt(2 * math.exp(1))
        assert metrics(at)["a.grad = df/da"] == fmt(math.exp(1) * 2)
        assert "ExpBackward0" in dot_source(at)
        assert arrow(at)["meta"]["gradient"] == pytest.approx([2 * math.exp(1)], rel=1e-6)
        assert at.selectbox(key="scenario").value == "test_exp"
        at = open_app(scenario="test_exp", a="2", tab="three_ways")  # no hand derivation: said, never "three"
        assert any("No hand derivation for this scenario" in i.value for i in at.info)
        assert [s.value for s in at.success] == [
            "Autograd and the finite difference agree (to 1e-3, relative): "
            "autograd applies the chain rule you would derive."
        ]
        assert list(at.table[0].value.columns) == [
            "autograd (float32)", "finite difference (float64, h=1e-6)", "|fd − autograd|", "agree"
        ]  # fmt: skip
    finally:
        unregister("test_exp")


def test_custom_expression_link_and_text_box(open_app) -> None:
    at = open_app(scenario="custom", expr="sin(x**2)*exp(-x)", x="0.5")
    shown = metrics(at)
    assert shown["f (output)"] == fmt(math.sin(0.25) * math.exp(-0.5))
    expected = 2 * 0.5 * math.cos(0.25) * math.exp(-0.5) - math.sin(0.25) * math.exp(-0.5)
    assert shown["x.grad = df/dx"] == fmt(expected)
    assert "SinBackward0" in dot_source(at) and "ExpBackward0" in dot_source(at)
    assert any("e^{- x}" in lat.value for lat in at.latex)
    at.text_input(key="custom:expr").set_value("relu(x) + x**3").run()
    assert at.query_params["expr"] == "relu(x) + x**3"
    assert metrics(at)["x.grad = df/dx"] == fmt(1 + 3 * 0.25)


def test_hostile_expression_shows_a_clear_error_and_nothing_else(open_app) -> None:
    at = open_app(scenario="custom", expr="__import__('os').system('touch pwned')")
    assert at.error and "cannot be computed" in at.error[0].value and "column" in at.error[0].value
    assert not at.get("graphviz_chart") and not at.metric
    assert at.text_input(key="custom:expr").value == "__import__('os').system('touch pwned')"


def test_an_accumulated_grad_is_never_called_a_derivative(open_app) -> None:
    at = open_app(scenario="square", x="2", backward="3")
    assert metrics(at) == {"y (output)": "4.0000", "x.grad (not a derivative here)": "12.0000"}
    assert "4.0000 + 4.0000 + 4.0000 = 12.0000; dy/dx = 4.0000" in [
        c.value.replace("\\", "") for c in at.caption
    ]
    assert arrow(at)["meta"]["gradient"] == [4.0] and arrow(at)["name"] == "dy/dx = 4.0000"
    at = open_app(scenario="square", x="2")
    assert metrics(at)["x.grad = dy/dx"] == "4.0000"


def test_the_graph_has_a_text_alternative_in_backward_order(open_app) -> None:
    at = open_app(scenario="sin_square", x="3")
    assert at.get("graphviz_chart")[0].proto.alt.startswith("Autograd graph: 3 boxes from the leaves x")
    closed = next(e for e in at.expander if e.label == "The graph as text (backward order)")
    assert not closed.markdown and "text" not in at.query_params  # written only once opened
    at = open_app(scenario="sin_square", x="3", text="1")
    assert at.query_params["text"] == "1"
    text = next(e for e in at.expander if e.label == "The graph as text (backward order)").markdown[0].value
    lines = [line.replace("\\", "").strip() for line in text.splitlines()]
    assert lines == [
        "1. z (SinBackward0): value 0.4121, grad 1.0000; feeds nothing (the output)",
        "2. y (PowBackward0): value 9.0000, grad -0.9111; feeds z",
        "3. x (AccumulateGrad): value 3.0000, grad -5.4668; feeds y",
    ]
