"""Custom expressions: the allowlist, its messages, and autograd == sympy == finite difference
for every partial derivative, in one and in several variables.

Counts of generated inputs are in hypothesis's statistics
(``pytest tests/unit/test_expression.py --hypothesis-show-statistics``).
"""

import math
import time

import pytest
import torch
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

from tests.unit.strategies import RANDOM_TEXT, SEVERAL, VALID
from viz.expression import MAX_CHARS, MAX_VARIABLES, ExpressionError, parse, render
from viz.expression_torch import build_torch, fold
from viz.symbolic import build_sympy, derive

MANY = settings(max_examples=10_000, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
Point = dict[str, float]


def names(text: str) -> tuple[str, ...]:
    return parse(text).variables or ("x",)


def autograd(text: str, point: Point) -> tuple[float, dict[str, float]]:
    leaves = {n: torch.tensor(point[n], dtype=torch.float64, requires_grad=True) for n in names(text)}
    f = build_torch(parse(text), leaves)["f"]
    f.backward()
    return f.item(), {n: t.grad.item() for n, t in leaves.items()}


def value(text: str, point: Point) -> float:
    with torch.no_grad():
        leaves = {n: torch.tensor(point[n], dtype=torch.float64) for n in names(text)}
        return build_torch(parse(text), leaves)["f"].item()


def partials(text: str, point: Point) -> dict[str, float]:
    """sympy's partial derivatives at the point, computed here (not in the worker)."""
    expr = parse(text)
    answer = derive(fold(expr.tree), names(text), point)
    return {n: v for n, _, v in answer["partials"]}


def largest_intermediate(text: str, point: Point) -> float:
    with torch.no_grad():
        leaves = {n: torch.tensor(point[n], dtype=torch.float64) for n in names(text)}
        named = build_torch(parse(text), leaves)
    return max((abs(t.item()) for t in named.values() if math.isfinite(t.item())), default=0.0)


def zero_to_zero(text: str, point: Point) -> bool:
    """Whether some power is 0**0 at the point: torch takes it as 1, while a base of 0 with any
    other exponent near it gives 0 or ∞, so the power jumps there and f has no derivative
    formula to check (y*x**(y*y) at 0: autograd's product rule gives 1, f is 0 along y)."""
    found = False

    def walk(tree: tuple) -> None:
        nonlocal found
        if tree[0] == "bin" and tree[1] == "**":
            base, exponent = (value(render(t), point) for t in tree[2:])
            found |= base == 0 and exponent == 0
        for child in tree[1:]:
            if isinstance(child, tuple):
                walk(child)

    walk(parse(text).tree)
    return found


def central(text: str, point: Point, name: str, h: float) -> float:
    up, down = dict(point), dict(point)
    up[name] += h
    down[name] -= h
    return (value(text, up) - value(text, down)) / (2 * h)


def close(a: float, b: float, rel: float) -> bool:
    return abs(a - b) <= rel * max(1.0, abs(a), abs(b))


# Classroom inputs: 0, or |v| ≥ 1e-6. Near float64's underflow (v ~ 1e-297) products like x*x
# vanish and float64 autograd honestly differs from exact symbolic algebra.
COORD = st.one_of(st.just(0.0), st.floats(1e-6, 3), st.floats(-3, -1e-6))
POINTS = st.fixed_dictionaries({n: COORD for n in ("x", "y", "z", "w")})


@MANY
@given(st.one_of(VALID, SEVERAL), POINTS)
@example("(y)*((x)**((y)*(y)))", dict.fromkeys("xyzw", 0.0))  # 0**0 (found by a full run)
def test_autograd_equals_sympy_equals_finite_difference(text: str, point: Point) -> None:
    expr = parse(text)
    event(f"{len(names(text))} variable(s)")
    f, grads = autograd(text, point)
    if any(abs(value(k.text, point)) < 1e-7 for k in expr.kinks if k.variables):
        event("skipped: at a kink of relu/abs")
        return
    if not (math.isfinite(f) and all(math.isfinite(g) for g in grads.values())):
        event("skipped: not finite at the point")
        return
    if zero_to_zero(text, point):
        event("skipped: a power at 0**0, where it jumps")
        return
    symbolic = partials(text, point)
    largest = largest_intermediate(text, point)
    conditioned = largest < 1e6
    for name, grad in grads.items():
        if largest > 1e12:
            # cos(exp(50)): an argument of 5e21 has no digits left below 1e5 in float64, so torch's
            # sin or cos of it is float64 noise, while sympy evaluates it exactly.
            event("beyond float64's resolution (an intermediate above 1e12)")
        elif math.isfinite(symbolic[name]):
            # An intermediate beyond 1e6 (cos of x**-25, say) leaves float64 only ~1e-6 relative
            # accuracy for what follows: compare such cases at 1e-3.
            event("compared with sympy" + ("" if conditioned else " (ill-conditioned, 1e-3)"))
            agree = close(grad, symbolic[name], 1e-6 if conditioned else 1e-3)
            if not agree and "**" in text and close(grad, central(text, point, name, 1e-6), 1e-6):
                # (x + y)**y at x = y = 0: torch's 0**0 is 1 and the function is flat in x there (the
                # difference quotient agrees with autograd), while sympy's formula y(x + y)**(y - 1)
                # evaluates 0·∞ to a limit. Not a point where the derivative has one value to compare.
                event("a power at 0**0: sympy's formula is singular, the difference quotient decides")
                continue
            assert agree, (text, point, name)
        fine, coarse = central(text, point, name, 1e-6), central(text, point, name, 1e-5)
        rounding = 2.2e-16 * abs(f) / 1e-6  # float64 cannot resolve f(v ± h) below this
        if rounding > 1e-6 * max(1.0, abs(grad)):
            event("finite difference below float64 resolution (|f| too large for h = 1e-6)")
        elif 2.2e-16 * largest > 1e-7:
            # cos(x + y**25) at y = -3: x + 8.5e11 moves in steps of 1.2e-4, so x ± 1e-6 is the
            # same number and both differences are 0, agreeing with each other but not with f′.
            event("finite difference below float64 resolution (an intermediate too large for h)")
        elif math.isfinite(fine) and math.isfinite(coarse) and close(fine, coarse, 1e-5):
            event("compared with finite difference")
            assert close(grad, fine, 1e-4), (text, point, name, grad, fine)
        else:
            event("finite difference unstable here (steep or near a pole)")


@MANY
@given(RANDOM_TEXT)
def test_random_text_is_refused_cleanly_or_computed(case: tuple[str, str]) -> None:
    family, text = case
    event(f"family: {family}")
    try:
        expr = parse(text)
    except ExpressionError as error:
        event("refused")
        message = str(error)
        assert (
            "at column" in message or "characters" in message or "empty" in message or "variables" in message
        )
        return
    event("accepted (valid after all)")
    with torch.no_grad():
        build_torch(expr, {n: torch.tensor(0.5, dtype=torch.float64) for n in names(text)})


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("foo(x)", "unknown function 'foo'"),
        ("foo", "unknown name 'foo' at column 1; allowed: x, y, z, w, b, u, v, t, pi, e, sin"),
        ("sinn(x)", "did you mean 'sin'?"),
        ("x^2", "character '^' is not allowed at column 2 (use ** for powers)"),
        ("ln(x)", "use log (natural logarithm)"),
        ("X + 1", "variables are lower-case: x"),
        ("Y * x", "variables are lower-case: y"),
        ("a * x", "unknown name 'a' at column 1"),
        ("ｓｉｎ(x)", "non-ASCII character 'ｓ'"),
        ("sin(x", "syntax error"),
        ("sin", "'sin' is a function"),
        ("sin(x, 2)", "character ',' is not allowed at column 6"),
        ("x.real", "attribute access (.) is not allowed at column 1"),
        ("x < 1", "character '<' is not allowed at column 3"),
        ("", "the expression is empty"),
        ("x" + "+x" * 100, f"at most {MAX_CHARS}"),
        ("(" * 21 + "x" + ")" * 21, "parentheses nest deeper than 20"),
        ("+".join(["(" + "*".join(["x"] * 8) + ")"] * 7), "more than 100 parts"),
        ("+".join(["x"] * 30), "nests deeper than 20"),
        ("-" * 25 + "x", "nests deeper than 20"),
        ("x + y + z + w + b", f"uses 5 variables (x, y, z, w, b); at most {MAX_VARIABLES}"),
    ],
)
def test_refusals_name_the_problem_and_where(text: str, message: str) -> None:
    with pytest.raises(ExpressionError) as error:
        parse(text)
    assert message in str(error.value)


def test_variables_are_discovered_in_slider_order() -> None:
    assert parse("x*y + sin(x)").variables == ("x", "y")
    assert parse("w*x + b").variables == ("x", "w", "b")
    assert parse("t + v + u + z").variables == ("z", "u", "v", "t")
    assert parse("e * pi").variables == ()  # constants, not variables


def test_abs_differentiates_to_sign_and_kinks_are_known() -> None:
    assert "sign" in derive(("call", "abs", ("var", "x")), ("x",), {"x": 0.5})["partials"][0][1]
    assert partials("abs(x)", {"x": -2.0}) == {"x": -1.0}
    assert autograd("abs(x)", {"x": 0.0})[1] == {"x": 0.0} and partials("abs(x)", {"x": 0.0}) == {"x": 0.0}
    assert [k.text for k in parse("relu(x - 1) * abs(y)").kinks] == ["x - 1", "y"]


def test_huge_powers_are_inf_at_once_not_a_big_integer() -> None:
    start = time.perf_counter()
    assert math.isinf(value("9**9**9 * x", {"x": 0.5}))
    assert math.isinf(partials("9**9**9 * x", {"x": 0.5})["x"])
    assert time.perf_counter() - start < 2.0


def test_same_tree_builds_torch_and_sympy() -> None:
    point = {"x": 0.5}
    _, grads = autograd("sin(x**2) * exp(-x)", point)
    assert grads["x"] == pytest.approx(partials("sin(x**2) * exp(-x)", point)["x"], rel=1e-12)
    expected = 2 * 0.5 * math.cos(0.25) * math.exp(-0.5) - math.sin(0.25) * math.exp(-0.5)
    assert grads["x"] == pytest.approx(expected)


def test_two_variables_against_closed_forms() -> None:
    point = {"x": 1.2, "y": -0.7}
    f, grads = autograd("x*y + sin(x)", point)
    assert f == pytest.approx(1.2 * -0.7 + math.sin(1.2))
    assert grads == pytest.approx({"x": -0.7 + math.cos(1.2), "y": 1.2})
    assert partials("x*y + sin(x)", point) == pytest.approx(grads, rel=1e-12)


COVERAGE = [
    "sin(x) + cos(x) - tan(x)", "exp(x) * log(x) / sqrt(x)", "tanh(x) ** 2", "sigmoid(x) - relu(x)",
    "abs(x) + 2**x + x**x", "1 / x - 3 - x", "-(x) * 2", "2 - x + pi * e", "x*y + y**z - w / x",
]  # fmt: skip


@pytest.mark.parametrize("text", COVERAGE)
def test_every_custom_backward_function_has_a_local_derivative(text: str) -> None:
    from viz.backward import record
    from viz.derivatives import RULES, links
    from viz.scenario import get

    t = record(get("custom"), {"expr": text, "x": 0.7, "y": 1.3, "z": 0.4, "w": 2.0})
    assert all(n.op in RULES for n in t.nodes if n.kind != "constant"), [n.op for n in t.nodes]
    for step in t.steps:
        node = t.by_id(step.node)
        for link, (_, to, sent) in zip(links(node, step.upstream), step.sent, strict=True):
            assert link.to == to and link.product == pytest.approx(sent, rel=1e-9)


def test_sqrt_at_zero_is_explained() -> None:
    from viz.backward import record
    from viz.diagnose import explain
    from viz.scenario import get

    notes = explain(record(get("custom"), {"expr": "sqrt(x)", "x": 0.0}))
    assert notes == ["Backward: the gradient of `x` is inf (d/du sqrt(u) is infinite at u = 0.0000)."]


def test_small_whole_numbers_stay_exact_in_the_formula() -> None:
    assert str(build_sympy(fold(parse("sin(x**2) * exp(-x)").tree))) == "exp(-x)*sin(x**2)"
    assert "2.0" not in derive(fold(parse("x**2").tree), ("x",), {"x": 1.0})["f_latex"]
