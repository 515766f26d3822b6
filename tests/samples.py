"""Shared by the unit tests: random inputs for any registered scenario (each input's
kind draws its own), and a view assembled from a link as the page would."""

import random
from collections.abc import Callable

import torch

from viz.kinds import as_float
from viz.scenario import Scenario
from viz.state import parse_query
from viz.view import Computed, View, assemble


def random_values(scenario: Scenario, rng: random.Random, span: float = 3.0) -> dict:
    values: dict = {inp.name: inp.kind.sample(rng, span) for inp in scenario.inputs}
    for inp in scenario.inputs_for(values)[len(scenario.inputs) :]:
        values[inp.name] = inp.kind.sample(rng, span)
    if values.get("expr") == "x**x + 1":
        values["x"] = abs(as_float(values["x"])) + 0.1  # x**x is real for x > 0
    return values


def view_of(query: dict) -> View:
    """The view a link shows (its notices are the state tests' business)."""
    state, _ = parse_query(query)
    view = assemble(state, Computed())
    assert isinstance(view, View), view
    return view


def torch_raises(backward: Callable[[], None]) -> str:
    """The RuntimeError torch raises for ``backward()``, captured from torch, never retyped."""
    try:
        backward()
    except RuntimeError as error:
        return str(error)
    raise AssertionError("torch did not raise")


def sin_square_detached() -> None:
    """sin_square at x = 3 with y detached, in plain torch: nothing requires grad."""
    x = torch.tensor(3.0, requires_grad=True)
    torch.sin((x**2).detach()).backward()


def sin_square_changed_in_place() -> None:
    """sin_square at x = 3 with y.add_(1) after the forward pass, in plain torch."""
    x = torch.tensor(3.0, requires_grad=True)
    y = x**2
    z = torch.sin(y)
    y.add_(1)
    z.backward()
