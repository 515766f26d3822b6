"""The graph of a gradient: what ``backward(create_graph=True)`` builds, walked and run.

With ``create_graph=True`` autograd records the backward pass itself, so the gradient is a
tensor with a ``grad_fn`` of its own. Its graph holds the backward formulas' operations
(``CosBackward0`` for the cos in ``cos(y)·2x``) and reaches back into the forward graph. Every
torch operation of the run is recorded below autograd (a dispatch mode), so each function of
that graph gets the value its tensor had. Running ``backward()`` on one entry of the gradient
then fills in one row of the Hessian, with the same step hooks as the first pass.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

import torch
from torch.utils._python_dispatch import TorchDispatchMode

from viz.backward import run_ops
from viz.graph import CONSTANT_SLOT, Graph, flat, make_tensors
from viz.kinds import Coordinate
from viz.scenario import Scenario, Tensor, Values
from viz.trace import Edge, Node, NodeKind, Trace

SEED = "1 (seed)"  # the gradient backward() starts with: torch.ones_like(output)
INFIX = {"mul": "·", "add": " + ", "sub": " − ", "div": "/", "pow": "^"}
SHORT = 18  # a longer expression is named t1, t2, … instead


@dataclass(frozen=True)
class Op:
    """One torch operation below autograd: forward and backward alike."""

    name: str
    args: tuple[Any, ...]
    out: Tensor


class _Ops(TorchDispatchMode):
    def __init__(self) -> None:
        super().__init__()
        self.ops: list[Op] = []

    @classmethod
    def _should_skip_dynamo(cls) -> bool:
        """No torch.compile runs here: not wrapping the mode for it spares importing
        torch._dynamo (1 s) on the first graph of a gradient."""
        return False

    def __torch_dispatch__(self, func, types, args=(), kwargs=None):
        out = func(*args, **(kwargs or {}))
        if isinstance(out, Tensor):
            self.ops.append(Op(func.overloadpacket.__name__, tuple(args), out))
        return out


def explain(output: str, row: str) -> str:
    """What the graph of a gradient is, for students."""
    return (
        f"The graph of {output}, as backward(create_graph=True) recorded it: the backward formulas' "
        "own operations (and the forward tensors they reuse), each with its value. Calling backward() "
        f"on {output} sends gradients through it like through any graph, so each leaf's gradient is "
        f"a second derivative: the Hessian's row for {row}."
    )


def gradient_symbol(scenario: Scenario, values: Values, at: Coordinate) -> str:
    """d z/dx for one number, ∂L/∂w for several: the output's name over the coordinate's."""
    out = scenario.objective_name(list(scenario.forward(make_tensors(scenario, values), values))[-1], values)
    out = f"({out})" if "·" in out else out
    several = len(scenario.coordinates(values)) > 1
    d = "∂" if several else "d"
    return f"{d}{out}/{d}{at.label}"


def _operand(name: str) -> str:
    return f"({name})" if any(c in name for c in " ·/^") and not name.endswith(")") else name


def _named(ops: list[Op], tensors: dict[int, str], forward: int) -> dict[int, str]:
    """A short name for every tensor the run made: the scenario's own, the seed, or the
    expression that made it (or t1, t2, … when that is long). ``forward``: how many of
    ``ops`` the forward pass made; the first ``ones_like`` after them is the seed."""
    names = dict(tensors)
    count = 0
    for k, op in enumerate(ops):
        if id(op.out) in names:
            continue
        if op.name == "ones_like" and k >= forward and SEED not in names.values():
            names[id(op.out)] = SEED
            continue
        parts = [names.get(id(a), "?") if isinstance(a, Tensor) else f"{a:g}" for a in op.args[:2]
                 if isinstance(a, Tensor | int | float)]  # fmt: skip
        if op.name in ("detach", "alias", "view", "clone", "expand") and parts:
            names[id(op.out)] = parts[0]
            continue
        if op.name in INFIX and len(parts) == 2:
            text = INFIX[op.name].join(_operand(p) for p in parts)
        else:
            text = f"{op.name}({', '.join(parts)})"
        if len(text) > SHORT:
            count += 1
            text = f"t{count}"
        names[id(op.out)] = text
    return names


def gradient_graph(scenario: Scenario, values: Values, at: Coordinate) -> Trace | str:
    """The graph of ∂f/∂``at`` with values, after ``backward()`` on it: each leaf's gradient is
    that row of the Hessian. A gradient that does not depend on any input has no graph: then
    torch's own error for differentiating it again."""
    inputs = make_tensors(scenario, values)
    labels = {inp.name: inp.label for inp in scenario.inputs_for(values)}
    with _Ops() as run:
        named = scenario.forward(inputs, values)
        forward = len(run.ops)
        leaf, out = inputs[at.input], list(named.values())[-1]
        seed = scenario.seed_tensor(values, out.dtype)  # a vector output: backward(gradient=v)'s v
        (grad,) = torch.autograd.grad(out, leaf, grad_outputs=seed, create_graph=True)
        entry = grad if at.index is None else grad.reshape(-1)[at.index]
    if entry.grad_fn is None:
        try:
            torch.autograd.grad(entry, leaf)
        except RuntimeError as error:
            return str(error)
    known = {id(t): labels[k] for k, t in inputs.items()} | {id(t): k for k, t in named.items()}
    if seed is not None:
        known[id(seed)] = "v"
    names = _named(run.ops, known, forward)
    output = gradient_symbol(scenario, values, at)
    names[id(entry)] = output
    return run_ops(_walk(scenario, values, entry, output, run.ops, names))


def _walk(
    scenario: Scenario, values: Values, entry: Tensor, output: str, ops: list[Op], names: dict[int, str]
) -> Graph:
    made: dict[Any, Tensor] = {}  # backward function -> the first tensor the run saw it make
    for op in ops:
        if op.out.grad_fn is not None:
            made.setdefault(op.out.grad_fn, op.out)
    made[entry.grad_fn] = entry
    g = Graph(scenario, values, output, [], {}, {}, [])
    ids: dict[Any, str] = {}

    def add(key: Any, kind: NodeKind, op: str, t: Tensor, fn: Any) -> str:
        node_id = ids[key] = f"n{len(ids)}"
        name = names.get(id(t), op)
        g.nodes.append(Node(node_id, kind, op, name, "", tuple(t.shape), flat(t) or (), None))
        g.fns[node_id], g.tensors[node_id] = fn, t
        return node_id

    queue: list[Any] = [entry.grad_fn]
    while queue:
        fn = queue.pop(0)
        if fn in ids:
            continue
        if hasattr(fn, "variable"):
            add(fn, "leaf", type(fn).__name__, fn.variable, fn)
            continue
        kind: NodeKind = "output" if fn is entry.grad_fn else "op"
        tensor = made.get(fn, torch.tensor(float("nan")))
        add(fn, kind, type(fn).__name__, tensor, fn)
        queue += [nxt for nxt, _ in fn.next_functions if nxt is not None]
    for i, node in enumerate(g.nodes):
        links = tuple(ids.get(nxt) for nxt, _ in getattr(g.fns[node.id], "next_functions", ()))
        g.edges += [Edge(src, node.id, slot) for slot, src in enumerate(links) if src is not None]
        g.nodes[i] = replace(node, inputs=links)
    for op in ops:  # the constants each function of the graph was computed from, one edge per use
        target = ids.get(op.out.grad_fn)
        if target is None or made.get(op.out.grad_fn) is not op.out:
            continue
        for position, arg in enumerate(a for a in op.args if isinstance(a, Tensor)):
            if arg.requires_grad:
                continue
            key = ("const", names.get(id(arg), id(arg)))
            source = ids.get(key) or add(key, "constant", "constant", arg, None)
            g.edges.append(Edge(source, target, CONSTANT_SLOT + position))
    return g
