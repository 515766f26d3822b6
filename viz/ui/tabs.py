"""The lesson tabs below the graph. Only the open tab runs: the others cost
nothing on a slider move. The open tab is part of the link (``&tab=``)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import streamlit as st

from viz.display import TABS
from viz.state import ViewState
from viz.trace import Trace
from viz.ui import lab, panels
from viz.ui.url import queue, sync_widget

KEY = "lesson_tab"
LABELS = {label: name for name, label in TABS.items()}


def _tensors(state: ViewState, trace: Trace, full: Trace) -> None:
    if any(i.kind == "vector" for i in state.spec.inputs):
        panels.element_table(trace)
    panels.tensor_table(trace)


PANELS: dict[str, Callable[[ViewState, Trace, Trace], None]] = {
    "tensors": _tensors,
    "three_ways": lambda state, trace, full: lab.three_way_panel(state, trace),
    "non_leaf": lambda state, trace, full: lab.retain_grad_panel(state, trace),
    "accumulation": lambda state, trace, full: lab.accumulation_panel(state, full),
    "descent": lambda state, trace, full: lab.descent_panel(state, full),
    "code": lambda state, trace, full: lab.code_panel(state),
}


def _set_tab() -> None:
    name = LABELS.get(st.session_state[KEY])
    if name:
        queue("display:tab", lambda s: replace(s, display=replace(s.display, tab=name)))


def lesson_tabs(state: ViewState, trace: Trace, full: Trace) -> None:
    """Draw the tab strip and run the open tab's panel only."""
    sync_widget(KEY, TABS[state.display.tab])
    tabs = st.tabs(list(TABS.values()), key=KEY, on_change=_set_tab)
    for name, tab in zip(TABS, tabs, strict=True):
        if tab.open:
            with tab:
                PANELS[name](state, trace, full)
