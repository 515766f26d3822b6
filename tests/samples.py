"""Shared by the unit tests: random inputs for any registered scenario (each input's
kind draws its own), and a view assembled from a link as the page would."""

import math
import random
from collections.abc import Callable

import torch

from viz.kinds import as_float
from viz.numbers import fmt, fmt_values
from viz.scenario import Scenario, get
from viz.seed import fit_seeds
from viz.state import ViewState, default_state, parse_query, to_query
from viz.view import Computed, View, assemble


def random_values(scenario: Scenario, rng: random.Random, span: float = 3.0) -> dict:
    values: dict = {inp.name: inp.kind.sample(rng, span) for inp in scenario.inputs}
    for inp in scenario.inputs_for(values)[len(scenario.inputs) :]:  # a data set stays as it is
        values[inp.name] = inp.default if inp.derived and not inp.leaf else inp.kind.sample(rng, span)
    fit_seeds(scenario.inputs_for(values), values)  # v and u as long as x
    if values.get("expr") == "x**x + 1":
        values["x"] = abs(as_float(values["x"])) + 0.1  # x**x is real for x > 0
    return values


def runnable(scenario: Scenario) -> dict:
    """The defaults, with a v for a vector output (without one its backward() raises, by design)."""
    values = scenario.defaults()
    if scenario.seed:
        values[scenario.seed] = (0.5, 1.0, 2.0, -1.0, 1.5, 0.25, -2.0, 3.0)
        fit_seeds(scenario.inputs_for(values), values)
    return values


def seed_tensor(scenario: Scenario, values: dict, dtype: torch.dtype) -> torch.Tensor | None:
    """backward()'s gradient= for a plain-torch oracle: v, or None for a scalar output."""
    v = scenario.seed_values(values)
    return None if v is None else torch.tensor(v, dtype=dtype)


def working_state(scenario_id: str) -> ViewState:
    """The default view, or for a vector output its first example (with v): the default link of
    a vector output calls backward() without v, which raises by design and shows no gradient."""
    scenario = get(scenario_id)
    if not scenario.seed:
        return default_state(scenario_id)
    return parse_query(to_query(default_state(scenario_id)) | dict(scenario.examples[0][1]))[0]


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


def shown(values: tuple[float, ...]) -> str:
    """What a graph box shows of a tensor: its numbers, or beyond six its min, max and norm
    (computed here from the numbers, not by the code under test)."""
    if len(values) <= 6:
        return fmt_values(values, 4)
    norm = math.sqrt(sum(v * v for v in values))
    return f"min {fmt(min(values))} max {fmt(max(values))} norm {fmt(norm)}"
