"""A trace: one scenario's forward and backward pass as plain data.

Names, values, gradients, edges and the recorded backward steps are floats and
strings, so a trace can be cached and shared between sessions without sharing a
single tensor. ``viz.graph`` finds it, ``viz.backward`` fills it in.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

NodeKind = Literal["leaf", "op", "output", "constant"]
Floats = tuple[float, ...]
SavedMeta = tuple[tuple[int, ...], int] | None  # a saved tensor's shape and version; None: not a tensor


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
    saved_meta: tuple[SavedMeta, ...] = ()  # per entry of ``saved``

    def saved_value(self, key: str) -> Floats:
        return dict(self.saved)[key]


@dataclass(frozen=True)
class Edge:
    """One use of a tensor: ``src`` feeds input ``slot`` of ``dst``. A tensor used twice by
    the same function (``x * x``) has two edges, and its gradient is the sum of theirs."""

    src: str
    dst: str
    slot: int


@dataclass(frozen=True)
class Step:
    """One backward function running: the gradient it received and, per input slot, what it sent."""

    node: str
    upstream: Floats
    sent: tuple[tuple[int, str, Floats], ...]  # (slot, source node, gradient)


@dataclass(frozen=True)
class Trace:
    scenario: str
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]
    output: str
    inputs: tuple[str, ...] = ()  # leaf labels in registry order, for stable listings
    steps: tuple[Step, ...] = ()  # the last backward() call, in execution order
    notes: tuple[str, ...] = ()
    backward_calls: int = 1
    grad_before: tuple[tuple[str, Floats | None, str], ...] = ()  # before the last call
    history: tuple[tuple[str, tuple[tuple[str, Floats | None], ...]], ...] = ()  # leaf .grad after each op
    current: str | None = None  # the node a step view highlights
    visited: frozenset[str] = field(default_factory=frozenset)
    cut: str = ""  # the constant a cut put in the graph ("y.detach()"), if any
    cut_note: str = ""  # why the leaves it cut off have no gradient
    inplace_note: str = ""  # what an in-place change after the forward pass did to backward()
    marks: tuple[tuple[str, str], ...] = ()  # (node id, why it is outlined): the functions that saved it
    objective: str = ""  # what backward() differentiates when it is not the output itself: v·y
    unseeded: str = ""  # why backward() raised on a vector output called without gradient=v

    @property
    def differentiated(self) -> str:
        """The name in ∂…/∂x: the output, or v·y for ``backward(gradient=v)``."""
        return f"({self.objective})" if self.objective else self.output

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

    @property
    def has_matrices(self) -> bool:
        """A graph holding a matrix (a network's weights) is wide: the page gives it more room."""
        return any(len(n.shape) >= 2 for n in self.nodes)

    def leaves(self) -> list[Node]:
        """Leaf nodes in the registry's input order (w before b), not graph order."""
        leaves = [n for n in self.nodes if n.kind == "leaf"]
        return sorted(leaves, key=lambda n: self.inputs.index(n.name) if n.name in self.inputs else 0)

    def uses(self, node_id: str) -> list[Edge]:
        """The edges out of a node: one per use of its tensor."""
        return [e for e in self.edges if e.src == node_id]

    def ran(self) -> list[Step]:
        """The steps of the last backward() that have run in this view (all, unless stepping)."""
        return [s for s in self.steps if self.current is None or s.node in self.visited]

    def edge_grads(self) -> dict[Edge, Floats]:
        """The gradient that flowed along each edge, once the function that sent it ran."""
        return {Edge(src, step.node, slot): grad for step in self.ran() for slot, src, grad in step.sent}

    def this_call(self, node_id: str) -> Floats | None:
        """The gradient the last backward() computed for a tensor (what its function received):
        the derivative, whatever ``.grad`` has accumulated. None until that function has run."""
        return next((s.upstream for s in self.ran() if s.node == node_id), None)

    def accumulated(self, node: Node) -> bool:
        """``.grad`` holds more than the last backward(): earlier calls added to it."""
        derivative = self.this_call(node.id)
        return node.grad is not None and derivative is not None and node.grad != derivative
