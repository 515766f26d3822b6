"""The notebook's printed results, reproduced digit for digit."""

import pytest

from viz.backward import record
from viz.numbers import fmt, fmt_values
from viz.scenario import get


def _run(scenario_id: str):
    scenario = get(scenario_id)
    return record(scenario, scenario.defaults())


def test_square() -> None:
    t = _run("square")
    assert fmt(t.output_node.value[0]) == "9.0000"
    assert fmt(t.by_name("x").grad[0]) == "6.0000"


def test_sin_square() -> None:
    t = _run("sin_square")
    assert fmt(t.by_name("z").value[0]) == "0.4121"
    assert fmt(t.by_name("x").grad[0]) == "-5.4668"
    assert fmt(t.by_name("y").value[0]) == "9.0000"


def test_logistic_bce() -> None:
    t = _run("logistic_bce")
    assert fmt(t.by_name("loss").value[0]) == "6.7012"
    assert fmt(t.by_name("w").grad[0]) == "6.6918"
    assert fmt(t.by_name("b").grad[0]) == "0.9988"
    assert fmt(t.by_name("y_pred").value[0]) == "0.9988"
    assert fmt(t.by_name("z").value[0]) == "6.7000"


def test_vector_mean() -> None:
    t = _run("vector_mean")
    assert fmt(t.by_name("y").value[0]) == "4.6667"
    assert fmt_values(t.by_name("x").grad) == "[0.6667, 1.3333, 2.0000]"


@pytest.mark.parametrize(
    ("scenario_id", "ops"),
    [
        ("square", ["PowBackward0", "AccumulateGrad"]),
        ("sin_square", ["SinBackward0", "PowBackward0", "AccumulateGrad"]),
        ("vector_mean", ["MeanBackward0", "PowBackward0", "AccumulateGrad"]),
    ],
)
def test_grad_fn_names_match_the_notebook(scenario_id: str, ops: list[str]) -> None:
    assert [n.op for n in _run(scenario_id).nodes] == ops


def test_bce_output_is_negbackward_like_the_notebook() -> None:
    t = _run("logistic_bce")
    assert t.output_node.op == "NegBackward0"
    assert t.by_name("z").op == "AddBackward0"
    assert t.by_name("y_pred").op == "SigmoidBackward0"
