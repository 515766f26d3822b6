"""The network's small 2-D data sets: fixed points (their own seed, never the weights'),
so a link names a data set and every machine draws the same points."""

from __future__ import annotations

import math
from functools import cache

import torch

DATA = ("xor", "moons", "circles")
POINTS = 32  # moons and circles; xor has its four corners
DATA_SEED = 1234


@cache
def dataset(name: str) -> tuple[tuple[tuple[float, float], ...], tuple[float, ...]]:
    """(points, labels) as plain floats: float32 values, so a script rebuilding them agrees."""
    if name == "xor":
        corners: tuple[tuple[float, float], ...] = ((-1.0, -1.0), (-1.0, 1.0), (1.0, -1.0), (1.0, 1.0))
        return corners, (0.0, 1.0, 1.0, 0.0)
    half = POINTS // 2
    g = torch.Generator().manual_seed(DATA_SEED)
    noise = (torch.randn(POINTS, 2, generator=g) * 0.1).tolist()
    angles = [math.pi * k / (half - 1) for k in range(half)]
    if name == "moons":  # two interleaved half circles, centred on the origin
        first = [(math.cos(a) - 0.5, math.sin(a) - 0.25) for a in angles]
        second = [(0.5 - math.cos(a), 0.25 - math.sin(a)) for a in angles]
    elif name == "circles":  # a ring around a disc
        turn = [2 * a for a in angles]
        first = [(1.5 * math.cos(a), 1.5 * math.sin(a)) for a in turn]
        second = [(0.5 * math.cos(a + 0.3), 0.5 * math.sin(a + 0.3)) for a in turn]
    else:
        raise KeyError(name)
    raw = [(x + dx, y + dy) for (x, y), (dx, dy) in zip(first + second, noise, strict=True)]
    rounded = torch.tensor(raw, dtype=torch.float32).tolist()
    points = tuple((float(x), float(y)) for x, y in rounded)
    return points, (0.0,) * half + (1.0,) * half


def tensors(name: str, dtype: torch.dtype = torch.float32) -> tuple[torch.Tensor, torch.Tensor]:
    """X of shape [n, 2] and the labels of shape [n, 1] (the shape the network's output has)."""
    points, labels = dataset(name)
    return torch.tensor(points, dtype=dtype), torch.tensor(labels, dtype=dtype).reshape(-1, 1)
