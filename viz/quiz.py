"""Predict, then reveal (``&quiz=1``): the backward pass as questions.

At step k (k functions have run) the questions are about the function that runs next: what it
sends back to each of its inputs (upstream × local), or, for a leaf's AccumulateGrad, what
``.grad`` becomes. The answers come from the recorded pass, so they are autograd's own
numbers; the page shows none of them until the student answers or reveals.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from viz.derivatives import RULES
from viz.numbers import fmt_values
from viz.step_text import leaf_grads
from viz.trace import Floats, Trace

REL, ABS = 1e-3, 5e-4  # an answer within either counts as right


@dataclass(frozen=True)
class Question:
    step: int  # the step this question's function runs as (1-based)
    slot: int  # which of its inputs (0 for a leaf's .grad)
    op: str
    name: str  # the tensor the function made
    target: str  # the tensor it sends to (a leaf's own name for .grad)
    upstream: Floats
    answer: Floats
    rule: str  # LaTeX of the local derivative, for the hint
    before: Floats | None = None  # a leaf's .grad before this backward() (None: the first)

    @property
    def leaf(self) -> bool:
        return self.op == "AccumulateGrad"

    def ask(self, output: str) -> str:
        """The question in words, with the upstream gradient given."""
        up = fmt_values(self.upstream)
        if self.leaf:
            return (
                f"Step {self.step}: AccumulateGrad receives {up} for {self.name}. "
                f"What is {self.name}.grad now?"
            )
        return (
            f"Step {self.step}: {self.op} (made {self.name}) receives ∂{output}/∂{self.name} = {up}. "
            f"What does it send back to {self.target}?"
        )

    def hint(self) -> str:
        if self.leaf and self.before is None:
            return f"{self.name}.grad was None before this backward(): it becomes the incoming gradient."
        if self.leaf:
            before = fmt_values(self.before or ())
            return f"{self.name}.grad was {before}: AccumulateGrad adds the incoming gradient."
        return f"upstream × local: {fmt_values(self.upstream)} × (∂{self.name}/∂{self.target}) = ?"


def questions(full: Trace, k: int) -> list[Question]:
    """What the (k+1)-th function will compute, one question per input it sends to."""
    if k >= len(full.steps):
        return []
    record = full.steps[k]
    node = full.by_id(record.node)
    rule = RULES[node.op].latex if node.op in RULES else ""
    if node.kind == "leaf":
        before, answer = leaf_grads(full, record, node)
        return [Question(k + 1, 0, node.op, node.name, node.name, record.upstream, answer, rule, before)]
    return [
        Question(k + 1, slot, node.op, node.name, full.by_id(src).name, record.upstream, sent, rule)
        for slot, src, sent in record.sent
    ]


def parse_answer(text: str) -> Floats | None:
    """Numbers typed by a student: "6", "-0.91", "1.2e-3", or "[1, 2, 3]"; None if not numbers."""
    parts = [p for p in re.split(r"[\s,\[\]]+", text.strip()) if p]
    try:
        values = tuple(float(p) for p in parts)
    except ValueError:
        return None
    return values if values and all(math.isfinite(v) for v in values) else None


def right(given: Floats, answer: Floats) -> bool:
    """Every number within a relative 1e-3 or 5e-4 of autograd's."""
    if len(given) != len(answer):
        return False
    return all(
        abs(g - a) <= ABS or (math.isfinite(a) and abs(g - a) <= REL * abs(a))
        for g, a in zip(given, answer, strict=True)
    )
