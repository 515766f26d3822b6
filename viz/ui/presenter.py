"""Presenter mode (``&present=1``): what an instructor projects. One row of controls
(the inputs' sliders, ◀ / ▶ through backward, the way back), the graph and the plot
side by side filling the screen (or one of them alone, ``&show=graph|plot``: a projector's
1024 px are too few for both in large type), and the current step's chain rule in one line.
It fits the window without scrolling, from a 1024×768 projector to an embedded frame: in a window
too short for the QR code under the plot, the code is in the "show" menu."""

from __future__ import annotations

import streamlit as st

from viz.display_options import SHOWS
from viz.kinds import Scalar
from viz.quiz import questions
from viz.second import summary
from viz.state import ViewState
from viz.ui import stepper
from viz.ui.chart import view_chart
from viz.ui.inputs import compact_slider
from viz.ui.layout import CHROME_PX, PHONE_BELOW_PX, SIDES_PX
from viz.ui.panels import graph_alt, plot_config
from viz.ui.qr import QR_BLOCK_PX, qr_code
from viz.ui.text import escape_markdown
from viz.ui.url import queue_display, sync_widget
from viz.ui.viewport import viewport
from viz.view import View

MAX_SLIDERS = 3
GAP_PX = 16  # the gap between the graph and the plot
QR_SIDE = 0.2  # plot only: the QR code's column beside the plot
QR_PLOT_PX = 360  # the least plot height that leaves room for the QR code under it (measured: 354 scrolled)


def _leave() -> None:
    queue_display("present", False, priority=10)


def _show() -> None:
    if show := st.session_state["present_show"]:  # a click on the chosen one keeps it
        queue_display("show", show)


def _show_picker(state: ViewState, qr: bool) -> None:
    """In a popover: on a 1024 px projector the bar has no room for three more buttons. With
    ``qr`` the QR code is in it too (a short window has no room for it under the plot)."""
    about = "graph and plot side by side, or one on the whole screen"
    about += "; the QR code for phones" if qr else ""
    with st.popover("show", width="stretch", help=about):
        st.segmented_control(
            "on screen", SHOWS, default=sync_widget("present_show", state.display.show), key="present_show",
            on_change=_show,
        )  # fmt: skip
        if qr:
            qr_code(state, stacked=True)


def _plot_width(width: int, parts: float) -> float:
    """The plot column's width: 1 of ``parts`` of the row, or the whole row on a phone, whose
    columns stack."""
    return width - SIDES_PX if width < PHONE_BELOW_PX else (width - SIDES_PX - GAP_PX) / parts


def _plot(view: View, height_px: int, width_px: float, phone: bool) -> None:
    view_chart(view.state, view.figure, plot_config(view), width_px, max(280, height_px), phone)


def render(view: View) -> None:
    width, height = viewport()
    state = view.state
    sliders = [inp for inp in state.inputs if inp.differentiable and isinstance(inp.kind, Scalar)]
    sliders = sliders[:MAX_SLIDERS]
    show = state.display.show
    qr_under = show == "both" and height - CHROME_PX - QR_BLOCK_PX >= QR_PLOT_PX
    with st.container(key="present_bar"):
        bar = st.columns([1.9, *([1.7] * len(sliders)), 3.6, 1.2, 1.0], vertical_alignment="bottom")
        bar[0].subheader(state.scenario.title, anchor=False)
        for col, inp in zip(bar[1:], sliders, strict=False):
            with col:
                compact_slider(state, inp)
        with bar[-3]:
            if view.full.steps:
                stepper.buttons(view, finished=False, play=True)
        with bar[-2]:
            _show_picker(state, qr=show == "both" and state.display.qr and not qr_under)
        bar[-1].button(
            "exit", on_click=_leave, width="stretch", key="leave_present", help="back to the full page"
        )
    with st.container(key="present_row"):
        if show == "graph":
            st.graphviz_chart(view.dot, width="stretch", alt=graph_alt(view.trace))
        elif show == "plot":  # the room is wide: the QR code beside the plot, which keeps the height
            plot, code = st.columns([1, QR_SIDE], gap="medium")
            with plot:
                _plot(view, height - CHROME_PX, _plot_width(width, 1 + QR_SIDE), width < PHONE_BELOW_PX)
            with code:
                qr_code(state, stacked=True)
        else:
            left, right = st.columns([1.15, 1], gap="medium")
            with left:
                st.graphviz_chart(view.dot, width="stretch", alt=graph_alt(view.trace))
            with right:
                below = QR_BLOCK_PX if state.display.qr and qr_under else 0  # the QR code, under the plot
                _plot(view, height - CHROME_PX - below, _plot_width(width, 2.15), width < PHONE_BELOW_PX)
                if qr_under:
                    qr_code(state)
    with st.container(key="present_step"):
        line = stepper.step_summary(view)
        asked = questions(view.full, state.lesson.step or 0) if state.display.quiz else []
        if asked:  # think, pair, share: the room answers, then next ▶ reveals it on the graph
            line = " ".join(q.ask(view.full.differentiated) for q in asked) + " Then next ▶ reveals it."
        if view.hessian is not None:
            line += " " + summary(view.hessian, view.full.differentiated)
        st.markdown(escape_markdown(line))
