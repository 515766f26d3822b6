"""Gradient Lens: see what PyTorch's backward() does, one scenario at a time.

Run with ``streamlit run app.py``. The URL holds the whole view; each page
starts with ``page_setup()``, which validates it and keeps it on every page.
"""

import sys
import time
from urllib.parse import quote

import streamlit as st

# The favicon, a red ∇, inline: a text icon made Streamlit look for a file of that name,
# and a Material icon is fetched from Google's font servers.
ICON = "data:image/svg+xml," + quote(
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><path d="M6 10h52L32 56z" '
    'fill="none" stroke="#d62728" stroke-width="7" stroke-linejoin="round"/></svg>'
)
st.set_page_config(page_title="Gradient Lens", page_icon=ICON, layout="wide")


def warm_browser() -> None:
    """First visit after the server starts, before its ~1.3 s torch import (``import viz``
    loads torch, so this lives here): draw one throwaway element of each heavy kind, so
    the browser fetches and compiles plotly.js (4.7 MB), Graphviz and KaTeX meanwhile
    instead of after the page arrives. The caller clears them once the import is done."""
    st.markdown("### ∇ Gradient Lens")
    st.caption("First visit since the server started: loading PyTorch, a few seconds…")
    st.metric("PyTorch", "loading…")
    st.latex(r"\nabla")
    st.graphviz_chart("digraph { }", height=1)
    hidden = {"visible": False}
    layout = {"height": 30, "margin": {"l": 0, "r": 0, "t": 0, "b": 0}, "xaxis": hidden, "yaxis": hidden}
    st.plotly_chart({"data": [{"type": "scatter", "x": [0], "y": [0], "mode": "lines"}], "layout": layout})
    time.sleep(0.05)  # the import holds the GIL: let the server send these first


if cold := "torch" not in sys.modules:
    warm = st.empty()
    with warm.container():
        warm_browser()
import viz.ui.startup  # noqa: E402, F401  (registers the scenarios; imports once, then gc.freeze())
from viz.ui.frame import PAGE_FILES  # noqa: E402

if cold:
    warm.empty()
pages = [
    st.Page(path, title=title, icon=icon, default=(i == 0), url_path=None if i == 0 else "guide")
    for i, (path, title, icon) in enumerate(PAGE_FILES)
]
st.navigation(pages, position="hidden").run()
