"""Presenter mode (``&present=1``): the graph and the plot side by side, large,
with nothing else on screen, and one click back to the full view."""

from __future__ import annotations

import streamlit as st

from viz.state import ViewState
from viz.ui.url import queue_display

# Fixed CSS, no user text: hide the sidebar, the header and Streamlit's chrome.
HIDE_CHROME = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"],
[data-testid="stToolbar"], [data-testid="stDecoration"] { display: none !important; }
[data-testid="stMainBlockContainer"] { padding: 0.5rem 1.5rem 0 1.5rem; max-width: 100%; }
</style>
"""
GRAPH_FONT = 18
GRAPH_HEIGHT = 920  # px: a 1920x1080 projector less the title row
PLOT_HEIGHT = 760


def _leave() -> None:
    queue_display("present", False, priority=10)


def chrome(state: ViewState) -> None:
    st.markdown(HIDE_CHROME, unsafe_allow_html=True)
    top = st.columns([6, 1])
    top[0].subheader(state.spec.title)
    top[1].button("exit presenter mode", on_click=_leave, width="stretch", key="leave_present")
