"""The page's own scripts, one static file that each page runs once.

Each script acts for the life of the page: it patches a prototype or watches the page, and
is guarded to act once. Sent inline with every run, they were three ``st.html`` elements and
4.1 kB of a slider move's 26.7 kB, encoded, sent and parsed for nothing. Each run now sends one
``<script src>`` tag of 65 characters: the browser runs the file when the tag first appears, and
the tag, the same from run to run, is not run again. Sending the tag on a session's first
run only is not enough: Streamlit loads ``st.html``'s code on first use, and a run that
follows at once (a phone reports its size) can remove the tag before it ran.
"""

from __future__ import annotations

import functools
from pathlib import Path

import streamlit as st

from viz.ui.graph_speed import GRAPH_JS
from viz.ui.layout import PAGE_JS
from viz.ui.phone_graph import PHONE_GRAPH_JS
from viz.ui.static_files import address, ensure_text

SCRIPT = "".join((GRAPH_JS, PHONE_GRAPH_JS, PAGE_JS))


@functools.cache
def page_js() -> Path:
    """The file, written once per process."""
    return ensure_text("lens-page", SCRIPT)


def tag() -> str:
    return f'<script src="{address(page_js())}"></script>'


def page_scripts() -> None:
    st.html(tag(), unsafe_allow_javascript=True)
