"""Run a scenario on fresh tensors and walk its autograd graph into plain data.

Finding the graph is kept apart from drawing it: the trace holds names, values,
gradients and edges as floats and strings, so it can be cached and shared
between sessions without sharing a single tensor.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

import torch
from torch.overrides import TorchFunctionMode

from viz.scenario import Scenario, Tensor, Values

NodeKind = Literal["leaf", "op", "output", "constant"]
DTYPE = torch.float32  # the notebook's dtype


@dataclass(frozen=True)
class Node:
    """One box in the graph: a backward function (or a constant) and its tensor."""

    id: str
    kind: NodeKind
    op: str
    name: str
    expr: str
    shape: tuple[int, ...]
    value: tuple[float, ...]
    grad: tuple[float, ...] | None


@dataclass(frozen=True)
class Trace:
    scenario: str
    nodes: tuple[Node, ...]
    edges: tuple[tuple[str, str], ...]
    output: str
    inputs: tuple[str, ...] = ()  # input names in registry order, for stable listings

    def by_name(self, name: str) -> Node:
        for node in self.nodes:
            if node.name == name:
                return node
        raise KeyError(name)

    @property
    def output_node(self) -> Node:
        return self.by_name(self.output)

    def leaves(self) -> list[Node]:
        """Leaf nodes in the registry's input order (w before b), not graph order."""
        leaves = [n for n in self.nodes if n.kind == "leaf"]
        return sorted(leaves, key=lambda n: self.inputs.index(n.name) if n.name in self.inputs else 0)


class _OpRecorder(TorchFunctionMode):
    """Records which tensors each torch call read and wrote (thread-local)."""

    def __init__(self) -> None:
        super().__init__()
        self.calls: list[tuple[list[Tensor], Any]] = []

    def __torch_function__(self, func, types, args=(), kwargs=None):
        out = func(*args, **(kwargs or {}))
        self.calls.append(([a for a in args if isinstance(a, Tensor)], out))
        return out


def make_tensors(scenario: Scenario, values: Values) -> dict[str, Tensor]:
    """Fresh float32 tensors for one run; leaves require grad, constants don't."""
    return {
        spec.name: torch.tensor(values[spec.name], dtype=DTYPE, requires_grad=spec.leaf)
        for spec in scenario.inputs
    }


def _flat(t: Tensor | None) -> tuple[float, ...] | None:
    if t is None:
        return None
    return tuple(float(v) for v in t.detach().reshape(-1).tolist())


def run_forward(scenario: Scenario, values: Values) -> tuple[dict[str, Tensor], dict[str, Tensor], list]:
    """Forward pass with every intermediate kept; returns inputs, named tensors, op log."""
    inputs = make_tensors(scenario, values)
    with _OpRecorder() as recorder:
        named = scenario.forward(inputs)
    return inputs, named, recorder.calls


def trace(scenario: Scenario, values: Values) -> Trace:
    """Forward, ``retain_grad()`` on intermediates, ``backward()``, then the graph as data."""
    inputs, named, calls = run_forward(scenario, values)
    output_name = list(named)[-1]
    out = named[output_name]
    for t in [*named.values(), *(out for _, out in calls if isinstance(out, Tensor))]:
        if t.requires_grad and t.grad_fn is not None:
            t.retain_grad()
    out.backward()
    return _walk(scenario, inputs, named, calls, output_name)


def _walk(
    scenario: Scenario,
    inputs: Mapping[str, Tensor],
    named: Mapping[str, Tensor],
    calls: list,
    output_name: str,
) -> Trace:
    labels = {spec.name: spec.label for spec in scenario.inputs}
    tensors: dict[str, Tensor] = {labels[k]: v for k, v in inputs.items()} | dict(named)
    unnamed = [o for _, o in calls if isinstance(o, Tensor) and all(o is not t for t in tensors.values())]
    for k, t in enumerate(unnamed, start=1):
        tensors[f"t{k} (unnamed)"] = t  # a scenario should name it; never crash if not
    fn_name = {t.grad_fn: n for n, t in tensors.items() if t.grad_fn is not None}
    leaf_name = {id(t): n for n, t in tensors.items() if t.requires_grad and t.grad_fn is None}
    const_name = {id(t): n for n, t in tensors.items() if not t.requires_grad}

    ids: dict[Any, str] = {}
    nodes: list[Node] = []
    edges: list[tuple[str, str]] = []

    def add(key: Any, kind: NodeKind, op: str, name: str, t: Tensor, grad: Tensor | None) -> str:
        ids[key] = f"n{len(ids)}"
        shape = tuple(t.shape)
        nodes.append(
            Node(ids[key], kind, op, name, scenario.exprs.get(name, ""), shape, _flat(t), _flat(grad))
        )
        return ids[key]

    root = tensors[output_name].grad_fn
    stack = [root]
    while stack:
        fn = stack.pop(0)
        if fn in ids:
            continue
        if hasattr(fn, "variable"):
            var = fn.variable
            add(fn, "leaf", type(fn).__name__, leaf_name[id(var)], var, var.grad)
            continue
        name = fn_name[fn]
        t = tensors[name]
        add(fn, "output" if fn is root else "op", type(fn).__name__, name, t, t.grad)
        for nxt, _ in fn.next_functions:
            if nxt is not None:
                stack.append(nxt)

    for fn, fid in list(ids.items()):
        for nxt, _ in getattr(fn, "next_functions", ()):
            if nxt is not None:
                edges.append((ids[nxt], fid))

    for args, out in calls:
        if not isinstance(out, Tensor):
            continue
        for arg in args:
            if id(arg) not in const_name:
                continue
            if out.grad_fn is not None and out.grad_fn in ids:
                target = ids[out.grad_fn]
            elif id(out) in const_name:
                target = ids.get(("const", id(out))) or add(
                    ("const", id(out)), "constant", "constant", const_name[id(out)], out, None
                )
            else:
                continue
            key = ("const", id(arg))
            source = ids.get(key) or add(key, "constant", "constant", const_name[id(arg)], arg, None)
            edges.append((source, target))

    order = tuple(spec.label for spec in scenario.inputs)
    return Trace(scenario.id, tuple(nodes), tuple(dict.fromkeys(edges)), output_name, order)
