"""Slide-quality downloads of the graph and the plot, rendered only when clicked."""

from __future__ import annotations

from collections.abc import Callable

import plotly.graph_objects as go
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


def graph_downloads(state: ViewState, trace: Trace) -> None:
    if find_dot() is None:
        st.caption(DOT_MISSING)
        return
    dot_text = to_dot(trace, state.display.theme, legend=True)
    st.caption("Download the graph for slides:")
    _buttons(state, "graph", GRAPH_FORMATS, lambda ext: render_graph(dot_text, ext))


def plot_downloads(state: ViewState, fig: go.Figure) -> None:
    problem = plot_export_problem()
    if problem:
        st.caption(problem)
        return
    st.caption("Download the plot for slides (or use the camera icon for an SVG from your browser):")
    _buttons(state, state.plot, PLOT_FORMATS, lambda ext: render_plot(fig, ext))
