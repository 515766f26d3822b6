"""Explore: one scenario, its graph, its numbers, its loss surface and its lessons."""

import streamlit as st

from viz.graph_dot import to_dot
from viz.steps import clamp_step
from viz.surface import fixed_values, plot_axes
from viz.ui import panels, presenter, stepper
from viz.ui.cache import cached_descent, cached_dot, cached_grid, cached_trace, key_of, view_trace
from viz.ui.downloads import downloads
from viz.ui.frame import page_setup
from viz.ui.sidebar import display_controls, scenario_controls
from viz.ui.tabs import lesson_tabs
from viz.ui.text import escape_markdown
from viz.ui.url import publish

state = page_setup()
spec, theme = state.spec, state.display.theme
if spec.problem and (problem := spec.problem(state.values)):
    with st.sidebar:
        scenario_controls(state)
    st.title(spec.title)
    st.error(f"This expression cannot be computed: {escape_markdown(problem)}", icon=":material/error:")
    st.caption(spec.blurb)
    st.stop()
values_key = key_of(dict(state.values))
full = cached_trace(spec.id, values_key, state.lesson.lab())
if state.lesson.step is not None:
    step, notice = clamp_step(state.lesson.step, full)
    if notice:
        st.warning(f"**step**: {notice}; showing step {step}", icon=":material/warning:")
        state = state.with_step(step)
        publish(state)
trace = view_trace(spec.id, values_key, state.lesson)
axes = plot_axes(spec, state.values, state.axes)
grid = cached_grid(spec.id, key_of(fixed_values(spec, state.values, axes)), axes)
path = cached_descent(spec.id, values_key, state.lesson.lr, state.lesson.gd)[0] if state.lesson.gd else []

if state.display.present:
    presenter.chrome(state)
    left, right = st.columns([1.2, 1], gap="large")
    with left:
        dot = to_dot(trace, theme, fontsize=presenter.GRAPH_FONT, compact=True, rounded=False)
        st.graphviz_chart(dot, height=presenter.GRAPH_HEIGHT)
    with right:
        panels.plot(state, trace, grid, path, height=presenter.PLOT_HEIGHT)
    st.stop()

with st.sidebar:
    scenario_controls(state)
    display_controls(state)

st.title(spec.title)
st.latex(spec.describe(state.values) if spec.describe else spec.formula)
st.caption(spec.blurb)
panels.headline(trace)
panels.nonfinite_notes(trace, spec)

left, right = st.columns([1.1, 1], gap="medium")
with left:
    st.subheader("Autograd graph")
    stepper.controls(state, full)
    panels.graph(cached_dot(spec.id, values_key, state.lesson.lab(), state.lesson.step, theme), trace, theme)
    stepper.step_panel(state, full)
with right:
    st.subheader("Loss landscape")
    spec = panels.plot(state, trace, grid, path)
downloads(state, trace, spec)

lesson_tabs(state, trace, full)
