"""Loss over a grid of one or two inputs, in one batched torch call.

The grid depends only on the scenario and the inputs held fixed, never on the
current point, so one cached grid serves every slider position.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import torch

from viz.scenario import Scenario, Value, Values
from viz.trace import Trace

CURVE_POINTS = 4001
SURFACE_POINTS = 121


@dataclass(frozen=True)
class Axis:
    """One plotted input: a scalar input, or one element of a vector input."""

    input: str
    index: int | None
    label: str
    lo: float
    hi: float


@dataclass(frozen=True)
class Grid:
    axes: tuple[Axis, ...]
    coords: tuple[np.ndarray, ...]
    loss: np.ndarray  # non-finite cells are NaN (masked)
    masked: int


def plot_axes(scenario: Scenario, values: Values, element_axes: tuple[int, ...]) -> tuple[Axis, ...]:
    axes: list[Axis] = []
    for name in scenario.plot_inputs:
        spec = scenario.input(name)
        if spec.kind == "vector":
            axes += [Axis(name, i, f"{spec.label}[{i}]", spec.lo, spec.hi) for i in element_axes]
        else:
            axes.append(Axis(name, None, spec.label, spec.lo, spec.hi))
    return tuple(axes)


def fixed_values(scenario: Scenario, values: Values, axes: tuple[Axis, ...]) -> dict[str, Value]:
    """The inputs a grid depends on: everything but the plotted scalars (a cache key)."""
    plotted = {a.input for a in axes if a.index is None}
    return {k: v for k, v in values.items() if k not in plotted}


def compute_grid(
    scenario: Scenario, fixed: Mapping[str, Value], axes: tuple[Axis, ...], points: int | None = None
) -> Grid:
    n = points or (CURVE_POINTS if len(axes) == 1 else SURFACE_POINTS)
    coords = tuple(torch.linspace(a.lo, a.hi, n, dtype=torch.float64) for a in axes)
    mesh = torch.meshgrid(*coords, indexing="xy") if len(axes) == 2 else coords
    dtype = scenario.dtype
    tensors: dict[str, Any] = {
        name: v if isinstance(v, str) else torch.tensor(v, dtype=dtype) for name, v in fixed.items()
    }
    for axis, m in zip(axes, mesh, strict=True):
        if axis.index is None:
            tensors[axis.input] = m.to(dtype)
        else:
            base = tensors[axis.input]
            if base.shape[-1:] != m.shape[-1:] or base.dim() == 1:
                base = base.expand(*m.shape, base.shape[-1]).clone()
                tensors[axis.input] = base
            base[..., axis.index] = m.to(dtype)
    with torch.no_grad():
        loss = scenario.evaluate_batched(tensors).to(torch.float64).numpy()
    loss = np.broadcast_to(loss, mesh[0].shape).copy()
    finite = np.isfinite(loss)
    loss[~finite] = np.nan
    return Grid(axes, tuple(c.numpy() for c in coords), loss, int((~finite).sum()))


def point_of(values: Values, axes: tuple[Axis, ...]) -> tuple[float, ...]:
    """Where the current inputs sit on the plotted axes."""
    out: list[float] = []
    for axis in axes:
        v = values[axis.input]
        out.append(float(v[axis.index]) if isinstance(v, tuple) and axis.index is not None else float(v))
    return tuple(out)


def gradient_of(trace: Trace, axes: tuple[Axis, ...], scenario: Scenario) -> tuple[float, ...] | None:
    """The leaf gradients along the plotted axes: the arrow's unscaled components.

    None while a leaf has no ``.grad`` yet (before backward reaches it).
    """
    comps: list[float] = []
    for axis in axes:
        grad = trace.by_name(scenario.input(axis.input).label).grad
        if grad is None:
            return None
        comps.append(grad[axis.index or 0])
    return tuple(comps)
