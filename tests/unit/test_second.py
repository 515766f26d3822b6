"""Second derivatives (&order=2) against oracles: torch.autograd.functional.hessian in float64,
sympy, and the closed forms; the graph of the gradient against the maths it draws."""

import math
import random
import subprocess
import sys

import numpy as np
import pytest
import sympy
import torch

from tests import samples
from tests.samples import random_values, torch_raises, view_of
from viz.codegen import script_cells, to_py
from viz.grad_graph import gradient_graph
from viz.graph import make_tensors
from viz.numbers import fmt_values
from viz.scenario import REGISTRY, Scenario, get
from viz.second import hessian
from viz.state import parse_query
from viz.three_ways import evaluate64

CUSTOM = ["x*y + sin(x)", "x**3 - 2*x", "sigmoid(w*x + b)", "x*y*z + exp(-z)", "tanh(x)*cos(y)"]


def oracle(scenario: Scenario, values: dict) -> np.ndarray:
    """The Hessian in plain float64 torch: torch.autograd.grad with create_graph=True, then
    torch.autograd.grad of each entry of that gradient."""
    tensors = make_tensors(scenario, values, torch.float64)
    leaves = [tensors[n] for n in dict.fromkeys(c.input for c in scenario.coordinates(values))]
    out = list(scenario.forward(tensors, values).values())[-1]
    seed = samples.seed_tensor(scenario, values, torch.float64)  # a vector output: v
    grads = torch.autograd.grad(out, leaves, grad_outputs=seed, create_graph=True)
    gradient = torch.cat([g.reshape(-1) for g in grads])
    rows = []
    for entry in gradient:
        if entry.grad_fn is None:  # the gradient does not depend on the inputs
            rows.append(np.zeros(len(gradient)))
            continue
        row = torch.autograd.grad(entry, leaves, retain_graph=True, allow_unused=True)
        rows.append(np.concatenate([np.zeros(t.numel()) if r is None else r.reshape(-1).numpy()
                                    for r, t in zip(row, leaves, strict=True)]))  # fmt: skip
    return np.array(rows)


def functional(scenario: Scenario, values: dict) -> np.ndarray:
    """The same by torch.autograd.functional.hessian: a second, independent oracle."""
    tensors = make_tensors(scenario, values, torch.float64)
    names = list(dict.fromkeys(c.input for c in scenario.coordinates(values)))
    shapes, sizes = [tensors[n].shape for n in names], [tensors[n].numel() for n in names]

    def f(flat: torch.Tensor) -> torch.Tensor:
        given = dict(tensors) | {
            n: p.reshape(s) for n, p, s in zip(names, torch.split(flat, sizes), shapes, strict=True)
        }
        out = list(scenario.forward(given, values).values())[-1]
        seed = samples.seed_tensor(scenario, values, torch.float64)
        return out if seed is None else (seed * out).sum()  # a vector output: the Hessian of v·y

    start = torch.cat([tensors[n].detach().reshape(-1) for n in names])
    return torch.autograd.functional.hessian(f, start).numpy()


def cases() -> list[tuple[str, dict]]:
    rng = random.Random(7)
    out = []
    for scenario_id in REGISTRY:
        if scenario_id == "custom":
            for text in CUSTOM:
                state, _ = parse_query({"scenario": "custom", "expr": text})
                out.append(("custom", {**state.values, **{k: rng.uniform(-1.5, 1.5) for k in "xyzwb"
                                                          if k in state.values}}))  # fmt: skip
            continue
        for _ in range(3):
            out.append((scenario_id, random_values(get(scenario_id), rng, span=2.0)))
    return out


def close(a: np.ndarray, b: np.ndarray, tol: float) -> bool:
    return bool(np.all(np.abs(a - b) <= tol * np.maximum(1.0, np.abs(b))))


@pytest.mark.parametrize(("scenario_id", "values"), cases())
def test_the_hessian_three_ways_meets_torchs_functional_hessian(scenario_id: str, values: dict) -> None:
    scenario = get(scenario_id)
    h, truth = hessian(scenario, values), oracle(scenario, values)
    assert close(functional(scenario, values), truth, 1e-9)
    tol = 1e-3 if scenario.dtype == torch.float32 else 1e-7
    assert close(np.array(h.autograd), truth, tol), (h.autograd, truth)
    assert close(np.array(h.finite_difference), truth, 1e-4), (h.finite_difference, truth)
    if h.closed is None:  # only a trained network has no closed form: torch's and the FD are the oracles
        assert scenario.training is not None and h.all_agree
        return
    assert close(np.array(h.closed.matrix), truth, 1e-9), (h.closed.matrix, truth)
    assert h.all_agree


def test_sin_square_at_1_3_is_the_issues_formula_by_sympy() -> None:
    x = sympy.Symbol("x")
    z = sympy.sin(x**2)
    truth = float(sympy.diff(z, x, 2).subs(x, 1.3))
    assert sympy.simplify(sympy.diff(z, x, 2) - (2 * sympy.cos(x**2) - 4 * x**2 * sympy.sin(x**2))) == 0
    view = view_of({"scenario": "sin_square", "x": "1.3", "order": "2"})
    assert view.hessian is not None
    assert view.hessian.autograd[0][0] == pytest.approx(truth, rel=1e-6)
    assert view.hessian.closed is not None
    assert view.hessian.closed.matrix[0][0] == pytest.approx(truth, rel=1e-12)


@pytest.mark.parametrize(("scenario_id", "values"), cases())
def test_backward_through_the_gradients_graph_gives_each_hessian_row(scenario_id: str, values: dict) -> None:
    """The graph is walked and run: its output is the gradient's entry (the first derivative),
    each leaf's gradient after backward() is that entry's row of the Hessian, and a tensor used
    several times gets the sum of what each use sent back."""
    scenario = get(scenario_id)
    truth = oracle(scenario, values)
    coordinates = scenario.coordinates(values)
    grads = torch.autograd.grad(
        list(scenario.forward(t := make_tensors(scenario, values, torch.float64), values).values())[-1],
        [t[c] for c in dict.fromkeys(c.input for c in coordinates)],
        grad_outputs=samples.seed_tensor(scenario, values, torch.float64),
    )
    first = torch.cat([g.reshape(-1) for g in grads]).numpy()
    tol = 1e-3 if scenario.dtype == torch.float32 else 1e-7
    for i, at in enumerate(coordinates):
        graph = gradient_graph(scenario, values, at)
        assert not isinstance(graph, str)
        assert graph.output_node.value[0] == pytest.approx(first[i], rel=tol, abs=tol)
        for leaf in graph.leaves():
            columns = [
                j for j, c in enumerate(coordinates) if scenario.input(c.input, values).label == leaf.name
            ]
            assert leaf.grad is not None
            assert close(np.array(leaf.grad), truth[i, columns], tol), (leaf.name, leaf.grad, truth[i])
        flowing = graph.edge_grads()
        for node in graph.nodes:
            uses = [e for e in graph.uses(node.id) if graph.by_id(e.dst).kind != "constant"]
            if node.kind == "constant" or not uses:
                continue
            summed = np.sum([np.array(flowing[e]) for e in uses], axis=0)
            assert close(summed, np.array(graph.this_call(node.id)), 1e-5)


def test_sin_squares_gradient_graph_uses_x_twice_one_term_each() -> None:
    """d/dx of 2x·cos(x²): x reaches it through x^1 (the 2x) and through y = x² (the cos),
    so its gradient is 2cos(x²) + (−4x²·sin(x²)), one edge each."""
    x = 1.3
    graph = gradient_graph(get("sin_square"), {"x": x}, get("sin_square").coordinates({"x": x})[0])
    assert not isinstance(graph, str)
    leaf = graph.by_name("x")
    uses = graph.uses(leaf.id)
    flowing = graph.edge_grads()
    terms = sorted(flowing[e][0] for e in uses)
    assert terms == pytest.approx(sorted([2 * math.cos(x * x), -4 * x * x * math.sin(x * x)]), rel=1e-5)
    assert {graph.by_id(e.dst).op for e in uses} == {"PowBackward0"}
    assert graph.output == "dz/dx"
    assert graph.by_name("cos(y)").op == "CosBackward0"


def test_a_gradient_that_depends_on_nothing_quotes_torchs_error() -> None:
    state, _ = parse_query({"scenario": "custom", "expr": "x + y"})
    x = torch.tensor(1.0, dtype=torch.float64, requires_grad=True)
    y = torch.tensor(1.0, dtype=torch.float64, requires_grad=True)
    (gx, _) = torch.autograd.grad(x + y, [x, y], create_graph=True)
    raised = torch_raises(lambda: torch.autograd.grad(gx, [x, y]))
    at = state.scenario.coordinates(state.values)[0]
    assert gradient_graph(state.scenario, state.values, at) == raised
    h = hessian(state.scenario, state.values)
    assert h.constant_rows == (("x", raised), ("y", raised))
    assert h.autograd == ((0.0, 0.0), (0.0, 0.0))


def test_the_parabola_has_the_curves_value_slope_and_curvature() -> None:
    """Held against the float64 function itself: f(x0), f′(x0) and f″(x0) by finite differences."""
    scenario, x0 = get("sin_square"), 1.3
    view = view_of({"scenario": "sin_square", "x": "1.3", "order": "2"})
    (layer,) = [d for d in view.figure["data"] if d.get("meta", {}).get("role") == "parabola"]
    xs, ys = np.asarray(layer["x"], dtype=float), np.asarray(layer["y"], dtype=float)
    mid = len(xs) // 2
    assert xs[mid] == pytest.approx(x0)
    h, e = xs[1] - xs[0], 1e-4  # a parabola's differences are exact at any step; f's need a small one
    f = [evaluate64(scenario, {"x": x0 + k * e}) for k in (-1, 0, 1)]
    assert ys[mid] == pytest.approx(f[1], abs=1e-6)
    assert (ys[mid + 1] - ys[mid - 1]) / (2 * h) == pytest.approx((f[2] - f[0]) / (2 * e), rel=1e-4)
    second = (ys[mid + 1] - 2 * ys[mid] + ys[mid - 1]) / h**2
    assert second == pytest.approx((f[2] - 2 * f[1] + f[0]) / e**2, rel=1e-4)
    assert not any(
        d.get("meta", {}).get("role") == "parabola"
        for d in view_of({"scenario": "sin_square"}).figure["data"]
    )


@pytest.mark.parametrize(
    ("query", "param", "words"),
    [
        ({"scenario": "square", "order": "3"}, "order", "outside [1, 2]"),
        ({"scenario": "square", "order": "two"}, "order", "not a whole number"),
        ({"scenario": "square", "row": "x"}, "row", "only with order=2"),
        ({"scenario": "logistic_bce", "order": "2", "row": "q"}, "row", "not one of w, b"),
        ({"scenario": "sin_square", "order": "2", "detach": "y"}, "order", "not run with"),
        ({"scenario": "sin_square", "order": "2", "inplace": "y"}, "order", "not run with"),
    ],
)
def test_bad_second_order_links_get_a_notice_naming_the_parameter(
    query: dict, param: str, words: str
) -> None:
    state, notices = parse_query(query)
    assert [n.param for n in notices] == [param]
    assert words in notices[0].message
    assert view_of(query).hessian is None or state.lesson.order == 2


@pytest.mark.parametrize(
    "query",
    [
        {"scenario": "sin_square", "x": "1.3"},
        {"scenario": "logistic_bce", "w": "-0.4", "b": "0.3"},
        {"scenario": "vector_mean", "xs": "1,-2,0.5"},
        {"scenario": "custom", "expr": "x*y + sin(x)", "x": "0.7", "y": "-1.1"},
        {"scenario": "custom", "expr": "x + y"},
    ],
)
def test_the_code_export_prints_the_pages_hessian(query: dict) -> None:
    view = view_of({**query, "order": "2"})
    state, h = view.state, view.hessian
    assert h is not None
    cells = script_cells(state.scenario, state.values, order=2)
    run = subprocess.run([sys.executable, "-c", to_py(cells)], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    for label, row in zip(h.labels, h.autograd, strict=True):
        assert f"Hessian row {label} = {fmt_values(row)}" in run.stdout
    for _, error in h.constant_rows:
        assert f"RuntimeError: {error}" in run.stdout


def test_a_frozen_leaf_has_no_row_or_column_and_the_rest_still_agree() -> None:
    view = view_of({"scenario": "logistic_bce", "frozen": "w", "order": "2", "w": "0.4", "b": "-0.3"})
    h = view.hessian
    assert h is not None and h.labels == ("b",)
    p = 1 / (1 + math.exp(-(0.4 * 6.7 - 0.3)))
    assert h.closed is not None and h.closed.matrix == ((pytest.approx(p * (1 - p), rel=1e-12),),)
    assert h.autograd[0][0] == pytest.approx(p * (1 - p), rel=1e-4)
    assert h.all_agree
