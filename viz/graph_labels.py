"""The text in each box of the graph: tensor, backward function, value and gradient.

A gradient not computed yet is "?"; a non-leaf's unretained ``.grad`` is "None", as
torch prints it. A tensor used more than once shows its gradient as the sum of what
each use sent back (3.0000 + 3.0000 = 6.0000), and a ``.grad`` that earlier backward()
calls added to says so instead of passing for this call's gradient.
"""

from __future__ import annotations

from viz.numbers import fmt, fmt_values
from viz.trace import Node, Trace

GRAD_TEXT = {"pending": "?", "not retained": "None", "raised": "None"}
SHOWN = 6  # numbers a box shows; a bigger tensor is summarised (the table has them all)


def tensor_text(values: tuple[float, ...], per_line: int = 4) -> str:
    """Up to six numbers as they are; more as min, max and norm."""
    if len(values) <= SHOWN:
        return fmt_values(values, per_line)
    norm = sum(v * v for v in values) ** 0.5
    return f"min {fmt(min(values))} max {fmt(max(values))} norm {fmt(norm)}"


def shape_text(trace: Trace, node: Node) -> str:
    """ " · [3]": the tensor's shape, in a graph that has any tensor with more than one element."""
    return f" · {list(node.shape)}" if any(n.shape for n in trace.nodes) else ""


def _uses_sum(trace: Trace, node: Node) -> str:
    """ "a + b = c" over the uses of a scalar tensor used more than once; "" otherwise."""
    uses = [e for e in trace.uses(node.id) if trace.by_id(e.dst).kind != "constant"]
    if len(uses) < 2 or len(node.value) != 1:
        return ""
    flowing = trace.edge_grads()
    terms = [fmt(flowing[e][0]) if e in flowing else "?" for e in uses]
    total = trace.this_call(node.id)
    return " + ".join(terms) + " = " + (fmt(total[0]) if total is not None else "?")


def grad_text(trace: Trace, node: Node) -> str:
    """What the box says of the gradient: "grad 6.0000", "grad 3.0000 + 3.0000 = 6.0000",
    ".grad 12.0000 (accumulated)", "grad ?" or "grad None"."""
    if node.grad is None:
        return "grad " + GRAD_TEXT.get(node.grad_note, "None")
    summed = _uses_sum(trace, node)
    if trace.accumulated(node):
        this = tensor_text(trace.this_call(node.id) or ())
        why = "zeroed since" if trace.history and trace.history[-1][0] == "z" else "accumulated"
        return f"this call {summed or this} · .grad {tensor_text(node.grad)} ({why})"
    return "grad " + (summed or tensor_text(node.grad))


def node_label(trace: Trace, node: Node, step: int | None = None, compact: bool = False) -> str:
    """Name (and expression), function, then value and gradient; ``compact``: two lines."""
    title = f"{node.name} = {node.expr}" if node.expr else node.name
    title += shape_text(trace, node)
    if node.kind == "constant":
        op, tail = "constant (no grad)", ["value " + tensor_text(node.value)]
    else:
        op = f"{node.op} (leaf)" if node.kind == "leaf" else node.op
        if step is not None:
            op += f" · step {step}"
        grad = grad_text(trace, node)
        value = "value " + tensor_text(node.value)
        tail = [value, grad] if len(node.value) > 1 or len(grad) > 20 else [f"{value} · {grad}"]
    head = [f"{title} · {op}"] if compact else [title, op]
    return "\n".join(head + tail)


def saved_lines(node: Node) -> list[str]:
    """What the node's backward function saved (torch's ``_saved_*`` attributes): name, shape,
    value and version counter ("saved self [] = 3.0000 · v0"); a number it kept is not a tensor."""
    meta = node.saved_meta or (None,) * len(node.saved)
    lines = []
    for (name, value), info in zip(node.saved, meta, strict=True):
        text = f"saved {name} = {tensor_text(value)}"
        if info is not None:
            shape, version = info
            text = f"saved {name} {list(shape)} = {tensor_text(value)} · v{version}"
        lines.append(text)
    return lines


def accumulation_text(trace: Trace, leaf: Node) -> str:
    """How a leaf's ``.grad`` came to be: each backward() call's contribution since the last
    ``zero_()``, summed ("4.0000 + 4.0000 + 4.0000 = 12.0000")."""
    grads = [dict(after).get(leaf.name) for _, after in trace.history]
    ops = [op for op, _ in trace.history]
    start = max((i for i, op in enumerate(ops) if op == "z"), default=-1)
    terms, before = [], grads[start] if start >= 0 else None
    if start >= 0 and before is not None:
        terms.append(f"{fmt_values(before)} (after zero_())")
    for op, after in zip(ops[start + 1 :], grads[start + 1 :], strict=True):
        if op == "b" and after is not None and after != before:
            base = before if before is not None else (0.0,) * len(after)
            terms.append(fmt_values(tuple(a - b for a, b in zip(after, base, strict=True))))
        before = after
    total = fmt_values(leaf.grad) if leaf.grad is not None else "None"
    return " + ".join(terms) + f" = {total}" if len(terms) > 1 else total
