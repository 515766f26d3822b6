"""Custom expressions: the allowlist, its messages, and autograd == sympy == finite difference.

Counts of generated inputs are in hypothesis's statistics
(``pytest tests/unit/test_expression.py --hypothesis-show-statistics``).
"""

import math
import time

import pytest
import torch
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from tests.unit.strategies import RANDOM_TEXT, VALID
from viz.expression import MAX_CHARS, ExpressionError, build_torch, parse
from viz.symbolic import derive

MANY = settings(max_examples=10_000, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
SLOWEST = {"rejection": 0.0}


def autograd(text: str, x0: float) -> tuple[float, float]:
    x = torch.tensor(x0, dtype=torch.float64, requires_grad=True)
    f = build_torch(parse(text), x)["f"]
    f.backward()
    return f.item(), x.grad.item()


def value(text: str, x0: float) -> float:
    with torch.no_grad():
        return build_torch(parse(text), torch.tensor(x0, dtype=torch.float64))["f"].item()


def largest_intermediate(text: str, x0: float) -> float:
    with torch.no_grad():
        named = build_torch(parse(text), torch.tensor(x0, dtype=torch.float64))
    return max((abs(t.item()) for t in named.values() if math.isfinite(t.item())), default=0.0)


def central(text: str, x0: float, h: float) -> float:
    return (value(text, x0 + h) - value(text, x0 - h)) / (2 * h)


def close(a: float, b: float, rel: float) -> bool:
    return abs(a - b) <= rel * max(1.0, abs(a), abs(b))


# Classroom inputs: 0, or |x| ≥ 1e-6. Near float64's underflow (x ~ 1e-297) products like x*x
# vanish and float64 autograd honestly differs from exact symbolic algebra.
POINTS = st.floats(-3, 3).filter(lambda v: v == 0 or abs(v) >= 1e-6)


@MANY
@given(VALID, POINTS)
def test_autograd_equals_sympy_equals_finite_difference(text: str, x0: float) -> None:
    expr = parse(text)
    f, grad = autograd(text, x0)
    if any(abs(value(k.text, x0)) < 1e-7 for k in expr.kinks):
        event("skipped: at a kink of relu/abs")
        return
    if not (math.isfinite(f) and math.isfinite(grad)):
        event("skipped: not finite at x")
        return
    symbolic = derive(text, x0).df_value
    if math.isfinite(symbolic):
        # An intermediate beyond 1e6 (cos of x**-25, say) leaves float64 only ~1e-6 relative
        # accuracy for what follows: compare such cases at 1e-3.
        conditioned = largest_intermediate(text, x0) < 1e6
        event("compared with sympy" + ("" if conditioned else " (ill-conditioned, 1e-3)"))
        assert close(grad, symbolic, 1e-6 if conditioned else 1e-3), (text, x0, grad, symbolic)
    fine, coarse = central(text, x0, 1e-6), central(text, x0, 1e-5)
    rounding = 2.2e-16 * abs(f) / 1e-6  # float64 cannot resolve f(x ± h) below this
    if rounding > 1e-6 * max(1.0, abs(grad)):
        event("finite difference below float64 resolution (|f| too large for h = 1e-6)")
    elif math.isfinite(fine) and math.isfinite(coarse) and close(fine, coarse, 1e-5):
        event("compared with finite difference")
        assert close(grad, fine, 1e-4), (text, x0, grad, fine)
    else:
        event("finite difference unstable here (steep or near a pole)")


@MANY
@given(RANDOM_TEXT)
def test_random_text_is_refused_cleanly_or_computed(case: tuple[str, str]) -> None:
    family, text = case
    event(f"family: {family}")
    start = time.perf_counter()
    try:
        expr = parse(text)
    except ExpressionError as error:
        SLOWEST["rejection"] = max(SLOWEST["rejection"], time.perf_counter() - start)
        event("refused")
        assert "at column" in str(error) or "characters" in str(error) or "empty" in str(error)
        return
    event("accepted (valid after all)")
    with torch.no_grad():
        build_torch(expr, torch.tensor(0.5, dtype=torch.float64))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("foo(x)", "unknown function 'foo'"),
        ("foo", "unknown name 'foo' at column 1; allowed: x, pi, e, sin"),
        ("sinn(x)", "did you mean 'sin'?"),
        ("x^2", "character '^' is not allowed at column 2 (use ** for powers)"),
        ("ln(x)", "use log (natural logarithm)"),
        ("X + 1", "the variable is lower-case x"),
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
    ],
)
def test_refusals_name_the_problem_and_where(text: str, message: str) -> None:
    with pytest.raises(ExpressionError) as error:
        parse(text)
    assert message in str(error.value)


def test_abs_differentiates_to_sign_and_kinks_are_known() -> None:
    assert "sign" in derive("abs(x)", 0.5).df_latex or "operatorname{sign}" in derive("abs(x)", 0.5).df_latex
    assert derive("abs(x)", -2.0).df_value == -1.0
    assert autograd("abs(x)", 0.0)[1] == 0.0 and derive("abs(x)", 0.0).df_value == 0.0
    assert [k.text for k in parse("relu(x - 1) * abs(x)").kinks] == ["x - 1", "x"]


def test_huge_powers_are_inf_at_once_not_a_big_integer() -> None:
    start = time.perf_counter()
    assert math.isinf(value("9**9**9 * x", 0.5))
    assert math.isinf(derive("9**9**9 * x", 0.5).df_value)
    assert time.perf_counter() - start < 2.0


def test_same_tree_builds_torch_and_sympy() -> None:
    _, grad = autograd("sin(x**2) * exp(-x)", 0.5)
    assert grad == pytest.approx(derive("sin(x**2) * exp(-x)", 0.5).df_value, rel=1e-12)
    assert grad == pytest.approx(2 * 0.5 * math.cos(0.25) * math.exp(-0.5) - math.sin(0.25) * math.exp(-0.5))


COVERAGE = ["sin(x) + cos(x) - tan(x)", "exp(x) * log(x) / sqrt(x)", "tanh(x) ** 2", "sigmoid(x) - relu(x)",
            "abs(x) + 2**x + x**x", "1 / x - 3 - x", "-(x) * 2", "2 - x + pi * e"]  # fmt: skip


@pytest.mark.parametrize("text", COVERAGE)
def test_every_custom_backward_function_has_a_local_derivative(text: str) -> None:
    from viz.backward import trace
    from viz.derivatives import has_rule, links
    from viz.scenario import get

    t = trace(get("custom"), {"expr": text, "x": 0.7})
    assert all(has_rule(n.op) for n in t.nodes if n.kind != "constant"), [n.op for n in t.nodes]
    for step in t.steps:
        node = t.by_id(step.node)
        for link, (to, sent) in zip(links(node, step.upstream), step.sent, strict=True):
            assert link.to == to and link.product == pytest.approx(sent, rel=1e-9)


def test_sqrt_at_zero_is_explained() -> None:
    from viz.backward import trace
    from viz.diagnose import explain
    from viz.scenario import get

    notes = explain(trace(get("custom"), {"expr": "sqrt(x)", "x": 0.0}))
    assert notes == ["Backward: the gradient of `x` is inf (d/du sqrt(u) is infinite at u = 0.0000)."]


def test_small_whole_numbers_stay_exact_in_the_formula() -> None:
    from viz.symbolic import build_sympy

    assert str(build_sympy(parse("sin(x**2) * exp(-x)"))) == "exp(-x)*sin(x**2)"
    assert "2.0" not in derive("x**2", 1.0).f_latex
