"""What a scenario is, and the one registry every page, URL, export and test loops over."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Literal

import torch

Tensor = torch.Tensor
Value = float | tuple[float, ...] | str
Values = Mapping[str, Value]
Forward = Callable[[Mapping[str, Tensor]], dict[str, Tensor]]
InputKind = Literal["scalar", "label", "vector", "expr"]


@dataclass(frozen=True)
class Input:
    """One user-settable input. ``leaf`` inputs require grad; the rest are constants."""

    name: str
    default: Value
    kind: InputKind = "scalar"
    leaf: bool = True
    lo: float = -10.0
    hi: float = 10.0
    max_len: int = 8
    help: str = ""
    symbol: str = ""

    @property
    def label(self) -> str:
        """The notebook's name for it (``xs`` in links is ``x`` on the page)."""
        return self.symbol or self.name


@dataclass(frozen=True)
class Hand:
    """A gradient derived by hand, as the notebook writes it: the chain-rule
    factors (label, float64 value) whose product is ``value``."""

    input: str
    index: int | None
    latex: str
    factors: tuple[tuple[str, float], ...]
    value: float
    note: str = ""

    @property
    def label(self) -> str:
        return self.input if self.index is None else f"{self.input}[{self.index}]"


@dataclass(frozen=True)
class Scenario:
    """One lesson from the notebook.

    ``forward`` takes the input tensors by name and returns every tensor it makes,
    by name, in the order it makes them; the last one is the output. ``batched``
    evaluates the output on a grid (broadcasting inputs); the default reuses
    ``forward`` for element-wise scenarios.
    """

    id: str
    title: str
    formula: str
    inputs: tuple[Input, ...]
    forward: Forward
    exprs: Mapping[str, str] = field(default_factory=dict)
    batched: Callable[[Mapping[str, Tensor]], Tensor] | None = None
    plot_inputs: tuple[str, ...] = ()
    curve_window: float | None = None
    nonfinite_note: str = ""
    blurb: str = ""
    hand: Callable[[Values], list[Hand]] | None = None
    hand_label: str = "hand (chain rule, float64)"
    dtype: torch.dtype = torch.float32  # the notebook's; custom expressions use float64
    describe: Callable[[Values], str] | None = None  # LaTeX of the formula when it depends on inputs
    problem: Callable[[Values], str | None] | None = None  # why these inputs cannot be computed
    code_names: Mapping[str, str] = field(default_factory=dict)  # tensor name → Python name
    disagreement_note: str = ""

    def input(self, name: str) -> Input:
        for spec in self.inputs:
            if spec.name == name:
                return spec
        raise KeyError(f"{self.id} has no input {name!r}")

    def defaults(self) -> dict[str, Value]:
        return {spec.name: spec.default for spec in self.inputs}

    def evaluate_batched(self, tensors: Mapping[str, Tensor]) -> Tensor:
        if self.batched is not None:
            return self.batched(tensors)
        return list(self.forward(tensors).values())[-1]


REGISTRY: dict[str, Scenario] = {}


def register(scenario: Scenario) -> Scenario:
    """Add a scenario; pages, widgets, links and tests pick it up from here."""
    REGISTRY[scenario.id] = scenario
    return scenario


def unregister(scenario_id: str) -> None:
    REGISTRY.pop(scenario_id, None)


def get(scenario_id: str) -> Scenario:
    return REGISTRY[scenario_id]


def default_id() -> str:
    return next(iter(REGISTRY))
