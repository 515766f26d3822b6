"""Input kinds: one typed object per kind of input a scenario takes.

Each kind owns everything that differs between kinds: reading a link value (bad
text becomes a message and a fallback, never an exception), the canonical text
written back into the link, the tensor it becomes, its plottable coordinates, a
step of gradient descent, and random values for tests. Nothing else in the
project asks what kind an input is; the page picks a widget by the kind's type
(``viz/ui/inputs.py``).
"""

from __future__ import annotations

import math
import random
from abc import ABC, abstractmethod
from dataclasses import dataclass

import torch

from viz.numbers import fmt, url_number

Value = float | int | str | tuple[float, ...]
ECHO_CHARS = 40


def echo(text: str) -> str:
    """A value from a link, as a message quotes it: cut short, never interpreted."""
    cut = text if len(text) <= ECHO_CHARS else text[: ECHO_CHARS - 1] + "…"
    return f'"{cut}"'


def as_float(value: Value) -> float:
    if isinstance(value, tuple | str):
        raise TypeError(f"expected a number, got {type(value).__name__}")
    return float(value)


def as_floats(value: Value) -> tuple[float, ...]:
    """The differentiable numbers of a value: a scalar as one element."""
    if isinstance(value, str):
        raise TypeError("text has no numbers")
    return value if isinstance(value, tuple) else (float(value),)


@dataclass(frozen=True)
class Parsed:
    """What reading one link value gave: the value, and what the page should say about it."""

    value: Value
    messages: tuple[str, ...] = ()


@dataclass(frozen=True)
class Coordinate:
    """One number of an input that can be moved: a scalar, or one element of a vector.

    ``token`` names it in a link (``axes=x,y`` or ``axes=0,2``), ``label`` on the page.
    """

    input: str
    index: int | None
    token: str
    label: str
    lo: float
    hi: float


class Kind(ABC):
    """How one kind of input is read, written, computed with and varied."""

    differentiable = False  # can require grad, be plotted and be moved by descent

    @abstractmethod
    def parse(self, text: str, param: str, default: Value) -> Parsed: ...

    @abstractmethod
    def text(self, value: Value) -> str: ...

    def tensor(self, value: Value, dtype: torch.dtype, requires_grad: bool) -> torch.Tensor | None:
        """The tensor of the value (None: the value is not a tensor, e.g. an expression's text)."""
        return None

    def literal(self, value: Value) -> str | None:
        """The value as Python source for ``torch.tensor(...)`` in exported code (None: no tensor)."""
        return None

    def coordinates(self, name: str, label: str, value: Value) -> list[Coordinate]:
        return []

    def with_floats(self, value: Value, floats: tuple[float, ...]) -> Value:
        """The value with its numbers replaced (a descent step, a finite-difference shift)."""
        raise TypeError(f"{type(self).__name__} has no numbers to replace")

    def clamp(self, value: Value) -> Value:
        return value

    @abstractmethod
    def sample(self, rng: random.Random, span: float = 3.0) -> Value:
        """A random valid value (numbers within ±span), for tests that loop over the registry."""


def _number(text: str, param: str, lo: float, hi: float) -> tuple[float | None, str]:
    """A finite number in [lo, hi] (clamped), or None with the reason."""
    try:
        value = float(text)
    except ValueError:
        return None, f"{echo(text)} is not a number"
    if not math.isfinite(value):
        return None, f"{echo(text)} is not a finite number"
    if value == 0 and any(d in "123456789" for d in text.lower().split("e")[0]):
        return 0.0, f"{echo(text)} is too small for float64; using 0"
    if not lo <= value <= hi:
        clamped = min(max(value, lo), hi)
        return clamped, f"{echo(text)} is outside [{fmt(lo)}, {fmt(hi)}]; clamped to {url_number(clamped)}"
    return value, ""


@dataclass(frozen=True)
class Scalar(Kind):
    """A real number in [lo, hi]: a leaf that requires grad, or a constant."""

    lo: float = -10.0
    hi: float = 10.0
    step: float = 0.1  # the slider's
    differentiable = True

    def parse(self, text: str, param: str, default: Value) -> Parsed:
        value, message = _number(text, param, self.lo, self.hi)
        if value is None:
            return Parsed(default, (f"{message}; using {self.text(default)}",))
        return Parsed(value, (message,) if message else ())

    def text(self, value: Value) -> str:
        return url_number(as_float(value))

    def tensor(self, value: Value, dtype: torch.dtype, requires_grad: bool) -> torch.Tensor:
        return torch.tensor(as_float(value), dtype=dtype, requires_grad=requires_grad)

    def literal(self, value: Value) -> str:
        return repr(as_float(value))

    def coordinates(self, name: str, label: str, value: Value) -> list[Coordinate]:
        return [Coordinate(name, None, name, label, self.lo, self.hi)]

    def with_floats(self, value: Value, floats: tuple[float, ...]) -> Value:
        (new,) = floats
        return new

    def clamp(self, value: Value) -> Value:
        return min(max(as_float(value), self.lo), self.hi)

    def sample(self, rng: random.Random, span: float = 3.0) -> Value:
        return rng.uniform(max(self.lo, -span), min(self.hi, span))


@dataclass(frozen=True)
class Label(Kind):
    """A binary class label: 0 or 1, a constant."""

    def parse(self, text: str, param: str, default: Value) -> Parsed:
        if text.strip() in ("0", "1", "0.0", "1.0"):
            return Parsed(float(text))
        return Parsed(default, (f"{echo(text)} must be 0 or 1; using {self.text(default)}",))

    def text(self, value: Value) -> str:
        return url_number(as_float(value))

    def tensor(self, value: Value, dtype: torch.dtype, requires_grad: bool) -> torch.Tensor:
        return torch.tensor(as_float(value), dtype=dtype)

    def literal(self, value: Value) -> str:
        return repr(as_float(value))

    def sample(self, rng: random.Random, span: float = 3.0) -> Value:
        return float(rng.choice((0, 1)))


@dataclass(frozen=True)
class Vector(Kind):
    """1 to ``max_len`` real numbers in [lo, hi], comma-separated in a link."""

    lo: float = -10.0
    hi: float = 10.0
    max_len: int = 8
    differentiable = True

    def parse(self, text: str, param: str, default: Value) -> Parsed:
        parts = [p.strip() for p in text.split(",")]
        messages = []
        if len(parts) > self.max_len:
            messages.append(f"has {len(parts)} elements; kept the first {self.max_len}")
            parts = parts[: self.max_len]
        elements: list[float] = []
        for i, part in enumerate(parts):
            value, message = _number(part, f"{param}[{i}]", self.lo, self.hi)
            if message:
                messages.append(f"element {i}: {message}" + ("; dropped" if value is None else ""))
            if value is not None:
                elements.append(value)
        if not elements:
            return Parsed(default, (*messages, f"no valid element; using {self.text(default)}"))
        return Parsed(tuple(elements), tuple(messages))

    def text(self, value: Value) -> str:
        return ",".join(url_number(v) for v in as_floats(value))

    def tensor(self, value: Value, dtype: torch.dtype, requires_grad: bool) -> torch.Tensor:
        return torch.tensor(as_floats(value), dtype=dtype, requires_grad=requires_grad)

    def literal(self, value: Value) -> str:
        return "[" + ", ".join(repr(v) for v in as_floats(value)) + "]"

    def coordinates(self, name: str, label: str, value: Value) -> list[Coordinate]:
        n = len(as_floats(value))
        return [Coordinate(name, i, str(i), f"{label}[{i}]", self.lo, self.hi) for i in range(n)]

    def with_floats(self, value: Value, floats: tuple[float, ...]) -> Value:
        return tuple(floats)

    def clamp(self, value: Value) -> Value:
        return tuple(min(max(v, self.lo), self.hi) for v in as_floats(value))

    def sample(self, rng: random.Random, span: float = 3.0) -> Value:
        return tuple(rng.uniform(-span, span) for _ in range(rng.randint(1, self.max_len)))


@dataclass(frozen=True)
class Expression(Kind):
    """A student's formula as text. It is kept even when it does not parse, so the page
    can say what is wrong and the text box keeps it for editing; ``viz.expression``
    validates it, and nothing ever evaluates the text itself."""

    max_chars: int = 200
    samples: tuple[str, ...] = ("x",)

    def parse(self, text: str, param: str, default: Value) -> Parsed:
        if len(text) > self.max_chars:
            return Parsed(
                text[: self.max_chars], (f"is {len(text)} characters long; cut to {self.max_chars}",)
            )
        return Parsed(text)

    def text(self, value: Value) -> str:
        return str(value)

    def sample(self, rng: random.Random, span: float = 3.0) -> Value:
        return rng.choice(self.samples)
