"""Shared caches. They hold plain data (traces of floats, DOT text, grids, descent
paths, code text), never a tensor that carries a gradient: one session's
backward() cannot touch another's numbers."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st

from viz.codegen import script_cells
from viz.descent import Point
from viz.frozen import frozen_view
from viz.grad_graph import gradient_graph
from viz.graph_style import GraphStyle
from viz.jacobian import Jacobian, jacobian
from viz.kinds import Coordinate, Value
from viz.lesson import Lesson
from viz.scenario import Values, get
from viz.second import Hessian
from viz.state import ViewState
from viz.surface import Grid
from viz.three_ways import Row, three_ways
from viz.trace import Trace
from viz.view import Computed, Refused, View, assemble, draw_graph

Key = tuple[tuple[str, Value], ...]
TTL = 3600
COMPUTE = Computed()
# The caches' arguments are plain frozen data whose repr names every field (floats by their exact
# repr). Streamlit hashes a dataclass through dataclasses.asdict (a deep copy): 110-160 µs a
# Lesson or GraphStyle, several per rerun; hashing the repr takes ~12 µs.
BY_REPR: dict[str | type[Any], Callable[[Any], Any]] = {Lesson: repr, GraphStyle: repr, tuple: repr}


def shared_cache(max_entries: int) -> Any:
    """A cache every session shares: plain data, an hour at most, arguments hashed by repr."""
    return st.cache_data(max_entries=max_entries, ttl=TTL, show_spinner=False, hash_funcs=BY_REPR)


def key_of(values: Values) -> Key:
    return tuple(sorted(values.items()))


@shared_cache(512)
def _trace(scenario_id: str, values: Key, lab: Lesson) -> Trace:
    return COMPUTE.trace(scenario_id, dict(values), lab)


@shared_cache(64)
def _grid(scenario_id: str, fixed: Key, axes: tuple[Coordinate, ...], points: int) -> Grid:
    return COMPUTE.grid(scenario_id, dict(fixed), axes, points)


@shared_cache(128)
def _descent(
    scenario_id: str, values: Key, lr: float, steps: int, frozen: tuple[str, ...] = ()
) -> tuple[list[Point], str]:
    return COMPUTE.descent(scenario_id, dict(values), lr, steps, frozen)


@shared_cache(512)
def _dot(scenario_id: str, values: Key, lab: Lesson, step: int | None, style: GraphStyle) -> str:
    """Keyed on what changes the graph only: the lab part of the lesson, the step, the style."""
    return draw_graph(Cached(), scenario_id, dict(values), lab, step, style)


class Cached:
    """The view's pieces from the shared caches."""

    def trace(self, scenario_id: str, values: Values, lab: Lesson) -> Trace:
        return _trace(scenario_id, key_of(values), lab)

    def grid(self, scenario_id: str, fixed: Values, axes: tuple[Coordinate, ...], points: int) -> Grid:
        return _grid(scenario_id, key_of(fixed), axes, points)

    def descent(
        self, scenario_id: str, values: Values, lr: float, steps: int, frozen: tuple[str, ...] = ()
    ) -> tuple[list[Point], str]:
        return _descent(scenario_id, key_of(values), lr, steps, frozen)

    def dot(self, scenario_id: str, values: Values, lab: Lesson, step: int | None, style: GraphStyle) -> str:
        return _dot(scenario_id, key_of(values), lab, step, style)

    def second(self, scenario_id: str, values: Values, frozen: tuple[str, ...]) -> Hessian:
        return _second(scenario_id, key_of(values), frozen)


@shared_cache(256)
def _second(scenario_id: str, values: Key, frozen: tuple[str, ...]) -> Hessian:
    """The Hessian three ways (finite differences and, for a custom f, sympy): once per point."""
    return COMPUTE.second(scenario_id, dict(values), frozen)


def current_view(state: ViewState, phone: bool = False) -> View | Refused:
    return assemble(state, Cached(), phone)


@shared_cache(256)
def _three_ways(scenario_id: str, values: Key, lab: Lesson) -> list[Row]:
    scenario = frozen_view(get(scenario_id), lab.frozen)
    return three_ways(scenario, dict(values), _trace(scenario_id, values, lab))


def cached_three_ways(state: ViewState) -> list[Row]:
    """Finite differences and, for a custom f, the sympy worker: once per point, not per rerun."""
    return _three_ways(state.scenario_id, key_of(state.values), state.lesson.lab())


@shared_cache(128)
def _code(
    scenario_id: str, values: Key, lab: Lesson, order: int = 1, lr: float = 0.1, gd: int = 0
) -> list[tuple[str, str]]:
    scenario = frozen_view(get(scenario_id), lab.frozen)
    return script_cells(
        scenario,
        dict(values),
        lab.ops,
        lab.retain_grad,
        lab.retain_graph,
        lab.cut,
        lab.inplace,
        order,
        lr,
        gd,
    )


def cached_code(state: ViewState) -> list[tuple[str, str]]:
    lesson = state.lesson
    return _code(state.scenario_id, key_of(state.values), lesson.lab(), lesson.order, lesson.lr, lesson.gd)


@shared_cache(128)
def _gradient_graph(scenario_id: str, values: Key, frozen: tuple[str, ...], at: Coordinate) -> Trace | str:
    return gradient_graph(frozen_view(get(scenario_id), frozen), dict(values), at)


def cached_gradient_graph(state: ViewState, at: Coordinate) -> Trace | str:
    """The graph of one gradient entry (plain data: its tensors stay in the call)."""
    return _gradient_graph(state.scenario_id, key_of(state.values), state.lesson.frozen, at)


def cached_descent(state: ViewState) -> tuple[list[Point], str]:
    lesson = state.lesson
    return _descent(state.scenario_id, key_of(state.values), lesson.lr, lesson.gd, lesson.frozen)


@shared_cache(128)
def _jacobian(scenario_id: str, values: Key) -> Jacobian:
    return jacobian(get(scenario_id), dict(values))


def cached_jacobian(state: ViewState) -> Jacobian:
    """J, vᵀJ and J·u as plain floats (the passes' tensors stay in the call)."""
    return _jacobian(state.scenario_id, key_of(state.values))
