"""Frozen parameters (&frozen=w) against torch: the leaf made with requires_grad=False is a
constant, its .grad stays None, the others' gradients are torch's, and descent moves only them."""

import subprocess
import sys

import pytest
import torch

from viz.backward import record
from viz.codegen import script_cells, to_py
from viz.descent import descend
from viz.frozen import frozen_view, parse_frozen
from viz.scenario import get
from viz.state import parse_query, to_query
from viz.view import Computed, assemble


def test_a_frozen_w_is_a_constant_and_b_gets_torchs_gradient() -> None:
    w, b = torch.tensor(0.5), torch.tensor(0.25, requires_grad=True)  # w frozen: requires_grad=False
    x, y = torch.tensor(1.5), torch.tensor(1.0)
    p = torch.clamp(torch.sigmoid(w * x + b), 1e-8, 1 - 1e-8)
    (-(y * torch.log(p) + (1 - y) * torch.log(1 - p))).backward()
    values = {"x": 1.5, "y": 1, "w": 0.5, "b": 0.25}
    trace = record(frozen_view(get("logistic_bce"), ("w",)), values)
    assert trace.by_name("w").kind == "constant" and w.grad is None
    assert [n.name for n in trace.leaves()] == ["b"]
    assert trace.by_name("b").grad == pytest.approx((float(b.grad),))


def test_descent_moves_only_the_parameters_that_still_require_grad() -> None:
    scenario = frozen_view(get("logistic_bce"), ("w",))
    path, _ = descend(scenario, scenario.defaults(), 0.1, 5)
    assert {p.values["w"] for p in path} == {1.0}
    assert len({p.values["b"] for p in path}) == 6


def test_a_frozen_link_plots_the_others_and_round_trips() -> None:
    state, notices = parse_query({"scenario": "logistic_bce", "frozen": "w"})
    assert notices == [] and state.lesson.frozen == ("w",) and state.axes == ("b",) and state.plot == "curve"
    assert to_query(state)["frozen"] == "w" and state.display.tab == "edges"
    assert parse_query(to_query(state))[0] == state
    view = assemble(state, Computed())
    assert view.figure["data"][0]["name"] == "loss(b)"
    descending, _ = parse_query({"scenario": "logistic_bce", "frozen": "w", "gd": "5"})
    path = assemble(descending, Computed()).path
    assert len(path) == 6 and {p.values["w"] for p in path} == {1.0}  # the page's descent moves only b


def test_the_generated_code_makes_w_without_requires_grad_and_prints_bs_gradient() -> None:
    scenario = frozen_view(get("logistic_bce"), ("w",))
    script = to_py(script_cells(scenario, scenario.defaults()))
    assert "w = torch.tensor(1.0)\n" in script
    printed = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    ).stdout
    assert "b.grad = 0.9988" in printed


@pytest.mark.parametrize(
    ("scenario_id", "text", "says"),
    [
        ("logistic_bce", "x", "only leaves that require grad"),
        ("logistic_bce", "nope", "only leaves that require grad"),
        ("logistic_bce", "w,b", "freezing every leaf"),
        ("square", "x", "freezing every leaf"),
    ],
)
def test_bad_freezes_are_notices_naming_the_parameter(scenario_id: str, text: str, says: str) -> None:
    notices: list = []
    scenario = get(scenario_id)
    frozen = parse_frozen(scenario, scenario.defaults(), {"frozen": text}, notices)
    assert frozen == () and [n.param for n in notices] == ["frozen"] and says in notices[0].message
