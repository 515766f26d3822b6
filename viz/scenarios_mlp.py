"""A 2 → H → 1 network (tanh, sigmoid, mean BCE) on a small 2-D data set.

The link names how the weights came about (``data``, ``hidden``, ``seed``, ``lr``, ``steps``);
the weights themselves are leaves computed from those by real ``optimizer.step()`` calls
(``viz.mlp_train``), so they are derived inputs: every page, plot and check treats W1, b1,
W2 and b2 as it treats any leaf. The forward pass makes the calls ``nn.Linear`` makes
(``addmm(b, x, W.t())``), each result named, so the graph shows PyTorch's own functions.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import torch
from torch.nn import functional as F

import viz.scenarios_tensor  # noqa: F401  (registered first: vector outputs before the network)
from viz.kinds import Scalar, as_float
from viz.kinds_discrete import Choice, Integer, as_int
from viz.kinds_tensor import Weights
from viz.mlp_code import training_lines
from viz.mlp_data import DATA, dataset
from viz.mlp_train import NAMES, Config, trained
from viz.scenario import Input, Scenario, Tensor, Values, register
from viz.training import Boundary, Training

MAX_HIDDEN = 8
MAX_STEPS = 2000
LAYER_HELP = {
    "W1": "first layer's weight (hidden × 2), after the steps taken",
    "b1": "first layer's bias",
    "W2": "second layer's weight (1 × hidden)",
    "b2": "second layer's bias",
}


def config(values: Values) -> Config:
    return Config(
        str(values["data"]), as_int(values["hidden"]), as_int(values["seed"]), as_float(values["lr"])
    )


def history(values: Values) -> tuple[float, ...]:
    """The loss after each of the steps taken so far (the first: before any)."""
    return trained(config(values), as_int(values["steps"]))[1]


def _variables(values: Values) -> tuple[Input, ...]:
    points, labels = dataset(str(values["data"]))
    hidden = as_int(values["hidden"])
    params, _ = trained(config(values), as_int(values["steps"]))
    shapes = ((hidden, 2), (hidden,), (1, hidden), (1,))
    data = (
        Input(
            "X",
            tuple(v for p in points for v in p),
            Weights((len(points), 2)),
            leaf=False,
            help="the data's points",
            derived=True,
        ),
        Input("y", labels, Weights((len(labels), 1)), leaf=False, help="the data's labels", derived=True),
    )
    return data + tuple(
        Input(name, flat, Weights(shape), help=LAYER_HELP[name], derived=True)
        for name, flat, shape in zip(NAMES, params, shapes, strict=True)
    )


def _forward(t: Mapping[str, Tensor], v: Values) -> dict[str, Tensor]:
    W1t = t["W1"].t()
    z1 = torch.addmm(t["b1"], t["X"], W1t)
    h = torch.tanh(z1)
    W2t = t["W2"].t()
    z2 = torch.addmm(t["b2"], h, W2t)
    p = torch.sigmoid(z2)
    return {
        "W1ᵀ": W1t,
        "z1": z1,
        "h": h,
        "W2ᵀ": W2t,
        "z2": z2,
        "p": p,
        "loss": F.binary_cross_entropy(p, t["y"]),
    }


def _boundary(values: Values, n: int) -> Boundary:
    """p(class 1) over a square around the data: where the network puts the boundary."""
    points, labels = dataset(str(values["data"]))
    lim = max(abs(c) for p in points for c in p) + 0.5
    axis = np.linspace(-lim, lim, n)
    plane = torch.tensor(np.stack(np.meshgrid(axis, axis), -1).reshape(-1, 2), dtype=torch.float32)
    W1, b1, W2, b2 = (torch.tensor(values[name], dtype=torch.float32) for name in NAMES)
    W1, W2 = W1.reshape(-1, 2), W2.reshape(1, -1)
    with torch.no_grad():
        h = torch.tanh(torch.addmm(b1, plane, W1.t()))
        prob = torch.sigmoid(torch.addmm(b2, h, W2.t())).reshape(n, n).double().numpy()
    return Boundary(axis, axis, prob, points, labels)


def _batched(t: Mapping[str, Tensor], v: Values) -> Tensor:
    """The loss with any weight batched over a grid (leading dimensions broadcast)."""
    h = torch.tanh(t["X"] @ t["W1"].transpose(-1, -2) + t["b1"].unsqueeze(-2))
    p = torch.sigmoid(h @ t["W2"].transpose(-1, -2) + t["b2"].unsqueeze(-2))
    y = t["y"].expand_as(p)
    return F.binary_cross_entropy(p, y, reduction="none").mean(dim=(-2, -1))


MLP = register(
    Scenario(
        id="mlp",
        title="A small network: 2 → H → 1, trained by SGD",
        formula=r"p = \sigma\big(W_2 \tanh(W_1 x + b_1) + b_2\big),\qquad"
        r"\mathrm{loss} = -\tfrac{1}{n}\sum \big(y \log p + (1 - y)\log(1 - p)\big)",
        inputs=(
            Input("data", "xor", Choice(DATA), leaf=False, help="xor: 4 points; moons, circles: 32"),
            Input("hidden", 3, Integer(1, MAX_HIDDEN, typical=4), leaf=False, help="hidden units"),
            Input("seed", 0, Integer(0, 9999, typical=50), leaf=False, help="the weights' initialisation"),
            Input("lr", 0.5, Scalar(0.05, 10.0, step=0.05), leaf=False, help="SGD's learning rate"),
            Input(
                "steps",
                0,
                Integer(0, MAX_STEPS, step=10, typical=30),
                leaf=False,
                help="optimizer.step() calls already taken from the initialisation",
            ),
        ),
        forward=_forward,
        batched=_batched,
        variables=_variables,
        exprs={"z1": "X W1ᵀ + b1", "h": "tanh(z1)", "z2": "h W2ᵀ + b2", "p": "σ(z2)", "loss": "BCE(p, y)"},
        blurb="The network after the SGD steps taken so far: every weight is a leaf, and backward() "
        "gives the gradient of the mean loss for the next step.",
        code_names={"W1ᵀ": "W1_T", "W2ᵀ": "W2_T"},
        training=Training(history, _boundary, code=training_lines),
        examples=(
            ("xor after 200 steps: the loss has fallen", {"data": "xor", "steps": "200"}),
            (
                "moons with 8 hidden units after 500 steps",
                {"data": "moons", "hidden": "8", "lr": "1", "steps": "500"},
            ),
            ("circles: the untrained network", {"data": "circles", "steps": "0"}),
        ),
    )
)
