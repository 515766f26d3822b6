"""The notebook's two autograd surprises: .grad of a non-leaf is None without
retain_grad(), and gradients accumulate across backward() calls."""

from __future__ import annotations

import streamlit as st

from viz.lesson import MAX_OPS
from viz.numbers import fmt_values
from viz.torch_text import nonleaf_grad_warning
from viz.ui.lesson_state import lesson_switch, set_lesson
from viz.ui.text import indexed_table
from viz.view import View


def retain_grad_panel(view: View) -> None:
    state = view.state
    lesson_switch(st.toggle, "retain_grad() on intermediates", "retain_grad", state, key="retain_grad_toggle")
    if state.lesson.retain_grad:
        st.markdown(
            "Every intermediate tensor called `.retain_grad()`, so its `.grad` holds ∂output/∂tensor."
        )
        return
    st.markdown(
        "Without `retain_grad()`, a non-leaf tensor's `.grad` is **None**, and reading it makes torch say:"
    )
    st.warning(nonleaf_grad_warning(), icon=":material/warning:")
    st.markdown(
        "The gradients still **flow along the edges** of the graph (the red numbers): backward "
        "computes them either way; it only does not store them on non-leaf tensors."
    )


def _op_text(op: str, leaves: list[str]) -> str:
    return "backward()" if op == "b" else f"{leaves[0]}.grad.zero_()"


def accumulation_panel(view: View) -> None:
    state, trace = view.state, view.full
    ops, leaves = state.lesson.ops, [n.name for n in trace.leaves()]
    st.markdown(f"Calls so far: `{' → '.join(_op_text(op, leaves) for op in ops) or 'none'}`")
    full = len(ops) >= MAX_OPS
    row = st.container(horizontal=True)  # one row, wrapped on a phone
    row.button(
        "Call backward() again",
        disabled=full,
        width="stretch",
        on_click=set_lesson,
        kwargs={"ops": (*ops, "b")},
    )
    row.button(
        f"{leaves[0]}.grad.zero_()" + (" (all leaves)" if len(leaves) > 1 else ""),
        disabled=full,
        width="stretch",
        on_click=set_lesson,
        kwargs={"ops": (*ops, "z")},
    )
    row.button("reset to one backward()", width="stretch", on_click=set_lesson, kwargs={"ops": ("b",)})
    lesson_switch(
        st.checkbox,
        "backward(retain_graph=True)",
        "retain_graph",
        state,
        key="retain_graph_toggle",
        help="Without it, backward() frees the tensors the graph saved; a second call fails.",
    )
    rows = [
        {
            "call": _op_text(op, leaves),
            **{f"{n}.grad": fmt_values(g) if g is not None else "None" for n, g in grads},
        }
        for op, grads in trace.history
    ]
    if rows:
        indexed_table(rows, range(1, len(rows) + 1), "#")
    for note in trace.notes:
        st.error(note) if "raised" in note else st.info(note)
    st.caption(
        "Gradients add up across backward() calls until .grad.zero_(): this is why training loops "
        "call optimizer.zero_grad()."
    )
