"""AppTest: second derivatives (&order=2): the links the issue names, the toggle and the row
choice writing the link, torch's error for a gradient with no graph, and bad links."""

import json
import math

import pytest

from tests.app.conftest import notice_params
from tests.app.test_cut_page import unescaped
from tests.app.test_pages import plotly_spec
from tests.samples import torch_raises
from viz.numbers import fmt
from viz.state import default_state


def _table(at, k: int = 0) -> dict[str, list[str]]:
    frame = at.table[k].value
    return {str(col): [str(v) for v in frame[col]] for col in frame.columns} | {
        "index": [str(i) for i in frame.index]
    }


def _second_dot(at) -> str:
    """The graph of the gradient: the second Graphviz chart on the page (the first is f's)."""
    charts = at.get("graphviz_chart")
    assert len(charts) == 2
    return charts[1].proto.spec


def test_sin_square_at_1_3_shows_d2z_dx2_three_ways_and_the_gradients_graph(open_app) -> None:
    at = open_app(scenario="sin_square", x="1.3", order="2")
    truth = 2 * math.cos(1.69) - 4 * 1.69 * math.sin(1.69)
    assert at.query_params["tab"] == "second"
    assert any(r"2\cos(x^2) - 4x^2\sin(x^2)" in latex.value for latex in at.latex)
    table = _table(at)
    assert table["hand (float64)"] == [fmt(truth)]
    assert table["autograd, twice (float32)"] == [fmt(truth)]
    assert table["agree"] == ["yes"]
    dot = _second_dot(at)
    assert "dz/dx · MulBackward0" in dot and "cos(y) · CosBackward0" in dot
    assert f"= {fmt(truth)}" in dot  # x's gradient in that graph: the two uses summed
    roles = [(t.get("meta") or {}).get("role") for t in plotly_spec(at)["data"]]
    assert "parabola" in roles


def test_logistic_bce_shows_the_hessian_and_the_row_choice_writes_the_link(open_app) -> None:
    at = open_app(scenario="logistic_bce", order="2")
    p = 1 / (1 + math.exp(-6.7))  # w = 1, b = 0, x = 6.7: ∇²L = p(1 − p)·[[x², x], [x, 1]]
    s = p * (1 - p)
    three = _table(at, 0)
    assert three["index"] == ["w, w", "w, b", "b, b"]
    assert three["autograd, twice (float32)"] == [fmt(s * 6.7 * 6.7), fmt(s * 6.7), fmt(s)]
    hessian = _table(at, 1)
    assert hessian["index"] == ["w", "b"] and hessian["w"][1] == hessian["b"][0]  # symmetric
    assert "∂loss/∂w · MulBackward0" in _second_dot(at)
    at.radio(key="second_row").set_value("b").run()
    assert at.query_params["row"] == "b"
    assert "∂loss/∂b · SigmoidBackwardBackward0" in _second_dot(at)


def test_the_toggle_turns_order_2_on_and_off(open_app) -> None:
    at = open_app(scenario="square", tab="second")
    assert "order" not in at.query_params and not at.table
    at.toggle(key="second_on").set_value(True).run()
    assert at.query_params["order"] == "2"
    assert _table(at)["autograd, twice (float32)"] == ["2.0000"]
    at.toggle(key="second_on").set_value(False).run()
    assert "order" not in at.query_params


def test_a_gradient_with_no_graph_quotes_torchs_error(open_app) -> None:
    import torch

    x = torch.tensor(1.0, requires_grad=True)
    (g,) = torch.autograd.grad(x * 2, x, create_graph=True)
    raised = torch_raises(lambda: torch.autograd.grad(g, x))
    at = open_app(scenario="custom", expr="2*x", order="2")
    assert any(raised in unescaped(i.value) for i in at.info)
    assert len(at.get("graphviz_chart")) == 1


@pytest.mark.parametrize(
    ("query", "param"),
    [
        ({"scenario": "sin_square", "order": "3"}, "order"),
        ({"scenario": "sin_square", "order": "2", "detach": "y"}, "order"),
        ({"scenario": "logistic_bce", "order": "2", "row": "x"}, "row"),
        ({"scenario": "square", "row": "x"}, "row"),
    ],
)
def test_bad_second_order_links_are_notices(open_app, query: dict, param: str) -> None:
    at = open_app(**query)
    assert param in notice_params(at)
    assert at.metric


def test_the_code_panel_differentiates_again_when_the_link_says_order_2(open_app) -> None:
    at = open_app(scenario="sin_square", x="1.3", order="2", tab="code")
    assert "create_graph=True" in at.code[0].value
    assert "create_graph=True" not in open_app(scenario="sin_square", x="1.3", tab="code").code[0].value


def _heatmap(at) -> dict | None:
    """The Hessian's heatmap: the kept plot component whose figure is a heatmap."""
    for component in at.get("bidi_component"):  # the window's size reporter too: it has no figure
        given = json.loads(component.proto.json)
        figure = json.loads(given["figure"]) if "figure" in given else None
        if figure and figure["data"][0]["type"] == "heatmap":
            return figure
    return None


def test_the_networks_hessian_is_a_heatmap_with_the_chosen_row_compared(open_app) -> None:
    at = open_app(scenario="mlp", order="2", row="b1[1]")
    state = default_state("mlp")
    labels = [c.label for c in state.scenario.coordinates(state.values)]
    (table,) = [_table(at, k) for k in range(len(at.table))]  # the compared row only: no matrix table
    assert table["index"] == [f"b1[1], {label}" for label in labels]
    assert set(table["agree"]) == {"yes"}
    heat = _heatmap(at)
    assert heat is not None and heat["data"][0]["y"] == labels
    row = labels.index("b1[1]")
    (outline,) = heat["layout"]["shapes"]
    assert (outline["y0"], outline["y1"]) == (row - 0.5, row + 0.5)
    assert table["autograd, twice (float32)"] == heat["data"][0]["text"][row]  # the same numbers
    n = len(labels)
    assert any(f"all {n * (n + 1) // 2} distinct entries" in m.value for m in at.markdown)
    assert _heatmap(open_app(scenario="logistic_bce", order="2")) is None  # two inputs: the tables
