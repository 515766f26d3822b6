"""The notebook's four lessons, written as the notebook writes them (float32 tensors)."""

from __future__ import annotations

from collections.abc import Mapping

import torch

from viz.scenario import Input, Scenario, Tensor, register

EPSILON = 1e-8  # the notebook's clamp bound "to prevent log(0)"


def _square(t: Mapping[str, Tensor]) -> dict[str, Tensor]:
    x = t["x"]
    y = x**2
    return {"y": y}


def _sin_square(t: Mapping[str, Tensor]) -> dict[str, Tensor]:
    x = t["x"]
    y = x**2
    z = torch.sin(y)
    return {"y": y, "z": z}


def _logistic_bce(t: Mapping[str, Tensor]) -> dict[str, Tensor]:
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


def _vector_mean(t: Mapping[str, Tensor]) -> dict[str, Tensor]:
    x = t["xs"]
    squared = x**2
    y = squared.mean()
    return {"x²": squared, "y": y}


def _vector_mean_batched(t: Mapping[str, Tensor]) -> Tensor:
    return (t["xs"] ** 2).mean(dim=-1)


SQUARE = register(
    Scenario(
        id="square",
        title="y = x²",
        formula=r"y = x^2,\qquad \frac{dy}{dx} = 2x",
        inputs=(Input("x", 3.0),),
        forward=_square,
        exprs={"y": "x²"},
        plot_inputs=("x",),
        blurb="The notebook's first example: one leaf, one operation.",
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
        plot_inputs=("x",),
        curve_window=4.0,
        blurb="The chain rule: dz/dx = dz/dy · dy/dx, the product autograd computes.",
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
            Input("y", 0.0, kind="label", leaf=False, lo=0.0, hi=1.0, help="true label"),
            Input("w", 1.0, help="weight (requires grad)"),
            Input("b", 0.0, help="bias (requires grad)"),
        ),
        forward=_logistic_bce,
        exprs={"z": "w·x + b", "y_pred": "sigmoid(z)", "loss": "BCE(y_pred, y)"},
        plot_inputs=("w", "b"),
        nonfinite_note=(
            "In float32 sigmoid(z) rounds to exactly 1 once z > 16.6 (or to 0 below "
            "about -88), and the clamp's upper bound 1 − 1e-8 is itself 1.0 in float32, "
            "so log(1 − y_pred) = log(0) = -inf: the loss is inf and its gradient nan."
        ),
        blurb="The notebook's third example: gradients for w and b through sigmoid and BCE.",
    )
)

VECTOR_MEAN = register(
    Scenario(
        id="vector_mean",
        title="y = mean(x²) over a vector",
        formula=r"y = \frac{1}{n}\sum_i x_i^2,\qquad \frac{\partial y}{\partial x_i} = \frac{2x_i}{n}",
        inputs=(Input("xs", (1.0, 2.0, 3.0), kind="vector", help="vector elements", symbol="x"),),
        forward=_vector_mean,
        batched=_vector_mean_batched,
        exprs={"y": "mean(x²)"},
        plot_inputs=("xs",),
        blurb="One backward() fills a whole gradient vector: ∂y/∂xᵢ = 2xᵢ/n.",
    )
)
