"""A tensor of fixed shape whose numbers come from the other inputs (a network's trained
weights, a data set), never from a link: the link names what made it, not its numbers."""

from __future__ import annotations

import math
import random
from dataclasses import dataclass

import torch

from viz.kinds import Coordinate, Kind, Parsed, Value, as_floats


@dataclass(frozen=True)
class Weights(Kind):
    """``shape`` numbers, row-major. As a leaf, each number is a coordinate (``W1.0.1`` in a
    link's ``axes``, ``W1[0,1]`` on the page) that can be plotted and descended."""

    shape: tuple[int, ...] = ()
    lo: float = -10.0
    hi: float = 10.0
    differentiable = True

    @property
    def size(self) -> int:
        return math.prod(self.shape)

    def parse(self, text: str, param: str, default: Value) -> Parsed:
        return Parsed(default, ("is computed from the other inputs, not read from a link",))

    def text(self, value: Value) -> str:
        return ",".join(repr(v) for v in as_floats(value))

    def tensor(self, value: Value, dtype: torch.dtype, requires_grad: bool) -> torch.Tensor:
        flat = torch.tensor(as_floats(value), dtype=dtype)
        return flat.reshape(self.shape).requires_grad_(requires_grad)

    def literal(self, value: Value) -> str:
        return repr(torch.tensor(as_floats(value)).reshape(self.shape).tolist())

    def index(self, flat: int) -> tuple[int, ...]:
        out = []
        for size in reversed(self.shape):
            out.append(flat % size)
            flat //= size
        return tuple(reversed(out))

    def coordinates(self, name: str, label: str, value: Value) -> list[Coordinate]:
        return [
            Coordinate(
                name,
                i,
                ".".join((name, *map(str, self.index(i)))),
                f"{label}[{','.join(map(str, self.index(i)))}]",
                self.lo,
                self.hi,
            )
            for i in range(self.size)
        ]

    def with_floats(self, value: Value, floats: tuple[float, ...]) -> Value:
        return tuple(floats)

    def clamp(self, value: Value) -> Value:
        return tuple(min(max(v, self.lo), self.hi) for v in as_floats(value))

    def sample(self, rng: random.Random, span: float = 3.0) -> Value:
        return tuple(rng.uniform(-span, span) for _ in range(self.size))
