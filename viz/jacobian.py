"""The whole Jacobian of a vector output, and the two products autograd computes without it.

Reverse mode (``backward(gradient=v)``) gives one row combination vᵀJ per pass; forward
mode (``torch.func.jvp``) one column combination J·u per pass. Building all of J takes one
reverse pass per output or one forward pass per input: both are done here, counted, and
compared with ``torch.autograd.functional.jacobian``, a finite difference and the closed form.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import torch

from viz.graph import make_tensors
from viz.scenario import Scenario, Tensor, Values
from viz.three_ways import TOLERANCE

Matrix = tuple[tuple[float, ...], ...]
Floats = tuple[float, ...]
H = 1e-6


@dataclass(frozen=True)
class Jacobian:
    """J of the output with respect to the one vector input, several ways, and the products."""

    outputs: tuple[str, ...]  # row labels: y[0], y[1], …
    inputs: tuple[str, ...]  # column labels: x[0], x[1], …
    autograd: Matrix  # torch.autograd.functional.jacobian, in the scenario's dtype
    by_rows: Matrix  # one backward(gradient=eᵢ) per output
    by_columns: Matrix  # one jvp(u=eⱼ) per input
    finite_difference: Matrix  # central, float64
    closed: Matrix | None
    v: Floats | None = None
    vjp: Floats | None = None  # vᵀJ, multiplied out from J (float64)
    u: Floats | None = None
    jvp: Floats | None = None  # J·u from forward-mode AD (one pass)
    ju: Floats | None = None  # J·u multiplied out from J

    @property
    def passes(self) -> tuple[int, int]:
        """(reverse passes, forward passes) to build all of J: one per output, one per input."""
        return len(self.outputs), len(self.inputs)

    def agree(self) -> bool:
        """Every way of J within the tolerance of autograd's (relative to the larger of 1 and |J|)."""
        ways = [m for m in (self.by_rows, self.by_columns, self.finite_difference, self.closed) if m]
        scale = max([1.0] + [abs(x) for row in self.autograd for x in row])
        return all(
            abs(a - b) <= TOLERANCE * scale
            for m in ways
            for r1, r2 in zip(self.autograd, m, strict=True)
            for a, b in zip(r1, r2, strict=True)
        )


def _function(
    scenario: Scenario, values: Values, name: str, dtype: torch.dtype
) -> tuple[Callable[[Tensor], Tensor], Tensor]:
    base = make_tensors(scenario, values, dtype)

    def f(x: Tensor) -> Tensor:
        return list(scenario.forward({**base, name: x}, values).values())[-1].reshape(-1)

    return f, base[name].detach()


def _matrix(t: Tensor) -> Matrix:
    return tuple(tuple(float(v) for v in row) for row in t.reshape(t.shape[0], -1).tolist())


def jacobian(scenario: Scenario, values: Values) -> Jacobian:
    """J at the view's values (the scenario's one vector leaf), with v and u from the link."""
    (name,) = {c.input for c in scenario.coordinates(values)}
    label = scenario.input(name, values).label
    f, x = _function(scenario, values, name, scenario.dtype)
    output = list(scenario.forward(make_tensors(scenario, values), values))[-1]
    autograd = torch.autograd.functional.jacobian(f, x)
    rows = []
    for i in range(autograd.shape[0]):  # reverse mode: one backward pass per output
        leaf = x.clone().requires_grad_(True)
        f(leaf).backward(gradient=torch.eye(autograd.shape[0], dtype=x.dtype)[i])
        rows.append(leaf.grad if leaf.grad is not None else torch.zeros_like(leaf))  # no path: a zero row
    columns = [torch.func.jvp(f, (x,), (e,))[1] for e in torch.eye(x.numel(), dtype=x.dtype)]
    f64, x64 = _function(scenario, values, name, torch.float64)
    fd = torch.stack(
        [(f64(x64 + H * e) - f64(x64 - H * e)) / (2 * H) for e in torch.eye(x64.numel(), dtype=x64.dtype)], 1
    )
    j64 = torch.tensor(_matrix(autograd), dtype=torch.float64)
    v, u = scenario.seed_values(values), scenario.direction_values(values)
    vjp = tuple((torch.tensor(v, dtype=torch.float64) @ j64).tolist()) if v else None
    jvp = tuple(torch.func.jvp(f, (x,), (torch.tensor(u, dtype=x.dtype),))[1].tolist()) if u else None
    ju = tuple((j64 @ torch.tensor(u, dtype=torch.float64)).tolist()) if u else None
    names = tuple(f"{output}[{i}]" for i in range(autograd.shape[0]))
    return Jacobian(
        names, tuple(f"{label}[{j}]" for j in range(x.numel())), _matrix(autograd),
        _matrix(torch.stack(rows)), _matrix(torch.stack(columns, 1)), _matrix(fd),
        scenario.jacobian(values) if scenario.jacobian else None, v, vjp, u, jvp, ju,
    )  # fmt: skip
