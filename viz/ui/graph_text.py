"""The graph's text alternative: each tensor in the order backward() visits it, for a screen
reader, under the graph in an expander that writes it only while open (``&text=1``)."""

from __future__ import annotations

import streamlit as st

from viz.graph_labels import grad_text
from viz.numbers import fmt_values
from viz.trace import Trace
from viz.ui.text import escape_markdown
from viz.ui.url import queue_display, sync_widget
from viz.view import View

KEY = "graph_text_open"


def graph_as_text(trace: Trace) -> str:
    """The graph for a screen reader: each tensor in the order backward() visits it."""
    order = [s.node for s in trace.steps] + [n.id for n in trace.nodes if n.kind == "constant"]
    lines = []
    for k, node_id in enumerate(order, start=1):
        node = trace.by_id(node_id)
        feeds = ", ".join(trace.by_id(e.dst).name for e in trace.uses(node.id)) or "nothing (the output)"
        gradient = "no gradient (a constant)" if node.kind == "constant" else grad_text(trace, node)
        lines.append(
            f"{k}. {node.name} ({node.op}): value {fmt_values(node.value)}, {gradient}; feeds {feeds}"
        )
    return "\n".join(f"{escape_markdown(line)}  " for line in lines)


def _toggle_text() -> None:
    queue_display("text", bool(st.session_state[KEY]))


def graph_text(view: View) -> None:
    """The graph's text alternative, written only while it is open (``&text=1``): a network's
    list is the largest text on the page, and the browser parsed it again on every move
    (8 % of the network's 3D view's main-thread work per move, three alternated pairs)."""
    box = st.expander(
        "The graph as text (backward order)",
        sync_widget(KEY, view.state.display.text),
        key=KEY,
        on_change=_toggle_text,
    )
    if box.open:
        box.markdown(graph_as_text(view.trace))
