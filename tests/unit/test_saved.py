"""&saved=1: what each backward function saved, read from torch's own _saved_* attributes."""

import torch

from viz.backward import record
from viz.graph import discover, run_forward
from viz.graph_dot import to_dot
from viz.graph_labels import saved_lines
from viz.graph_style import GraphStyle
from viz.scenario import REGISTRY, get
from viz.state import parse_query, to_query


def test_sin_square_saved_what_torch_saved() -> None:
    x = torch.tensor(3.0, requires_grad=True)
    y = x**2
    z = torch.sin(y)
    trace = record(get("sin_square"), {"x": 3.0})
    by_op = {n.op: saved_lines(n) for n in trace.nodes}
    assert y.grad_fn._saved_exponent == 2 and z.grad_fn._saved_self.item() == 9.0
    assert by_op["SinBackward0"] == ["saved self [] = 9.0000 · v0"]
    assert sorted(by_op["PowBackward0"]) == ["saved exponent = 2.0000", "saved self [] = 3.0000 · v0"]


def test_every_saved_tensor_is_listed_as_torch_names_and_shapes_it() -> None:
    """Against the live backward functions: every saved tensor, under torch's attribute name,
    with its shape and version."""
    for scenario in REGISTRY.values():
        values = scenario.defaults()
        graph = discover(scenario, values, *run_forward(scenario, values))
        for node in graph.nodes:
            fn = graph.fns[node.id]
            tensors = {
                a.removeprefix("_saved_"): getattr(fn, a)
                for a in dir(fn)
                if a.startswith("_saved_") and isinstance(getattr(fn, a), torch.Tensor)
            }
            listed = {line.split()[1]: line for line in saved_lines(node) if "[" in line.split(" = ")[0]}
            assert set(listed) == set(tensors), (scenario.id, node.op)
            for name, t in tensors.items():
                assert f"{list(t.shape)} = " in listed[name] and listed[name].endswith(f"v{t._version}")


def test_the_overlay_is_drawn_only_when_asked_and_is_in_the_link() -> None:
    trace = record(get("sin_square"), {"x": 3.0})
    assert "saved self" not in to_dot(trace) and "saved self [] = 9.0000" in to_dot(
        trace, GraphStyle(saved=True)
    )
    state, notices = parse_query({"scenario": "sin_square", "saved": "1"})
    assert notices == [] and state.display.saved and to_query(state)["saved"] == "1"
    assert GraphStyle(saved=True).file_kind == "graph_nolegend_saved"
