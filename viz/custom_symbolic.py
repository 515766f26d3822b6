"""The custom scenario's symbolic side, as the server sees it: fold the validated tree
in torch (as the graph computes its constants), ask the worker, and remember answers.

Answers are plain strings and floats, so one cache serves every session. A worker
that died is never remembered as an answer: the next request tries again.
"""

from __future__ import annotations

import atexit
from functools import lru_cache

import torch

from viz.expression import parse
from viz.expression_torch import build_torch, fold
from viz.sympy_worker import BUDGET_SECONDS, Answer, Worker

WORKER = Worker()
atexit.register(WORKER.close)


class _Unanswered(Exception):
    def __init__(self, answer: Answer) -> None:
        self.answer = answer


@lru_cache(maxsize=512)
def _cached(text: str, point: tuple[tuple[str, float], ...], budget: float) -> Answer:
    expr = parse(text)
    names = expr.variables or ("x",)
    answer = WORKER.ask(fold(expr.tree), names, dict(point), budget)
    if answer.note and "stopped" in answer.note:
        raise _Unanswered(answer)
    return answer


def symbolic(text: str, point: dict[str, float], budget: float = BUDGET_SECONDS) -> Answer:
    """LaTeX of f and of each partial derivative, with the partials' values at ``point``
    (nan where a variable is missing from it), or a note saying why not."""
    try:
        return _cached(text, tuple(sorted(point.items())), budget)
    except _Unanswered as failed:
        return failed.answer


def kink_note(text: str, point: dict[str, float]) -> str:
    """At relu/abs of exactly 0 the derivative does not exist; say which convention each side used."""
    with torch.no_grad():
        tensors = {k: torch.tensor(v, dtype=torch.float64) for k, v in point.items()}
        at_zero = [k.text for k in parse(text).kinks if _value(k.text, tensors) == 0.0]
    if not at_zero:
        return ""
    return (
        f"Here {', '.join(at_zero)} is exactly 0: a kink, where the derivative does not exist. "
        "torch takes relu'(0) = 0 and abs'(0) = 0; sympy's sign(0) = 0 and the Piecewise used for relu "
        "agree, but a finite difference averages the two slopes (1/2 for relu, 0 for abs)."
    )


def _value(text: str, tensors: dict[str, torch.Tensor]) -> float:
    expr = parse(text)
    names = expr.variables or ("x",)
    one = torch.tensor(1.0, dtype=torch.float64)  # a kink of a constant does not depend on the point
    return float(build_torch(expr, {n: tensors.get(n, one) for n in names})["f"].item())
