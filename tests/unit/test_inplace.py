"""An in-place change after the forward pass (&inplace=NAME) against torch: the same code in
plain torch raises the same error when a backward function saved NAME, and succeeds with the
same gradients when none did."""

import subprocess
import sys

import pytest

from tests import samples
from tests.samples import sin_square_changed_in_place, torch_raises
from viz.backward import record
from viz.codegen import script_cells, to_py
from viz.graph_dot import to_dot
from viz.graph_style import CUE_TEXT, GraphStyle
from viz.inplace import inplace_names, parse_inplace
from viz.numbers import fmt_values
from viz.scenario import REGISTRY, get


def test_changing_y_in_sin_square_raises_torchs_version_error() -> None:
    raised = torch_raises(sin_square_changed_in_place)
    trace = record(get("sin_square"), {"x": 3.0}, inplace="y")
    assert trace.notes == (f"backward() call 1 raised RuntimeError: {raised}",)
    assert [(trace.by_id(node).op, why) for node, why in trace.marks] == [
        ("SinBackward0", "saved y (v0); now v1")
    ]
    assert "SinBackward0 (as self, at version 0) saved y" in trace.inplace_note
    assert CUE_TEXT["marks"] in to_dot(trace, GraphStyle(legend=True))
    assert CUE_TEXT["marks"] not in to_dot(record(get("sin_square"), {"x": 3.0}), GraphStyle(legend=True))


SAFE = [("square", "y"), ("sin_square", "z"), ("logistic_bce", "z"), ("vector_mean", "x²"), ("custom", "-x")]


@pytest.mark.parametrize(("scenario_id", "name"), SAFE)
def test_a_tensor_no_function_saved_changes_no_gradient(scenario_id: str, name: str) -> None:
    """One documented case per scenario where the change is safe: nothing saved the tensor."""
    scenario = get(scenario_id)
    values = scenario.defaults()
    changed, plain = record(scenario, values, inplace=name), record(scenario, values)
    assert changed.notes == () and changed.marks == ()
    assert [n.grad for n in changed.leaves()] == [n.grad for n in plain.leaves()]
    assert "backward() succeeds" in changed.inplace_note


CHANGES = [(sid, name) for sid in REGISTRY for name in inplace_names(get(sid), samples.runnable(get(sid)))]


@pytest.mark.parametrize(("scenario_id", "name"), CHANGES)
def test_every_change_fails_exactly_when_something_saved_it_and_the_code_agrees(
    scenario_id: str, name: str
) -> None:
    scenario = get(scenario_id)
    values = samples.runnable(scenario)
    trace = record(scenario, values, inplace=name)
    assert bool(trace.notes) == bool(trace.marks)
    script = to_py(script_cells(scenario, values, inplace=name))
    printed = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    ).stdout
    for note in trace.notes:
        assert note.split("raised ", 1)[1] in printed
    if not trace.notes:
        for leaf in trace.leaves():
            assert f"{leaf.name}.grad = {fmt_values(leaf.grad or ())}" in printed


@pytest.mark.parametrize(
    ("text", "says"),
    [("x", "is a leaf"), ("nope", "is not a tensor"), ("1 − y", "does not require grad")],
)
def test_bad_in_place_names_are_notices(text: str, says: str) -> None:
    notices: list = []
    scenario = get("logistic_bce")
    assert parse_inplace(scenario, scenario.defaults(), {"inplace": text}, notices) is None
    assert [n.param for n in notices] == ["inplace"] and says in notices[0].message
