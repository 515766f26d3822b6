"""Gradient descent: a learning rate, steps taken from the current inputs, the losses."""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from viz.descent import Point
from viz.kinds import Value, as_floats
from viz.lesson import LR_RANGE, MAX_GD
from viz.numbers import fmt, fmt_values, link_precision
from viz.state import ViewState
from viz.ui.autoplay import player
from viz.ui.cache import cached_descent
from viz.ui.lesson_state import set_lesson
from viz.ui.text import indexed_table
from viz.ui.url import queue, sync_widget
from viz.view import View


def descent_panel(view: View) -> None:
    state, lesson = view.state, view.state.lesson
    key = "learning_rate"
    st.number_input(
        "learning rate",
        LR_RANGE[0],
        LR_RANGE[1],
        sync_widget(key, lesson.lr),
        step=0.05,
        format="%.4f",
        key=key,
        on_change=lambda: set_lesson(lr=float(st.session_state[key])),
    )
    row = st.container(horizontal=True)  # one row, wrapped on a phone
    row.button(
        "take a step",
        width="stretch",
        disabled=lesson.gd >= MAX_GD,
        on_click=set_lesson,
        kwargs={"gd": lesson.gd + 1},
    )
    row.button("reset", width="stretch", disabled=not lesson.gd, on_click=set_lesson, kwargs={"gd": 0})
    path, note = cached_descent(state)
    row.button(
        "continue from the last point",
        width="stretch",
        disabled=not lesson.gd,
        on_click=_move_to,
        args=(path[-1].values,),
    )
    player(view, "gd")  # take steps on their own: gd= follows in the link
    indexed_table(
        {view.trace.output: [fmt(p.loss) for p in path], **_columns(state, path)}, range(len(path)), "step"
    )
    if note:
        st.warning(note)


def _columns(state: ViewState, path: list[Point]) -> dict[str, list[str]]:
    leaves = [inp for inp in state.inputs if inp.differentiable]
    return {inp.label: [fmt_values(as_floats(p.values[inp.name])) for p in path] for inp in leaves}


def _move_to(values: dict[str, Value]) -> None:
    """The path's last point becomes the inputs, rounded as a link writes them."""

    def change(s: ViewState) -> ViewState:
        moved = dict(s.values)
        for inp in s.inputs:
            if inp.differentiable:
                rounded = tuple(link_precision(v) for v in as_floats(values[inp.name]))
                moved[inp.name] = inp.kind.with_floats(values[inp.name], rounded)
        return replace(s, values=moved, lesson=replace(s.lesson, gd=0))

    queue("values", change, priority=10)
