"""Shared caches. They hold plain data (traces of floats, DOT text, grids), never a
tensor that carries a gradient: one session's backward() cannot touch another's."""

from __future__ import annotations

import streamlit as st

from viz.backward import trace
from viz.graph_dot import to_dot
from viz.scenario import Value, get
from viz.surface import Axis, Grid, compute_grid
from viz.trace import Trace

Key = tuple[tuple[str, Value], ...]
TTL = 3600
PAGE_GRAPH_SIZE = "5.5,40"  # inches: wide graphs shrink to fit beside the plot


def key_of(values: dict[str, Value]) -> Key:
    return tuple(sorted(values.items()))


@st.cache_data(max_entries=512, ttl=TTL, show_spinner=False)
def cached_trace(scenario_id: str, values: Key) -> Trace:
    return trace(get(scenario_id), dict(values))


@st.cache_data(max_entries=512, ttl=TTL, show_spinner=False)
def cached_dot(scenario_id: str, values: Key, theme: str) -> str:
    return to_dot(cached_trace(scenario_id, values), theme, size=PAGE_GRAPH_SIZE)


@st.cache_data(max_entries=64, ttl=TTL, show_spinner=False)
def cached_grid(scenario_id: str, fixed: Key, axes: tuple[Axis, ...]) -> Grid:
    return compute_grid(get(scenario_id), dict(fixed), axes)
