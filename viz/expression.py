"""A student's own function of up to four variables: validated into a tree.

The raw text is never evaluated by anything: Python's ``ast`` only parses it, and
an allowlist decides what may pass. The same tree then builds the float64 torch
graph (``viz.expression_torch``) and the sympy expression (``viz.symbolic``).
This module imports neither, so the symbolic worker can use it without torch.
"""

from __future__ import annotations

import ast
import difflib
import math
import re
import threading
from dataclasses import dataclass
from functools import lru_cache

MAX_CHARS = 200
MAX_NODES = 100
MAX_DEPTH = 20
MAX_VARIABLES = 4
VARIABLES = ("x", "y", "z", "w", "b", "u", "v", "t")  # the names a variable may have, in slider order
CONSTANTS = {"pi": math.pi, "e": math.e}
FUNCTIONS = ("sin", "cos", "tan", "exp", "log", "sqrt", "tanh", "sigmoid", "relu", "abs")
ALLOWED = [*VARIABLES, *CONSTANTS, *FUNCTIONS]
OPERATORS = "+ - * / **"
GRAMMAR = (
    f"variables {', '.join(VARIABLES)} (at most {MAX_VARIABLES}), numbers, pi, e, {OPERATORS}, "
    f"parentheses and {' '.join(FUNCTIONS)}"
)
HINTS = {
    "^": "use ** for powers",
    "ln": "use log (natural logarithm)",
    "max": "not supported; relu(u) is max(u, 0)",
    **{name.upper(): f"variables are lower-case: {name}" for name in VARIABLES},
}
ALLOWED_CHARS = re.compile(r"[0-9A-Za-z_.+\-*/() ]")
BINARY = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/", ast.Pow: "**"}
KINKS = {"relu", "abs"}
# CPython 3.11's parser keeps recursion state that concurrent parses in threads can
# corrupt ("AST constructor recursion depth mismatch"): one parse at a time.
_PARSE_LOCK = threading.Lock()

Tree = tuple  # ("num", v) ("var", name) ("neg", a) ("bin", op, a, b) ("call", f, a)


class ExpressionError(ValueError):
    """A refused expression; the message names the problem and its column."""


@dataclass(frozen=True)
class Expr:
    """A validated expression tree, its canonical text and its variables (in slider order)."""

    tree: Tree
    text: str
    variables: tuple[str, ...]

    @property
    def kinks(self) -> list[Expr]:
        """Arguments of relu/abs, where torch and sympy may disagree at 0."""
        found: list[Expr] = []

        def walk(t: Tree) -> None:
            if t[0] == "call" and t[1] in KINKS:
                found.append(Expr(t[2], render(t[2]), variables_of(t[2])))
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


def _convert(node: ast.AST, depth: int, count: list[int]) -> Tree:
    count[0] += 1
    col = getattr(node, "col_offset", 0) + 1
    if count[0] > MAX_NODES:
        raise _fail(f"the expression has more than {MAX_NODES} parts", col)
    if depth > MAX_DEPTH:
        raise _fail(f"the expression nests deeper than {MAX_DEPTH}", col)
    if (
        isinstance(node, ast.Constant)
        and isinstance(node.value, int | float)
        and not isinstance(node.value, bool)
    ):
        try:
            return ("num", float(node.value))  # no Python big integers past this point
        except OverflowError:
            return ("num", math.inf)
    if isinstance(node, ast.Name):
        if node.id in VARIABLES:
            return ("var", node.id)
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


def variables_of(tree: Tree) -> tuple[str, ...]:
    found: set[str] = set()

    def walk(t: Tree) -> None:
        if t[0] == "var":
            found.add(t[1])
        for child in t[1:]:
            if isinstance(child, tuple):
                walk(child)

    walk(tree)
    return tuple(name for name in VARIABLES if name in found)


@lru_cache(maxsize=256)
def parse(text: str) -> Expr:
    """Validate ``text``; raise ExpressionError with the problem and its column."""
    _check_text(text)
    try:
        with _PARSE_LOCK:
            module = ast.parse(text.strip(), mode="eval")
    except SyntaxError as error:
        column = error.offset or 1
        hint = " (** is the power operator; did you leave out an operator or a parenthesis?)"
        raise _fail(f"syntax error: {error.msg}{hint}", column) from None
    tree = _convert(module.body, 0, [0])
    variables = variables_of(tree)
    if len(variables) > MAX_VARIABLES:
        names = ", ".join(variables)
        raise ExpressionError(
            f"the expression uses {len(variables)} variables ({names}); at most {MAX_VARIABLES}"
        )
    return Expr(tree, render(tree), variables)


def render(tree: Tree) -> str:
    """Canonical text of a tree: the names of the graph's boxes."""
    kind = tree[0]
    if kind == "num":
        v = tree[1]
        if v in (math.pi, math.e):
            return "pi" if v == math.pi else "e"
        return repr(v).removesuffix(".0") if v.is_integer() else repr(v)
    if kind == "var":
        return str(tree[1])
    if kind == "neg":
        return f"-{_wrap(tree[1])}"
    if kind == "call":
        return f"{tree[1]}({render(tree[2])})"
    return f"{_wrap(tree[2])}{tree[1]}{_wrap(tree[3])}" if tree[1] == "**" else \
        f"{_wrap(tree[2])} {tree[1]} {_wrap(tree[3])}"  # fmt: skip


def _wrap(tree: Tree) -> str:
    text = render(tree)
    return f"({text})" if tree[0] in ("bin", "neg") or text.startswith("-") else text
