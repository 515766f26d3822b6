"""Second derivatives (``&order=2``): differentiate the gradient again.

``torch.autograd.grad(f, leaves, create_graph=True)`` returns a gradient that is itself a
tensor with a graph, so it can be differentiated again: d²f/dx² for one input, one row of
the Hessian per entry of the gradient for several. The result is checked two ways besides
autograd: a closed form (by hand for the notebook's scenarios, sympy for your own) and a
central finite difference of the float64 gradient.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

import torch

from viz.graph import make_tensors
from viz.kinds import Coordinate
from viz.numbers import fmt
from viz.scenario import HandHessian, Scenario, Values
from viz.three_ways import TOLERANCE, shifted

KEY = "order"
ROW_KEY = "row"  # which entry of the gradient the page differentiates (its graph and its row)
H = 1e-5  # a finite difference of a gradient: larger than the first derivative's 1e-6
Matrix = tuple[tuple[float, ...], ...]


def _gradient(scenario: Scenario, values: Values, dtype: torch.dtype, create_graph: bool):
    inputs = make_tensors(scenario, values, dtype)
    leaves = [inputs[c.input] for c in _inputs(scenario, values)]
    out = scenario.objective(list(scenario.forward(inputs, values).values())[-1], values)
    grads = torch.autograd.grad(out, leaves, create_graph=create_graph, allow_unused=True,
                                materialize_grads=True)  # fmt: skip
    return leaves, torch.cat([g.reshape(-1) for g in grads])


def _inputs(scenario: Scenario, values: Values) -> list[Coordinate]:
    """One coordinate per input that requires grad (its index None): the leaves, in order."""
    seen: dict[str, Coordinate] = {}
    for c in scenario.coordinates(values):
        seen.setdefault(c.input, c)
    return list(seen.values())


@dataclass(frozen=True)
class Hessian:
    """Autograd's second derivatives beside a finite difference and (if known) a closed form."""

    labels: tuple[str, ...]  # the coordinates, for rows and columns
    autograd: Matrix
    finite_difference: Matrix
    closed: HandHessian | None
    constant_rows: tuple[tuple[str, str], ...] = ()  # (coordinate, torch's error): a gradient with no graph

    def ways(self) -> list[Matrix]:
        return [m for m in (self.closed.matrix if self.closed else None, self.autograd,
                            self.finite_difference) if m is not None]  # fmt: skip

    def agree(self, i: int, j: int) -> bool:
        """Every way agrees on entry (i, j), to 1e-3 relative to the larger of 1 and the values."""
        entries = [m[i][j] for m in self.ways()]
        if not all(math.isfinite(v) for v in entries):
            return False
        return max(entries) - min(entries) <= TOLERANCE * max(1.0, *(abs(v) for v in entries))

    @property
    def all_agree(self) -> bool:
        n = len(self.labels)
        return all(self.agree(i, j) for i in range(n) for j in range(n))


def summary(h: Hessian, output: str) -> str:
    """One line for a projector: d²f/dx², or the Hessian's distinct entries, from autograd."""
    n = len(h.labels)
    d = "d" if n == 1 else "∂"
    parts = []
    for i in range(n):
        for j in range(i, n):
            below = f"{d}{h.labels[i]}²" if i == j else f"∂{h.labels[i]}∂{h.labels[j]}"
            parts.append(f"{d}²{output}/{below} = {fmt(h.autograd[i][j])}")
    shown = ", ".join(parts[:6]) + (", …" if len(parts) > 6 else "")
    return f"Differentiated twice (create_graph=True): {shown}."


def autograd_hessian(scenario: Scenario, values: Values) -> tuple[Matrix, tuple[tuple[str, str], ...]]:
    """Row i: ``torch.autograd.grad`` of the gradient's entry i, in the scenario's dtype. An entry
    with no ``grad_fn`` (the gradient does not depend on any input) is a row of zeros, and torch's
    error for differentiating it is kept for the page."""
    coordinates = scenario.coordinates(values)
    leaves, grad = _gradient(scenario, values, scenario.dtype, create_graph=True)
    rows, constant = [], []
    for i, c in enumerate(coordinates):
        try:
            row = torch.autograd.grad(grad[i], leaves, retain_graph=True, allow_unused=True,
                                      materialize_grads=True)  # fmt: skip
        except RuntimeError as error:
            constant.append((c.label, str(error)))
            rows.append((0.0,) * len(coordinates))
            continue
        rows.append(tuple(float(v) for v in torch.cat([r.reshape(-1) for r in row]).tolist()))
    return tuple(rows), tuple(constant)


def gradient64(scenario: Scenario, values: Values) -> tuple[float, ...]:
    """The gradient in float64: what the finite difference differences."""
    return tuple(float(v) for v in _gradient(scenario, values, torch.float64, False)[1].tolist())


def fd_hessian(scenario: Scenario, values: Values, h: float = H) -> Matrix:
    """Column j: (∇f(v + h·e_j) − ∇f(v − h·e_j)) / 2h, in float64; symmetrised rows come out as rows."""
    coordinates = scenario.coordinates(values)
    columns = []
    for at in coordinates:
        up = gradient64(scenario, shifted(scenario, values, at, h))
        down = gradient64(scenario, shifted(scenario, values, at, -h))
        columns.append([(u - d) / (2 * h) for u, d in zip(up, down, strict=True)])
    n = len(coordinates)
    return tuple(tuple(columns[j][i] for j in range(n)) for i in range(n))


def _restricted(closed: HandHessian, coordinates: list[Coordinate]) -> HandHessian | None:
    """The closed form's rows and columns for these coordinates (a frozen leaf has none)."""
    where = {at: k for k, at in enumerate(closed.at)}
    keys = [(c.input, c.index) for c in coordinates]
    if not all(k in where for k in keys):
        return None
    rows = tuple(tuple(closed.matrix[where[a]][where[b]] for b in keys) for a in keys)
    return replace(closed, matrix=rows, at=tuple(keys))


def hessian(scenario: Scenario, values: Values) -> Hessian:
    """All three ways, with the coordinates' labels (x; w, b; x[0], x[1], …)."""
    autograd, constant = autograd_hessian(scenario, values)
    coordinates = scenario.coordinates(values)
    closed = _restricted(scenario.second(values), coordinates) if scenario.second else None
    labels = tuple(c.label for c in coordinates)
    return Hessian(labels, autograd, fd_hessian(scenario, values), closed, constant)
