"""Three ways to one gradient: the hand-derived (or symbolic) closed form, autograd,
and a central finite difference, side by side with how far apart they are.

The closed form and the finite difference run in float64; autograd runs on the
scenario's own tensors (float32 for the notebook's, as in the notebook). A
scenario with no closed form is compared two ways, and says so.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import torch

from viz.graph import make_tensors
from viz.kinds import Coordinate, as_floats
from viz.scenario import Hand, Scenario, Values
from viz.trace import Trace

H = 1e-6
TOLERANCE = 1e-3


@dataclass(frozen=True)
class Row:
    coordinate: Coordinate
    hand: Hand | None
    autograd: float
    finite_difference: float

    @property
    def values(self) -> tuple[float, ...]:
        hand = () if self.hand is None else (self.hand.value,)
        return (*hand, self.autograd, self.finite_difference)

    @property
    def differences(self) -> tuple[float | None, float]:
        """|closed form − autograd| (None without a closed form) and |finite difference − autograd|."""
        hand = None if self.hand is None else abs(self.hand.value - self.autograd)
        return hand, abs(self.finite_difference - self.autograd)

    @property
    def agree(self) -> bool:
        """All the ways this row has agree (to 1e-3, relative to the larger of 1 and the values)."""
        if not all(math.isfinite(v) for v in self.values):
            return False
        scale = max(1.0, *(abs(v) for v in self.values))
        return max(self.values) - min(self.values) <= TOLERANCE * scale


def evaluate64(scenario: Scenario, values: Values) -> float:
    """The output in float64, no graph: the finite difference's function."""
    with torch.no_grad():
        return float(scenario.evaluate_batched(make_tensors(scenario, values, torch.float64), values))


def shifted(scenario: Scenario, values: Values, at: Coordinate, delta: float) -> dict:
    out = dict(values)
    inp = scenario.input(at.input, values)
    floats = list(as_floats(values[at.input]))
    floats[at.index or 0] += delta
    out[at.input] = inp.kind.with_floats(values[at.input], tuple(floats))
    return out


def finite_difference(scenario: Scenario, values: Values, at: Coordinate, h: float = H) -> float:
    """Central difference (f(v + h) − f(v − h)) / 2h in float64."""
    up = evaluate64(scenario, shifted(scenario, values, at, h))
    down = evaluate64(scenario, shifted(scenario, values, at, -h))
    return (up - down) / (2 * h)


def three_ways(scenario: Scenario, values: Values, trace: Trace) -> list[Row]:
    """One row per coordinate that requires grad, in registry order."""
    hands = {(h.input, h.index): h for h in (scenario.hand(values) if scenario.hand else [])}
    rows = []
    for at in scenario.coordinates(values):
        grad = trace.by_name(scenario.input(at.input, values).label).grad
        autograd = math.nan if grad is None else grad[at.index or 0]
        hand = hands.get((at.input, at.index))
        rows.append(Row(at, hand, autograd, finite_difference(scenario, values, at)))
    return rows
