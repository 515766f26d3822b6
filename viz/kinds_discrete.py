"""Whole numbers and named choices: the settings of a scenario that are not differentiated
(a network's width, a seed, a number of training steps, a data set)."""

from __future__ import annotations

import random
from dataclasses import dataclass

from viz.kinds import Kind, Parsed, Value, echo


@dataclass(frozen=True)
class Integer(Kind):
    """A whole number in [lo, hi]; out of range is clamped, with a notice. ``step`` is the
    slider's; ``typical`` bounds random samples (tests need not train for hi steps)."""

    lo: int = 0
    hi: int = 10
    step: int = 1
    typical: int | None = None

    def parse(self, text: str, param: str, default: Value) -> Parsed:
        try:
            value = int(text.strip())
        except ValueError:
            return Parsed(default, (f"{echo(text)} is not a whole number; using {self.text(default)}",))
        if not self.lo <= value <= self.hi:
            clamped = min(max(value, self.lo), self.hi)
            return Parsed(clamped, (f"{echo(text)} is outside [{self.lo}, {self.hi}]; using {clamped}",))
        return Parsed(value)

    def text(self, value: Value) -> str:
        return str(as_int(value))

    def sample(self, rng: random.Random, span: float = 3.0) -> Value:
        return rng.randint(self.lo, min(self.hi, self.typical if self.typical is not None else self.hi))


@dataclass(frozen=True)
class Choice(Kind):
    """One of a few named options."""

    options: tuple[str, ...] = ()

    def parse(self, text: str, param: str, default: Value) -> Parsed:
        if text in self.options:
            return Parsed(text)
        return Parsed(default, (f"{echo(text)} is not one of {', '.join(self.options)}; using {default}",))

    def text(self, value: Value) -> str:
        return str(value)

    def sample(self, rng: random.Random, span: float = 3.0) -> Value:
        return rng.choice(self.options)


def as_int(value: Value) -> int:
    if isinstance(value, tuple | str) or value != int(value):
        raise TypeError(f"expected a whole number, got {value!r}")
    return int(value)
