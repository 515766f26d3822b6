"""Cutting the graph (&detach=, &no_grad=) against torch itself: the same code written plainly
in torch gives the same gradients, None where torch leaves None, and torch's own error text."""

import subprocess
import sys

import pytest
import torch

from tests.samples import torch_raises
from viz.backward import record
from viz.codegen import script_cells, to_py
from viz.cut import CUT_OFF, Cut, cuttable, parse_cut
from viz.graph import CUT_SLOT
from viz.graph_dot import to_dot
from viz.graph_style import CUE_TEXT, GraphStyle
from viz.numbers import fmt_values
from viz.scenario import REGISTRY, get
from viz.state import parse_query, to_query


def _leaf_grads(trace) -> dict[str, tuple[float, ...] | None]:
    return {n.name: n.grad for n in trace.leaves()}


@pytest.mark.parametrize("how", ["detach", "no_grad"])
def test_cutting_y_in_sin_square_leaves_no_graph_and_torch_says_so(how: str) -> None:
    def plain() -> torch.Tensor:
        x = torch.tensor(3.0, requires_grad=True)
        if how == "detach":
            return torch.sin((x**2).detach())
        with torch.no_grad():
            y = x**2
        return torch.sin(y)

    trace = record(get("sin_square"), {"x": 3.0}, cut=Cut(how, "y"))
    assert trace.notes == (
        f"backward() call 1 raised RuntimeError: {torch_raises(lambda: plain().backward())}",
    )
    assert _leaf_grads(trace) == {"x": None}
    assert trace.by_name("x").grad_note == CUT_OFF
    assert "x.grad stays None" in trace.cut_note and "raises" in trace.cut_note


def test_no_grad_on_w_x_in_the_bce_keeps_b_training_and_w_none() -> None:
    w, b = torch.tensor(1.0, requires_grad=True), torch.tensor(0.0, requires_grad=True)
    x, y = torch.tensor(6.7), torch.tensor(0.0)
    with torch.no_grad():
        wx = w * x
    p = torch.clamp(torch.sigmoid(wx + b), 1e-8, 1 - 1e-8)
    (-(y * torch.log(p) + (1 - y) * torch.log(1 - p))).backward()
    assert w.grad is None
    trace = record(get("logistic_bce"), get("logistic_bce").defaults(), cut=Cut("no_grad", "w·x"))
    assert _leaf_grads(trace) == {"w": None, "b": (float(b.grad),)}
    assert trace.notes == ()
    assert "w.grad stays None" in trace.cut_note


@pytest.mark.parametrize("name", ["z", "y_pred"])
def test_detaching_z_or_y_pred_leaves_w_and_b_without_gradients(name: str) -> None:
    scenario = get("logistic_bce")
    trace = record(scenario, scenario.defaults(), cut=Cut("detach", name))
    assert _leaf_grads(trace) == {"w": None, "b": None}
    assert "b.grad, w.grad stay None" in trace.cut_note or "w.grad, b.grad stay None" in trace.cut_note


def test_a_cut_one_path_of_two_changes_the_gradient_to_what_remains() -> None:
    """log(y_pred).detach(): w and b still reach the loss through 1 − y_pred, and their gradients
    are what flows along that path only (as plain torch computes them)."""
    w, b = torch.tensor(0.3, requires_grad=True), torch.tensor(0.2, requires_grad=True)
    x, y = torch.tensor(1.5), torch.tensor(1.0)
    p = torch.clamp(torch.sigmoid(w * x + b), 1e-8, 1 - 1e-8)
    (-(y * torch.log(p).detach() + (1 - y) * torch.log(1 - p))).backward()
    values = {"x": 1.5, "y": 1, "w": 0.3, "b": 0.2}
    trace = record(get("logistic_bce"), values, cut=Cut("detach", "log(y_pred)"))
    got = _leaf_grads(trace)
    assert got["w"] == pytest.approx((float(w.grad),)) and got["b"] == pytest.approx((float(b.grad),))
    assert "only what flows along the paths that remain" in trace.cut_note


CUTS = [
    (sid, how, name)
    for sid in REGISTRY
    for name in cuttable(get(sid), get(sid).defaults())
    for how in ("detach", "no_grad")
]


@pytest.mark.parametrize(("scenario_id", "how", "name"), CUTS)
def test_every_cut_draws_its_edge_and_the_generated_code_prints_the_same(
    scenario_id: str, how: str, name: str
) -> None:
    """Every scenario, every intermediate, both ways: the graph marks the cut, the leaves the cut
    left out of reach show None, and the generated script (run here) prints the page's numbers,
    or torch's same error."""
    scenario = get(scenario_id)
    values = scenario.defaults()
    cut = Cut(how, name)
    trace = record(scenario, values, cut=cut)
    cut_edges = [e for e in trace.edges if e.slot == CUT_SLOT]
    assert cut_edges and all(trace.by_id(e.dst).name == cut.replacement for e in cut_edges)
    assert f"cut: {cut.replacement}" in to_dot(trace)
    assert CUE_TEXT["cut"] in to_dot(trace, GraphStyle(legend=True))  # the exported legend explains the cue
    script = to_py(script_cells(scenario, values, cut=cut))
    printed = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    ).stdout
    for leaf in trace.leaves():
        shown = "None" if leaf.grad is None else fmt_values(leaf.grad)
        assert f"{leaf.name}.grad = {shown}" in printed, printed
    for note in trace.notes:
        assert note.split("raised ", 1)[1] in printed


@pytest.mark.parametrize(
    ("query", "param", "says"),
    [
        ({"detach": "nope"}, "detach", "not a tensor of this forward pass"),
        ({"detach": "x"}, "detach", "is a leaf"),
        ({"no_grad": "z"}, "no_grad", "is the output"),
        ({"detach": "y", "no_grad": "y"}, "no_grad", "one cut at a time"),
    ],
)
def test_bad_cuts_are_notices_naming_the_parameter(query: dict, param: str, says: str) -> None:
    notices: list = []
    cut = parse_cut(get("sin_square"), {"x": 3.0}, query, notices)
    assert any(n.param == param and says in n.message for n in notices), notices
    assert cut is None or (param == "no_grad" and cut == Cut("detach", "y"))


def test_a_tensor_made_from_constants_only_cannot_be_cut() -> None:
    notices: list = []
    scenario = get("logistic_bce")
    assert parse_cut(scenario, scenario.defaults(), {"detach": "1 − y"}, notices) is None
    assert [n.param for n in notices] == ["detach"] and "does not require grad" in notices[0].message


def test_a_cut_is_in_the_link_and_opens_its_tab() -> None:
    state, notices = parse_query({"scenario": "logistic_bce", "no_grad": "w·x"})
    assert notices == [] and state.lesson.cut == Cut("no_grad", "w·x")
    assert to_query(state)["no_grad"] == "w·x" and state.display.tab == "edges"
    again, _ = parse_query(to_query(state))
    assert again == state


def test_descent_is_not_run_on_a_cut_graph() -> None:
    state, notices = parse_query({"scenario": "logistic_bce", "detach": "z", "gd": "5"})
    assert state.lesson.gd == 0 and [n.param for n in notices] == ["gd"]


def test_a_cut_of_an_expression_that_cannot_be_computed_is_a_notice() -> None:
    state, notices = parse_query({"scenario": "custom", "expr": "", "detach": "x"})
    assert state.lesson.cut is None and "detach" in [n.param for n in notices]
