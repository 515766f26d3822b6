"""Slide-quality downloads of the graph and the plot, rendered only when clicked.

They sit in one expander whose content runs only while it is open (``&downloads=1``):
six download buttons on every slider move cost the server ~10 % of its time.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from viz.export import (
    DOT_MISSING,
    GRAPH_FORMATS,
    PLOT_FORMATS,
    file_name,
    find_dot,
    plot_export_problem,
    render_graph,
    render_plot,
)
from viz.graph_dot import to_dot
from viz.state import ViewState, to_query
from viz.trace import Trace
from viz.ui.url import queue_display, sync_widget

MIME = {"svg": "image/svg+xml", "png": "image/png", "pdf": "application/pdf"}


def export_name(state: ViewState, kind: str, ext: str) -> str:
    return file_name(to_query(state), [i.name for i in state.spec.inputs], kind, state.display.theme, ext,
                     state.lesson.step)  # fmt: skip


def _buttons(state: ViewState, kind: str, formats: tuple[str, ...], render: Callable[[str], bytes]) -> None:
    for col, ext in zip(st.columns(len(formats)), formats, strict=True):
        col.download_button(
            f"{ext.upper()}", data=lambda e=ext: render(e), file_name=export_name(state, kind, ext),
            mime=MIME[ext], on_click="ignore", width="stretch", key=f"download_{kind}_{ext}",
            help=f"{export_name(state, kind, ext)}" + (" (2400 px wide)" if ext == "png" else ""),
        )  # fmt: skip


def _graph(state: ViewState, trace: Trace) -> None:
    if find_dot() is None:
        st.caption(DOT_MISSING)
        return
    dot_text = to_dot(trace, state.display.theme, legend=True)
    st.caption("The graph:")
    _buttons(state, "graph", GRAPH_FORMATS, lambda ext: render_graph(dot_text, ext))


def _plot(state: ViewState, fig: dict) -> None:
    problem = plot_export_problem()
    if problem:
        st.caption(problem)
        return
    st.caption("The plot (or the camera icon on the plot, for an SVG from your browser):")
    _buttons(state, state.plot, PLOT_FORMATS, lambda ext: render_plot(fig, ext))


KEY = "downloads_open"


def _toggle() -> None:
    queue_display("downloads", bool(st.session_state[KEY]))


def downloads(state: ViewState, trace: Trace, fig: dict) -> None:
    """The graph and the plot as SVG, PNG and PDF, named after the view."""
    sync_widget(KEY, state.display.downloads)
    box = st.expander("Download figures for slides", key=KEY, on_change=_toggle, icon=":material/download:")
    if box.open:
        with box:
            left, right = st.columns(2, gap="medium")
            with left:
                _graph(state, trace)
            with right:
                _plot(state, fig)
