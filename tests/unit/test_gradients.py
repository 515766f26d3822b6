"""Autograd's gradients against float64 finite differences and the closed forms."""

import math
import random

import pytest
import torch

from tests import samples
from viz.backward import trace
from viz.scenario import REGISTRY, Scenario, Values, get
from viz.trace import make_tensors

H = 1e-6
RNG = random.Random(20261127)


def _f64(spec: Scenario, values: Values) -> float:
    tensors = make_tensors(spec, values, torch.float64)
    with torch.no_grad():
        return float(list(spec.forward(tensors).values())[-1])


def finite_difference(spec: Scenario, values: Values, name: str, index: int | None) -> float:
    def shifted(delta: float) -> dict:
        out = dict(values)
        if index is None:
            out[name] = values[name] + delta
        else:
            vec = list(values[name])
            vec[index] += delta
            out[name] = tuple(vec)
        return out

    return (_f64(spec, shifted(H)) - _f64(spec, shifted(-H))) / (2 * H)


def random_values(spec: Scenario) -> dict:
    return samples.random_values(spec, RNG, 3.0)


def closed_form(scenario_id: str, v: dict) -> dict[str, list[float]]:
    if scenario_id == "square":
        return {"x": [2 * v["x"]]}
    if scenario_id == "sin_square":
        return {"x": [2 * v["x"] * math.cos(v["x"] ** 2)]}
    if scenario_id == "logistic_bce":
        p = 1 / (1 + math.exp(-(v["w"] * v["x"] + v["b"])))
        return {"w": [(p - v["y"]) * v["x"]], "b": [p - v["y"]]}
    if scenario_id == "vector_mean":
        n = len(v["xs"])
        return {"x": [2 * xi / n for xi in v["xs"]]}
    raise KeyError(scenario_id)


CASES = [(sid, random_values(get(sid))) for sid in REGISTRY for _ in range(25)]
NOTEBOOK_CASES = [case for case in CASES if case[0] != "custom"]  # custom's closed form is sympy's


@pytest.mark.parametrize(("scenario_id", "values"), CASES)
def test_autograd_matches_finite_differences(scenario_id: str, values: dict) -> None:
    spec = get(scenario_id)
    t = trace(spec, values)
    for i in spec.inputs:
        if not i.leaf:
            continue
        grad = t.by_name(i.label).grad
        indices = range(len(values[i.name])) if i.kind == "vector" else [None]
        for k, index in enumerate(indices):
            fd = finite_difference(spec, values, i.name, index)
            assert grad[k] == pytest.approx(fd, rel=2e-3, abs=2e-3), (i.name, index)


@pytest.mark.parametrize(("scenario_id", "values"), NOTEBOOK_CASES)
def test_autograd_matches_closed_forms(scenario_id: str, values: dict) -> None:
    t = trace(get(scenario_id), values)
    for name, expected in closed_form(scenario_id, values).items():
        assert list(t.by_name(name).grad) == pytest.approx(expected, rel=1e-3, abs=1e-4)
