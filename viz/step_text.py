"""What one step of the backward pass computed, in words: the page's step panel, presenter
mode's line, and every animation frame, slide and handout page say the same thing."""

from __future__ import annotations

from viz.derivatives import Link, links
from viz.graph_labels import tensor_text
from viz.numbers import fmt_values
from viz.trace import Floats, Node, Step, Trace

LISTED = 8  # a vector's numbers are listed (x has at most 8); a bigger tensor is summarised


def _values(values: tuple[float, ...]) -> str:
    """A tensor in a sentence: its numbers, or beyond ``LISTED`` its min, max and norm."""
    return fmt_values(values) if len(values) <= LISTED else tensor_text(values)


def _d(name: str) -> str:
    """∂ of a tensor's name: "∂y", "∂(1 − y_pred)"."""
    return f"∂({name})" if " " in name else f"∂{name}"


def step_record(full: Trace, step: int | None) -> tuple[Step, Node] | None:
    """The k-th backward function that ran, and its node (None at step 0 or when none ran)."""
    if not step or not full.steps:
        return None
    record = full.steps[min(step, len(full.steps)) - 1]
    return record, full.by_id(record.node)


def leaf_grads(full: Trace, record: Step, node: Node) -> tuple[Floats | None, Floats]:
    """A leaf's ``.grad`` before its AccumulateGrad ran (None: the first backward) and after."""
    before = {k: g for k, g, _ in full.grad_before}.get(node.id)
    if before is None:
        return None, record.upstream
    return before, tuple(b + u for b, u in zip(before, record.upstream, strict=True))


def times(link: Link) -> str:
    """upstream × local, or upstreamᵀ J for a function that mixes elements (J row by row)."""
    if link.how:
        return link.how
    if not link.rows:
        return f"{_values(link.upstream)} × {_values(link.local)}"
    width = len(link.local) // link.rows
    rows = ", ".join(fmt_values(link.local[i : i + width]) for i in range(0, len(link.local), width))
    return f"{_values(link.upstream)}ᵀ J, J = [{rows}]"


def step_lines(full: Trace, record: Step, node: Node) -> list[str]:
    """What the step computed, as plain sentences: upstream × local = sent, or .grad += g."""
    upstream = _values(record.upstream)
    if node.kind == "leaf":
        before, after = leaf_grads(full, record, node)
        start = _values(before) if before is not None else "None (set, not added: the first backward)"
        return [f"{node.name}.grad before: {start}", f"incoming gradient: {upstream}",
                f"{node.name}.grad after: {_values(after)}"]  # fmt: skip
    lines = [f"upstream ∂{full.differentiated}/{_d(node.name)} = {upstream}"]
    for link, (_, _, sent) in zip(links(node, record.upstream), record.sent, strict=False):
        target = full.by_id(link.to)
        lines.append(f"→ {target.name}: {times(link)} = {_values(sent)}")
    return lines


def step_caption(full: Trace, step: int | None) -> str:
    """The step in one line: "Step 2/3 · PowBackward0 (made y): upstream … → x: … × … = …"."""
    if step == 0:
        return "Step 0: the forward pass only; no gradient exists yet."
    found = step_record(full, step)
    if found is None and not full.steps:  # no backward function ran: the call raised, or none was made
        raised = [note for note in full.notes if "raised" in note]
        return raised[-1] if raised else "No backward() has run, so there is no step to walk."
    if found is None:
        return f"backward() has run: {len(full.steps)} functions, each once."
    record, node = found
    head = f"Step {step}/{len(full.steps)} · {node.op} (made {node.name}):"
    return " ".join([head, *step_lines(full, record, node)])


def chain_sentence(full: Trace, step: int) -> str:
    """The chain rule of one step as a sentence, for speaker notes."""
    found = step_record(full, step)
    if step == 0 or found is None:
        return (
            f"The forward pass has built the graph from the leaves to {full.output}. backward() "
            f"starts at {full.output} with gradient {'v' if full.objective else '1'} and visits each "
            "function once, in reverse."
        )
    record, node = found
    upstream = _values(record.upstream)
    if node.kind == "leaf":
        return (
            f"AccumulateGrad adds the incoming gradient {upstream} to {node.name}.grad: that is "
            f"∂{full.differentiated}/{_d(node.name)}, the sum over every path from {node.name} "
            f"to {full.output}."
        )
    sends = [
        f"to {full.by_id(link.to).name} it sends {times(link)} = {_values(sent)}"
        for link, (_, _, sent) in zip(links(node, record.upstream), record.sent, strict=False)
    ]
    return (
        f"{node.op} made {node.name}. It receives ∂{full.differentiated}/{_d(node.name)} = {upstream} and "
        f"multiplies it by its local derivative for each input (the chain rule): {'; '.join(sends)}."
    )
