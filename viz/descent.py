"""Gradient descent from the current inputs: every leaf takes w ← w − lr·∇.

Each step is a real forward and backward pass on fresh tensors, so the path is
what a training loop would do, float32 and all.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from viz.backward import trace
from viz.numbers import fmt
from viz.scenario import Scenario, Value, Values


@dataclass(frozen=True)
class Point:
    values: dict[str, Value]
    loss: float


def descend(scenario: Scenario, values: Values, lr: float, steps: int) -> tuple[list[Point], str]:
    """The path (start included) and a note if it had to stop or was clamped."""
    current = dict(values)
    path: list[Point] = []
    note = ""
    for k in range(steps + 1):
        t = trace(scenario, current)
        path.append(Point(dict(current), t.output_node.value[0]))
        if k == steps:
            break
        for spec in (s for s in scenario.inputs if s.leaf):
            old = current[spec.name]
            olds = old if isinstance(old, tuple) else (old,)
            new = tuple(v - lr * g for v, g in zip(olds, t.by_name(spec.label).grad or (), strict=True))
            if not all(math.isfinite(v) for v in new):
                return path, f"Stopped after step {k}: the gradient is not finite there."
            clamped = tuple(min(max(v, spec.lo), spec.hi) for v in new)
            if clamped != new:
                note = f"Some steps left [{fmt(spec.lo)}, {fmt(spec.hi)}] and were clamped to its edge."
            current[spec.name] = clamped if isinstance(old, tuple) else clamped[0]
    return path, note
