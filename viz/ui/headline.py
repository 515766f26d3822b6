"""The numbers above the graph: the output and each leaf's ``.grad``, called the derivative only
when it is one (after several backward() calls it is the sum it has become; a vector output's
backward() without v computes nothing). A tensor too long for a metric is summarised, its
numbers in the tooltip and in the Every tensor tab."""

from __future__ import annotations

import streamlit as st

from viz.graph_labels import SHOWN, accumulation_text, tensor_text
from viz.numbers import fmt_values
from viz.trace import Node, Trace
from viz.ui.text import escape_markdown
from viz.view import View


def _d(view: View) -> str:
    return "d" if len(view.state.scenario.coordinates(view.state.values)) == 1 else "∂"


def headline(view: View) -> None:
    """The output's value and each leaf's ``.grad``. It is called the derivative only when it is
    one: after several backward() calls it is shown as the sum it has become."""
    trace, d = view.trace, _d(view)
    out, leaves = trace.output_node, trace.leaves()
    row = st.container(horizontal=True)  # one block (not a column each); a narrow window wraps it
    row.metric(f"{out.name} (output)", tensor_text(out.value, 0), help=_full(out.value))
    for leaf in leaves:
        derivative = f"{d}{trace.differentiated}/{d}{leaf.name}"  # ∂(v·y)/∂x for backward(gradient=v)
        if len(out.value) > 1 and not trace.objective:  # a vector output's backward() needs v: no derivative
            row.metric(f"{leaf.name}.grad", grad_cell(trace, leaf, "None"))
        elif trace.accumulated(leaf):
            summed = row.container()  # the metric and what it sums, one above the other
            summed.metric(f"{leaf.name}.grad (not a derivative here)", fmt_values(leaf.grad or ()))
            this = fmt_values(trace.this_call(leaf.id) or ())
            summed.caption(f"{escape_markdown(accumulation_text(trace, leaf))}; {derivative} = {this}")
        else:
            pending = "?" if view.state.display.quiz else "—"  # a quiz asks for it: not computed yet
            cell = grad_cell(trace, leaf, pending)
            row.metric(f"{leaf.name}.grad = {derivative}", cell, help=_full(leaf.grad or ()))


def _full(values: tuple[float, ...]) -> str | None:
    """A summarised tensor's numbers, for the metric's tooltip (the Every tensor tab lists them too)."""
    return fmt_values(values) if len(values) > SHOWN else None


def grad_cell(trace: Trace, node: Node, pending: str = "—") -> str:
    """A gradient in a table or metric: ``pending`` before backward reaches it, "None" if not kept."""
    if node.grad is not None:
        return tensor_text(node.grad, 0)
    return pending if node.grad_note == "pending" else "None"
