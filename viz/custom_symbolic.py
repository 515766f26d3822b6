"""The custom scenario's symbolic side, as the server sees it: fold the validated tree
in torch (as the graph computes its constants), ask a worker, and remember answers.

Two workers keep one student's heavy expression from delaying the others. Every
request first goes to the quick worker with a short budget; an expression that is
deeply nested, that once ran out of that budget, or that comes from a student whose
expression did, goes to the slow worker instead, which has the full budget with its
wait included, so a queue of heavy expressions delays only the students who typed
them. An expression that ran out of the full budget is not tried again at other points.
Answers are plain strings and floats, so one cache serves every session. A worker
that died is never remembered as an answer: the next request tries again.
"""

from __future__ import annotations

import atexit
from collections import OrderedDict
from contextvars import ContextVar
from functools import lru_cache

import torch

from viz.expression import Tree, parse
from viz.expression_torch import build_torch, fold
from viz.sympy_worker import BUDGET_SECONDS, Answer, Worker

QUICK, SLOW = Worker(), Worker(nice=19, fork_each=True)  # the slow one often runs late
atexit.register(QUICK.close)
atexit.register(SLOW.close)
QUICK_SECONDS = 0.5  # a quick worker's budget: the notebook-sized expressions take < 0.1 s
NESTED_CALLS = 4  # functions of functions this deep go to the slow worker at once
CLIENT: ContextVar[str] = ContextVar("client", default="")  # who asks: the page sets its session


class _Remembered(OrderedDict[str, Answer]):
    """The last ``size`` keys, oldest forgotten first."""

    def __init__(self, size: int) -> None:
        super().__init__()
        self.size = size

    def remember(self, key: str, answer: Answer | None = None) -> None:
        self[key] = answer or Answer()
        self.move_to_end(key)
        while len(self) > self.size:
            self.popitem(last=False)


SLOW_TEXTS, SLOW_CLIENTS, TIMED_OUT = _Remembered(4096), _Remembered(4096), _Remembered(4096)


def nested_calls(tree: Tree) -> int:
    """How deep functions nest: sin(x)*x is 1, relu(sin(relu(x))) is 3."""
    children = [k for k in tree[1:] if isinstance(k, tuple)]
    below = max((nested_calls(k) for k in children), default=0)
    return below + (tree[0] == "call")


def _route(
    text: str, tree: Tree, names: tuple[str, ...], point: dict[str, float], budget: float, order: int
) -> Answer:
    key, client = f"{budget:g} {order} {text}", CLIENT.get()
    if key in TIMED_OUT:
        return TIMED_OUT[key]
    slow = text in SLOW_TEXTS or client in SLOW_CLIENTS or nested_calls(tree) >= NESTED_CALLS
    if budget <= QUICK_SECONDS:
        return QUICK.ask(tree, names, point, budget, order)
    if not slow:
        answer = QUICK.ask(tree, names, point, QUICK_SECONDS, order)
        if answer.outcome not in ("late", "queued"):
            return answer
        SLOW_TEXTS.remember(text)
        if client:
            SLOW_CLIENTS.remember(client)
    answer = SLOW.ask(tree, names, point, budget, order)
    if answer.outcome == "late":
        TIMED_OUT.remember(key, answer)
    return answer


class _Unanswered(Exception):
    def __init__(self, answer: Answer) -> None:
        self.answer = answer


@lru_cache(maxsize=512)
def _cached(text: str, point: tuple[tuple[str, float], ...], budget: float, order: int) -> Answer:
    expr = parse(text)
    names = expr.variables or ("x",)
    answer = _route(text, fold(expr.tree), names, dict(point), budget, order)
    if answer.outcome in ("stopped", "queued"):
        raise _Unanswered(answer)  # not an answer about the expression: ask again next time
    return answer


def symbolic(text: str, point: dict[str, float], budget: float = BUDGET_SECONDS, order: int = 1) -> Answer:
    """LaTeX of f and of each partial derivative, with the partials' values at ``point``
    (nan where a variable is missing from it), or a note saying why not; ``order=2`` adds
    the second partials."""
    try:
        return _cached(text, tuple(sorted(point.items())), budget, order)
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
