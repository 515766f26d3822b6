"""Shared caches. They hold plain data (traces of floats, DOT text, grids,
descent paths, code text), never a tensor that carries a gradient: one
session's backward() cannot touch another's numbers."""

from __future__ import annotations

import streamlit as st

from viz.backward import trace
from viz.check import Row, three_ways
from viz.codegen import script_cells
from viz.descent import Point, descend
from viz.graph_dot import to_dot
from viz.lesson import Lesson
from viz.scenario import Value, get
from viz.steps import at_step
from viz.surface import Axis, Grid, compute_grid
from viz.trace import Trace

Key = tuple[tuple[str, Value], ...]
TTL = 3600
PAGE_GRAPH_SIZE = "5.5,40"  # inches: wide graphs shrink to fit beside the plot


def key_of(values: dict[str, Value]) -> Key:
    return tuple(sorted(values.items()))


@st.cache_data(max_entries=512, ttl=TTL, show_spinner=False)
def cached_trace(scenario_id: str, values: Key, lesson: Lesson) -> Trace:
    return trace(get(scenario_id), dict(values), lesson.retain_grad, lesson.ops, lesson.retain_graph)


def view_trace(scenario_id: str, values: Key, lesson: Lesson) -> Trace:
    """The trace as the page shows it: at the link's backward step, if any."""
    full = cached_trace(scenario_id, values, lesson.lab())
    return full if lesson.step is None else at_step(full, lesson.step)


@st.cache_data(max_entries=512, ttl=TTL, show_spinner=False)
def cached_dot(scenario_id: str, values: Key, lab: Lesson, step: int | None, theme: str) -> str:
    """Keyed on what changes the graph only: the lab part of the lesson and the step."""
    full = cached_trace(scenario_id, values, lab)
    return to_dot(full if step is None else at_step(full, step), theme, size=PAGE_GRAPH_SIZE, rounded=False)


@st.cache_data(max_entries=64, ttl=TTL, show_spinner=False)
def cached_grid(scenario_id: str, fixed: Key, axes: tuple[Axis, ...]) -> Grid:
    return compute_grid(get(scenario_id), dict(fixed), axes)


@st.cache_data(max_entries=128, ttl=TTL, show_spinner=False)
def cached_descent(scenario_id: str, values: Key, lr: float, steps: int) -> tuple[list[Point], str]:
    return descend(get(scenario_id), dict(values), lr, steps)


@st.cache_data(max_entries=256, ttl=TTL, show_spinner=False)
def cached_three_ways(scenario_id: str, values: Key, lab: Lesson) -> list[Row]:
    """Finite differences and, for custom f(x), the sympy worker: once per point, not per rerun."""
    return three_ways(get(scenario_id), dict(values), cached_trace(scenario_id, values, lab))


@st.cache_data(max_entries=128, ttl=TTL, show_spinner=False)
def cached_code(scenario_id: str, values: Key, lesson: Lesson) -> list[tuple[str, str]]:
    """The code for the lab part of ``lesson`` (pass ``lesson.lab()``)."""
    return script_cells(get(scenario_id), dict(values), lesson.ops, lesson.retain_grad, lesson.retain_graph)
