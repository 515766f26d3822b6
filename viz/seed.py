"""``backward(gradient=v)``: the vector a non-scalar output needs, and a direction ``u``
for forward mode. Both follow the length of the input they pair with.

torch refuses ``y.backward()`` for a ``y`` with more than one element; with ``gradient=v``
it computes vᵀJ, the gradient of the scalar v·y. Everything that needs one number per
point (the plot, the finite difference, descent, second derivatives) differentiates that
scalar, so it agrees with ``x.grad`` by construction of the maths, not of the code.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

import torch

from viz.kinds import Kind, Parsed, Value, Vector, as_floats

PAD = 1.0  # what a seed too short for its input is padded with


@dataclass(frozen=True)
class Seed(Kind):
    """Up to ``max_len`` numbers, as many as the input ``like`` has; empty: not given.
    Never a leaf: a constant of backward() or of forward mode."""

    like: str = "xs"
    title: str = ""  # what it is for, on its switch: "backward(gradient=v)"
    lo: float = -10.0
    hi: float = 10.0
    max_len: int = 8

    def parse(self, text: str, param: str, default: Value) -> Parsed:
        if not text.strip():
            return Parsed(())
        return Vector(self.lo, self.hi, self.max_len).parse(text, param, ())

    def text(self, value: Value) -> str:
        return Vector().text(value)

    def tensor(self, value: Value, dtype: torch.dtype, requires_grad: bool) -> None:
        return None  # not an input of the forward pass

    def literal(self, value: Value) -> str | None:
        return Vector().literal(value) if value else None

    def sample(self, rng: random.Random, span: float = 3.0) -> Value:
        return tuple(round(rng.uniform(-2, 2), 3) for _ in range(self.max_len))

    def fit(self, value: Value, length: int) -> tuple[Value, str]:
        """The value at ``length`` elements (cut, or padded with 1), and what was done."""
        floats = as_floats(value) if value else ()
        if not floats or len(floats) == length:
            return floats, ""
        if len(floats) > length:
            return floats[
                :length
            ], f"has {len(floats)} elements and {self.like} has {length}; kept the first {length}"
        padded = floats + (PAD,) * (length - len(floats))
        return padded, f"has {len(floats)} elements and {self.like} has {length}; padded with 1 to {length}"


def fit_seeds(inputs: tuple, values: dict) -> list[tuple[str, str]]:
    """Make every seed as long as its input (in place); (parameter, message) for each change."""
    said = []
    for inp in inputs:
        if isinstance(inp.kind, Seed) and inp.kind.like in values:
            length = len(as_floats(values[inp.kind.like]))
            values[inp.name], message = inp.kind.fit(values[inp.name], length)
            if message:
                said.append((inp.name, message))
    return said
