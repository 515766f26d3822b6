"""The lesson panels below the graph, picked like tabs. Only the chosen panel
runs: the others cost nothing on a slider move. The choice is part of the link
(``&tab=``).

A segmented control picks the panel rather than ``st.tabs``: a stateful tab
strip cost the browser ~40 ms more on every rerun (measured in Chromium).
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from viz.display import TABS
from viz.state import ViewState
from viz.trace import Trace
from viz.ui import lab, panels
from viz.ui.url import queue_display, sync_widget

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
        queue_display("tab", name)


def lesson_tabs(state: ViewState, trace: Trace, full: Trace) -> None:
    """Draw the lesson picker and run the chosen lesson's panel only."""
    sync_widget(KEY, TABS[state.display.tab])
    labels = list(TABS.values())
    st.segmented_control("lesson", labels, key=KEY, on_change=_set_tab, label_visibility="collapsed")
    PANELS[state.display.tab](state, trace, full)
