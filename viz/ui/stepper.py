"""Walk the backward pass one function at a time: controls and the chain-rule panel."""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from viz.derivatives import RULES
from viz.numbers import fmt_values
from viz.step_text import step_caption, step_lines, step_record
from viz.trace import Node, Step
from viz.ui.autoplay import play_button, player, timer
from viz.ui.url import queue, sync_widget
from viz.view import View

SLIDER_KEY = "backward_step"


def _go(step: int | None) -> None:
    queue("step", lambda s: replace(s, lesson=replace(s.lesson, step=step)))


def _from_slider() -> None:
    _go(int(st.session_state[SLIDER_KEY]))


def buttons(view: View, finished: bool = True, play: bool = False) -> None:
    """◀ previous, next ▶ (and back to the finished pass; and ▶ play, for presenter mode)."""
    n, step = len(view.full.steps), view.state.lesson.step
    at = n if step is None else min(step, n)
    row = st.container(key="step_buttons", horizontal=True, wrap=False)  # one row on a phone too
    row.button("◀ previous", on_click=_go, args=(max(at - 1, 0),), disabled=at == 0, width="stretch",
               key="step_prev", help="the backward step before this one")  # fmt: skip
    row.button("next ▶", on_click=_go, args=(min(at + 1, n),), disabled=at == n, width="stretch",
               key="step_next", help="run the next backward function")  # fmt: skip
    if finished:
        row.button("finished pass", on_click=_go, args=(None,), disabled=step is None, width="stretch",
                   key="step_done", help="all of backward() at once")  # fmt: skip
    if play:
        play_button(view, row)
        timer(view)


def controls(view: View) -> None:
    """Slider, previous / next, and back to the finished pass."""
    n = len(view.full.steps)
    if n == 0:
        st.caption("No backward() has run, so there is no step to walk.")
        return
    step = view.state.lesson.step
    at = sync_widget(SLIDER_KEY, n if step is None else min(step, n))
    st.slider(f"backward step (0 = forward only, {n} = done)", 0, n, at, key=SLIDER_KEY,
              on_change=_from_slider,
              help="The order is recorded from autograd's own hooks while backward() runs.")  # fmt: skip
    buttons(view)
    player(view)


def _record(view: View) -> tuple[Step, Node] | None:
    return step_record(view.full, view.state.lesson.step)


def step_summary(view: View) -> str:
    """The current step in one line, for presenter mode."""
    if view.state.lesson.step is None and view.full.steps:
        return "backward() has run: press ◀ to walk it back one function at a time."
    caption = step_caption(view.full, view.state.lesson.step)
    return caption + (" Press next ▶." if view.state.lesson.step == 0 else "")


def rule_latex(node: Node) -> str:
    if node.kind == "leaf":
        name = node.name.replace("_", r"\_")
        return rf"\texttt{{{name}.grad}} \mathrel{{+}}= g"
    return RULES[node.op].latex


def step_panel(view: View) -> None:
    """The current function: its local derivative and upstream × local = sent."""
    if view.state.lesson.step == 0:
        st.info("Step 0: the forward pass only. No gradient exists yet; press **next ▶**.")
        return
    found = _record(view)
    if found is None:
        return
    record, node = found
    st.markdown(f"**Step {view.state.lesson.step} of {len(view.full.steps)}: `{node.op}`**, "
                f"the function that made `{node.name}`")  # fmt: skip
    st.latex(rule_latex(node))
    saved = ", ".join(f"{k} = {fmt_values(v)}" for k, v in node.saved if not k.endswith("sym_sizes"))
    if saved:
        st.caption(f"autograd saved for this step: {saved}")
    st.markdown("  \n".join(f"`{line}`" for line in step_lines(view.full, record, node)))
