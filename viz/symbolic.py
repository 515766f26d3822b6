"""The sympy side of a custom expression: the same validated tree as a sympy
expression, and its derivative with a time budget.

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
from collections.abc import Callable
from dataclasses import dataclass

import sympy
import torch

from viz.expression import FUNCTIONS, Expr, parse

X = sympy.Symbol("x", real=True)
SYMPY_FUNCTIONS: dict[str, Callable[[sympy.Expr], sympy.Expr]] = {
    "sin": sympy.sin, "cos": sympy.cos, "tan": sympy.tan, "exp": sympy.exp, "log": sympy.log,
    "sqrt": sympy.sqrt, "tanh": sympy.tanh, "abs": sympy.Abs,
    "sigmoid": lambda u: 1 / (1 + sympy.exp(-u)),
    "relu": lambda u: sympy.Piecewise((u, u > 0), (0, True)),
}  # fmt: skip


def _number(v: float) -> sympy.Expr:
    """Small whole numbers stay exact (x**2, not x**2.0); the rest are Floats, so
    sympy never builds a huge exact integer."""
    if v in (math.pi, math.e):
        return sympy.pi if v == math.pi else sympy.E
    return sympy.Integer(int(v)) if v.is_integer() and abs(v) <= 100 else sympy.Float(v)


TORCH_OPS: dict[str, Callable[[torch.Tensor, torch.Tensor], torch.Tensor]] = {
    "+": torch.add, "-": torch.sub, "*": torch.mul, "/": torch.div, "**": torch.pow,
}  # fmt: skip


def _fold(t: tuple) -> tuple:
    """Evaluate sub-expressions without x in float64 torch, exactly as the graph will:
    9**9**9 is inf and 1/0 is inf, never a 370-million-digit number."""
    if t[0] in ("num", "x"):
        return t
    kids = tuple(_fold(k) if isinstance(k, tuple) else k for k in t[1:])
    operands = [k for k in kids if isinstance(k, tuple)]
    if not all(k[0] == "num" for k in operands):
        return (t[0], *kids)
    args = [torch.tensor(k[1], dtype=torch.float64) for k in operands]
    if t[0] == "neg":
        value = -args[0]
    elif t[0] == "call":
        value = FUNCTIONS[t[1]](args[0])
    else:
        value = TORCH_OPS[t[1]](args[0], args[1])
    return ("num", float(value))


def build_sympy(expr: Expr) -> sympy.Expr:
    """The same tree as a sympy expression (x is a real symbol: |x|' = sign(x))."""

    def go(t: tuple) -> sympy.Expr:
        if t[0] == "num":
            v = t[1]
            if not math.isfinite(v):
                return sympy.nan if math.isnan(v) else (sympy.oo if v > 0 else -sympy.oo)
            return _number(v)
        if t[0] == "x":
            return X
        if t[0] == "neg":
            return -go(t[1])
        if t[0] == "call":
            return SYMPY_FUNCTIONS[t[1]](go(t[2]))
        a, b = go(t[2]), go(t[3])
        ops = {
            "+": lambda: a + b,
            "-": lambda: a - b,
            "*": lambda: a * b,
            "/": lambda: a / b,
            "**": lambda: a**b,
        }
        return ops[t[1]]()

    return go(_fold(expr.tree))


BUDGET_SECONDS = 3.0
STARTUP_SECONDS = 60.0


@dataclass(frozen=True)
class Symbolic:
    f_latex: str
    df_latex: str
    df_value: float
    note: str = ""


def _as_float(value: sympy.Expr) -> float:
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
        return _as_float(df.evalf(subs={X: x0}))
    except (ArithmeticError, ValueError, TypeError):
        try:
            return _as_float(df.subs(X, sympy.Float(x0)).evalf())
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
