"""The fifth scenario: the student's own f(x), computed in float64.

Registered last, after the notebook's four. The expression arrives as text in
the link (``&expr=``); ``viz.expression`` validates it, and the same tree builds
the torch graph and the sympy expression.
"""

from __future__ import annotations

from collections.abc import Mapping

import torch

import viz.scenarios  # noqa: F401  (the notebook's four register first; custom comes last)
from viz.expression import ExpressionError, build_torch, parse
from viz.scenario import Hand, Input, Scenario, Values, register

DEFAULT = "sin(x**2) * exp(-x)"


def _forward(t: Mapping[str, object]) -> dict[str, torch.Tensor]:
    return build_torch(parse(str(t["expr"])), t["x"])  # type: ignore[arg-type]


def _problem(values: Values) -> str | None:
    try:
        parse(str(values["expr"]))
    except ExpressionError as error:
        return str(error)
    return None


def _describe(values: Values) -> str:
    import sympy  # (imported here: ~0.4 s that only this scenario needs)

    from viz.symbolic import build_sympy

    return "f(x) = " + sympy.latex(build_sympy(parse(str(values["expr"]))))


def _hand(values: Values) -> list[Hand]:
    from viz.symbolic import symbolic  # (sympy: imported only once this scenario is used)

    text, x0 = str(values["expr"]), float(values["x"])  # type: ignore[arg-type]
    result = symbolic(text, x0)
    latex = r"\frac{df}{dx} = " + result.df_latex if result.df_latex else r"\frac{df}{dx}\ \text{(skipped)}"
    return [Hand("x", None, latex, (), result.df_value, note=result.note or _kink_note(text, x0))]


def _kink_note(text: str, x0: float) -> str:
    """At relu/abs of exactly 0 the derivative does not exist; say which convention each side used."""
    with torch.no_grad():
        x = torch.tensor(x0, dtype=torch.float64)
        at_zero = [k.text for k in parse(text).kinks if build_torch(k, x)["f"].item() == 0.0]
    if not at_zero:
        return ""
    return (
        f"At this x, {', '.join(at_zero)} is exactly 0: a kink, where the derivative does not exist. "
        "torch takes relu'(0) = 0 and abs'(0) = 0; sympy's sign(0) = 0 and the Piecewise used for relu "
        "agree, but a finite difference averages the two slopes (1/2 for relu, 0 for abs)."
    )


CUSTOM = register(
    Scenario(
        id="custom",
        title="Your own f(x)",
        formula=r"f(x) = \text{your expression}",
        inputs=(
            Input("expr", DEFAULT, kind="expr", leaf=False, help="an expression in x"),
            Input("x", 0.5),
        ),
        forward=_forward,
        plot_inputs=("x",),
        curve_window=4.0,
        nonfinite_note="Outside its domain an expression is not finite (log of a negative, 1/0, sqrt(-1)).",
        blurb=(
            "Type f(x) with + - * / **, pi, e and sin cos tan exp log sqrt tanh sigmoid relu abs: "
            "autograd, sympy's symbolic derivative and a finite difference side by side."
        ),
        hand=_hand,
        hand_label="sympy (symbolic, float64)",
        disagreement_note=(
            "At a kink (relu or abs at 0) the derivative does not exist: torch uses 0 there and so does "
            "the symbolic side here, while a finite difference averages the two slopes. Where f is not "
            "finite nearby, the finite difference is meaningless."
        ),
        dtype=torch.float64,
        describe=_describe,
        problem=_problem,
    )
)
