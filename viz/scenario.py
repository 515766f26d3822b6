"""What a scenario is, and the one registry every page, link, export and test loops over.

A scenario is data: its inputs (each of a typed kind, ``viz.kinds``), a forward
function that names every tensor it makes, and what the page needs to explain
it. Registering one is all it takes for it to appear everywhere.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import torch

from viz.kinds import Coordinate, Kind, Scalar, Value, as_floats
from viz.training import Training

Tensor = torch.Tensor
Values = Mapping[str, Value]
Forward = Callable[[Mapping[str, Tensor], Values], dict[str, Tensor]]


@dataclass(frozen=True)
class Input:
    """One user-settable input: a link parameter, a widget, and (if ``leaf``) a leaf tensor."""

    name: str
    default: Value
    kind: Kind = field(default_factory=Scalar)
    leaf: bool = True  # requires grad; otherwise a constant
    help: str = ""
    symbol: str = ""  # the name on the page and in the graph, when the link's differs (xs → x)
    derived: bool = False  # computed from the other inputs (trained weights, a data set): not in a link

    @property
    def label(self) -> str:
        return self.symbol or self.name

    @property
    def differentiable(self) -> bool:
        return self.leaf and self.kind.differentiable

    def coordinates(self, value: Value) -> list[Coordinate]:
        return self.kind.coordinates(self.name, self.label, value) if self.differentiable else []


@dataclass(frozen=True)
class Hand:
    """A gradient derived by hand (or symbolically): the chain-rule factors (label,
    float64 value) whose product is ``value``, for one coordinate of a leaf."""

    input: str
    index: int | None
    latex: str
    factors: tuple[tuple[str, float], ...]
    value: float
    note: str = ""


@dataclass(frozen=True)
class HandHessian:
    """Second derivatives in closed form (by hand, or sympy's): the formula and its float64
    values, rows and columns in the order of ``at`` ((input, index) of each coordinate)."""

    latex: str
    matrix: tuple[tuple[float, ...], ...]
    at: tuple[tuple[str, int | None], ...]
    label: str = "hand (float64)"
    note: str = ""


@dataclass(frozen=True)
class Scenario:
    """One lesson.

    ``forward`` takes the input tensors by name (and the raw values, for inputs that
    are not tensors) and returns every tensor it makes, by name, in order; the last
    is the output. ``batched`` evaluates the output over a grid (broadcasting inputs);
    the default reuses ``forward``. ``variables`` discovers inputs from the others
    (a custom expression's variables). ``hand`` is the closed form the page and the
    tests compare autograd with; without it, autograd meets the finite difference only.
    """

    id: str
    title: str
    formula: str
    inputs: tuple[Input, ...]
    forward: Forward
    exprs: Mapping[str, str] = field(default_factory=dict)
    batched: Callable[[Mapping[str, Tensor], Values], Tensor] | None = None
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
    variables: Callable[[Values], tuple[Input, ...]] | None = None
    examples: tuple[tuple[str, Mapping[str, str]], ...] = ()  # (what it shows, its link's parameters)
    show_slope: bool = False  # draw f′ beside f on the curve (element-wise scenarios)
    second: Callable[[Values], HandHessian] | None = None  # d²f/dx² or the Hessian, in closed form
    jacobian: Callable[[Values], tuple[tuple[float, ...], ...]] | None = None  # J in closed form
    seed: str = ""  # a vector output: the input holding backward()'s gradient= (v), if given
    direction: str = ""  # a vector output: the input holding forward mode's direction (u)
    training: Training | None = None  # a network trained by SGD: its loss history and decision boundary

    def inputs_for(self, values: Values) -> tuple[Input, ...]:
        """The inputs, with those discovered from the others' values."""
        return self.inputs + (self.variables(values) if self.variables else ())

    def settable(self, values: Values) -> tuple[Input, ...]:
        """The inputs a link and the sidebar set: all but those computed from the others."""
        return tuple(inp for inp in self.inputs_for(values) if not inp.derived)

    def input(self, name: str, values: Values | None = None) -> Input:
        for inp in self.inputs_for(values or self.defaults()):
            if inp.name == name:
                return inp
        raise KeyError(f"{self.id} has no input {name!r}")

    def defaults(self) -> dict[str, Value]:
        values = {inp.name: inp.default for inp in self.inputs}
        for inp in self.variables(values) if self.variables else ():
            values.setdefault(inp.name, inp.default)
        return values

    def coordinates(self, values: Values) -> list[Coordinate]:
        """Every number that requires grad: what can be plotted, checked and descended."""
        return [c for inp in self.inputs_for(values) for c in inp.coordinates(values[inp.name])]

    def evaluate_batched(self, tensors: Mapping[str, Tensor], values: Values) -> Tensor:
        """The differentiated scalar (``objective``) over a grid, or at one point."""
        if self.batched is not None:
            return self.objective(self.batched(tensors, values), values)
        return self.objective(list(self.forward(tensors, values).values())[-1], values)

    def seed_values(self, values: Values) -> tuple[float, ...] | None:
        """v of ``backward(gradient=v)``; None when the scenario has none or the link gives none."""
        return _given(self.seed, values)

    def direction_values(self, values: Values) -> tuple[float, ...] | None:
        """u of forward mode's J·u; None when not given."""
        return _given(self.direction, values)

    def seed_tensor(self, values: Values, dtype: torch.dtype) -> Tensor | None:
        """``backward()``'s ``gradient=``: v as a tensor, or None (a scalar output, or no v given)."""
        v = self.seed_values(values)
        return torch.tensor(v, dtype=dtype) if v else None

    def objective(self, out: Tensor, values: Values) -> Tensor:
        """The one number differentiated wherever one is needed: the output, or for a vector
        output v·y (its gradient is vᵀJ, what backward(gradient=v) computes; sum(y) without v)."""
        if not self.seed:
            return out
        v = self.seed_values(values)
        weights = torch.tensor(v, dtype=out.dtype) if v else torch.ones(out.shape[-1], dtype=out.dtype)
        return (out * weights).sum(-1)

    def objective_value(self, values: Values, output: tuple[float, ...]) -> float:
        v = self.seed_values(values) if self.seed else None
        return sum(a * b for a, b in zip(v or (1.0,) * len(output), output, strict=True))

    def objective_name(self, output: str, values: Values) -> str:
        if not self.seed:
            return output
        return f"v·{output}" if self.seed_values(values) else f"sum({output})"


def _given(name: str, values: Values) -> tuple[float, ...] | None:
    given = values.get(name) if name else None
    return as_floats(given) if given else None


REGISTRY: dict[str, Scenario] = {}


def register(scenario: Scenario) -> Scenario:
    """Add a scenario; pages, widgets, links, exports and tests pick it up from here."""
    REGISTRY[scenario.id] = scenario
    return scenario


def unregister(scenario_id: str) -> None:
    REGISTRY.pop(scenario_id, None)


def get(scenario_id: str) -> Scenario:
    return REGISTRY[scenario_id]


def default_id() -> str:
    return next(iter(REGISTRY))
