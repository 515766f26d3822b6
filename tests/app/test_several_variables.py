"""A custom f of two and three variables, through the page: numbers against torch's own
autograd, partial derivatives against sympy, the arrow's components against the partials."""

import math
import subprocess
import sys

import pytest
import sympy
import torch

from tests.app.conftest import notice_params
from tests.app.test_pages import plotly_spec
from viz.numbers import fmt

TWO = {"scenario": "custom", "expr": "x*y+sin(x)", "x": "1.2", "y": "-0.7"}
THREE = {"scenario": "custom", "expr": "x*y*z + exp(-z)", "x": "0.5", "y": "-1.5", "z": "2"}


def torch_oracle(expr: str, point: dict[str, float]) -> tuple[float, dict[str, float]]:
    """f and its gradient from torch itself, written out by hand for these two formulas."""
    t = {k: torch.tensor(v, dtype=torch.float64, requires_grad=True) for k, v in point.items()}
    f = t["x"] * t["y"] + torch.sin(t["x"]) if "z" not in t else t["x"] * t["y"] * t["z"] + torch.exp(-t["z"])
    f.backward()
    return f.item(), {k: v.grad.item() for k, v in t.items()}


def sympy_oracle(expr: str, point: dict[str, float]) -> dict[str, float]:
    symbols = {k: sympy.Symbol(k, real=True) for k in point}
    f = sympy.sympify(expr, locals=symbols)
    return {
        k: float(sympy.diff(f, s).subs({symbols[n]: v for n, v in point.items()})) for k, s in symbols.items()
    }


def metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def arrow(at) -> list[float]:
    figure = plotly_spec(at)
    return next(t for t in figure["data"] if (t.get("meta") or {}).get("role") == "gradient")["meta"][
        "gradient"
    ]


@pytest.mark.parametrize("link", [TWO, THREE], ids=["two", "three"])
def test_numbers_partials_and_arrow(open_app, link: dict) -> None:
    point = {k: float(v) for k, v in link.items() if len(k) == 1}
    f, grads = torch_oracle(link["expr"], point)
    partials = sympy_oracle(link["expr"], point)
    at = open_app(**link)
    assert not at.warning
    shown = metrics(at)
    assert shown["f (output)"] == fmt(f)
    for name in point:
        assert shown[f"{name}.grad = ∂f/∂{name}"] == fmt(grads[name]) == fmt(partials[name])
    assert arrow(at) == pytest.approx([grads["x"], grads["y"]], rel=1e-12)  # axes x, y by default
    latex = " ".join(lat.value for lat in at.latex)
    assert all(rf"\frac{{\partial f}}{{\partial {name}}}" in latex for name in point)
    dot = at.get("graphviz_chart")[0].proto.spec
    assert all(f"{name} · AccumulateGrad (leaf)" in dot for name in point)
    sliders = {s.key for s in at.sidebar.slider}
    assert sliders == {f"custom:{name}:slider" for name in point}


def test_three_ways_compares_every_partial_with_sympy(open_app) -> None:
    point = {"x": 0.5, "y": -1.5, "z": 2.0}
    at = open_app(**THREE, tab="three_ways")
    table = at.table[0].value
    assert list(table.index) == ["x", "y", "z"]
    partials = sympy_oracle(THREE["expr"], point)
    assert list(table["sympy (symbolic, float64)"]) == [fmt(partials[k]) for k in point]
    assert list(table["agree"]) == ["yes"] * 3


def test_the_plot_shows_two_chosen_variables_and_says_where_the_third_is_held(open_app) -> None:
    at = open_app(**THREE)
    title = plotly_spec(at)["layout"]["title"]["text"]
    assert "(x, y)" in title and "at z = 2.0000" in title
    at.selectbox(key="custom:axis1").set_value("z").run()
    assert at.query_params["axes"] == "x,z"
    _, grads = torch_oracle(THREE["expr"], {"x": 0.5, "y": -1.5, "z": 2.0})
    assert arrow(at) == pytest.approx([grads["x"], grads["z"]], rel=1e-12)
    title = plotly_spec(at)["layout"]["title"]["text"]
    assert "(x, z)" in title and "at y = -1.5000" in title


def test_a_variable_slider_moves_the_link_and_the_numbers(open_app) -> None:
    at = open_app(**TWO)
    at.slider(key="custom:y:slider").set_value(2.0).run()
    assert at.query_params["y"] == "2"
    assert metrics(at)["f (output)"] == fmt(1.2 * 2 + math.sin(1.2))


def test_editing_the_expression_adds_and_drops_variables(open_app) -> None:
    at = open_app(**TWO)
    at.text_input(key="custom:expr").set_value("x*y*z").run()
    assert at.query_params["z"] == "1" and at.query_params["x"] == "1.2"  # a new variable starts at 1
    at.text_input(key="custom:expr").set_value("sin(y)").run()
    assert (
        "x" not in at.query_params and at.query_params["y"] == "-0.7" and at.query_params["plot"] == "curve"
    )


def test_an_unused_variable_in_the_link_is_said_and_dropped(open_app) -> None:
    at = open_app(**TWO, z="3")
    assert "z" in notice_params(at)
    assert "z" not in at.query_params


def test_descent_moves_every_variable(open_app) -> None:
    at = open_app(**THREE, gd="1", lr="0.1")
    table = at.table[0].value
    _, grads = torch_oracle(THREE["expr"], {"x": 0.5, "y": -1.5, "z": 2.0})
    for name, start in (("x", 0.5), ("y", -1.5), ("z", 2.0)):
        assert table[name].iloc[1] == fmt(start - 0.1 * grads[name])


def test_code_export_runs_and_prints_the_pages_numbers(open_app, tmp_path) -> None:
    at = open_app(**THREE, tab="code")
    script = tmp_path / "view.py"
    script.write_text(at.code[0].value)
    out = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, check=True, timeout=120
    )
    printed = dict(line.split(" = ", 1) for line in out.stdout.splitlines())
    shown = metrics(at)
    assert printed["f"] == shown["f (output)"]
    assert all(printed[f"{n}.grad"] == shown[f"{n}.grad = ∂f/∂{n}"] for n in "xyz")


def test_the_stepper_reaches_every_leaf(open_app) -> None:
    at = open_app(**TWO, step="0")
    n = int(at.slider(key="backward_step").max)
    at = open_app(**TWO, step=str(n))
    assert all(v != "—" for k, v in metrics(at).items() if ".grad" in k)
