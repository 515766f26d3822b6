"""What every page does first: validate the URL, apply queued widget changes,
write the canonical query back, show notices, and link the pages with the query."""

from __future__ import annotations

import streamlit as st

from viz.state import ViewState, to_query
from viz.ui.url import publish, read_state

PAGE_FILES = (
    ("pages/explore.py", "Explore", ":material/insights:"),
    ("pages/guide.py", "How to read it", ":material/menu_book:"),
)


def page_setup() -> ViewState:
    """Run once at the top of each page; returns the state the page shows."""
    state, notices = read_state()
    publish(state)
    with st.sidebar:
        st.markdown("### ∇ Gradient Lens")
        for path, label, icon in PAGE_FILES:
            st.page_link(path, label=label, icon=icon, query_params=to_query(state))
        st.divider()
    for notice in notices:
        st.warning(f"**{notice.param}**: {notice.message}", icon=":material/warning:")
    return state
