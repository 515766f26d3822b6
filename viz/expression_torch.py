"""A validated expression as float64 torch operations: the graph autograd walks.

Every sub-expression becomes a named tensor (its canonical text), so the graph's
boxes read like the formula. Constants are folded here, in float64 torch, exactly
as the graph computes them: ``9**9**9`` is inf at once, never a huge integer, and
the symbolic side receives the same folded numbers.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import torch

from viz.expression import FUNCTIONS, Expr, Tree, render

TORCH_FUNCTIONS: dict[str, Callable[[torch.Tensor], torch.Tensor]] = {
    "sin": torch.sin, "cos": torch.cos, "tan": torch.tan, "exp": torch.exp, "log": torch.log,
    "sqrt": torch.sqrt, "tanh": torch.tanh, "sigmoid": torch.sigmoid, "relu": torch.relu, "abs": torch.abs,
}  # fmt: skip
assert set(TORCH_FUNCTIONS) == set(FUNCTIONS)
OUTPUT = "f"


def _binary(op: str, a: torch.Tensor, b: torch.Tensor | float) -> torch.Tensor:
    if op == "+":
        return a + b
    if op == "-":
        return a - b
    if op == "*":
        return a * b
    if op == "/":
        return a / b
    return a**b


def build_torch(expr: Expr, variables: Mapping[str, torch.Tensor]) -> dict[str, torch.Tensor]:
    """Every sub-expression as a named tensor, in the order computed; the last is ``f``.

    A constant left operand becomes a float64 tensor: one backward function per
    operator (``1 / u`` is DivBackward0, not reciprocal-then-multiply), no folding.
    """
    named: dict[str, torch.Tensor] = {}
    dtype = next(iter(variables.values())).dtype if variables else torch.float64

    def go(t: Tree) -> torch.Tensor | float:
        if t[0] == "num":
            return float(t[1])
        if t[0] == "var":
            return variables[t[1]]
        if t[0] == "neg":
            inner = go(t[1])
            out = -inner
        elif t[0] == "call":
            inner = go(t[2])
            arg = inner if isinstance(inner, torch.Tensor) else torch.tensor(inner, dtype=dtype)
            out = TORCH_FUNCTIONS[t[1]](arg)
        else:
            a, b = go(t[2]), go(t[3])
            if not isinstance(a, torch.Tensor):
                a = torch.tensor(a, dtype=dtype)
            out = _binary(t[1], a, b)
        if isinstance(out, torch.Tensor):
            return named.setdefault(render(t), out)
        return out

    result = go(expr.tree)
    if isinstance(result, torch.Tensor) and not expr.variables:
        result = result.item()  # a constant expression such as abs(0)
    if isinstance(result, torch.Tensor) and any(result is v for v in variables.values()):
        result = result * 1.0  # f = x still gets a box of its own
    elif not isinstance(result, torch.Tensor):
        # a constant f: its gradient is 0, and the graph says so (0 * x, then + the constant)
        name, leaf = next(iter(variables.items()))
        named[f"0 * {name}"] = leaf * 0.0
        result = named[f"0 * {name}"] + result
    named = {k: v for k, v in named.items() if v is not result}  # the root is called f
    named[OUTPUT] = result
    return named


def fold(tree: Tree) -> Tree:
    """Sub-expressions without variables evaluated in float64 torch, as the graph does."""
    if tree[0] in ("num", "var"):
        return tree
    kids = tuple(fold(k) if isinstance(k, tuple) else k for k in tree[1:])
    operands = [k for k in kids if isinstance(k, tuple)]
    if not all(k[0] == "num" for k in operands):
        return (tree[0], *kids)
    args = [torch.tensor(k[1], dtype=torch.float64) for k in operands]
    if tree[0] == "neg":
        value = -args[0]
    elif tree[0] == "call":
        value = TORCH_FUNCTIONS[tree[1]](args[0])
    else:
        value = _binary(tree[1], args[0], args[1])
    return ("num", float(value))
