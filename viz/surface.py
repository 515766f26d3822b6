"""Loss over a grid of one or two plotted coordinates, in one batched torch call.

The grid depends only on the scenario and the inputs held fixed, never on the
current point, so one cached grid serves every slider position.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import torch

from viz.kinds import Coordinate, Value, as_floats
from viz.numbers import fmt
from viz.scenario import Scenario, Tensor, Values
from viz.trace import Trace

CURVE_POINTS = 2001  # 100 points per unit over [-10, 10]: half the bytes of 4001, as smooth
CONTOUR_POINTS = 61  # per side: the browser contours it in ~50 ms a move (121: ~150 ms)
SURFACE_POINTS = 121  # per side: the 3D scene keeps it between moves (viz/ui/kept_chart.py)
HELD_LISTED = 3
GRID_POINTS = {"curve": CURVE_POINTS, "contour": CONTOUR_POINTS, "surface3d": SURFACE_POINTS}


@dataclass(frozen=True)
class Grid:
    axes: tuple[Coordinate, ...]
    coords: tuple[np.ndarray, ...]
    loss: np.ndarray  # non-finite cells are NaN (masked)
    masked: int
    slope: np.ndarray | None = None  # f′ along one axis, by autograd (scenarios that show it)


def fixed_values(values: Values, axes: tuple[Coordinate, ...]) -> dict[str, Value]:
    """The inputs a grid depends on: everything but the plotted scalars (a cache key)."""
    plotted = {a.input for a in axes if a.index is None}
    return {k: v for k, v in values.items() if k not in plotted}


def compute_grid(
    scenario: Scenario, fixed: Mapping[str, Value], axes: tuple[Coordinate, ...], points: int | None = None
) -> Grid:
    n = points or (CURVE_POINTS if len(axes) == 1 else SURFACE_POINTS)
    coords = tuple(torch.linspace(a.lo, a.hi, n, dtype=torch.float64) for a in axes)
    mesh = torch.meshgrid(*coords, indexing="xy") if len(axes) == 2 else coords
    values = {**fixed, **{a.input: 0.0 for a in axes if a.index is None}}  # plotted scalars: replaced below
    tensors: dict[str, Tensor] = {}
    for inp in scenario.inputs_for(values):
        tensor = inp.kind.tensor(values[inp.name], scenario.dtype, False)
        if tensor is not None:
            tensors[inp.name] = tensor
    slope = scenario.show_slope and len(axes) == 1
    moving = [m.to(scenario.dtype, copy=True).requires_grad_(slope) for m in mesh]
    gridded: set[str] = set()
    for axis, m in zip(axes, moving, strict=True):
        if axis.index is None:
            tensors[axis.input] = m
            continue
        if axis.input not in gridded:  # one copy of the tensor per grid cell (a vector, a matrix)
            base = tensors[axis.input]
            tensors[axis.input] = base.expand(*m.shape, *base.shape).clone()
            gridded.add(axis.input)
        tensors[axis.input].view(*m.shape, -1)[..., axis.index] = m
    with torch.set_grad_enabled(slope):
        out = scenario.evaluate_batched(tensors, values)
        if slope and out.requires_grad:  # element-wise f: d(Σf)/dxᵢ is f′(xᵢ)
            (derivative,) = torch.autograd.grad(out.sum(), moving[0])
    loss = np.broadcast_to(out.detach().to(torch.float64).numpy(), mesh[0].shape).copy()
    finite = np.isfinite(loss)
    loss[~finite] = np.nan
    curve = None
    if slope:
        curve = (
            derivative.detach().to(torch.float64).numpy().copy() if out.requires_grad else np.zeros_like(loss)
        )
        curve[~np.isfinite(curve) | ~finite] = np.nan
    return Grid(axes, tuple(c.numpy() for c in coords), loss, int((~finite).sum()), curve)


def point_of(values: Values, axes: tuple[Coordinate, ...]) -> tuple[float, ...]:
    """Where the current inputs sit on the plotted axes."""
    return tuple(as_floats(values[a.input])[a.index or 0] for a in axes)


def gradient_of(
    trace: Trace, axes: tuple[Coordinate, ...], labels: Mapping[str, str]
) -> tuple[float, ...] | None:
    """The gradient along the plotted axes (the arrow's unscaled components): what the last
    backward() computed for each leaf, which is the derivative even when ``.grad`` has
    accumulated several calls. ``labels`` maps an input's name to its node's name. None
    until backward reaches the leaves.
    """
    comps: list[float] = []
    for axis in axes:
        grad = trace.this_call(trace.by_name(labels[axis.input]).id)
        if grad is None:
            return None
        comps.append(grad[axis.index or 0])
    return tuple(comps)


def held(scenario: Scenario, values: Values, axes: tuple[Coordinate, ...]) -> str:
    """The coordinates not plotted, at the values they are held at: "at z = 0.5000"; beyond
    ``HELD_LISTED`` (a network's weights), how many are held, as a title line cannot list them."""
    shown = {(a.input, a.index) for a in axes}
    others = [c for c in scenario.coordinates(values) if (c.input, c.index) not in shown]
    if len(others) > HELD_LISTED:
        return f"{len(others)} others held fixed"
    listed = ", ".join(f"{c.label} = {fmt(as_floats(values[c.input])[c.index or 0])}" for c in others)
    return f"at {listed}" if others else ""
