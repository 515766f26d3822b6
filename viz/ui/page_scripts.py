"""The page's own scripts, sent once per session.

Each script acts for the life of the page: it patches a prototype or watches the page, and
is guarded to act once. Sent with every run, they were three ``st.html`` elements and 4.1 kB of
a slider move's 26.7 kB, encoded, sent and parsed for nothing. Sent on a session's first
run, they act once; the element leaves the page on the next run, the scripts' work stays. A
reloaded tab is a new session and gets them again.
"""

from __future__ import annotations

import streamlit as st

from viz.ui.graph_speed import GRAPH_JS
from viz.ui.layout import PAGE_JS
from viz.ui.phone_graph import PHONE_GRAPH_JS

SENT = "lens_scripts_sent"


def _body(script: str) -> str:
    return script.strip().removeprefix("<script>").removesuffix("</script>")


SCRIPT = "<script>" + "\n".join(_body(s) for s in (GRAPH_JS, PHONE_GRAPH_JS, PAGE_JS)) + "</script>"


def page_scripts() -> None:
    """The scripts, on this session's first run only."""
    if st.session_state.get(SENT):
        return
    st.html(SCRIPT, unsafe_allow_javascript=True)
    st.session_state[SENT] = True
