"""The fifth scenario: the student's own function of up to four variables, in float64.

The expression arrives as text in the link (``&expr=``). Its variables are
discovered from it, and each becomes a leaf with its own slider and link
parameter (``&expr=x*y%2Bsin(x)&x=1.2&y=-0.7``); one that the link leaves out
starts at 1.0. ``viz.expression`` validates the text; the same tree builds the
torch graph and, in the worker process, the sympy expression.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import torch

import viz.scenarios
import viz.scenarios_mlp  # noqa: F401  (vector outputs and the small network, before the student's own)
from viz.custom_symbolic import kink_note, symbolic
from viz.expression import GRAMMAR, MAX_CHARS, MAX_VARIABLES, VARIABLES, ExpressionError, parse
from viz.expression_torch import build_torch
from viz.kinds import Expression, Scalar, as_float
from viz.scenario import Hand, HandHessian, Input, Scenario, Values, register

DEFAULT = "sin(x**2) * exp(-x)"
START = 1.0  # where a variable the link leaves out starts
EXAMPLES = (
    DEFAULT,
    "x*y + sin(x)",
    "x**2 + 3*y**2",
    "sigmoid(w*x + b)",
    "exp(-(x**2 + y**2) / 2) * z",
    "tanh(x) / (1 + x**2)",
    "relu(x - 0.5) + abs(y)",
    "log(1 + x**2 + y**2)",
)
NAME = re.compile(r"[A-Za-z_][A-Za-z_0-9]*")


def variable_names(text: str) -> tuple[str, ...]:
    """The expression's variables. Text that does not parse keeps the variable names it
    mentions, so a typo does not take the other sliders away; a constant is f(x)."""
    try:
        names = parse(text).variables
    except ExpressionError:
        mentioned = set(NAME.findall(text))
        names = tuple(name for name in VARIABLES if name in mentioned)[:MAX_VARIABLES]
    return names or ("x",)


def _variables(values: Values) -> tuple[Input, ...]:
    return tuple(
        Input(name, START, Scalar(), help=f"the variable {name} (requires grad)")
        for name in variable_names(str(values["expr"]))
    )


def _forward(t: Mapping[str, torch.Tensor], v: Values) -> dict[str, torch.Tensor]:
    text = str(v["expr"])
    return build_torch(parse(text), {name: t[name] for name in variable_names(text)})


def _problem(values: Values) -> str | None:
    try:
        parse(str(values["expr"]))
    except ExpressionError as error:
        return str(error)
    return None


def _point(values: Values) -> dict[str, float]:
    return {name: as_float(values[name]) for name in variable_names(str(values["expr"]))}


def _signature(names: tuple[str, ...]) -> str:
    return f"f({', '.join(names)})"


def partial_symbol(name: str, names: tuple[str, ...]) -> str:
    """df/dx for one variable, ∂f/∂x for several: LaTeX."""
    if len(names) == 1:
        return rf"\frac{{df}}{{d{name}}}"
    return rf"\frac{{\partial f}}{{\partial {name}}}"


def _describe(values: Values) -> str:
    """f and each partial derivative, from sympy (in the worker, within its budget)."""
    text = str(values["expr"])
    names = variable_names(text)
    answer = symbolic(text, {})
    if not answer.f_latex:
        return rf"{_signature(names)} = \texttt{{{parse(text).text}}}\quad\text{{({answer.note})}}"
    lines = [rf"{_signature(names)} &= {answer.f_latex}"]
    lines += [rf"{partial_symbol(name, names)} &= {latex}" for name, latex, _ in answer.partials]
    return r"\begin{aligned}" + r"\\".join(lines) + r"\end{aligned}"


def _hand(values: Values) -> list[Hand]:
    text, point = str(values["expr"]), _point(values)
    names = tuple(point)
    answer = symbolic(text, point)
    note = answer.note or kink_note(text, point)
    if not answer.partials:
        return [
            Hand(name, None, rf"{partial_symbol(name, names)}\ \text{{(skipped)}}", (), float("nan"), note)
            for name in names
        ]
    return [
        Hand(name, None, rf"{partial_symbol(name, names)} = {latex}", (), value, note)
        for name, latex, value in answer.partials
    ]


def second_symbol(a: str, b: str, names: tuple[str, ...]) -> str:
    """d²f/dx² for one variable; ∂²f/∂x² or ∂²f/∂x∂y for several: LaTeX."""
    if len(names) == 1:
        return rf"\frac{{d^2 f}}{{d{a}^2}}"
    below = rf"\partial {a}^2" if a == b else rf"\partial {a}\,\partial {b}"
    return rf"\frac{{\partial^2 f}}{{{below}}}"


def _second(values: Values) -> HandHessian:
    """sympy's second partials (within the worker's budget); nan where it had none."""
    text, point = str(values["expr"]), _point(values)
    names = tuple(point)
    answer = symbolic(text, point, order=2)
    found = {(a, b): (latex, value) for a, b, latex, value in answer.seconds}
    nan = ("", float("nan"))
    matrix = tuple(tuple(found.get((a, b), nan)[1] for b in names) for a in names)
    lines = [rf"{second_symbol(a, b, names)} &= {found[(a, b)][0]}" for i, a in enumerate(names)
             for b in names[i:] if (a, b) in found]  # fmt: skip
    latex = r"\begin{aligned}" + r"\\".join(lines) + r"\end{aligned}" if lines else r"\text{(skipped)}"
    note = answer.note or kink_note(text, point)
    return HandHessian(latex, matrix, tuple((n, None) for n in names), "sympy (symbolic, float64)", note)


CUSTOM = register(
    Scenario(
        id="custom",
        title="Your own f",
        formula=r"f = \text{your expression}",
        inputs=(Input("expr", DEFAULT, Expression(MAX_CHARS, EXAMPLES), leaf=False, help=GRAMMAR),),
        variables=_variables,
        forward=_forward,
        curve_window=4.0,
        nonfinite_note="Outside its domain an expression is not finite (log of a negative, 1/0, sqrt(-1)).",
        blurb=(
            f"Type f with up to {MAX_VARIABLES} variables: autograd, sympy's symbolic partial derivatives "
            "and a finite difference side by side."
        ),
        hand=_hand,
        hand_label="sympy (symbolic, float64)",
        second=_second,
        disagreement_note=(
            "At a kink (relu or abs at 0) the derivative does not exist: torch uses 0 there and so does "
            "the symbolic side here, while a finite difference averages the two slopes. Where f is not "
            "finite nearby, the finite difference is meaningless."
        ),
        dtype=torch.float64,
        describe=_describe,
        problem=_problem,
        show_slope=True,
        examples=(
            (
                "two variables: ∂f/∂x and ∂f/∂y, the gradient on the contours",
                {"expr": "x*y + sin(x)", "x": "1.2", "y": "-0.7"},
            ),
            (
                "a bowl: ∇f points straight out of the ellipses",
                {"expr": "x**2 + 3*y**2", "x": "1.5", "y": "1"},
            ),
            (
                "three variables: two plotted, the third held",
                {"expr": "x*y*z + exp(-z)", "x": "0.5", "y": "-1.5", "z": "2"},
            ),
            ("one neuron: sigmoid(w·x + b)", {"expr": "sigmoid(w*x + b)", "x": "2", "w": "0.5", "b": "-1"}),
            ("x used twice: two edges, their gradients summed", {"expr": "x*x", "x": "3"}),
        ),
    )
)
