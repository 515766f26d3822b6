"""Training the small network with real ``optimizer.step()`` calls, cached on plain values.

A link says how many SGD steps have been taken (``steps``); the page needs the weights after
them. Full-batch SGD has no state besides the weights, so training can resume from any
earlier step exactly: the cache keeps float32 weights at the steps asked for (and every
``EVERY`` steps), and a new request trains on from the nearest earlier one. Only plain
floats are cached, never a tensor that carries a gradient.
"""

from __future__ import annotations

import bisect
import math
import threading
from collections import OrderedDict
from dataclasses import dataclass, field

import torch
from torch import nn
from torch.nn import functional as F

from viz.mlp_data import tensors

EVERY = 100  # a checkpoint every this many steps, so a slider step of 10 trains at most 100
CONFIGS = 16  # (data, hidden, seed, lr) kept; the least recently used goes first
Params = tuple[tuple[float, ...], ...]  # W1, b1, W2, b2, each flat (row-major)
NAMES = ("W1", "b1", "W2", "b2")


@dataclass(frozen=True)
class Config:
    data: str
    hidden: int
    seed: int
    lr: float


@dataclass
class _Run:
    checkpoints: dict[int, Params]
    losses: list[float]  # losses[k]: the loss after k steps
    finals: dict[int, float] = field(default_factory=dict)  # the loss at a checkpoint, once computed


def build(hidden: int, seed: int) -> nn.Sequential:
    """2 → hidden → 1 with tanh and sigmoid; weights drawn as ``nn.Linear`` draws them, from a
    generator of ``seed`` (the global random state is shared by every session)."""
    first, second = nn.Linear(2, hidden), nn.Linear(hidden, 1)
    net = nn.Sequential(first, nn.Tanh(), second, nn.Sigmoid())
    g = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for layer in (first, second):
            bound = 1 / math.sqrt(layer.in_features)
            layer.weight.uniform_(-bound, bound, generator=g)
            layer.bias.uniform_(-bound, bound, generator=g)
    return net


def params_of(net: nn.Sequential) -> Params:
    return tuple(tuple(p.detach().reshape(-1).tolist()) for p in net.parameters())


def _load(net: nn.Sequential, params: Params) -> None:
    with torch.no_grad():
        for p, flat in zip(net.parameters(), params, strict=True):
            p.copy_(torch.tensor(flat, dtype=p.dtype).reshape(p.shape))


def _train(net: nn.Sequential, config: Config, steps: int, losses: list[float]) -> None:
    X, y = tensors(config.data)
    optimizer = torch.optim.SGD(net.parameters(), lr=config.lr)
    for _ in range(steps):
        optimizer.zero_grad()
        loss = F.binary_cross_entropy(net(X), y)
        loss.backward()
        optimizer.step()
        losses.append(float(loss.detach()))


_LOCK = threading.Lock()
_RUNS: OrderedDict[Config, _Run] = OrderedDict()


def trained(config: Config, steps: int) -> tuple[Params, tuple[float, ...]]:
    """The weights after ``steps`` SGD steps, and the loss before each step and after the last."""
    with _LOCK:
        run = _RUNS.pop(config, None)
        if run is None:
            net = build(config.hidden, config.seed)
            run = _Run({0: params_of(net)}, [])
        _RUNS[config] = run
        while len(_RUNS) > CONFIGS:
            _RUNS.popitem(last=False)
        done = sorted(run.checkpoints)
        start = done[bisect.bisect_right(done, steps) - 1]
        if start != steps:
            net = build(config.hidden, config.seed)
            _load(net, run.checkpoints[start])
            losses = run.losses[:start]
            for target in [*range((start // EVERY + 1) * EVERY, steps, EVERY), steps]:
                _train(net, config, target - start, losses)
                run.checkpoints[target], start = params_of(net), target
            if len(losses) > len(run.losses):
                run.losses = losses
        params = run.checkpoints[steps]
        history = tuple(run.losses[:steps])
        if steps not in run.finals:  # the page asks for its inputs many times a rerun: one forward pass
            run.finals[steps] = final_loss(config.data, params)
        return params, (*history, run.finals[steps])


def final_loss(data: str, params: Params) -> float:
    """The loss at these weights (the history's last entry: the loss after the last step)."""
    net = build(len(params[1]), 0)
    _load(net, params)
    X, y = tensors(data)
    with torch.no_grad():
        return float(F.binary_cross_entropy(net(X), y))
