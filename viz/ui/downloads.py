"""Slide-quality downloads of the graph and the plot, rendered only when clicked.

They sit in one expander whose content runs only while it is open (``&downloads=1``):
six download buttons on every slider move cost the server ~10 % of its time.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

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
from viz.export.media import EXTENSIONS, MEDIA_FORMATS, media_name, render_media
from viz.graph_dot import to_dot
from viz.graph_style import GraphStyle
from viz.ui.url import queue_display, sync_widget
from viz.view import View

PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
MIME = {"svg": "image/svg+xml", "png": "image/png", "pdf": "application/pdf", "gif": "image/gif",
        "mp4": "video/mp4", "pptx": PPTX}  # fmt: skip
MEDIA_LABELS = {"gif": "GIF", "mp4": "MP4", "pptx": "PowerPoint", "handout": "PDF handout"}
KEY = "downloads_open"


def _buttons(view: View, kind: str, formats: tuple[str, ...], render: Callable[[str], bytes]) -> None:
    for col, ext in zip(st.columns(len(formats)), formats, strict=True):
        name = file_name(view.state, kind, ext)
        col.download_button(
            f"{ext.upper()}",
            data=partial(render, ext),
            file_name=name,
            mime=MIME[ext],
            on_click="ignore",
            width="stretch",
            key=f"download_{kind}_{ext}",
            help=name + (" (2400 px wide)" if ext == "png" else ""),
        )


def _graph(view: View) -> None:
    if find_dot() is None:
        st.caption(DOT_MISSING)
        return
    st.caption("The graph:")
    left, right = st.columns(2)
    legend = left.toggle("legend", value=True, key="download_legend", help="the node kinds, beside the graph")
    landscape = right.toggle(
        "landscape", key="download_landscape", help="laid out left to right (wide slides)"
    )
    display = view.state.display
    style = GraphStyle(theme=display.theme, legend=legend, landscape=landscape, saved=display.saved)
    _buttons(view, style.file_kind, GRAPH_FORMATS, lambda ext: render_graph(to_dot(view.trace, style), ext))


def _plot(view: View) -> None:
    problem = plot_export_problem()
    if problem:
        st.caption(problem)
        return
    st.caption("The plot (or the camera icon on the plot, for an SVG from your browser):")
    _buttons(view, view.state.plot, PLOT_FORMATS, lambda ext: render_plot(view.figure, ext))


def _media(view: View) -> None:
    """The backward pass (or, with descent on, its path) animated, as a deck and as a handout."""
    if find_dot() is None or plot_export_problem():
        return
    what = (
        "the descent, step by step"
        if view.state.lesson.gd
        else "the backward pass, one step per frame or slide"
    )
    st.caption(f"For class: {what} (rendered when clicked: a few seconds).")
    for col, fmt in zip(st.columns(len(MEDIA_FORMATS)), MEDIA_FORMATS, strict=True):
        name = media_name(view, fmt)
        col.download_button(
            MEDIA_LABELS[fmt],
            data=partial(render_media, view, fmt),
            file_name=name,
            mime=MIME[EXTENSIONS[fmt]],
            on_click="ignore",
            width="stretch",
            key=f"download_media_{fmt}",
            help=name,
        )


def _toggle() -> None:
    queue_display("downloads", bool(st.session_state[KEY]))


def downloads(view: View) -> None:
    """The graph and the plot as SVG, PNG and PDF, named after the view."""
    box = st.expander(
        "Download figures for slides",
        sync_widget(KEY, view.state.display.downloads),
        key=KEY,
        on_change=_toggle,
        icon=":material/download:",
    )
    if box.open:
        with box:
            left, right = st.columns(2, gap="medium")
            with left:
                _graph(view)
            with right:
                _plot(view)
            _media(view)
