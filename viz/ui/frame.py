"""What every page does first: validate the URL, apply queued widget changes,
assemble the view, write the canonical query back, show notices, and link the
pages with the query."""

from __future__ import annotations

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from viz.custom_symbolic import CLIENT
from viz.notice import Notice
from viz.state import ViewState, to_query
from viz.ui.cache import current_view
from viz.ui.layout import stylesheet
from viz.ui.page_scripts import page_scripts
from viz.ui.reconnect import rerun_after_reconnect
from viz.ui.text import plain_text
from viz.ui.url import publish, read_state
from viz.ui.viewport import on_phone, report_viewport
from viz.view import Refused, View

PAGE_FILES = (
    ("app_pages/explore.py", "Explore", ":material/insights:"),
    ("app_pages/guide.py", "How to read it", ":material/menu_book:"),
)
PAGES_KEY = "lens_pages"


def app_pages() -> list:
    """This session's pages, made on its first run. A page made from a path, and a page link
    given a path, resolve it on the disk each time: ~10 % of a rerun's CPU under load.
    Sessions never share them: ``st.navigation`` marks on the page object the one it runs."""
    if PAGES_KEY not in st.session_state:
        st.session_state[PAGES_KEY] = [
            st.Page(path, title=title, icon=icon, default=(i == 0), url_path=None if i == 0 else "guide")
            for i, (path, title, icon) in enumerate(PAGE_FILES)
        ]
    return st.session_state[PAGES_KEY]


def _frame(state: ViewState, notices: list[Notice]) -> None:
    publish(state)
    rerun_after_reconnect()
    with st.sidebar:
        st.markdown(
            stylesheet(state.display.present, state.display.theme) + "\n\n### ∇ Gradient Lens",
            unsafe_allow_html=True,
        )
        with st.container(key="lens_scripts"):  # hidden by BASE_CSS: no gap in the sidebar
            report_viewport(state.display.present)
            page_scripts()
        for page in app_pages():
            st.page_link(page, query_params=to_query(state))
        st.divider()
    for notice in notices:  # link text, shown as plain text only
        st.warning(plain_text(notice.text), icon=":material/warning:")


def page_setup() -> ViewState:
    """A page that shows no view (the guide): the link's state, kept for the way back."""
    state, notices = read_state()
    _frame(state, notices)
    return state


def view_setup() -> View | Refused:
    """The view the link asks for, assembled once for this run."""
    ctx = get_script_run_ctx()
    CLIENT.set(ctx.session_id if ctx else "")  # symbolic work is queued per student
    state, notices = read_state()
    view = current_view(state, state.display.present and on_phone())
    if isinstance(view, View):
        notices += view.notices
    _frame(view.state, notices)
    return view
