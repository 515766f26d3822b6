"""The drawn graph is torchviz's graph: same backward functions, same edges."""

import re
import subprocess
from collections import Counter

import pytest
from torchviz import make_dot

from tests import samples
from viz.backward import record
from viz.graph import run_forward
from viz.graph_dot import quote, to_dot
from viz.graph_style import GraphStyle
from viz.scenario import REGISTRY, get
from viz.state import parse_query

NODE = re.compile(r'^\s*(\w+) \[label="((?:[^"\\]|\\.)*)"', re.M)
EDGE = re.compile(r"^\s*(\w+) -> (\w+)", re.M)


TV_NODE = re.compile(r'^\s*(\d+) \[label=("(?:[^"\\]|\\.)*"|\w+)(.*)\]$', re.M)
TV_EDGE = re.compile(r"^\s*(\d+) -> (\d+)", re.M)


LINKS = [{"scenario": sid} for sid in REGISTRY] + [
    {"scenario": "custom", "expr": "x*x"},
    {"scenario": "custom", "expr": "x*y + x*x + y**x"},
    {"scenario": "custom", "expr": "sin(x) * sin(x) / (x + x)"},
]
IDS = ["-".join(link.values()) for link in LINKS]


def _make_dot_structure(link: dict) -> tuple[Counter, Counter]:
    """torchviz's nodes and edges, with each leaf tensor folded into its
    AccumulateGrad and the output tensor's own box dropped, as we draw them."""
    state, _ = parse_query(link)
    scenario, values = state.scenario, state.values
    inputs, named, _ = run_forward(scenario, values)
    out = list(named.values())[-1]
    params = {scenario.input(k, values).label: v for k, v in inputs.items() if v.requires_grad}
    source = make_dot(out, params=params).source
    label, color = {}, {}
    for node_id, text, rest in TV_NODE.findall(source):
        label[node_id] = re.split(r"\\n|\n", text.strip('"'))[0].strip()
        color[node_id] = "lightblue" if "lightblue" in rest else "green" if "olive" in rest else ""
    edges = TV_EDGE.findall(source)
    key = dict(label)
    for src, dst in edges:
        if color[src] == "lightblue":
            key[dst] = f"AccumulateGrad:{label[src]}"
    kept = {n for n in label if not color[n]}
    nodes = Counter(key[n] for n in kept)
    pairs = Counter((key[s], key[d]) for s, d in edges if s in kept and d in kept)
    return nodes, pairs


def _our_structure(link: dict) -> tuple[Counter, Counter]:
    state, _ = parse_query(link)
    t = record(state.scenario, state.values)
    key = {n.id: (f"AccumulateGrad:{n.name}" if n.kind == "leaf" else n.op) for n in t.nodes}
    drawn = {n.id for n in t.nodes if n.kind != "constant"}
    nodes = Counter(key[i] for i in drawn)
    edges = Counter((key[e.src], key[e.dst]) for e in t.edges if e.src in drawn)
    return nodes, edges


@pytest.mark.parametrize("link", LINKS, ids=IDS)
def test_nodes_and_edges_match_torchviz_as_multisets(link: dict) -> None:
    """One edge per use: x * x is two edges from x, as torchviz draws it."""
    theirs = _make_dot_structure(link)
    ours = _our_structure(link)
    assert ours[0] == theirs[0]
    assert ours[1] == theirs[1]


def test_a_tensor_used_twice_has_two_edges_whose_gradients_sum_to_its_own() -> None:
    state, _ = parse_query({"scenario": "custom", "expr": "x*x", "x": "3"})
    t = record(state.scenario, state.values)
    x = t.by_name("x")
    uses = t.uses(x.id)
    assert len(uses) == 2 and {e.slot for e in uses} == {0, 1}
    flowing = t.edge_grads()
    assert [flowing[e] for e in uses] == [(3.0,), (3.0,)]
    assert x.grad == (sum(flowing[e][0] for e in uses),) == (6.0,)
    dot = to_dot(t)
    assert len(re.findall(rf"^\s*{x.id} -> ", dot, re.M)) == 2


@pytest.mark.parametrize("scenario_id", list(REGISTRY))
def test_every_backward_function_is_named_after_a_notebook_tensor(scenario_id: str) -> None:
    scenario = get(scenario_id)
    t = record(scenario, scenario.defaults())
    _, named, _ = run_forward(scenario, scenario.defaults())
    fn_nodes = [n for n in t.nodes if n.kind in ("op", "output")]
    assert len(fn_nodes) == sum(1 for v in named.values() if v.grad_fn is not None)
    assert all(n.name and n.name in named for n in fn_nodes)
    for n in fn_nodes:
        assert n.value == tuple(named[n.name].detach().reshape(-1).tolist())


def test_bce_names_read_like_the_notebook() -> None:
    t = record(get("logistic_bce"), get("logistic_bce").defaults())
    names = {n.name: n.kind for n in t.nodes}
    for name in ("w", "b", "w·x", "z", "y_pred", "1 − y_pred", "log(1 − y_pred)", "loss"):
        assert name in names
    assert names["x"] == names["y"] == "constant"
    assert names["w"] == names["b"] == "leaf"
    assert names["loss"] == "output"
    x = t.by_name("x")
    assert [t.by_id(e.dst).name for e in t.uses(x.id)] == ["w·x"]


@pytest.mark.parametrize("scenario_id", list(REGISTRY))
def test_dot_labels_carry_values_and_gradients(scenario_id: str) -> None:
    scenario = get(scenario_id)
    t = record(scenario, samples.runnable(scenario))
    dot = to_dot(t)
    labels = dict(NODE.findall(dot))
    for n in t.nodes:
        label = labels[n.id]
        assert label.split("\\n")[0].startswith(n.name)
        assert samples.shown(n.value).replace("\n", "\\n") in label
        if n.kind != "constant":
            assert samples.shown(n.grad).replace("\n", "\\n") in label
        assert not label.startswith("\\n"), "an empty first line breaks st.graphviz_chart"
    assert "monospace" not in dot


@pytest.mark.parametrize("scenario_id", list(REGISTRY))
@pytest.mark.parametrize("theme", ["light", "dark", "slide"])
def test_dot_text_is_valid_graphviz(scenario_id: str, theme: str) -> None:
    scenario = get(scenario_id)
    dot = to_dot(record(scenario, scenario.defaults()), GraphStyle(theme, legend=True))
    result = subprocess.run(["dot", "-Tsvg"], input=dot.encode(), capture_output=True, check=False)
    assert result.returncode == 0, result.stderr.decode()
    assert b"<svg" in result.stdout


def test_quote_escapes_what_dot_would_interpret() -> None:
    assert quote('a"b') == '"a\\"b"'
    assert quote("a\\N") == '"a\\\\N"'
    assert quote("two\nlines") == '"two\\nlines"'


def test_unnamed_intermediates_still_get_a_labelled_box() -> None:
    from viz.scenario import Input, Scenario

    scenario = Scenario("test_unnamed", "u", "u", (Input("x", 2.0),), lambda t, v: {"out": (t["x"] * 3) ** 2})
    t = record(scenario, scenario.defaults())
    hidden = [n for n in t.nodes if "unnamed" in n.name]
    assert len(hidden) == 1 and hidden[0].op == "MulBackward0"
    assert hidden[0].value == (6.0,) and hidden[0].grad == (12.0,)
