"""What a trained scenario adds to the page: the loss over the steps taken, and the
network's prediction over the input plane (the decision boundary), as plain arrays."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

import numpy as np

from viz.kinds import Value

Values = Mapping[str, Value]


@dataclass(frozen=True)
class Boundary:
    xs: np.ndarray  # the plane's grid, along x₁ and x₂
    ys: np.ndarray
    prob: np.ndarray  # p(class 1) at each cell, rows along ys
    points: tuple[tuple[float, float], ...]
    labels: tuple[float, ...]


@dataclass(frozen=True)
class Training:
    """``history`` gives the loss after each step taken (the first: before any);
    ``boundary`` the prediction over the plane at the current weights; ``code`` the exported
    script's lines that train the network again (its derived inputs are not written out)."""

    history: Callable[[Values], tuple[float, ...]]
    boundary: Callable[[Values, int], Boundary]
    steps: str = "steps"  # the input counting the steps taken
    code: Callable[[Values], list[str]] | None = None  # the script's lines that rebuild the inputs
