"""AppTest: the small network. The issue's link, every link parameter and its bad values,
the network tab's pictures, and the weights never read from a link."""

import pytest

from tests.app.conftest import notice_params
from viz.backward import record
from viz.numbers import fmt
from viz.scenario import get
from viz.state import parse_query


def _loss(**query: str) -> str:
    s, _ = parse_query({"scenario": "mlp", **query})
    return fmt(record(get("mlp"), s.values).output_node.value[0])


def test_the_issues_link_shows_the_network_after_200_steps(open_app) -> None:
    at = open_app(scenario="mlp", data="xor", hidden="3", seed="0", steps="200")
    assert not at.error and not at.warning
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["loss (output)"] == _loss(steps="200")
    assert set(metrics) >= {
        "W1.grad = ∂loss/∂W1",
        "b1.grad = ∂loss/∂b1",
        "W2.grad = ∂loss/∂W2",
        "b2.grad = ∂loss/∂b2",
    }
    dot = at.get("graphviz_chart")[0].proto.spec
    for box in (
        "W1 · [3, 2]",
        "W1ᵀ · [2, 3]",
        "z1 = X W1ᵀ + b1 · [4, 3]",
        "h = tanh(z1) · [4, 3]",
        "AddmmBackward0",
    ):
        assert box in dot, box
    assert at.slider(key="mlp:steps:slider").value == 200


@pytest.mark.parametrize(
    ("param", "text", "shown"),
    [
        ("hidden", "0", 1),
        ("steps", str(10**9), 2000),
        ("data", "spirals", "xor"),
        ("seed", "-1", 0),
        ("lr", "0", 0.05),
        ("lr", "abc", 0.5),
    ],
)
def test_bad_values_are_named_and_the_page_still_draws(
    open_app, param: str, text: str, shown: object
) -> None:
    at = open_app(scenario="mlp", **{param: text})
    assert notice_params(at) == [param]
    assert not at.error
    widget = at.radio(key="mlp:data") if param == "data" else at.slider(key=f"mlp:{param}:slider")
    assert widget.value == shown
    assert at.get("graphviz_chart")


def test_moving_steps_trains_on_and_writes_the_link(open_app) -> None:
    at = open_app(scenario="mlp", data="moons", lr="1")
    at.slider(key="mlp:steps:slider").set_value(300).run()
    assert at.query_params["steps"] == "300"
    assert {m.label: m.value for m in at.metric}["loss (output)"] == _loss(data="moons", lr="1", steps="300")
    assert "W1" not in at.query_params  # the weights come from the training, never from the link


def test_hidden_units_change_every_shape(open_app) -> None:
    at = open_app(scenario="mlp", hidden="5", tab="network")
    dot = at.get("graphviz_chart")[0].proto.spec
    assert "W1 · [5, 2]" in dot and "W2 · [1, 5]" in dot
    charts = at.get("plotly_chart")
    assert len(charts) >= 4  # the landscape, the boundary, the loss history, the weights


def test_the_landscape_is_over_two_chosen_weights(open_app) -> None:
    at = open_app(scenario="mlp", axes="W2.0.1,b2.0", plot="contour")
    assert not at.warning
    assert at.selectbox(key="mlp:axis0").value == "W2.0.1"
    assert at.selectbox(key="mlp:axis1").value == "b2.0"


def test_the_network_tab_elsewhere_links_the_network(open_app) -> None:
    at = open_app(scenario="square", tab="network")
    assert any("no trained network" in i.value for i in at.info)
