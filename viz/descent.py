"""Gradient descent from the current inputs: every leaf takes w ← w − lr·∇.

Each step is a real forward and backward pass on fresh tensors, so the path is
what a training loop would do, float32 and all.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from viz.backward import record
from viz.kinds import Value, as_floats
from viz.scenario import Scenario, Values


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
        trace = record(scenario, current)
        path.append(Point(dict(current), scenario.objective_value(current, trace.output_node.value)))
        if k == steps:
            break
        for inp in (i for i in scenario.inputs_for(current) if i.differentiable):
            grad = trace.by_name(inp.label).grad
            if grad is None:  # this input does not reach the output: nothing moves it
                continue
            new = tuple(v - lr * g for v, g in zip(as_floats(current[inp.name]), grad, strict=True))
            if not all(math.isfinite(v) for v in new):
                return path, f"Stopped after step {k}: the gradient is not finite there."
            moved = inp.kind.with_floats(current[inp.name], new)
            clamped = inp.kind.clamp(moved)
            if clamped != moved:
                note = "Some steps left the inputs' range and were clamped to its edge."
            current[inp.name] = clamped
    return path, note
