"""The sympy side of a custom expression: the validated, constant-folded tree as a
sympy expression, its partial derivatives, their LaTeX and their values at a point.

It imports sympy and the grammar only (no torch), because it runs in the worker
process (``viz.sympy_worker``); the tree arrives already folded by torch.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache

import sympy

from viz.expression import Tree

SYMPY_FUNCTIONS: dict[str, Callable[[sympy.Expr], sympy.Expr]] = {
    "sin": sympy.sin, "cos": sympy.cos, "tan": sympy.tan, "exp": sympy.exp, "log": sympy.log,
    "sqrt": sympy.sqrt, "tanh": sympy.tanh, "abs": sympy.Abs,
    "sigmoid": lambda u: 1 / (1 + sympy.exp(-u)),
    "relu": lambda u: sympy.Piecewise((u, u > 0), (0, True)),
}  # fmt: skip


def symbol(name: str) -> sympy.Symbol:
    """A real variable: |x|' is sign(x), and sqrt(x**2) stays honest."""
    return sympy.Symbol(name, real=True)


def _number(v: float) -> sympy.Expr:
    """Small whole numbers stay exact (x**2, not x**2.0); the rest are Floats, so sympy
    never builds a huge exact integer."""
    if not math.isfinite(v):
        return sympy.nan if math.isnan(v) else (sympy.oo if v > 0 else -sympy.oo)
    if v in (math.pi, math.e):
        return sympy.pi if v == math.pi else sympy.E
    return sympy.Integer(int(v)) if v.is_integer() and abs(v) <= 100 else sympy.Float(v)


def build_sympy(tree: Tree) -> sympy.Expr:
    """The same (folded) tree as a sympy expression."""
    if tree[0] == "num":
        return _number(float(tree[1]))
    if tree[0] == "var":
        return symbol(tree[1])
    if tree[0] == "neg":
        return -build_sympy(tree[1])
    if tree[0] == "call":
        return SYMPY_FUNCTIONS[tree[1]](build_sympy(tree[2]))
    a, b = build_sympy(tree[2]), build_sympy(tree[3])
    if tree[1] == "+":
        return a + b
    if tree[1] == "-":
        return a - b
    if tree[1] == "*":
        return a * b
    if tree[1] == "/":
        return a / b
    return a**b


@dataclass(frozen=True)
class Formulas:
    """f and each partial derivative, as sympy expressions and LaTeX."""

    f: sympy.Expr
    f_latex: str
    partials: tuple[tuple[str, sympy.Expr, str], ...]  # (variable, ∂f/∂variable, its LaTeX)


@lru_cache(maxsize=128)
def formulas(tree: Tree, variables: tuple[str, ...]) -> Formulas:
    f = build_sympy(tree)
    partials = []
    for name in variables:
        d = sympy.diff(f, symbol(name))
        partials.append((name, d, sympy.latex(d)))
    return Formulas(f, sympy.latex(f), tuple(partials))


def _as_float(value: sympy.Expr) -> float:
    try:
        z = complex(value)
    except (TypeError, ValueError):
        return math.nan
    return z.real if z.imag == 0 else math.nan


def evaluate(expr: sympy.Expr, point: Mapping[str, float]) -> float:
    """``expr`` at ``point`` as a float; a pole or an undefined point is nan.

    Substituted first, then evaluated: ``evalf(subs=...)`` gives tanh(0)**0 as 0, not 1."""
    values = {symbol(name): sympy.Float(value) for name, value in point.items()}
    try:
        return _as_float(expr.subs(values).evalf())
    except (ArithmeticError, ValueError, TypeError, RecursionError):
        return math.nan


def seconds(found: Formulas, variables: tuple[str, ...], point: Mapping[str, float]) -> list[list]:
    """Each second partial [row variable, column variable, LaTeX, value], row by row."""
    out = []
    for name, d, _ in found.partials:
        for other in variables:
            d2 = sympy.diff(d, symbol(other))
            out.append([name, other, sympy.latex(d2), evaluate(d2, point)])
    return out


def derive(tree: Tree, variables: tuple[str, ...], point: Mapping[str, float], order: int = 1) -> dict:
    """What the worker answers: LaTeX of f and of each partial, and each partial's value;
    with ``order=2`` the second partials as well."""
    found = formulas(tree, variables)
    return {
        "f_latex": found.f_latex,
        "partials": [[name, latex, evaluate(d, point)] for name, d, latex in found.partials],
        "seconds": seconds(found, variables, point) if order == 2 else [],
    }
