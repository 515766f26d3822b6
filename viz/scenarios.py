"""The notebook's four lessons, written as the notebook writes them (float32 tensors)."""

from __future__ import annotations

import math
from collections.abc import Mapping

import torch

from viz.kinds import Label, Vector, as_float, as_floats
from viz.scenario import Hand, HandHessian, Input, Scenario, Tensor, Values, register

EPSILON = 1e-8  # the notebook's clamp bound "to prevent log(0)"


def _hand_square(v: Values) -> list[Hand]:
    x = as_float(v["x"])
    return [Hand("x", None, r"\frac{dy}{dx} = 2x", (("2x", 2 * x),), 2 * x)]


def _hand_sin_square(v: Values) -> list[Hand]:
    x = as_float(v["x"])
    outer, inner = math.cos(x**2), 2 * x
    factors = ((r"\frac{dz}{dy} = \cos(x^2)", outer), (r"\frac{dy}{dx} = 2x", inner))
    return [Hand("x", None, r"\frac{dz}{dx} = 2x\cos(x^2)", factors, outer * inner)]


def _hand_bce(v: Values) -> list[Hand]:
    x, y, w, b = (as_float(v[k]) for k in ("x", "y", "w", "b"))
    p = 1 / (1 + math.exp(-(w * x + b))) if w * x + b > -700 else 0.0
    spread = p * (1 - p)
    dl_dp = (p - y) / spread if spread else math.copysign(math.inf, p - y)
    common = (
        (r"\frac{dL}{d\hat y} = \frac{\hat y - y}{\hat y(1-\hat y)}", dl_dp),
        (r"\frac{d\hat y}{dz} = \hat y(1-\hat y)", spread),
    )
    return [
        Hand(
            "w", None, r"\frac{dL}{dw} = (\hat y - y)\,x", (*common, (r"\frac{dz}{dw} = x", x)), (p - y) * x
        ),
        Hand("b", None, r"\frac{dL}{db} = \hat y - y", (*common, (r"\frac{dz}{db} = 1", 1.0)), p - y),
    ]


def _hand_mean(v: Values) -> list[Hand]:
    xs = as_floats(v["xs"])
    n = len(xs)
    return [
        Hand(
            "xs",
            i,
            rf"\frac{{\partial y}}{{\partial x_{{{i}}}}} = \frac{{2x_{{{i}}}}}{{n}}",
            ((f"2x_{i}", 2 * xi), ("1/n", 1 / n)),
            2 * xi / n,
        )
        for i, xi in enumerate(xs)
    ]


def _second_square(v: Values) -> HandHessian:
    return HandHessian(r"\frac{d^2y}{dx^2} = 2", ((2.0,),), (("x", None),))


def _second_sin_square(v: Values) -> HandHessian:
    x = as_float(v["x"])
    value = 2 * math.cos(x**2) - 4 * x**2 * math.sin(x**2)
    return HandHessian(r"\frac{d^2z}{dx^2} = 2\cos(x^2) - 4x^2\sin(x^2)", ((value,),), (("x", None),))


def _second_bce(v: Values) -> HandHessian:
    x, w, b = (as_float(v[k]) for k in ("x", "w", "b"))
    p = 1 / (1 + math.exp(-(w * x + b))) if w * x + b > -700 else 0.0
    s = p * (1 - p)
    return HandHessian(
        r"\nabla^2 L = \hat y(1-\hat y)\begin{pmatrix} x^2 & x \\ x & 1 \end{pmatrix}",
        ((s * x * x, s * x), (s * x, s)),
        (("w", None), ("b", None)),
        note="The closed form ignores the clamp, as the gradient's does.",
    )


def _second_mean(v: Values) -> HandHessian:
    n = len(as_floats(v["xs"]))
    rows = tuple(tuple(2 / n if i == j else 0.0 for j in range(n)) for i in range(n))
    at = tuple(("xs", i) for i in range(n))
    return HandHessian(r"\frac{\partial^2 y}{\partial x_i \partial x_j} = \frac{2}{n}[i = j]", rows, at)


def _square(t: Mapping[str, Tensor], v: Values) -> dict[str, Tensor]:
    x = t["x"]
    y = x**2
    return {"y": y}


def _sin_square(t: Mapping[str, Tensor], v: Values) -> dict[str, Tensor]:
    x = t["x"]
    y = x**2
    z = torch.sin(y)
    return {"y": y, "z": z}


def _logistic_bce(t: Mapping[str, Tensor], v: Values) -> dict[str, Tensor]:
    x, y, w, b = t["x"], t["y"], t["w"], t["b"]
    wx = w * x
    z = wx + b
    y_pred = torch.sigmoid(z)
    clamped = torch.clamp(y_pred, EPSILON, 1 - EPSILON)
    log_p = torch.log(clamped)
    y_log_p = y * log_p
    one_minus_y = 1 - y
    one_minus_p = 1 - clamped
    log_one_minus_p = torch.log(one_minus_p)
    second = one_minus_y * log_one_minus_p
    log_likelihood = y_log_p + second
    loss = -log_likelihood
    return {
        "w·x": wx,
        "z": z,
        "y_pred": y_pred,
        "clamp(y_pred)": clamped,
        "log(y_pred)": log_p,
        "y·log(y_pred)": y_log_p,
        "1 − y": one_minus_y,
        "1 − y_pred": one_minus_p,
        "log(1 − y_pred)": log_one_minus_p,
        "(1 − y)·log(1 − y_pred)": second,
        "−loss": log_likelihood,
        "loss": loss,
    }


def _vector_mean(t: Mapping[str, Tensor], v: Values) -> dict[str, Tensor]:
    x = t["xs"]
    squared = x**2
    y = squared.mean()
    return {"x²": squared, "y": y}


def _vector_mean_batched(t: Mapping[str, Tensor], v: Values) -> Tensor:
    return (t["xs"] ** 2).mean(dim=-1)


SQUARE = register(
    Scenario(
        id="square",
        title="y = x²",
        formula=r"y = x^2,\qquad \frac{dy}{dx} = 2x",
        inputs=(Input("x", 3.0),),
        forward=_square,
        exprs={"y": "x²"},
        blurb="The notebook's first example: one leaf, one operation.",
        hand=_hand_square,
        second=_second_square,
        examples=(("y changed in place: safe, PowBackward0 saved x, not y", {"x": "3", "inplace": "y"}),),
    )
)

SIN_SQUARE = register(
    Scenario(
        id="sin_square",
        title="z = sin(x²)",
        formula=r"y = x^2,\; z = \sin(y),\qquad \frac{dz}{dx} = \cos(y)\cdot 2x",
        inputs=(Input("x", 3.0),),
        forward=_sin_square,
        exprs={"y": "x²", "z": "sin(y)"},
        curve_window=4.0,
        blurb="The chain rule: dz/dx = dz/dy · dy/dx, the product autograd computes.",
        hand=_hand_sin_square,
        second=_second_sin_square,
        examples=(
            ("y.detach(): x.grad is None, and backward() raises", {"x": "3", "detach": "y"}),
            ("y changed in place: SinBackward0 saved it, torch raises", {"x": "3", "inplace": "y"}),
            ("d²z/dx² = 2cos(x²) − 4x²sin(x²), and the graph of dz/dx", {"x": "1.3", "order": "2"}),
        ),
    )
)

LOGISTIC_BCE = register(
    Scenario(
        id="logistic_bce",
        title="Logistic regression, BCE loss",
        formula=(
            r"z = w x + b,\; \hat y = \sigma(z),\; "
            r"L = -\big(y\log\hat y + (1-y)\log(1-\hat y)\big)"
        ),
        inputs=(
            Input("x", 6.7, leaf=False, help="the input feature (a constant)"),
            Input("y", 0.0, kind=Label(), leaf=False, help="true label"),
            Input("w", 1.0, help="weight (requires grad)"),
            Input("b", 0.0, help="bias (requires grad)"),
        ),
        forward=_logistic_bce,
        exprs={"z": "w·x + b", "y_pred": "sigmoid(z)", "loss": "BCE(y_pred, y)"},
        nonfinite_note=(
            "In float32 sigmoid(z) rounds to exactly 1 once z > 16.6 (or to 0 below "
            "about -88), and the clamp's upper bound 1 − 1e-8 is itself 1.0 in float32, "
            "so log(1 − y_pred) = log(0) = -inf: the loss is inf and its gradient nan."
        ),
        blurb="The notebook's third example: gradients for w and b through sigmoid and BCE.",
        hand=_hand_bce,
        second=_second_bce,
        code_names={
            "clamp(y_pred)": "prediction",
            "y·log(y_pred)": "first_term",
            "(1 − y)·log(1 − y_pred)": "second_term",
            "−loss": "log_likelihood",
        },
        disagreement_note=(
            "The hand formula (ŷ − y)·x ignores the clamp. Where sigmoid saturates, autograd in "
            "float32 meets log(0) (inf, then nan), while in float64 the clamp is active: the "
            "clamped loss is flat there, so the finite difference is 0."
        ),
        examples=(
            ("w frozen (requires_grad=False): descent moves only b", {"frozen": "w", "gd": "5"}),
            ("w·x under torch.no_grad(): only b gets a gradient", {"no_grad": "w·x"}),
            ("z.detach(): neither w nor b gets a gradient", {"detach": "z"}),
            ("the Hessian of the loss in w and b (order=2)", {"order": "2"}),
        ),
    )
)

VECTOR_MEAN = register(
    Scenario(
        id="vector_mean",
        title="y = mean(x²) over a vector",
        formula=r"y = \frac{1}{n}\sum_i x_i^2,\qquad \frac{\partial y}{\partial x_i} = \frac{2x_i}{n}",
        inputs=(Input("xs", (1.0, 2.0, 3.0), kind=Vector(), help="vector elements", symbol="x"),),
        forward=_vector_mean,
        batched=_vector_mean_batched,
        exprs={"y": "mean(x²)"},
        blurb="One backward() fills a whole gradient vector: ∂y/∂xᵢ = 2xᵢ/n.",
        hand=_hand_mean,
        second=_second_mean,
    )
)
