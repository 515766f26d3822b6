"""The lesson panels below the graph, picked like tabs. Only the chosen panel
runs: the others cost nothing on a slider move. The choice is part of the link
(``&tab=``).

A segmented control picks the panel rather than ``st.tabs``: a stateful tab
strip cost the browser ~40 ms more on every rerun (measured in Chromium).
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from viz.display_options import TABS
from viz.ui import lab, panels
from viz.ui.code_panel import code_panel
from viz.ui.cut_panel import cut_panel
from viz.ui.descent_panel import descent_panel
from viz.ui.inplace_panel import errors, inplace_panel
from viz.ui.jacobian_panel import jacobian_panel
from viz.ui.network_panel import network_panel
from viz.ui.second_panel import second_panel
from viz.ui.three_ways_panel import three_ways_panel
from viz.ui.url import queue_display, sync_widget
from viz.view import View

KEY = "lesson_tab"
LABELS = {label: name for name, label in TABS.items()}


def _tensors(view: View) -> None:
    panels.element_table(view.trace)
    panels.tensor_table(view.trace)


def _sharp_edges(view: View) -> None:
    """Freeze a leaf, cut the graph, change a tensor in place: autograd's sharp edges."""
    cut_panel(view)
    inplace_panel(view)
    errors(view)


PANELS: dict[str, Callable[[View], None]] = {
    "tensors": _tensors,
    "three_ways": three_ways_panel,
    "non_leaf": lab.retain_grad_panel,
    "accumulation": lab.accumulation_panel,
    "edges": _sharp_edges,
    "second": second_panel,
    "jacobian": jacobian_panel,
    "network": network_panel,
    "descent": descent_panel,
    "code": code_panel,
}


def _set_tab() -> None:
    name = LABELS.get(st.session_state[KEY])
    if name:
        queue_display("tab", name)


def lesson_tabs(view: View) -> None:
    """Draw the lesson picker and run the chosen lesson's panel only."""
    st.segmented_control(
        "lesson",
        list(TABS.values()),
        default=sync_widget(KEY, TABS[view.state.display.tab]),
        key=KEY,
        on_change=_set_tab,
        label_visibility="collapsed",
    )
    PANELS[view.state.display.tab](view)
