"""Run a scenario on fresh tensors and walk its live autograd graph.

Finding the graph is kept apart from drawing it (``viz.graph_dot``): this walks
``grad_fn`` / ``next_functions`` from the output as torchviz does, one edge per
entry, and adds the constants that fed the computation.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

import torch
from torch.overrides import TorchFunctionMode

from viz.scenario import Scenario, Tensor, Values
from viz.trace import Edge, Floats, Node, NodeKind, SavedMeta

if TYPE_CHECKING:
    from viz.cut import Cut
    from viz.cut_run import CutPoint

CONSTANT_SLOT = 100  # constants' edges get slots past any next_functions index
CUT_SLOT = 200  # the edge where a cut stopped the graph: from what was cut to the constant


@dataclass(frozen=True)
class Call:
    """One torch call of the forward pass, as written (operands in order)."""

    func: Any
    args: tuple[Any, ...]
    out: Any

    @property
    def tensors(self) -> list[Tensor]:
        return [a for a in self.args if isinstance(a, Tensor)]


class OpRecorder(TorchFunctionMode):
    """Records every torch call of the forward pass (thread-local, like autograd)."""

    def __init__(self, cut_at: int = -1, cut: Cut | None = None) -> None:
        super().__init__()
        self.calls: list[Call] = []
        self.cut_at, self.cut = cut_at, cut
        self.original: Tensor | None = None  # detach: the tensor the rest no longer sees

    def __torch_function__(self, func, types, args=(), kwargs=None):
        cutting = self.cut is not None and len(self.calls) == self.cut_at
        no_grad = cutting and self.cut is not None and self.cut.how == "no_grad"
        with torch.no_grad() if no_grad else contextlib.nullcontext():
            out = func(*args, **(kwargs or {}))
        if cutting and not no_grad:
            self.original, out = out, out.detach()
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
    with OpRecorder() as recorder:
        named = scenario.forward(inputs, values)
    return inputs, named, recorder.calls


def _saved(fn: Any) -> tuple[tuple[tuple[str, Floats], ...], tuple[SavedMeta, ...]]:
    """What the backward function saved (name, values) and, for tensors, their shape and
    version counter; read before backward() can free it."""
    out, meta = [], []
    for attr in dir(fn):
        if attr.startswith("_saved_"):
            raw = getattr(fn, attr)
            value = flat(raw)
            if value is not None:
                out.append((attr.removeprefix("_saved_"), value))
                meta.append((tuple(raw.shape), raw._version) if isinstance(raw, Tensor) else None)
    return tuple(out), tuple(meta)


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
    cut_off: set[str] = field(default_factory=set)  # nodes a cut left out of the output's graph


def discover(
    scenario: Scenario,
    values: Values,
    inputs: dict[str, Tensor],
    named: dict[str, Tensor],
    calls: list[Call],
    point: CutPoint | None = None,
) -> Graph:
    """Walk ``grad_fn``/``next_functions`` from the output, as torchviz does, and add constants.
    With a cut, what it stopped is walked too (drawn, but out of the output's reach)."""
    labels = {inp.name: inp.label for inp in scenario.inputs_for(values)}
    tensors: dict[str, Tensor] = {labels[k]: v for k, v in inputs.items()}
    tensors |= dict(named)
    if point is not None:
        del tensors[point.cut.name]
        tensors[point.cut.replacement] = point.replacement
        if point.cut.how == "detach":
            tensors[point.cut.name] = point.stopped[0]
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
    stopped = [t.grad_fn for t in point.stopped if t.grad_fn is not None] if point else []
    if root is None:  # everything before the output was cut: it has no history (backward raises)
        out = tensors[output]
        add(("const", id(out)), "output", "no grad_fn", output, out, None)
    reached: set[str] = set()
    for fns in ([root] if root else [], stopped):  # the output's graph first, then what the cut stopped
        reached = reached or {node.id for node in g.nodes}
        queue: list[Any] = list(fns)
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
    if point is not None:
        for t in point.stopped:  # a leaf used only where no_grad stopped it has no AccumulateGrad
            if t.grad_fn is None and not any(v is t for v in g.tensors.values()):
                add(("leaf", id(t)), "leaf", "AccumulateGrad", leaf_name[id(t)], t, None)
        g.cut_off = {node.id for node in g.nodes} - reached
        if root is None:
            g.cut_off.add(ids[("const", id(tensors[output]))])
    for i, node in enumerate(g.nodes):
        fn = g.fns[node.id]
        links = tuple(ids.get(nxt) for nxt, _ in getattr(fn, "next_functions", ()))
        g.edges += [Edge(src, node.id, slot) for slot, src in enumerate(links) if src is not None]
        saved, meta = _saved(fn)
        g.nodes[i] = replace(node, inputs=links, saved=saved, saved_meta=meta)
    _add_constants(g, calls, ids, const_name, add)
    if point is not None:
        _add_cut(g, point, ids, const_name, add)
    return g


def _add_cut(g: Graph, point: CutPoint, ids: dict[Any, str], const_name: dict[int, str], add: Any) -> None:
    """The constant that replaced the cut tensor, and an edge from each tensor the cut stopped."""
    key = ("const", id(point.replacement))
    target = ids.get(key) or add(
        key, "constant", "constant", const_name[id(point.replacement)], point.replacement, None
    )
    by_tensor = {id(t): node_id for node_id, t in g.tensors.items()}
    for t in point.stopped:
        g.edges.append(Edge(by_tensor[id(t)], target, CUT_SLOT))


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
