"""The symbolic derivative of a custom expression, with a time budget.

Signals do not work in Streamlit's script threads, so sympy runs in one worker
process; a call that outlives the budget kills the worker (a fresh one starts
next time) and the page says the symbolic side was skipped.
"""

from __future__ import annotations

import atexit
import math
import multiprocessing
import multiprocessing.pool
import threading
from dataclasses import dataclass

import sympy

from viz.expression import X, build_sympy, parse

BUDGET_SECONDS = 3.0
STARTUP_SECONDS = 60.0


@dataclass(frozen=True)
class Symbolic:
    f_latex: str
    df_latex: str
    df_value: float
    note: str = ""


def _number(value: sympy.Expr) -> float:
    try:
        z = complex(value)
    except (TypeError, ValueError):
        return math.nan
    return z.real if z.imag == 0 else math.nan


def derive(text: str, x0: float) -> Symbolic:
    """In-process: parse (the validated tree, never the raw text), diff, evaluate."""
    f = build_sympy(parse(text))
    df = sympy.diff(f, X)
    return Symbolic(sympy.latex(f), sympy.latex(df), _evaluate(df, x0))


def _evaluate(df: sympy.Expr, x0: float) -> float:
    """df at x0 as a float; a pole or an undefined point is nan, as arithmetic errors."""
    try:
        return _number(df.evalf(subs={X: x0}))
    except (ArithmeticError, ValueError, TypeError):
        try:
            return _number(df.subs(X, sympy.Float(x0)).evalf())
        except (ArithmeticError, ValueError, TypeError):
            return math.nan


def _ready() -> bool:
    return True


_lock = threading.Lock()
_pool: multiprocessing.pool.Pool | None = None


def _shutdown() -> None:
    if _pool is not None:
        _pool.terminate()


atexit.register(_shutdown)


def _worker() -> multiprocessing.pool.Pool:
    global _pool
    if _pool is None:
        _pool = multiprocessing.get_context("spawn").Pool(1)
        _pool.apply_async(_ready).get(timeout=STARTUP_SECONDS)  # imports happen once, off the budget
    return _pool


def symbolic(text: str, x0: float, budget: float = BUDGET_SECONDS) -> Symbolic:
    """``derive`` in the worker process, or a note if it took longer than ``budget``."""
    global _pool
    with _lock:
        pool = _worker()
        job = pool.apply_async(derive, (text, x0))
        try:
            return job.get(timeout=budget)
        except multiprocessing.TimeoutError:
            pool.terminate()
            _pool = None
            note = f"the symbolic derivative took longer than {budget:g} s; skipped"
            return Symbolic("", "", math.nan, note)
