"""Acceptance: a scenario registered by this file alone, f(x, y) = x·y + sin(x), gets the
numbers, the graph, the contour with its arrow, the stepper, Three ways, a code export
that runs and prints the page's numbers, a link that round-trips and the export CLI.
No other file knows it exists."""

import math
import subprocess
import sys
from pathlib import Path

import pytest
import torch

from tests.app.test_pages import plotly_spec
from viz.export.__main__ import main as export_main
from viz.numbers import fmt
from viz.scenario import Hand, Input, Scenario, register, unregister
from viz.state import parse_query, to_query

X, Y = 1.2, -0.7
F = X * Y + math.sin(X)
DF = {"x": Y + math.cos(X), "y": X}


def _forward(t, v):
    xy = t["x"] * t["y"]
    sin_x = torch.sin(t["x"])
    return {"x·y": xy, "sin(x)": sin_x, "f": xy + sin_x}


def _hand(v):
    x, y = v["x"], v["y"]
    dfdx = r"\frac{\partial f}{\partial x} = y + \cos x"
    return [
        Hand("x", None, dfdx, (("y", y), (r"\cos x", math.cos(x))), y + math.cos(x)),
        Hand("y", None, r"\frac{\partial f}{\partial y} = x", (("x", x),), x),
    ]


XY = Scenario(
    id="test_xy",
    title="f = x·y + sin(x)",
    formula=r"f = x y + \sin x",
    inputs=(Input("x", X), Input("y", Y)),
    forward=_forward,
    exprs={"f": "x·y + sin(x)"},
    hand=_hand,
)
LINK = {"scenario": "test_xy", "x": str(X), "y": str(Y)}


@pytest.fixture(autouse=True, scope="module")
def registered():
    register(XY)
    yield
    unregister(XY.id)


def metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def test_numbers_graph_and_contour_arrow(open_app) -> None:
    at = open_app(**LINK)
    assert not at.warning
    assert metrics(at) == {
        "f (output)": fmt(F),
        "x.grad = ∂f/∂x": fmt(DF["x"]),
        "y.grad = ∂f/∂y": fmt(DF["y"]),
    }
    dot = at.get("graphviz_chart")[0].proto.spec
    for name in ("x", "y", "x·y", "sin(x)", "f = x·y + sin(x)"):
        assert f'"{name}\\n' in dot or f'label="{name}' in dot
    assert f"= {fmt(DF['x'])}" in dot and f"grad {fmt(DF['y'])}" in dot  # x is used twice: a sum
    figure = plotly_spec(at)
    assert figure["data"][0]["type"] == "contour"
    arrow = next(t for t in figure["data"] if (t.get("meta") or {}).get("role") == "gradient")
    assert arrow["meta"]["gradient"] == pytest.approx([DF["x"], DF["y"]], rel=1e-6)
    assert at.query_params["plot"] == "contour" and at.query_params["axes"] == "x,y"


def test_stepper_walks_the_backward_pass(open_app) -> None:
    at = open_app(**LINK, step="1")
    text = " ".join(m.value for m in at.markdown)
    assert "Step 1 of 5" in text and "AddBackward0" in text  # the output's function runs first
    assert metrics(at)["x.grad = ∂f/∂x"] == "—"  # not computed yet


def test_three_ways_compares_hand_autograd_and_finite_difference(open_app) -> None:
    at = open_app(**LINK, tab="three_ways")
    table = at.table[0].value
    assert list(table.index) == ["x", "y"]
    assert list(table["agree"]) == ["yes", "yes"]
    assert any("All three agree" in s.value for s in at.success)


def test_code_export_runs_and_prints_the_pages_numbers(open_app, tmp_path: Path) -> None:
    at = open_app(**LINK, tab="code")
    script = tmp_path / "view.py"
    script.write_text(at.code[0].value)
    out = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, check=True, timeout=120
    )
    printed = dict(line.split(" = ", 1) for line in out.stdout.splitlines())
    assert printed == {"f": fmt(F), "x.grad": fmt(DF["x"]), "y.grad": fmt(DF["y"])}


def test_link_round_trips() -> None:
    state, notices = parse_query(LINK)
    assert notices == []
    again, notices = parse_query(to_query(state))
    assert notices == [] and again == state and to_query(again) == to_query(state)


def test_export_cli(tmp_path: Path) -> None:
    code = export_main(["--scenario", "test_xy", "--set", "x=1.2", "--set", "y=-0.7", "--format", "svg",
                        "--out", str(tmp_path)])  # fmt: skip
    assert code == 0
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == [f"test_xy_x1.2_y-0.7_{kind}_light.svg" for kind in ("contour", "graph", "surface3d")]
    graph = (tmp_path / names[1]).read_text()
    assert fmt(DF["x"]).replace("-", "&#45;") in graph and fmt(DF["y"]) in graph
