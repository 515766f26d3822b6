"""Change a tensor in place after the forward pass, then call backward(): torch's version check."""

from __future__ import annotations

import streamlit as st

from viz.graph_labels import saved_lines
from viz.inplace import CHANGE, inplace_names
from viz.ui.lesson_state import set_lesson
from viz.ui.text import plain_text, table
from viz.ui.url import queue_display, sync_option, sync_widget
from viz.view import View

UNCHANGED = "(nothing)"


def _set_inplace() -> None:
    name = st.session_state["inplace_name"]
    set_lesson(inplace=None if name == UNCHANGED else name)


def saved_panel(view: View) -> None:
    """torch's _saved_* attributes of every backward function, on the graph and in a table."""
    st.toggle(
        "Show what each backward function saved (torch's _saved_* attributes)",
        sync_widget("saved_toggle", view.state.display.saved),
        key="saved_toggle",
        on_change=lambda: queue_display("saved", bool(st.session_state["saved_toggle"])),
    )
    if not view.state.display.saved:
        return
    rows = [[node.op, line.removeprefix("saved ")] for node in view.full.nodes for line in saved_lines(node)]
    if rows:
        table(["backward function", "saved: name [shape] = value · version"], rows)
    st.caption(
        "A backward function keeps only what its derivative needs (PowBackward0 keeps x and the "
        "exponent, not y). The version counter goes up with every in-place change; backward() checks it."
    )


def inplace_panel(view: View) -> None:
    saved_panel(view)
    state, trace = view.state, view.full
    names = inplace_names(state.scenario, state.values)
    chosen = state.lesson.inplace if state.lesson.inplace in names else None
    options = [UNCHANGED, *names]
    st.selectbox(
        f"After the forward pass, change in place (NAME.{CHANGE}), then call backward()",
        options,
        sync_option("inplace_name", options, chosen or UNCHANGED),
        key="inplace_name",
        on_change=_set_inplace,
    )
    if chosen is None:
        st.caption(
            "Each backward function saves the tensors its derivative needs, and checks their version "
            "counter when backward() reaches it. Pick a tensor to see which functions saved it."
        )
        return
    st.markdown(plain_text(trace.inplace_note))
    if trace.marks:
        st.caption(
            "In the graph, the functions that saved it are outlined in red, with the version they expect."
        )


def errors(view: View) -> None:
    """torch's own errors from this view's backward() calls, as torch wrote them."""
    for note in view.full.notes:
        st.error(plain_text(note), icon=":material/error:")
