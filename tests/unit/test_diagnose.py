import pytest
import torch

from viz.backward import record
from viz.diagnose import explain
from viz.scenario import Input, Scenario, get


def test_saturated_bce_blames_log_of_zero_and_the_chain_rule() -> None:
    scenario = get("logistic_bce")
    notes = explain(record(scenario, scenario.defaults() | {"w": 3.0}))
    assert (
        notes[0] == "Forward: `log(1 − y_pred)` = -inf (log of 0); it spreads to everything computed from it."
    )
    assert any("Backward" in n and "inf" in n for n in notes)


def test_finite_point_has_no_notes() -> None:
    scenario = get("logistic_bce")
    assert explain(record(scenario, scenario.defaults())) == []


def test_sqrt_at_zero_has_an_infinite_derivative() -> None:
    scenario = Scenario("t_sqrt", "sqrt", "", (Input("x", 0.0),), lambda t, v: {"r": torch.sqrt(t["x"])})
    notes = explain(record(scenario, scenario.defaults()))
    assert notes == ["Backward: the gradient of `x` is inf (d/du sqrt(u) is infinite at u = 0.0000)."]


@pytest.mark.parametrize(
    ("expr", "x", "reason"),
    [
        ("sqrt(x)", -1.0, "SqrtBackward0 is not defined at u = -1.0000: square root of a negative number"),
        ("sqrt(x - 1)", 0.5, "SqrtBackward0 is not defined at u = -0.5000: square root of a negative number"),
        ("sqrt(x)*0", 0.0, "0 · inf in the chain rule: SqrtBackward0 sends 0 × an infinite local derivative"),
        ("x*log(x)", 0.0, "LogBackward0 is not defined at u = 0.0000: log of 0"),
    ],
)
def test_a_nan_gradient_is_blamed_on_its_real_cause(expr: str, x: float, reason: str) -> None:
    notes = explain(record(get("custom"), {"expr": expr, "x": x}))
    assert notes[-1].startswith("Backward: the gradient of") and notes[-1].endswith(f"is nan ({reason}).")
