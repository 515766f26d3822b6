"""The PyTorch code of the current view, to copy or download as .py or .ipynb."""

from __future__ import annotations

import streamlit as st

from viz.codegen import to_ipynb, to_py
from viz.export import file_name
from viz.ui.cache import cached_code
from viz.view import View


def code_panel(view: View) -> None:
    cells = cached_code(view.state)
    source = to_py(cells)
    left, right = st.columns(2)
    left.download_button(
        "Download .py",
        source,
        file_name=file_name(view.state, "code", "py"),
        mime="text/x-python",
        width="stretch",
    )
    right.download_button(
        "Download .ipynb",
        to_ipynb(cells),
        file_name=file_name(view.state, "code", "ipynb"),
        mime="application/x-ipynb+json",
        width="stretch",
    )
    st.code(source, language="python")
