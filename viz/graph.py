"""Run a scenario on fresh tensors and walk its live autograd graph.

Finding the graph is kept apart from drawing it (``viz.graph_dot``): this walks
``grad_fn`` / ``next_functions`` from the output as torchviz does, one edge per
entry, and adds the constants that fed the computation.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

import torch
from torch.overrides import TorchFunctionMode

from viz.scenario import Scenario, Tensor, Values
from viz.trace import Edge, Floats, Node, NodeKind

CONSTANT_SLOT = 100  # constants' edges get slots past any next_functions index


@dataclass(frozen=True)
class Call:
    """One torch call of the forward pass, as written (operands in order)."""

    func: Any
    args: tuple[Any, ...]
    out: Any

    @property
    def tensors(self) -> list[Tensor]:
        return [a for a in self.args if isinstance(a, Tensor)]


class _OpRecorder(TorchFunctionMode):
    """Records every torch call of the forward pass (thread-local, like autograd)."""

    def __init__(self) -> None:
        super().__init__()
        self.calls: list[Call] = []

    def __torch_function__(self, func, types, args=(), kwargs=None):
        out = func(*args, **(kwargs or {}))
        self.calls.append(Call(func, tuple(args), out))
        return out


def make_tensors(scenario: Scenario, values: Values, dtype: torch.dtype | None = None) -> dict[str, Tensor]:
    """Fresh tensors for one run: leaves require grad, constants don't; text makes none."""
    dtype = dtype or scenario.dtype
    tensors = {}
    for inp in scenario.inputs_for(values):
        tensor = inp.kind.tensor(values[inp.name], dtype, inp.leaf)
        if tensor is not None:
            tensors[inp.name] = tensor
    return tensors


def flat(t: Any) -> Floats | None:
    if t is None:
        return None
    if isinstance(t, Tensor):
        return tuple(float(v) for v in t.detach().reshape(-1).tolist())
    if isinstance(t, bool | int | float):
        return (float(t),)
    if isinstance(t, tuple | list) and all(isinstance(v, int | float) for v in t):
        return tuple(float(v) for v in t)
    return None


def run_forward(
    scenario: Scenario, values: Values
) -> tuple[dict[str, Tensor], dict[str, Tensor], list[Call]]:
    """Forward pass with every intermediate kept; returns inputs, named tensors, op log."""
    inputs = make_tensors(scenario, values)
    with _OpRecorder() as recorder:
        named = scenario.forward(inputs, values)
    return inputs, named, recorder.calls


def _saved(fn: Any) -> tuple[tuple[str, Floats], ...]:
    """What the backward function saved, read before backward() can free it."""
    out = []
    for attr in dir(fn):
        if attr.startswith("_saved_"):
            value = flat(getattr(fn, attr))
            if value is not None:
                out.append((attr.removeprefix("_saved_"), value))
    return tuple(out)


@dataclass
class Graph:
    """The live graph of one forward pass: node ids for functions and constants."""

    scenario: Scenario
    values: Values
    output: str
    nodes: list[Node]
    fns: dict[str, Any]  # node id -> backward function (None for constants)
    tensors: dict[str, Tensor]  # node id -> the tensor it shows
    edges: list[Edge]


def discover(
    scenario: Scenario, values: Values, inputs: dict[str, Tensor], named: dict[str, Tensor], calls: list[Call]
) -> Graph:
    """Walk ``grad_fn``/``next_functions`` from the output, as torchviz does, and add constants."""
    labels = {inp.name: inp.label for inp in scenario.inputs_for(values)}
    tensors: dict[str, Tensor] = {labels[k]: v for k, v in inputs.items()}
    tensors |= dict(named)
    outs = [c.out for c in calls if isinstance(c.out, Tensor)]
    unnamed = [o for o in outs if all(o is not t for t in tensors.values())]
    for k, t in enumerate(unnamed, start=1):
        tensors[f"t{k} (unnamed)"] = t  # a scenario should name it; never crash if not
    fn_name = {t.grad_fn: n for n, t in tensors.items() if t.grad_fn is not None}
    leaf_name = {id(t): n for n, t in tensors.items() if t.requires_grad and t.grad_fn is None}
    const_name = {id(t): n for n, t in tensors.items() if not t.requires_grad}
    output = list(named)[-1]
    g = Graph(scenario, values, output, [], {}, {}, [])
    ids: dict[Any, str] = {}

    def add(key: Any, kind: NodeKind, op: str, name: str, t: Tensor, fn: Any) -> str:
        node_id = ids[key] = f"n{len(ids)}"
        expr = scenario.exprs.get(name, "")
        g.nodes.append(Node(node_id, kind, op, name, expr, tuple(t.shape), flat(t) or (), None))
        g.fns[node_id], g.tensors[node_id] = fn, t
        return node_id

    root = tensors[output].grad_fn
    queue: list[Any] = [root]
    while queue:
        fn = queue.pop(0)
        if fn in ids:
            continue
        if hasattr(fn, "variable"):
            add(fn, "leaf", type(fn).__name__, leaf_name[id(fn.variable)], fn.variable, fn)
            continue
        if fn not in fn_name:  # made inside a torch call (e.g. 1 / t is reciprocal, then mul)
            hidden = getattr(fn, "_saved_result", None)
            name = f"{type(fn).__name__} result"
            tensors[name] = hidden if isinstance(hidden, Tensor) else torch.tensor(float("nan"))
            fn_name[fn] = name
        name = fn_name[fn]
        add(fn, "output" if fn is root else "op", type(fn).__name__, name, tensors[name], fn)
        queue += [nxt for nxt, _ in fn.next_functions if nxt is not None]
    for i, node in enumerate(g.nodes):
        fn = g.fns[node.id]
        links = tuple(ids.get(nxt) for nxt, _ in getattr(fn, "next_functions", ()))
        g.edges += [Edge(src, node.id, slot) for slot, src in enumerate(links) if src is not None]
        g.nodes[i] = replace(node, inputs=links, saved=_saved(fn))
    _add_constants(g, calls, ids, const_name, add)
    return g


def _add_constants(
    g: Graph, calls: list[Call], ids: dict[Any, str], const_name: dict[int, str], add: Any
) -> None:
    """Constants that fed a function (or another constant) of the graph, one edge per use."""
    for call in calls:
        out = call.out
        if not isinstance(out, Tensor):
            continue
        for position, arg in enumerate(call.tensors):
            if id(arg) not in const_name:
                continue
            if out.grad_fn is not None and out.grad_fn in ids:
                target = ids[out.grad_fn]
            elif id(out) in const_name:
                key = ("const", id(out))
                target = ids.get(key) or add(key, "constant", "constant", const_name[id(out)], out, None)
            else:
                continue
            key = ("const", id(arg))
            source = ids.get(key) or add(key, "constant", "constant", const_name[id(arg)], arg, None)
            edge = Edge(source, target, CONSTANT_SLOT + position)
            if edge not in g.edges:
                g.edges.append(edge)
