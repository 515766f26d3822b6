"""Gradient Lens: see what PyTorch's backward() does, one scenario at a time.

Run with ``streamlit run app.py``. The URL holds the whole view; each page
starts with ``page_setup()``, which validates it and keeps it on every page.
"""

import streamlit as st

import viz.ui.startup  # noqa: F401  (registers the scenarios; imports once, then gc.freeze())
from viz.ui.frame import PAGE_FILES

st.set_page_config(page_title="Gradient Lens", page_icon="∇", layout="wide")

pages = [
    st.Page(path, title=title, icon=icon, default=(i == 0), url_path=None if i == 0 else "guide")
    for i, (path, title, icon) in enumerate(PAGE_FILES)
]
st.navigation(pages, position="hidden").run()
