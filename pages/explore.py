"""Explore: one scenario, its graph, its numbers and its loss surface."""

import streamlit as st

from viz.surface import fixed_values, plot_axes
from viz.ui import panels
from viz.ui.cache import cached_dot, cached_grid, cached_trace, key_of
from viz.ui.frame import page_setup
from viz.ui.sidebar import scenario_controls

state = page_setup()
spec = state.spec

with st.sidebar:
    scenario_controls(state)

st.title(spec.title)
st.latex(spec.formula)
st.caption(spec.blurb)

values_key = key_of(dict(state.values))
trace = cached_trace(spec.id, values_key)
panels.headline(trace, spec)
panels.nonfinite_notes(trace, spec)

left, right = st.columns([1.1, 1], gap="medium")
with left:
    st.subheader("Autograd graph")
    panels.graph(cached_dot(spec.id, values_key, "light"), trace)
with right:
    st.subheader("Loss landscape")
    axes = plot_axes(spec, state.values, state.axes)
    grid = cached_grid(spec.id, key_of(fixed_values(spec, state.values, axes)), axes)
    panels.plot(state, trace, grid)

st.subheader("Every tensor")
if any(i.kind == "vector" for i in spec.inputs):
    panels.element_table(trace, spec)
panels.tensor_table(trace)
