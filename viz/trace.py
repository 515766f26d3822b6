"""Run a scenario on fresh tensors and walk its autograd graph into plain data.

Finding the graph is kept apart from drawing it: the trace holds names, values,
gradients, edges and the recorded backward steps as floats and strings, so it
can be cached and shared between sessions without sharing a single tensor.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any, Literal

import torch
from torch.overrides import TorchFunctionMode

from viz.scenario import Scenario, Tensor, Values

NodeKind = Literal["leaf", "op", "output", "constant"]
DTYPE = torch.float32  # the notebook's dtype
Floats = tuple[float, ...]


@dataclass(frozen=True)
class Node:
    """One box in the graph: a backward function (or a constant) and its tensor.

    ``grad`` is ``None`` with ``grad_note`` saying why: "pending" (backward has
    not reached it yet) or "not retained" (a non-leaf without ``retain_grad()``).
    ``inputs`` lists the node ids of ``next_functions``, in order (None for a
    constant operand); ``saved`` holds the tensors autograd saved for backward.
    """

    id: str
    kind: NodeKind
    op: str
    name: str
    expr: str
    shape: tuple[int, ...]
    value: Floats
    grad: Floats | None
    inputs: tuple[str | None, ...] = ()
    saved: tuple[tuple[str, Floats], ...] = ()
    grad_note: str = ""

    def saved_value(self, key: str) -> Floats:
        return dict(self.saved)[key]


@dataclass(frozen=True)
class Step:
    """One backward function running: the gradient it received and what it sent on."""

    node: str
    upstream: Floats
    sent: tuple[tuple[str, Floats], ...]


@dataclass(frozen=True)
class Trace:
    scenario: str
    nodes: tuple[Node, ...]
    edges: tuple[tuple[str, str], ...]
    output: str
    inputs: tuple[str, ...] = ()  # input names in registry order, for stable listings
    steps: tuple[Step, ...] = ()  # the last backward() call, in execution order
    notes: tuple[str, ...] = ()
    backward_calls: int = 1
    grad_before: tuple[tuple[str, Floats | None, str], ...] = ()  # before the last call
    history: tuple[tuple[str, tuple[tuple[str, Floats | None], ...]], ...] = ()  # leaf .grad after each op
    current: str | None = None  # the node a step view highlights
    visited: frozenset[str] = field(default_factory=frozenset)

    def by_name(self, name: str) -> Node:
        for node in self.nodes:
            if node.name == name:
                return node
        raise KeyError(name)

    def by_id(self, node_id: str) -> Node:
        for node in self.nodes:
            if node.id == node_id:
                return node
        raise KeyError(node_id)

    @property
    def output_node(self) -> Node:
        return self.by_name(self.output)

    def leaves(self) -> list[Node]:
        """Leaf nodes in the registry's input order (w before b), not graph order."""
        leaves = [n for n in self.nodes if n.kind == "leaf"]
        return sorted(leaves, key=lambda n: self.inputs.index(n.name) if n.name in self.inputs else 0)

    def edge_grads(self) -> dict[tuple[str, str], Floats]:
        """The gradient that flowed along each edge, once the function that sent it ran."""
        done = self.visited if self.current is not None else {s.node for s in self.steps}
        out: dict[tuple[str, str], Floats] = {}
        for step in self.steps:
            if step.node in done:
                for src, grad in step.sent:
                    out[(src, step.node)] = grad
        return out

    def with_nodes(self, nodes: tuple[Node, ...], **changes: Any) -> Trace:
        return replace(self, nodes=nodes, **changes)


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


def make_tensors(scenario: Scenario, values: Values, dtype: torch.dtype | None = None) -> dict[str, Any]:
    """Fresh tensors for one run; leaves require grad, constants don't; text passes as is."""
    dtype = dtype or scenario.dtype
    return {
        spec.name: values[spec.name]
        if spec.kind == "expr"
        else torch.tensor(values[spec.name], dtype=dtype, requires_grad=spec.leaf)
        for spec in scenario.inputs
    }


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
        named = scenario.forward(inputs)
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
    output: str
    nodes: list[Node]
    fns: dict[str, Any]  # node id -> backward function (None for constants)
    tensors: dict[str, Tensor]  # node id -> the tensor it shows
    edges: list[tuple[str, str]]


def discover(
    scenario: Scenario, inputs: dict[str, Tensor], named: dict[str, Tensor], calls: list[Call]
) -> Graph:
    """Walk ``grad_fn``/``next_functions`` from the output, as torchviz does, and add constants."""
    labels = {spec.name: spec.label for spec in scenario.inputs}
    tensors: dict[str, Tensor] = {labels[k]: v for k, v in inputs.items() if isinstance(v, Tensor)}
    tensors |= dict(named)
    outs = [c.out for c in calls if isinstance(c.out, Tensor)]
    unnamed = [o for o in outs if all(o is not t for t in tensors.values())]
    for k, t in enumerate(unnamed, start=1):
        tensors[f"t{k} (unnamed)"] = t  # a scenario should name it; never crash if not
    fn_name = {t.grad_fn: n for n, t in tensors.items() if t.grad_fn is not None}
    leaf_name = {id(t): n for n, t in tensors.items() if t.requires_grad and t.grad_fn is None}
    const_name = {id(t): n for n, t in tensors.items() if not t.requires_grad}
    output = list(named)[-1]
    g = Graph(scenario, output, [], {}, {}, [])
    ids: dict[Any, str] = {}

    def add(key: Any, kind: NodeKind, op: str, name: str, t: Tensor, fn: Any) -> str:
        node_id = ids[key] = f"n{len(ids)}"
        expr = scenario.exprs.get(name, "")
        g.nodes.append(Node(node_id, kind, op, name, expr, tuple(t.shape), flat(t), None))
        g.fns[node_id], g.tensors[node_id] = fn, t
        return node_id

    root = tensors[output].grad_fn
    queue = [root]
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
        g.edges += [(src, node.id) for src in links if src is not None]
        g.nodes[i] = replace(node, inputs=links, saved=_saved(fn))

    for call in calls:
        out = call.out
        if not isinstance(out, Tensor):
            continue
        for arg in (a for a in call.tensors if id(a) in const_name):
            if out.grad_fn is not None and out.grad_fn in ids:
                target = ids[out.grad_fn]
            elif id(out) in const_name:
                key = ("const", id(out))
                target = ids.get(key) or add(key, "constant", "constant", const_name[id(out)], out, None)
            else:
                continue
            key = ("const", id(arg))
            source = ids.get(key) or add(key, "constant", "constant", const_name[id(arg)], arg, None)
            g.edges.append((source, target))
    g.edges = list(dict.fromkeys(g.edges))
    return g
