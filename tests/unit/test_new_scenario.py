"""A scenario added only to the registry gets numbers, graph, surface and links."""

import math

import pytest
import torch

from viz.backward import trace
from viz.graph_dot import to_dot
from viz.scenario import Input, Scenario, register, unregister
from viz.state import parse_query, to_query
from viz.surface import compute_grid, fixed_values, plot_axes
from viz.view import figure


def _cubic(t):
    x, c = t["x"], t["c"]
    cube = x**3
    shifted = cube + c
    out = torch.exp(shifted * 0.1)
    return {"x³": cube, "x³ + c": shifted, "f": out}


EXTRA = Scenario(
    id="test_cubic",
    title="f = exp(0.1·(x³ + c))",
    formula=r"f = e^{0.1(x^3+c)}",
    inputs=(Input("x", 1.5), Input("c", 2.0, leaf=False, lo=-5, hi=5), Input("u", 0.5)),
    forward=lambda t: (lambda named: {**named, "g": named["f"] * t["u"]})(_cubic(t)),
    plot_inputs=("x", "u"),
)


@pytest.fixture
def extra_scenario():
    register(EXTRA)
    yield EXTRA
    unregister(EXTRA.id)


def test_registered_scenario_flows_everywhere(extra_scenario: Scenario) -> None:
    state, notices = parse_query({"scenario": "test_cubic", "x": "1.2", "c": "-1", "u": "2"})
    assert notices == [] and state.plot == "contour"
    t = trace(extra_scenario, state.values)
    f = math.exp(0.1 * (1.2**3 - 1))
    assert t.output_node.value[0] == pytest.approx(2 * f, rel=1e-6)
    assert t.by_name("x").grad[0] == pytest.approx(2 * f * 0.3 * 1.2**2, rel=1e-5)
    assert t.by_name("u").grad[0] == pytest.approx(f, rel=1e-6)
    assert t.by_name("c").kind == "constant"
    dot = to_dot(t)
    assert "x³ + c" in dot and "ExpBackward0" in dot
    axes = plot_axes(extra_scenario, state.values, state.axes)
    grid = compute_grid(extra_scenario, fixed_values(extra_scenario, state.values, axes), axes)
    for kind in ("contour", "surface3d"):
        fig = figure(kind, extra_scenario, state.values, t, grid)
        arrow = next(tr for tr in fig.data if tr.meta and tr.meta["role"] == "gradient")
        assert arrow.meta["gradient"] == [t.by_name("x").grad[0], t.by_name("u").grad[0]]
    assert to_query(state)["scenario"] == "test_cubic"


def test_unnamed_intermediates_still_get_a_labelled_box() -> None:
    spec = Scenario("test_unnamed", "u", "u", (Input("x", 2.0),), lambda t: {"out": (t["x"] * 3) ** 2})
    t = trace(spec, spec.defaults())
    hidden = [n for n in t.nodes if "unnamed" in n.name]
    assert len(hidden) == 1 and hidden[0].op == "MulBackward0"
    assert hidden[0].value == (6.0,) and hidden[0].grad == (12.0,)


def test_unregistered_scenario_is_an_unknown_link() -> None:
    state, notices = parse_query({"scenario": "test_cubic"})
    assert state.scenario != "test_cubic" and notices[0].param == "scenario"
