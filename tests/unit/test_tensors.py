"""Vector outputs: backward(gradient=v), the Jacobian, forward mode, shapes on the graph.
Oracles: plain torch (backward, torch.autograd.functional.jacobian, torch.autograd.forward_ad),
finite differences in float64, and the closed forms."""

import random
import re
import subprocess
import sys
from dataclasses import replace

import numpy as np
import pytest
import torch
import torch.autograd.forward_ad as fwad

from tests import samples
from tests.samples import torch_raises, view_of
from viz.backward import record
from viz.codegen import script_cells, to_py
from viz.graph_dot import to_dot
from viz.jacobian import jacobian
from viz.numbers import fmt_values
from viz.scenario import REGISTRY, get, register, unregister
from viz.state import parse_query, to_query

VECTORS = [sid for sid in REGISTRY if get(sid).seed]
FORWARD = {"vector_square": lambda x: x**2, "softmax": lambda x: torch.softmax(x, 0)}  # the oracle's own
RNG = random.Random(14)
POINTS = [(sid, samples.random_values(get(sid), RNG)) for sid in VECTORS for _ in range(6)]


def test_the_registry_has_both_vector_scenarios() -> None:
    assert set(VECTORS) == {"vector_square", "softmax"} == set(FORWARD)


def test_the_issues_numbers_x_grad_is_v_transposed_j() -> None:
    view = view_of({"scenario": "vector_square", "xs": "1,2,3", "v": "0.5,1,2"})
    assert view.trace.by_name("x").grad == pytest.approx((1.0, 4.0, 12.0))
    j = jacobian(view.state.scenario, view.state.values)
    assert j.vjp == pytest.approx((1.0, 4.0, 12.0))
    assert view.trace.objective == "v·y"


@pytest.mark.parametrize(("scenario_id", "values"), POINTS)
def test_x_grad_is_what_plain_torch_backward_with_gradient_v_gives(scenario_id: str, values: dict) -> None:
    x = torch.tensor(values["xs"], requires_grad=True)
    FORWARD[scenario_id](x).backward(gradient=torch.tensor(values["v"]))
    trace = record(get(scenario_id), values)
    assert trace.by_name("x").grad == pytest.approx(tuple(x.grad.tolist()), rel=1e-6, abs=1e-7)


@pytest.mark.parametrize(("scenario_id", "values"), POINTS)
def test_jacobian_meets_torch_finite_differences_and_the_closed_form(scenario_id: str, values: dict) -> None:
    x = torch.tensor(values["xs"])
    truth = torch.autograd.functional.jacobian(FORWARD[scenario_id], x).numpy()
    x64, h = torch.tensor(values["xs"], dtype=torch.float64), 1e-6
    fd = np.stack([((FORWARD[scenario_id](x64 + h * e) - FORWARD[scenario_id](x64 - h * e)) / (2 * h)).numpy()
                   for e in torch.eye(len(x64), dtype=torch.float64)], 1)  # fmt: skip
    j = jacobian(get(scenario_id), values)
    for ways in (j.autograd, j.by_rows, j.by_columns):
        assert np.allclose(np.array(ways), truth, atol=1e-6)
    assert np.allclose(np.array(j.finite_difference), fd, atol=1e-8)
    assert j.closed is not None and np.allclose(np.array(j.closed), fd, atol=1e-6)
    assert j.agree()
    assert j.passes == (len(x), len(x))


@pytest.mark.parametrize(("scenario_id", "values"), POINTS)
def test_v_transposed_j_from_j_is_backward_and_j_u_is_forward_ad(scenario_id: str, values: dict) -> None:
    values = dict(values) | {"u": tuple(RNG.uniform(-2, 2) for _ in values["xs"])}
    j = jacobian(get(scenario_id), values)
    trace = record(get(scenario_id), values)
    assert j.vjp == pytest.approx(trace.by_name("x").grad, rel=1e-5, abs=1e-6)
    with fwad.dual_level():  # forward mode by another torch API than the app's torch.func.jvp
        out = FORWARD[scenario_id](fwad.make_dual(torch.tensor(values["xs"]), torch.tensor(values["u"])))
        tangent = fwad.unpack_dual(out).tangent
    assert j.jvp == pytest.approx(tuple(tangent.tolist()), rel=1e-5, abs=1e-6)
    assert j.ju == pytest.approx(tuple(tangent.tolist()), rel=1e-4, abs=1e-5)


@pytest.mark.parametrize("scenario_id", VECTORS)
def test_without_v_torch_raises_its_own_error_and_the_graph_says_why(scenario_id: str) -> None:
    x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
    error = torch_raises(lambda: FORWARD[scenario_id](x).backward())
    view = view_of({"scenario": scenario_id, "xs": "1,2,3"})
    assert view.trace.notes == (f"backward() call 1 raised RuntimeError: {error}",)
    assert view.trace.by_name("x").grad is None
    assert "backward() needs gradient=v" in view.dot and "grad ?" not in view.dot
    assert "grad None" in view.dot
    gradient = [t for t in view.figure["data"] if (t.get("meta") or {}).get("role") == "gradient"]
    assert gradient == [], "no backward() ran: no gradient arrow"
    assert view.figure["layout"]["title"]["text"].startswith("sum(y)")


def test_a_seed_follows_x_and_a_wrong_length_is_a_notice() -> None:
    state, notices = parse_query({"scenario": "softmax", "xs": "1,2,3", "v": "1,0", "u": "1,2,3,4"})
    assert state.values["v"] == (1.0, 0.0, 1.0) and state.values["u"] == (1.0, 2.0, 3.0)
    said = {n.param: n.message for n in notices}
    assert "padded with 1" in said["v"] and "kept the first 3" in said["u"]
    state, notices = parse_query({"scenario": "softmax", "xs": "1,2,3", "v": "a,b"})
    assert state.values["v"] == () and [n.param for n in notices] == ["v", "v", "v"]
    state, _ = parse_query({"scenario": "softmax", "xs": "1,2,3", "v": "1,2,3"})
    assert to_query(state)["v"] == "1,2,3" and to_query(state.with_value("xs", (1.0, 2.0)))["v"] == "1,2"


def test_lessons_that_need_one_number_are_refused_with_a_notice() -> None:
    state, notices = parse_query({"scenario": "vector_square", "gd": "5", "order": "2", "detach": "y"})
    assert (state.lesson.gd, state.lesson.order, state.lesson.cut) == (0, 1, None)
    assert {n.param for n in notices} == {"gd", "order", "detach"}
    state, notices = parse_query({"scenario": "vector_square", "v": "1,1,1", "order": "2"})
    assert state.lesson.order == 2 and notices == []


def test_every_node_shows_its_shape_and_a_big_tensor_is_summarised() -> None:
    dot = view_of({"scenario": "softmax", "xs": "1,2,3", "v": "1,0,0"}).dot
    assert "y = softmax(x) · [3]" in dot and "x · [3]" in dot
    mean = view_of({"scenario": "vector_mean"}).dot
    assert "y = mean(x²) · []" in mean and "x² · [3]" in mean
    assert "· []" not in view_of({"scenario": "square"}).dot  # a graph of scalars only: no shapes
    big = view_of({"scenario": "softmax", "xs": "1,2,3,4,5,6,7", "v": "1"})
    s = torch.softmax(torch.arange(1.0, 8.0), 0)
    assert f"max {s.max():.4f} norm {s.norm():.4f}" in big.dot
    assert re.search(r"value \[[^\]]*,[^\]]*,[^\]]*,[^\]]*,[^\]]*,[^\]]*,", big.dot) is None


def test_softmax_step_sends_upstream_times_its_jacobian() -> None:
    view = view_of({"scenario": "softmax", "xs": "1,2,3", "v": "1,0,0", "step": "1"})
    s = torch.softmax(torch.tensor([1.0, 2.0, 3.0]), 0)
    j = torch.diag(s) - torch.outer(s, s)
    (step,) = view.full.steps[:1]
    assert step.upstream == (1.0, 0.0, 0.0)
    assert step.sent[0][2] == pytest.approx(tuple((torch.tensor([1.0, 0, 0]) @ j).tolist()), abs=1e-7)
    assert "ᵀ J, J = [[" in to_dot(view.trace) or view.trace.current is not None


@pytest.mark.parametrize("scenario_id", VECTORS)
def test_the_code_export_prints_j_and_both_products(scenario_id: str) -> None:
    state, _ = parse_query({"scenario": scenario_id, "xs": "0.5,-1,2", "v": "1,2,3", "u": "0,1,0"})
    script = to_py(script_cells(state.scenario, state.values))
    printed = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    ).stdout
    j = jacobian(state.scenario, state.values)
    for i, row in enumerate(j.autograd):
        assert f"J row {i} = {fmt_values(row)}" in printed
    vjp = fmt_values(j.vjp or ())
    assert f"v @ J = {vjp}  x.grad = {vjp}" in printed
    assert "J·u (forward mode) = [" in printed


def test_products_keep_their_sides_where_j_is_not_symmetric() -> None:
    """Both registered Jacobians are symmetric; cumsum's is triangular, so vᵀJ ≠ J·v there."""
    base = get("vector_square")
    cumsum = replace(
        base, id="cumsum_test", forward=lambda t, v: {"y": torch.cumsum(t["xs"], 0)}, jacobian=None
    )
    register(cumsum)
    try:
        values = {"xs": (1.0, 2.0, 3.0), "v": (1.0, 2.0, 3.0), "u": (1.0, 2.0, 3.0)}
        j = jacobian(cumsum, values)
        assert j.autograd == ((1.0, 0.0, 0.0), (1.0, 1.0, 0.0), (1.0, 1.0, 1.0))
        assert j.vjp == pytest.approx((6.0, 5.0, 3.0))  # vᵀJ: column sums weighted by v
        assert j.jvp == pytest.approx((1.0, 3.0, 6.0)) and j.ju == pytest.approx((1.0, 3.0, 6.0))  # J·u
        assert record(cumsum, values).by_name("x").grad == pytest.approx((6.0, 5.0, 3.0))
    finally:
        unregister("cumsum_test")
