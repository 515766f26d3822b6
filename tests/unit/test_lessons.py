"""Three ways to a gradient, torch's own warning text, descent, and generated code."""

import json
import random
import subprocess
import sys
import warnings

import nbformat
import pytest
import torch

from tests import samples
from viz.backward import record
from viz.codegen import identifier, script_cells, to_ipynb, to_py
from viz.descent import descend
from viz.numbers import fmt_values
from viz.scenario import REGISTRY, get
from viz.three_ways import finite_difference, three_ways
from viz.torch_text import nonleaf_grad_warning

RNG = random.Random(11)


def _random(scenario_id: str) -> dict:
    return samples.random_values(get(scenario_id), RNG, 1.5)  # keeps the sigmoid out of saturation


@pytest.mark.parametrize(("scenario_id", "values"), [(s, _random(s)) for s in REGISTRY for _ in range(15)])
def test_three_ways_agree_at_random_points(scenario_id: str, values: dict) -> None:
    scenario = get(scenario_id)
    rows = three_ways(scenario, values, record(scenario, values))
    assert [r.coordinate for r in rows] == scenario.coordinates(values)
    assert all(row.agree for row in rows), [row.values for row in rows]


def test_saturated_sigmoid_disagreement_is_reported() -> None:
    scenario = get("logistic_bce")
    values = scenario.defaults() | {"w": 3.0}
    rows = three_ways(scenario, values, record(scenario, values))
    assert not any(r.agree for r in rows)
    w = rows[0]
    assert w.hand.value == pytest.approx(6.7, abs=1e-3)  # (p - y)·x with p ≈ 1
    assert w.finite_difference == 0.0  # the float64 clamp is flat there
    assert w.autograd != w.autograd  # nan in float32
    assert "clamp" in scenario.disagreement_note


def test_finite_difference_is_float64_central() -> None:
    scenario = get("square")
    (x,) = scenario.coordinates({"x": 3.0})
    assert finite_difference(scenario, {"x": 3.0}, x) == pytest.approx(6.0, abs=1e-8)


def test_the_warning_is_the_one_torch_emits() -> None:
    y = torch.ones((), requires_grad=True) * 3
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        _ = y.grad
    assert nonleaf_grad_warning() == str(caught[0].message)
    assert "retain_grad()" in nonleaf_grad_warning()


def test_descent_takes_real_gradient_steps() -> None:
    scenario = get("square")
    path, note = descend(scenario, {"x": 3.0}, 0.1, 4)
    xs = [p.values["x"] for p in path]
    assert xs[1] == pytest.approx(3.0 - 0.1 * 6.0, rel=1e-6)
    assert all(a > b for a, b in zip([p.loss for p in path], [p.loss for p in path][1:], strict=False))
    assert note == "" and len(path) == 5


def test_descent_clamps_to_the_input_range() -> None:
    path, note = descend(get("square"), {"x": 9.0}, 2.0, 2)
    assert "clamped" in note and all(-10 <= p.values["x"] <= 10 for p in path)


def test_descent_moves_every_vector_element() -> None:
    path, _ = descend(get("vector_mean"), {"xs": (1.0, 2.0, 3.0)}, 0.5, 1)
    assert path[1].values["xs"] == pytest.approx((1 - 0.5 * 2 / 3, 2 - 0.5 * 4 / 3, 3 - 0.5 * 2.0), rel=1e-6)


VARIANTS = [{}, {"ops": ("b", "b", "b")}, {"ops": ("b", "z", "b"), "retain_grad": False},
            {"ops": ("b", "b"), "retain_graph": False}, {"ops": ("z", "b")}]  # fmt: skip


@pytest.mark.parametrize("scenario_id", list(REGISTRY))
@pytest.mark.parametrize("variant", VARIANTS)
def test_generated_script_prints_the_pages_numbers(scenario_id: str, variant: dict, tmp_path) -> None:
    scenario = get(scenario_id)
    values = _random(scenario_id)
    options = {"ops": ("b",), "retain_grad": True, "retain_graph": True} | variant
    t = record(scenario, values, options["retain_grad"], options["ops"], options["retain_graph"])
    path = tmp_path / "view.py"
    path.write_text(
        to_py(script_cells(scenario, values, options["ops"], options["retain_grad"], options["retain_graph"]))
    )
    out = subprocess.run([sys.executable, str(path)], capture_output=True, text=True, timeout=120, check=True)
    printed = dict(line.split(" = ", 1) for line in out.stdout.splitlines() if " = " in line)
    assert printed[identifier(t.output, set())] == fmt_values(t.output_node.value)
    for leaf in t.leaves():
        expected = fmt_values(leaf.grad) if leaf.grad is not None else "None"
        assert printed[f"{identifier(leaf.name, set())}.grad"] == expected
    for note in t.notes:
        if "raised" in note:
            assert note.split("raised ", 1)[1].split(":")[0] in out.stdout


@pytest.mark.parametrize("scenario_id", list(REGISTRY))
def test_notebook_is_valid_and_its_cells_run(scenario_id: str) -> None:
    scenario = get(scenario_id)
    text = to_ipynb(script_cells(scenario, scenario.defaults(), ("b", "b")))
    notebook = nbformat.reads(text, as_version=4)
    nbformat.validate(notebook)
    namespace: dict = {}
    for cell in notebook.cells:
        if cell.cell_type == "code":
            exec(compile(cell.source, f"<{scenario_id} cell>", "exec"), namespace)  # the app's own code
    assert json.loads(text)["nbformat"] == 4


def test_code_names_read_like_the_notebook() -> None:
    assert identifier("w·x", set()) == "w_x"
    assert identifier("1 − y_pred", set()) == "one_minus_y_pred"
    assert identifier("x²", set()) == "x_squared"
    taken = {"x"}
    assert identifier("x", taken) == "x_2"
