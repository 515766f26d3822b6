"""Presenter mode (``&present=1``): what an instructor projects. One row of controls
(the inputs' sliders, ◀ / ▶ through backward, the way back), the graph and the plot
side by side filling the screen, and the current step's chain rule in one line. It
fits the window without scrolling, from a 1024×768 projector to an embedded frame."""

from __future__ import annotations

import streamlit as st

from viz.kinds import Scalar
from viz.quiz import questions
from viz.second import summary
from viz.ui import stepper
from viz.ui.chart import view_chart
from viz.ui.inputs import compact_slider
from viz.ui.layout import CHROME_PX
from viz.ui.panels import graph_alt, plot_config
from viz.ui.qr import QR_BLOCK_PX, qr_code
from viz.ui.text import escape_markdown
from viz.ui.url import queue_display
from viz.ui.viewport import viewport
from viz.view import View

MAX_SLIDERS = 3


def _leave() -> None:
    queue_display("present", False, priority=10)


def render(view: View) -> None:
    _, height = viewport()
    state = view.state
    sliders = [inp for inp in state.inputs if inp.differentiable and isinstance(inp.kind, Scalar)]
    sliders = sliders[:MAX_SLIDERS]
    with st.container(key="present_bar"):
        bar = st.columns([2.2, *([2] * len(sliders)), 3.3, 1.1], vertical_alignment="bottom")
        bar[0].subheader(state.scenario.title, anchor=False)
        for col, inp in zip(bar[1:], sliders, strict=False):
            with col:
                compact_slider(state, inp)
        with bar[-2]:
            if view.full.steps:
                stepper.buttons(view, finished=False, play=True)
        bar[-1].button(
            "exit", on_click=_leave, width="stretch", key="leave_present", help="back to the full page"
        )
    with st.container(key="present_row"):
        left, right = st.columns([1.15, 1], gap="medium")
        with left:
            st.graphviz_chart(view.dot, width="stretch", alt=graph_alt(view.trace))
        with right:
            below = QR_BLOCK_PX if state.display.qr else 0  # the QR code for phones, under the plot
            figure = view.figure | {
                "layout": view.figure["layout"] | {"height": max(280, height - CHROME_PX - below)}
            }
            view_chart(state, figure, plot_config(view))
            qr_code(state)
    with st.container(key="present_step"):
        line = stepper.step_summary(view)
        asked = questions(view.full, state.lesson.step or 0) if state.display.quiz else []
        if asked:  # think, pair, share: the room answers, then next ▶ reveals it on the graph
            line = " ".join(q.ask(view.full.differentiated) for q in asked) + " Then next ▶ reveals it."
        if view.hessian is not None:
            line += " " + summary(view.hessian, view.full.differentiated)
        st.markdown(escape_markdown(line))
