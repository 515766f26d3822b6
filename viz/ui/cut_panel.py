"""Cut the graph: use a tensor through ``.detach()``, or compute it under ``torch.no_grad()``,
and see which leaves lose their gradient, and why."""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from viz.cut import KEYS, Cut, cuttable
from viz.frozen import explain
from viz.numbers import fmt_values
from viz.scenario import get
from viz.state import normalise
from viz.ui.lesson_state import set_lesson
from viz.ui.text import plain_text, table
from viz.ui.url import queue, sync_option, sync_widget
from viz.view import View

NO_CUT = "(no cut)"
HOW_LABELS = {"detach": "NAME.detach()", "no_grad": "with torch.no_grad()"}


def _set_cut() -> None:
    name, how = st.session_state["cut_name"], st.session_state["cut_how"]
    set_lesson(cut=None if name == NO_CUT else Cut(how, name))


def cut_panel(view: View) -> None:
    frozen_panel(view)
    state, trace = view.state, view.full
    cut = state.lesson.cut
    names = cuttable(state.scenario, state.values)
    options = [NO_CUT, *names]
    name = sync_option("cut_name", options, cut.name if cut and cut.name in names else NO_CUT)
    how = sync_option("cut_how", KEYS, cut.how if cut else "detach")
    left, right = st.columns(2)
    left.selectbox("Cut at the tensor", options, name, key="cut_name", on_change=_set_cut)
    right.radio(
        "How",
        KEYS,
        how,
        key="cut_how",
        format_func=HOW_LABELS.get,
        horizontal=True,
        on_change=_set_cut,
    )
    if cut is None or cut.name not in names:  # (a freeze can leave the named tensor nothing to cut)
        st.markdown(
            "Pick a tensor: the rest of the forward pass then uses it through `.detach()` (or it is "
            "computed under `torch.no_grad()`). To autograd it becomes a **constant**, and `backward()` "
            "cannot pass through it: leaves that reached the output only through it keep `.grad` None. "
            "This is how a target network, a frozen feature extractor or an evaluation loop stops gradients."
        )
        return
    st.markdown(plain_text(trace.cut_note))  # tensor names come from the expression
    rows = [
        [
            n.name,
            "None" if n.grad is None else fmt_values(n.grad),
            "cut off" if n.grad is None else "reached",
        ]
        for n in trace.leaves()
    ]
    table(["leaf", ".grad", "backward from the output"], rows)
    st.caption(
        f"In the graph, the dotted edge ending in a bar is the cut; {plain_text(trace.cut)} is drawn as a "
        "constant, and the boxes before it are out of the output's reach (their gradient is None)."
    )


def _set_frozen() -> None:
    """Freeze what is chosen; the plotted coordinates follow (a frozen input is not one)."""
    frozen = tuple(FROZEN_NAMES.get(label, label) for label in st.session_state["frozen_leaves"])
    queue("lesson", lambda s: normalise(replace(s, lesson=replace(s.lesson, frozen=frozen))))


FROZEN_NAMES: dict[str, str] = {}  # a leaf's label on the page → its link name, for _set_frozen


def frozen_panel(view: View) -> None:
    state = view.state
    original = get(state.scenario_id)
    leaves = [inp for inp in original.inputs_for(state.values) if inp.differentiable]
    FROZEN_NAMES.update({inp.label: inp.name for inp in leaves})
    if len(leaves) < 2:
        st.caption("Freezing needs two leaves that require grad: one frozen, one still trained.")
        return
    chosen = [inp.label for inp in leaves if inp.name in state.lesson.frozen]
    st.multiselect(
        "Freeze (requires_grad=False)",
        [inp.label for inp in leaves],
        sync_widget("frozen_leaves", chosen),
        key="frozen_leaves",
        on_change=_set_frozen,
        max_selections=len(leaves) - 1,  # at least one leaf still requires grad
    )
    if chosen:
        trained = [n.name for n in view.full.leaves()]
        st.markdown(plain_text(explain(chosen, trained)))
