"""Say where an inf or a nan comes from, for the student who just produced one.

A non-finite value is blamed on the first node whose inputs were all finite; a
non-finite gradient on the first node (walking backward from the output) whose
upstream gradients were all finite.
"""

from __future__ import annotations

import math

from viz.derivatives import RULES, links
from viz.numbers import fmt
from viz.trace import Node, Trace

VALUE_CAUSES = {
    "LogBackward0": {"-inf": "log of 0", "nan": "log of a negative number"},
    "DivBackward0": {"inf": "division by 0", "-inf": "division by 0", "nan": "0 / 0"},
    "SqrtBackward0": {"nan": "square root of a negative number"},
    "ExpBackward0": {"inf": "exp overflows float32 above about 88.7"},
    "PowBackward0": {"inf": "the power overflows float32 (above about 3.4e38)"},
}


INFINITE_SLOPES = {
    "SqrtBackward0": "sqrt(u)",
    "LogBackward0": "log(u)",
    "DivBackward0": "a/u",
    "PowBackward0": "u**p (p < 1)",
    "PowBackward1": "u**v",
    "ReciprocalBackward0": "1/u",
}


def _bad(values: tuple[float, ...] | None) -> str | None:
    for v in values or ():
        if not math.isfinite(v):
            return fmt(v)
    return None


def _value_note(node: Node) -> str:
    text = _bad(node.value) or ""
    cause = VALUE_CAUSES.get(node.op, {}).get(text, "")
    return f"`{node.name}` = {text}" + (f" ({cause})" if cause else "")


def explain(trace: Trace) -> list[str]:
    """Short notes naming where the first inf/nan of the forward and backward pass appear."""
    by_id = {n.id: n for n in trace.nodes}
    inputs = {n.id: [by_id[e.src] for e in trace.edges if e.dst == n.id] for n in trace.nodes}
    consumers = {n.id: [by_id[e.dst] for e in trace.uses(n.id)] for n in trace.nodes}
    notes = []
    for node in trace.nodes:
        if _bad(node.value) and not any(_bad(i.value) for i in inputs[node.id]):
            notes.append(f"Forward: {_value_note(node)}; it spreads to everything computed from it.")
    for node in trace.nodes:
        grad = _bad(node.grad)
        if grad and not any(_bad(c.grad) for c in consumers[node.id]):
            notes.append(f"Backward: the gradient of `{node.name}` is {grad} ({_why(trace, node, grad)}).")
    return notes


def _why(trace: Trace, node: Node, grad: str) -> str:
    """The cause, from what each consumer of the tensor computed: a domain error, 0 · inf in
    the chain rule (what makes a nan), or an infinite local derivative (what makes an inf)."""
    at, found = fmt(node.value[0]), dict[str, str]()
    for step in trace.steps:
        consumer = trace.by_id(step.node)
        if node.id not in consumer.inputs or consumer.op not in RULES:
            continue
        operands = [trace.by_id(i) for i in consumer.inputs if i is not None]
        if _bad(consumer.value) and not any(_bad(o.value) for o in operands):
            cause = VALUE_CAUSES.get(consumer.op, {}).get(_bad(consumer.value) or "", "")
            found.setdefault(
                "domain", f"{consumer.op} is not defined at u = {at}" + (f": {cause}" if cause else "")
            )
        for link in links(consumer, step.upstream):
            if link.to == node.id and any(map(math.isinf, link.local)):
                if any(u == 0 for u in link.upstream):
                    found.setdefault(
                        "zero_inf",
                        f"0 · inf in the chain rule: {consumer.op} sends 0 × an infinite local derivative",
                    )
                slope = INFINITE_SLOPES.get(consumer.op, consumer.op)
                found.setdefault("steep", f"d/du {slope} is infinite at u = {at}")
    order = ("domain", "zero_inf", "steep") if grad == "nan" else ("steep", "domain")
    fallback = "0 · inf in the chain rule" if grad == "nan" else "a local derivative is infinite"
    return next((found[k] for k in order if k in found), fallback)
