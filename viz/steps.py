"""A view of the backward pass after its k-th function has run.

Step 0 is the forward pass alone; step n (the number of functions that ran)
is the finished ``backward()``. Gradients appear only once computed: a tensor's
when its function runs (a leaf's at its ``AccumulateGrad``), an edge's once the
function that sends it has run.
"""

from __future__ import annotations

from dataclasses import replace

from viz.backward import PENDING
from viz.trace import Trace


def at_step(trace: Trace, k: int) -> Trace:
    """The trace as it stood after ``k`` backward functions (clamped to the valid range)."""
    k = max(0, min(k, len(trace.steps)))
    ran = [s.node for s in trace.steps[:k]]
    visited = frozenset(ran)
    before = {node_id: (grad, note) for node_id, grad, note in trace.grad_before}
    nodes = []
    for node in trace.nodes:
        if node.kind == "constant" or node.id in visited:
            nodes.append(node)
            continue
        grad, note = before.get(node.id, (None, PENDING))
        if node.grad_note and node.grad is None:
            grad, note = None, node.grad_note  # "not retained" holds at every step
        nodes.append(replace(node, grad=grad, grad_note=note or ("" if grad is not None else PENDING)))
    current = ran[-1] if ran else ""
    return replace(trace, nodes=tuple(nodes), current=current, visited=visited)


def clamp_step(step: int, trace: Trace) -> tuple[int, str]:
    """A step within range, and a notice when the link asked for one past the end."""
    last = len(trace.steps)
    if step > last:
        return last, f"{step} is past the last step; this backward pass has {last} steps; showing step {last}"
    return step, ""
