"""The small network: training by real optimizer.step() calls, reproducible per seed and
the same resumed from the cache; its gradients against float64 finite differences; its graph
against the one nn.Linear makes; its pictures against the numbers."""

from __future__ import annotations

import math

import numpy as np
import pytest
import torch
from torch import nn
from torch.nn import functional as F

import viz.mlp_train as train
from viz.backward import record
from viz.graph import run_forward
from viz.mlp_data import DATA, tensors
from viz.plot_network import weight_figure
from viz.scenario import get
from viz.state import parse_query
from viz.steps import at_step

MLP = get("mlp")


def state(**query: str):
    s, notices = parse_query({"scenario": "mlp", **query})
    return s, notices


def oracle_training(data: str, hidden: int, seed: int, lr: float, steps: int) -> list[torch.Tensor]:
    """nn.Linear layers, their weights redrawn from a generator of ``seed``, and plain SGD."""
    torch.manual_seed(12345)  # the global state must not matter
    first, second = nn.Linear(2, hidden), nn.Linear(hidden, 1)
    g = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for layer in (first, second):
            layer.weight.uniform_(
                -1 / math.sqrt(layer.in_features), 1 / math.sqrt(layer.in_features), generator=g
            )
            layer.bias.uniform_(
                -1 / math.sqrt(layer.in_features), 1 / math.sqrt(layer.in_features), generator=g
            )
    params = [first.weight, first.bias, second.weight, second.bias]
    optimizer = torch.optim.SGD(params, lr=lr)
    X, y = tensors(data)
    for _ in range(steps):
        optimizer.zero_grad()
        F.binary_cross_entropy(torch.sigmoid(second(torch.tanh(first(X)))), y).backward()
        optimizer.step()
    return [p.detach() for p in params]


TRAININGS = [("xor", 3, 0, 0.5, 200), ("moons", 8, 7, 1.0, 120), ("circles", 1, 3, 0.05, 37)]


@pytest.mark.parametrize(("data", "hidden", "seed", "lr", "steps"), TRAININGS)
def test_the_pages_weights_are_those_of_sgd_on_nn_linear(
    data: str, hidden: int, seed: int, lr: float, steps: int
) -> None:
    s, notices = state(data=data, hidden=str(hidden), seed=str(seed), lr=str(lr), steps=str(steps))
    assert notices == []
    for name, want in zip(
        ("W1", "b1", "W2", "b2"), oracle_training(data, hidden, seed, lr, steps), strict=True
    ):
        assert torch.equal(torch.tensor(s.values[name]).reshape(want.shape), want), name


def test_training_is_reproducible_per_seed_and_resumes_exactly_from_the_cache() -> None:
    config = train.Config("moons", 4, 11, 0.5)
    train._RUNS.clear()
    scratch = train.trained(config, 730)
    train._RUNS.clear()
    train.trained(config, 200)  # a checkpoint at 200; 730 resumes from there
    resumed = train.trained(config, 730)
    assert resumed == scratch
    assert (
        train.trained(train.Config("moons", 4, 12, 0.5), 730)[0] != scratch[0]
    )  # another seed, other weights


def test_the_loss_history_ends_at_the_pages_loss_and_falls() -> None:
    s, _ = state(data="xor", steps="200")
    losses = MLP.training.history(s.values) if MLP.training else ()
    assert len(losses) == 201
    t = record(MLP, s.values)
    assert t.output_node.value[0] == pytest.approx(losses[-1], rel=1e-6)
    assert losses[-1] < 0.5 * losses[0]


def _loss64(values: dict) -> float:
    inputs = {
        inp.name: inp.kind.tensor(values[inp.name], torch.float64, False) for inp in MLP.inputs_for(values)
    }
    inputs = {k: v for k, v in inputs.items() if v is not None}
    return float(MLP.forward(inputs, values)["loss"])


@pytest.mark.parametrize("data", DATA)
def test_every_parameters_gradient_meets_central_differences(data: str) -> None:
    s, _ = state(data=data, hidden="3", steps="50")
    t = record(MLP, s.values)
    h = 1e-6
    for leaf in t.leaves():
        for i, grad in enumerate(leaf.grad or ()):
            up, down = dict(s.values), dict(s.values)
            base = list(s.values[leaf.name])
            up[leaf.name] = tuple(v + h * (k == i) for k, v in enumerate(base))
            down[leaf.name] = tuple(v - h * (k == i) for k, v in enumerate(base))
            fd = (_loss64(up) - _loss64(down)) / (2 * h)
            assert grad == pytest.approx(fd, rel=2e-3, abs=2e-6), (leaf.name, i)


def test_the_graph_has_the_functions_nn_linear_makes() -> None:
    s, _ = state(data="xor", hidden="3")
    first, second = nn.Linear(2, 3), nn.Linear(3, 1)
    X, y = tensors("xor")
    loss = F.binary_cross_entropy(torch.sigmoid(second(torch.tanh(first(X)))), y)
    expected, seen, queue = [], set(), [loss.grad_fn]
    while queue:
        fn = queue.pop(0)
        if fn is None or fn in seen:
            continue
        seen.add(fn)
        expected.append(type(fn).__name__)
        queue += [nxt for nxt, _ in fn.next_functions]
    t = record(MLP, s.values)
    ops = [n.op for n in t.nodes if n.kind != "constant"]
    assert sorted(ops) == sorted(expected)
    assert {"AddmmBackward0", "TBackward0", "TanhBackward0", "SigmoidBackward0"} <= set(ops)
    shapes = {n.name: n.shape for n in t.nodes}
    assert (
        shapes["W1"] == (3, 2) and shapes["z1"] == (4, 3) and shapes["h"] == (4, 3) and shapes["p"] == (4, 1)
    )


def test_the_boundary_is_the_networks_prediction() -> None:
    s, _ = state(data="moons", steps="300", lr="1")
    b = MLP.training.boundary(s.values, 21) if MLP.training else None
    assert b is not None
    _, named, _ = run_forward(MLP, s.values)
    # the plane's prediction at a data point, through the same weights: p of that point
    values = dict(s.values)
    k = 5
    values["X"] = (b.xs[3], b.ys[7]) * (len(b.points))
    _, at, _ = run_forward(MLP, values)
    assert float(at["p"][k, 0].detach()) == pytest.approx(b.prob[7, 3], rel=1e-5)
    assert named["p"].shape == (32, 1)


def test_a_weight_heatmap_shows_the_weight_and_no_gradient_before_backward() -> None:
    s, _ = state(data="xor", steps="20")
    full = record(MLP, s.values)
    figure = weight_figure(at_step(full, 0), "light")
    maps = figure["data"]
    assert len(maps) == 4  # W1, b1, W2, b2; their gradients do not exist yet
    w1 = next(n for n in full.nodes if n.name == "W1")
    assert np.array(maps[0]["z"]).shape == (3, 2)
    assert np.array(maps[0]["z"]).reshape(-1).tolist() == pytest.approx(list(w1.value))
    notes = [a["text"] for a in figure["layout"]["annotations"]]
    assert "W1.grad [3, 2]: None (no backward() yet)" in notes
    after = weight_figure(full, "light")["data"]
    assert len(after) == 8 and np.array(after[1]["z"]).reshape(-1).tolist() == pytest.approx(
        list(w1.grad or ())
    )
    assert after[1]["zmin"] == -after[1]["zmax"]  # white is zero: the sign is the colour
    scale = dict((stop, colour) for stop, colour in after[1]["colorscale"])  # as the caption says:
    assert scale[0.5] == "#ffffff" and scale[0.0] == "#b2182b" and scale[1.0] == "#2166ac"


@pytest.mark.parametrize(
    ("query", "param", "value"),
    [({"hidden": "0"}, "hidden", 1), ({"hidden": "99"}, "hidden", 8), ({"steps": str(10**9)}, "steps", 2000),
     ({"steps": "-3"}, "steps", 0), ({"data": "spirals"}, "data", "xor"), ({"lr": "0"}, "lr", 0.05),
     ({"seed": "x"}, "seed", 0)],
)  # fmt: skip
def test_bad_values_are_noticed_by_name_and_fall_back(query: dict, param: str, value: object) -> None:
    s, notices = state(**query)
    assert s.values[param] == value
    assert [n.param for n in notices] == [param]


def test_a_links_weights_are_not_read_the_training_makes_them() -> None:
    s, notices = state(W1="1,2,3,4,5,6")
    assert [n.param for n in notices] == ["W1"]
    assert s.values["W1"] == state()[0].values["W1"]


def test_the_exported_script_trains_the_same_steps_and_prints_the_pages_numbers() -> None:
    import subprocess
    import sys

    from viz.codegen import script_cells
    from viz.numbers import fmt

    s, _ = state(data="circles", hidden="2", seed="5", lr="1", steps="140")
    source = "\n\n".join(text for kind, text in script_cells(MLP, s.values) if kind == "code")
    assert "for step in range(140):" in source and "optimizer.step()" in source
    assert "torch.tensor([[" not in source.split("# the data set")[0]  # no weights written out
    printed = subprocess.run(
        [sys.executable, "-c", source], capture_output=True, text=True, check=True
    ).stdout
    t = record(MLP, s.values)
    assert f"loss = {fmt(t.output_node.value[0])}" in printed
    w2 = next(n for n in t.leaves() if n.name == "W2")
    assert f"W2.grad = [{', '.join(fmt(g) for g in w2.grad or ())}]" in printed
