"""Presenter mode (``&present=1``): the graph and the plot side by side, large,
with nothing else on screen, and one click back to the full view."""

from __future__ import annotations

import streamlit as st

from viz.ui.chart import plotly_spec_chart
from viz.ui.panels import plot_config
from viz.ui.url import queue_display
from viz.view import View

# Fixed CSS, no user text: hide the sidebar, the header and Streamlit's chrome.
HIDE_CHROME = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"],
[data-testid="stToolbar"], [data-testid="stDecoration"] { display: none !important; }
[data-testid="stMainBlockContainer"] { padding: 0.5rem 1.5rem 0 1.5rem; max-width: 100%; }
</style>
"""
GRAPH_HEIGHT = 920  # px: a 1920x1080 projector less the title row
PLOT_HEIGHT = 760


def _leave() -> None:
    queue_display("present", False, priority=10)


def render(view: View) -> None:
    st.markdown(HIDE_CHROME, unsafe_allow_html=True)
    top = st.columns([6, 1])
    top[0].subheader(view.state.scenario.title)
    top[1].button("exit presenter mode", on_click=_leave, width="stretch", key="leave_present")
    left, right = st.columns([1.2, 1], gap="large")
    with left:
        st.graphviz_chart(view.dot, height=GRAPH_HEIGHT)
    with right:
        figure = view.figure | {"layout": view.figure["layout"] | {"height": PLOT_HEIGHT}}
        plotly_spec_chart(figure, plot_config(view), key=f"plot_{view.state.plot}")
