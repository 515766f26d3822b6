"""Gradient Lens: see what PyTorch's backward() does, one scenario at a time.

Run with ``streamlit run app.py``. The URL holds the whole view; each page
starts with ``page_setup()``, which validates it and keeps it on every page.
"""

import gc
import sys
from functools import partial
from urllib.parse import quote

import streamlit as st

from viz.ui.warm import warm_browser

# The favicon, a red ∇, inline: a text icon made Streamlit look for a file of that name,
# and a Material icon is fetched from Google's font servers.
ICON = "data:image/svg+xml," + quote(
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><path d="M6 10h52L32 56z" '
    'fill="none" stroke="#d62728" stroke-width="7" stroke-linejoin="round"/></svg>'
)
page_config = partial(st.set_page_config, page_title="Gradient Lens", layout="wide")


def import_core(first: bool) -> None:
    """Import torch and the pages' modules (once per process; later runs find them loaded).
    The first import allocates ~200,000 objects that live as long as the process; with the
    collector on, Python walks them again and again while they load (0.2 s of ~1.4 s)."""
    if first:
        gc.disable()
    try:
        import viz.ui.startup  # noqa: F401  (registers the scenarios, then gc.freeze())
    finally:
        gc.enable()


if cold := "torch" not in sys.modules:
    # The icon comes after the first visit's import: any icon but an emoji or a Material name
    # makes Streamlit import numpy and PIL, which would hold back the notice below.
    page_config()
    warm = st.empty()
    with warm.container():
        warm_browser()
import_core(first=cold)
page_config(page_icon=ICON)  # one message a run, once warm
from viz.ui.frame import app_pages  # noqa: E402

if cold:
    warm.empty()
st.navigation(app_pages(), position="hidden").run()
