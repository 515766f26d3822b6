"""Vector outputs: y = x² element-wise and y = softmax(x). Their ``backward()`` needs a
``gradient=v`` (the link's ``v``); ``u`` is a direction for forward mode. Closed forms of
vᵀJ, J and the Hessian of v·y are here so the page and the tests check autograd against them."""

from __future__ import annotations

import math
from collections.abc import Mapping

import torch

from viz.kinds import Vector, as_floats
from viz.scenario import Hand, HandHessian, Input, Scenario, Tensor, Values, register
from viz.seed import Seed

Matrix = tuple[tuple[float, ...], ...]
V_HELP = "backward(gradient=v): one number per element of y; leave empty to call backward() as is"
U_HELP = "a direction for forward mode: J·u, one number per element of x"


def _tensor_inputs() -> tuple[Input, ...]:
    return (
        Input("xs", (1.0, 2.0, 3.0), kind=Vector(), help="vector elements", symbol="x"),
        Input("v", (), kind=Seed(like="xs", title="backward(gradient=v)"), leaf=False, help=V_HELP),
        Input("u", (), kind=Seed(like="xs", title="forward mode: J·u"), leaf=False, help=U_HELP),
    )


def _softmax(xs: tuple[float, ...]) -> tuple[float, ...]:
    top = max(xs)
    exps = [math.exp(x - top) for x in xs]
    return tuple(e / sum(exps) for e in exps)


def square_jacobian(v: Values) -> Matrix:
    xs = as_floats(v["xs"])
    return tuple(tuple(2 * x if i == j else 0.0 for j in range(len(xs))) for i, x in enumerate(xs))


def softmax_jacobian(v: Values) -> Matrix:
    s = _softmax(as_floats(v["xs"]))
    return tuple(tuple(si * ((i == j) - sj) for j, sj in enumerate(s)) for i, si in enumerate(s))


def _hand_square(v: Values) -> list[Hand]:
    seed = as_floats(v["v"]) if v.get("v") else ()
    return [
        Hand(
            "xs",
            i,
            rf"(v^\top J)_{{{i}}} = v_{{{i}}}\cdot 2x_{{{i}}}",
            ((f"v_{i}", vi), (f"2x_{i}", 2 * x)),
            vi * 2 * x,
        )
        for i, (x, vi) in enumerate(zip(as_floats(v["xs"]), seed, strict=False))
    ]


def _hand_softmax(v: Values) -> list[Hand]:
    seed = as_floats(v["v"]) if v.get("v") else ()
    s = _softmax(as_floats(v["xs"]))
    mean = sum(a * b for a, b in zip(s, seed, strict=False))
    return [
        Hand("xs", i, rf"(v^\top J)_{{{i}}} = s_{{{i}}}(v_{{{i}}} - s\cdot v)",
             ((f"s_{i}", si), (f"v_{i} − s·v", vi - mean)), si * (vi - mean))
        for i, (si, vi) in enumerate(zip(s, seed, strict=False))
    ]  # fmt: skip


def _second_square(v: Values) -> HandHessian:
    seed = as_floats(v["v"])
    rows = tuple(tuple(2 * seed[i] if i == j else 0.0 for j in range(len(seed))) for i in range(len(seed)))
    return HandHessian(r"\frac{\partial^2 (v\cdot y)}{\partial x_i \partial x_j} = 2v_i[i = j]", rows,
                       tuple(("xs", i) for i in range(len(seed))))  # fmt: skip


def _second_softmax(v: Values) -> HandHessian:
    seed, s = as_floats(v["v"]), _softmax(as_floats(v["xs"]))
    mean = sum(a * b for a, b in zip(s, seed, strict=True))
    g = [si * (vi - mean) for si, vi in zip(s, seed, strict=True)]
    n = len(s)
    rows = tuple(
        tuple(s[i] * ((i == j) - s[j]) * (seed[i] - mean) - s[i] * g[j] for j in range(n)) for i in range(n)
    )
    return HandHessian(
        r"\frac{\partial^2 (v\cdot s)}{\partial x_i \partial x_j}"
        r" = s_i([i = j] - s_j)(v_i - s\cdot v) - s_i g_j",
        rows, tuple(("xs", i) for i in range(n)), note="g is the gradient, vᵀJ.",
    )  # fmt: skip


def _square(t: Mapping[str, Tensor], v: Values) -> dict[str, Tensor]:
    return {"y": t["xs"] ** 2}


def _softmax_forward(t: Mapping[str, Tensor], v: Values) -> dict[str, Tensor]:
    return {"y": torch.softmax(t["xs"], 0)}


VECTOR_SQUARE = register(
    Scenario(
        id="vector_square",
        title="y = x² element-wise: a vector output",
        formula=r"y_i = x_i^2,\qquad J = \operatorname{diag}(2x),\qquad x.\mathrm{grad} = v^\top J",
        inputs=_tensor_inputs(),
        forward=_square,
        batched=lambda t, v: t["xs"] ** 2,
        exprs={"y": "x²"},
        blurb="y is a vector: backward() needs gradient=v and computes vᵀJ, never J itself.",
        hand=_hand_square,
        hand_label="hand (vᵀJ, float64)",
        second=_second_square,
        jacobian=square_jacobian,
        seed="v",
        direction="u",
        examples=(
            ("backward(gradient=v): x.grad = vᵀJ = [1, 4, 12]", {"xs": "1,2,3", "v": "0.5,1,2"}),
            (
                "forward mode: J·u for u = (1, 0, 0), the first column of J",
                {"xs": "1,2,3", "v": "0.5,1,2", "u": "1,0,0"},
            ),
        ),
    )
)

SOFTMAX = register(
    Scenario(
        id="softmax",
        title="y = softmax(x): a dense Jacobian",
        formula=r"s_i = \frac{e^{x_i}}{\sum_j e^{x_j}},\qquad J = \operatorname{diag}(s) - s s^\top",
        inputs=_tensor_inputs(),
        forward=_softmax_forward,
        batched=lambda t, v: torch.softmax(t["xs"], dim=-1),
        exprs={"y": "softmax(x)"},
        blurb="Every output depends on every input: J is dense, and vᵀJ mixes them all.",
        hand=_hand_softmax,
        hand_label="hand (vᵀJ, float64)",
        second=_second_softmax,
        jacobian=softmax_jacobian,
        seed="v",
        direction="u",
        examples=(
            ("v = (1, 0, 0): x.grad is the first row of J", {"xs": "1,2,3", "v": "1,0,0"}),
            ("v = (1, 1, 1): the outputs sum to 1, so x.grad is 0", {"xs": "1,2,3", "v": "1,1,1"}),
        ),
    )
)
