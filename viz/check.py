"""Three ways to one gradient: the hand-derived chain rule, autograd, and a
central finite difference, side by side with how far apart they are.

The hand formula and the finite difference run in float64; autograd runs on
the scenario's float32 tensors, as in the notebook.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import torch

from viz.scenario import Hand, Scenario, Values
from viz.trace import Trace, make_tensors

H = 1e-6
TOLERANCE = 1e-3


@dataclass(frozen=True)
class Row:
    hand: Hand
    autograd: float
    finite_difference: float

    @property
    def differences(self) -> tuple[float, float]:
        """|hand − autograd| and |finite difference − autograd|."""
        return abs(self.hand.value - self.autograd), abs(self.finite_difference - self.autograd)

    @property
    def agree(self) -> bool:
        values = (self.hand.value, self.autograd, self.finite_difference)
        if not all(math.isfinite(v) for v in values):
            return False
        scale = max(1.0, *(abs(v) for v in values))
        return max(*self.differences, abs(self.hand.value - self.finite_difference)) <= TOLERANCE * scale


def evaluate64(scenario: Scenario, values: Values) -> float:
    """The output in float64, no graph: the finite difference's function."""
    with torch.no_grad():
        return float(scenario.evaluate_batched(make_tensors(scenario, values, torch.float64)))


def _shift(values: Values, name: str, index: int | None, delta: float) -> dict:
    out = dict(values)
    if index is None:
        out[name] = float(values[name]) + delta  # type: ignore[arg-type]
    else:
        vec = list(values[name])  # type: ignore[arg-type]
        vec[index] += delta
        out[name] = tuple(vec)
    return out


def finite_difference(
    scenario: Scenario, values: Values, name: str, index: int | None, h: float = H
) -> float:
    """Central difference (f(v + h) − f(v − h)) / 2h in float64."""
    up = evaluate64(scenario, _shift(values, name, index, h))
    down = evaluate64(scenario, _shift(values, name, index, -h))
    return (up - down) / (2 * h)


def three_ways(scenario: Scenario, values: Values, trace: Trace) -> list[Row]:
    """One row per leaf element, in registry order."""
    rows = []
    for hand in scenario.hand(values) if scenario.hand else []:
        spec = scenario.input(hand.input)
        grad = trace.by_name(spec.label).grad
        autograd = float("nan") if grad is None else grad[hand.index or 0]
        rows.append(Row(hand, autograd, finite_difference(scenario, values, hand.input, hand.index)))
    return rows
