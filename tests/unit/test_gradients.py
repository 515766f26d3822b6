"""Autograd's gradients against float64 finite differences and each scenario's own closed form.

The oracles come from the registry: a scenario's ``hand`` derivation (the custom one's is
sympy's), and a central difference of its float64 forward pass. A new scenario is tested
here without touching this file.
"""

import random

import pytest

from tests import samples
from viz.backward import record
from viz.scenario import REGISTRY, get
from viz.three_ways import finite_difference

RNG = random.Random(20261127)
CASES = [(sid, samples.random_values(get(sid), RNG)) for sid in REGISTRY for _ in range(25)]
HAND_CASES = [case for case in CASES if get(case[0]).hand is not None]


def _gradient(scenario_id: str, values: dict) -> dict[tuple[str, int | None], float]:
    scenario = get(scenario_id)
    t = record(scenario, values)
    out = {}
    for c in scenario.coordinates(values):
        grad = t.by_name(scenario.input(c.input, values).label).grad
        out[(c.input, c.index)] = grad[c.index or 0]
    return out


@pytest.mark.parametrize(("scenario_id", "values"), CASES)
def test_autograd_matches_finite_differences(scenario_id: str, values: dict) -> None:
    scenario = get(scenario_id)
    autograd = _gradient(scenario_id, values)
    assert len(autograd) == len(scenario.coordinates(values))
    for c in scenario.coordinates(values):
        fd = finite_difference(scenario, values, c)
        assert autograd[(c.input, c.index)] == pytest.approx(fd, rel=2e-3, abs=2e-3), c.label


@pytest.mark.parametrize(("scenario_id", "values"), HAND_CASES)
def test_autograd_matches_the_scenarios_closed_form(scenario_id: str, values: dict) -> None:
    hands = get(scenario_id).hand(values)
    autograd = _gradient(scenario_id, values)
    assert {(h.input, h.index) for h in hands} == set(autograd)
    for h in hands:
        assert autograd[(h.input, h.index)] == pytest.approx(h.value, rel=1e-3, abs=1e-4), h.latex
