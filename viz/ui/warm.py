"""The first visit after the server starts: what the browser can load while torch imports.

Several students often open the link at once right after the server starts, so several
sessions run this at the same time, while one of them imports numpy (for torch or plotly).
plotly checks arrays against ``sys.modules["numpy"]`` without importing it, and a module
still being imported is already there, half built: that check raised ``AttributeError:
partially initialized module 'numpy' has no attribute 'ndarray'`` and the student saw an
error page (13 and 17 of 30 first visits, in 2 of 89 cold starts of the load benchmark).
``import numpy`` waits for an import in progress, so the plot is drawn only after it.
"""

from __future__ import annotations

import time

import streamlit as st


def warm_figure() -> dict:
    """A small figure built like the page's (lines, an arrow marker, legend, titles): its draw
    compiles the plotly.js code the real figure uses while the server is still importing."""
    traces = [
        {"type": "scatter", "x": [0, 1], "y": [0, 1], "mode": "lines", "name": "y"},
        {"type": "scatter", "x": [0, 1], "y": [1, 0], "mode": "lines", "line": {"dash": "dash"}},
        {"type": "scatter", "x": [0, 1], "y": [0, 1], "mode": "lines+markers", "name": "g",
         "marker": {"symbol": ["circle", "arrow"], "size": [1, 9], "angleref": "previous"}},
    ]  # fmt: skip
    axis = {"title": {"text": "x"}, "range": [0, 1]}
    layout = {"height": 120, "title": {"text": "∇"}, "legend": {"orientation": "h"}}
    layout |= {"xaxis": axis, "yaxis": axis}
    return {"data": traces, "layout": layout}


def warm_browser() -> None:
    """Before the ~1.3 s torch import, draw one throwaway element of each heavy kind, so the
    browser fetches and compiles plotly.js (4.7 MB), Graphviz and KaTeX meanwhile instead
    of after the page arrives. The caller clears them once the import is done."""
    st.markdown("### ∇ Gradient Lens")
    st.caption("First visit since the server started: loading PyTorch, a few seconds…")
    st.metric("PyTorch", "loading…")
    st.latex(r"\nabla")
    st.graphviz_chart("digraph { }", height=1)
    import numpy  # noqa: F401  (waits for another session's import of it: see above)

    st.plotly_chart(warm_figure(), config={"displaylogo": False})
    time.sleep(0.05)  # the import holds the GIL: let the server send these first
