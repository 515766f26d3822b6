"""The code export reads like the notebook: torch first, printing after; with descent in the
view, the loop that makes the page's path, printing the same path."""

import subprocess
import sys

import pytest

from tests.samples import view_of
from viz.codegen import script_cells, to_py
from viz.kinds import as_floats
from viz.numbers import fmt, fmt_values

DESCENTS = [
    {"scenario": "square", "x": "3", "gd": "5", "lr": "0.1"},
    {"scenario": "sin_square", "x": "1", "gd": "8", "lr": "0.2"},
    {"scenario": "logistic_bce", "w": "-2", "b": "1", "gd": "6", "lr": "0.5"},
    {"scenario": "logistic_bce", "frozen": "w", "gd": "4"},
    {"scenario": "vector_mean", "xs": "1,-2,3", "gd": "5", "lr": "0.3"},
    {"scenario": "custom", "expr": "x*y + sin(x)", "x": "1.2", "y": "-0.7", "gd": "5"},
    {"scenario": "square", "x": "9", "gd": "3", "lr": "2"},  # steps leave [-10, 10]: clamped, as the page
]


def _script(query: dict) -> tuple[str, object]:
    view = view_of(query)
    state = view.state
    cells = script_cells(state.scenario, state.values, lr=state.lesson.lr, gd=state.lesson.gd)
    return to_py(cells), view


@pytest.mark.parametrize("query", DESCENTS)
def test_the_descent_loop_prints_the_pages_path(query: dict) -> None:
    source, view = _script(query)
    run = subprocess.run([sys.executable, "-c", source], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    printed = [line for line in run.stdout.splitlines() if line.startswith("step ")]
    leaves = [inp for inp in view.state.scenario.inputs_for(view.state.values) if inp.differentiable]
    names = {inp.label: inp for inp in leaves}
    assert len(printed) == len(view.path) == view.state.lesson.gd + 1
    for k, (line, point) in enumerate(zip(printed, view.path, strict=True)):
        shown = " ".join(
            f"{label} = {fmt_values(as_floats(point.values[inp.name]))}" for label, inp in names.items()
        )
        assert line == f"step {k} {shown} {_var(source)} = {fmt(point.loss)}"


def _var(source: str) -> str:
    """The output's variable in the script (``loss``, ``z``, ``f``)."""
    return source.split(" = forward(")[0].rsplit("\n", 1)[1].strip()


def test_the_script_starts_with_torch_and_prints_after() -> None:
    source, _ = _script({"scenario": "sin_square", "x": "3"})
    code = [line for line in source.splitlines() if line and not line.startswith("#")]
    assert code[:2] == ["import math", "import torch"]
    assert source.index("z.backward()") < source.index("def fmt(")  # the torch code first
    assert "from __future__" not in source and "Sequence" not in source
