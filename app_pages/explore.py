"""Explore: one scenario, its graph, its numbers, its loss surface and its lessons."""

import streamlit as st

from viz.ui import panels, presenter, stepper
from viz.ui.downloads import downloads
from viz.ui.frame import view_setup
from viz.ui.headline import headline
from viz.ui.jacobian_panel import raised_note
from viz.ui.quiz_panel import quiz_panel
from viz.ui.sidebar import display_controls, scenario_controls
from viz.ui.tabs import lesson_tabs
from viz.ui.text import plain_text
from viz.view import Refused

view = view_setup()
state = view.state
if isinstance(view, Refused):
    with st.sidebar:
        scenario_controls(state)
    st.title(state.scenario.title)
    st.error(f"This expression cannot be computed: {plain_text(view.problem)}", icon=":material/error:")
    st.caption(state.scenario.blurb)
    st.stop()

if state.display.present:
    presenter.render(view)
    st.stop()

with st.sidebar:
    scenario_controls(state)
    display_controls(state)

st.title(state.scenario.title)
st.latex(view.formula)
st.caption(state.scenario.blurb)
headline(view)
raised_note(view)
panels.nonfinite_notes(view)

with st.container(key="view_row_dark" if state.display.theme == "slide_dark" else "view_row"):
    left, right = st.columns(
        [1.5 if view.trace.has_matrices else 1.1, 1], gap="medium"
    )  # a network's graph is wide
    with left:
        st.subheader("Autograd graph")
        stepper.controls(view)
        panels.graph(view)
    with right:
        if state.display.quiz:
            quiz_panel(view)  # the next step as a question, before the graph shows it
        else:
            stepper.step_panel(
                view
            )  # beside the graph: the box, the buttons and the chain rule on one screen
        st.subheader("Loss landscape")
        panels.plot(view)
downloads(view)

if state.display.quiz and (state.lesson.step or 0) < len(view.full.steps):
    st.info("The lesson panels open when the quiz is done: they show gradients.")
else:
    lesson_tabs(view)
