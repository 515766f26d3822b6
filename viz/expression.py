"""A student's own function of x: validated, then built twice from the same tree,
once as float64 torch operations (for autograd) and once as a sympy expression
(for the symbolic derivative). The raw text is never evaluated by anything:
Python's ``ast`` only parses it, and an allowlist decides what may pass.
"""

from __future__ import annotations

import ast
import difflib
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

import torch

MAX_CHARS = 200
MAX_NODES = 100
MAX_DEPTH = 20
CONSTANTS = {"pi": math.pi, "e": math.e}
FUNCTIONS: dict[str, Callable[[torch.Tensor], torch.Tensor]] = {
    "sin": torch.sin, "cos": torch.cos, "tan": torch.tan, "exp": torch.exp, "log": torch.log,
    "sqrt": torch.sqrt, "tanh": torch.tanh, "sigmoid": torch.sigmoid, "relu": torch.relu, "abs": torch.abs,
}  # fmt: skip
ALLOWED = ["x", *CONSTANTS, *FUNCTIONS]
HINTS = {
    "^": "use ** for powers",
    "ln": "use log (natural logarithm)",
    "X": "the variable is lower-case x",
    "max": "not supported; relu(u) is max(u, 0)",
}
ALLOWED_CHARS = re.compile(r"[0-9A-Za-z_.+\-*/() ]")
BINARY = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/", ast.Pow: "**"}
KINKS = {"relu", "abs"}


class ExpressionError(ValueError):
    """A refused expression; the message names the problem and its column."""


@dataclass(frozen=True)
class Expr:
    """A validated expression tree: ("num", v) ("x",) ("neg", a) ("bin", op, a, b) ("call", f, a)."""

    tree: tuple
    text: str  # canonical, fully parenthesised where needed

    @property
    def kinks(self) -> list[Expr]:
        """Arguments of relu/abs, where torch and sympy may disagree at 0."""
        found: list[Expr] = []

        def walk(t: tuple) -> None:
            if t[0] == "call" and t[1] in KINKS:
                found.append(Expr(t[2], render(t[2])))
            for child in t[1:]:
                if isinstance(child, tuple):
                    walk(child)

        walk(self.tree)
        return found


def _fail(message: str, column: int, tail: str = "") -> ExpressionError:
    return ExpressionError(f"{message} at column {column}{tail}")


def _near(name: str) -> str:
    if name in HINTS:
        return f" ({HINTS[name]})"
    close = difflib.get_close_matches(name, ALLOWED, n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


def _check_text(text: str) -> None:
    if not isinstance(text, str) or not text.strip():
        raise ExpressionError("the expression is empty; try sin(x**2)")
    if len(text) > MAX_CHARS:
        raise ExpressionError(f"the expression has {len(text)} characters; at most {MAX_CHARS}")
    for i, ch in enumerate(text, start=1):
        if not ch.isascii():
            raise _fail(f"non-ASCII character {ch!r}: type plain ASCII letters (sin, not ｓｉｎ)", i)
        if not ALLOWED_CHARS.fullmatch(ch):
            hint = f" ({HINTS[ch]})" if ch in HINTS else "; allowed: digits, letters, + - * / ** ( ) and ."
            raise _fail(f"character {ch!r} is not allowed", i, hint)
    depth = 0
    for i, ch in enumerate(text, start=1):
        depth += (ch == "(") - (ch == ")")
        if depth > MAX_DEPTH:
            raise _fail(f"parentheses nest deeper than {MAX_DEPTH}", i)


def _convert(node: ast.AST, depth: int, count: list[int]) -> tuple:
    count[0] += 1
    col = getattr(node, "col_offset", 0) + 1
    if count[0] > MAX_NODES:
        raise _fail(f"the expression has more than {MAX_NODES} parts", col)
    if depth > MAX_DEPTH:
        raise _fail(f"the expression nests deeper than {MAX_DEPTH}", col)
    if isinstance(node, ast.Constant) and type(node.value) in (int, float):
        try:
            return ("num", float(node.value))  # no Python big integers past this point
        except OverflowError:
            return ("num", math.inf)
    if isinstance(node, ast.Name):
        if node.id == "x":
            return ("x",)
        if node.id in CONSTANTS:
            return ("num", CONSTANTS[node.id])
        if node.id in FUNCTIONS:
            raise _fail(f"'{node.id}' is a function: write {node.id}(...)", col)
        raise _fail(f"unknown name '{node.id}'", col, f"{_near(node.id)}; allowed: {', '.join(ALLOWED)}")
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub | ast.UAdd):
        inner = _convert(node.operand, depth + 1, count)
        return ("neg", inner) if isinstance(node.op, ast.USub) else inner
    if isinstance(node, ast.BinOp) and type(node.op) in BINARY:
        left, right = _convert(node.left, depth + 1, count), _convert(node.right, depth + 1, count)
        return ("bin", BINARY[type(node.op)], left, right)
    if isinstance(node, ast.Call):
        if not isinstance(node.func, ast.Name):
            raise _fail("only the listed functions can be called", col)
        name = node.func.id
        if name not in FUNCTIONS:
            raise _fail(f"unknown function '{name}'", col, f"{_near(name)}; allowed: {', '.join(FUNCTIONS)}")
        if node.keywords or len(node.args) != 1:
            raise _fail(f"{name}() takes exactly one argument", col)
        return ("call", name, _convert(node.args[0], depth + 1, count))
    kinds = {ast.Attribute: "attribute access (.)", ast.Subscript: "indexing ([ ])", ast.Lambda: "lambda",
             ast.Compare: "comparisons", ast.BoolOp: "and/or", ast.Tuple: "tuples"}  # fmt: skip
    kind = kinds.get(type(node), "this syntax")
    raise _fail(f"{kind} is not allowed", col)


@lru_cache(maxsize=256)
def parse(text: str) -> Expr:
    """Validate ``text``; raise ExpressionError with the problem and its column."""
    _check_text(text)
    try:
        module = ast.parse(text.strip(), mode="eval")
    except SyntaxError as error:
        column = error.offset or 1
        hint = " (** is the power operator; did you leave out an operator or a parenthesis?)"
        raise _fail(f"syntax error: {error.msg}{hint}", column) from None
    tree = _convert(module.body, 0, [0])
    return Expr(tree, render(tree))


def render(tree: tuple) -> str:
    """Canonical text of a tree: the names of the graph's boxes."""
    kind = tree[0]
    if kind == "num":
        v = tree[1]
        return {math.pi: "pi", math.e: "e"}.get(v, repr(v).removesuffix(".0") if v.is_integer() else repr(v))
    if kind == "x":
        return "x"
    if kind == "neg":
        return f"-{_wrap(tree[1])}"
    if kind == "call":
        return f"{tree[1]}({render(tree[2])})"
    return f"{_wrap(tree[2])}{tree[1]}{_wrap(tree[3])}" if tree[1] == "**" else \
        f"{_wrap(tree[2])} {tree[1]} {_wrap(tree[3])}"  # fmt: skip


def _wrap(tree: tuple) -> str:
    text = render(tree)
    return f"({text})" if tree[0] in ("bin", "neg") or text.startswith("-") else text


def _has_x(tree: tuple) -> bool:
    return tree[0] == "x" or any(isinstance(k, tuple) and _has_x(k) for k in tree[1:])


def build_torch(expr: Expr, x: torch.Tensor) -> dict[str, torch.Tensor]:
    """Every sub-expression as a named tensor, in the order computed; the last is f.

    Constants stay Python floats (wrapped scalars in torch), so nothing is folded
    into a big integer and a huge power is simply inf in float64.
    """
    named: dict[str, torch.Tensor] = {}

    def go(t: tuple) -> torch.Tensor | float:
        if t[0] == "num":
            return t[1]
        if t[0] == "x":
            return x
        if t[0] == "neg":
            out = -go(t[1])
        elif t[0] == "call":
            inner = go(t[2])
            arg = inner if isinstance(inner, torch.Tensor) else torch.tensor(inner, dtype=x.dtype)
            out = FUNCTIONS[t[1]](arg)
        else:
            a, b = go(t[2]), go(t[3])
            if not isinstance(a, torch.Tensor):
                # a constant left operand is a float64 tensor: one backward function per
                # operator (1 / u is DivBackward0, not reciprocal-then-multiply), and no folding
                a = torch.tensor(a, dtype=x.dtype)
            out = {"+": lambda: a + b, "-": lambda: a - b, "*": lambda: a * b, "/": lambda: a / b,
                   "**": lambda: a**b}[t[1]]()  # fmt: skip
        name = render(t)
        if isinstance(out, torch.Tensor):
            named.setdefault(name, out)
            return named[name]
        return out

    result = go(expr.tree)
    if isinstance(result, torch.Tensor) and not _has_x(expr.tree):
        result = result.item()  # a constant expression such as abs(0)
    if result is x:
        result = x * 1.0  # f = x still gets a box of its own
    elif not isinstance(result, torch.Tensor):
        named["0 * x"] = x * 0.0  # a constant f: its gradient is 0, and the graph says so
        result = named["0 * x"] + result
    named = {k: v for k, v in named.items() if v is not result}  # the root is called f
    named["f"] = result
    return named
