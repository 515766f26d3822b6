"""Walk the backward pass one function at a time: controls and the chain-rule panel."""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from viz.derivatives import RULES, links
from viz.numbers import fmt_values
from viz.ui.url import queue, sync_widget
from viz.view import View

SLIDER_KEY = "backward_step"


def _go(step: int | None) -> None:
    queue("step", lambda s: replace(s, lesson=replace(s.lesson, step=step)))


def _from_slider() -> None:
    _go(int(st.session_state[SLIDER_KEY]))


def controls(view: View) -> None:
    """Slider, previous / next, and back to the finished pass."""
    state, full = view.state, view.full
    n = len(full.steps)
    if n == 0:
        st.caption("No backward() has run, so there is no step to walk.")
        return
    step = n if state.lesson.step is None else min(state.lesson.step, n)
    sync_widget(SLIDER_KEY, step)
    st.slider(
        f"backward step (0 = forward only, {n} = done)",
        0,
        n,
        key=SLIDER_KEY,
        on_change=_from_slider,
        help="The order is recorded from autograd's own hooks while backward() runs.",
    )
    prev_col, next_col, done_col = st.columns(3)
    prev_col.button("◀ previous", on_click=_go, args=(max(step - 1, 0),), disabled=step == 0, width="stretch")
    next_col.button("next ▶", on_click=_go, args=(min(step + 1, n),), disabled=step == n, width="stretch")
    done_col.button(
        "finished pass", on_click=_go, args=(None,), disabled=state.lesson.step is None, width="stretch"
    )


def step_panel(view: View) -> None:
    """The current function: its local derivative and upstream × local = sent."""
    state, full = view.state, view.full
    step = state.lesson.step
    if step is None or not full.steps:
        return
    if step == 0:
        st.info("Step 0: the forward pass only. No gradient exists yet; press **next ▶**.")
        return
    record = full.steps[min(step, len(full.steps)) - 1]
    node = full.by_id(record.node)
    st.markdown(f"**Step {step} of {len(full.steps)}: `{node.op}`**, the function that made `{node.name}`")
    st.latex(RULES[node.op].latex)
    saved = ", ".join(f"{k} = {fmt_values(v)}" for k, v in node.saved if not k.endswith("sym_sizes"))
    if saved:
        st.caption(f"autograd saved for this step: {saved}")
    upstream = fmt_values(record.upstream)
    if node.kind == "leaf":
        before = {k: g for k, g, _ in full.grad_before}.get(node.id)
        start = fmt_values(before) if before is not None else "None (first backward: set, not added)"
        st.markdown(
            f"`{node.name}.grad` before: {start}  \nincoming gradient: {upstream}  \n"
            f"`{node.name}.grad` after: **{fmt_values(node.grad or ())}**"
        )
        return
    st.markdown(f"upstream gradient ∂{full.output}/∂`{node.name}` = {upstream}")
    for link, (_, _, sent) in zip(links(node, record.upstream), record.sent, strict=False):
        target = full.by_id(link.to)
        st.markdown(
            f"→ to `{target.name}`: {fmt_values(link.upstream)} × {fmt_values(link.local)} "
            f"= **{fmt_values(sent)}**"
        )
