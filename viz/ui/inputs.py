"""One widget per input kind, picked by the kind's type: the only place that does.

Every widget is driven by the state (``sync_widget``) and queues its change
(``queue``); the run applies it to the link. Numbers from widgets are rounded as
a link writes them, so what the page computes is what the link says.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import singledispatch

import streamlit as st

from viz.kinds import Expression, Kind, Label, Scalar, Value, Vector, as_float, as_floats
from viz.numbers import link_precision
from viz.scenario import Input
from viz.state import ViewState
from viz.ui.url import queue, sync_option, sync_widget

NUMBER_STEP = 0.01
VECTOR_STEP = 0.5


def set_value(name: str, make: Callable[[ViewState], Value], slot: str = "", priority: int = 0) -> None:
    queue(slot or name, lambda s: s.with_value(name, make(s)), priority)


def _set_number(name: str, key: str, priority: int = 0) -> None:
    new = link_precision(st.session_state[key])
    set_value(name, lambda s: new, priority=priority)


def set_element(name: str, key: str, index: int) -> None:
    new = link_precision(st.session_state[key])

    def element(s: ViewState) -> tuple[float, ...]:
        values = list(as_floats(s.values[name]))
        values[index] = new
        return tuple(values)

    set_value(name, element, slot=f"{name}[{index}]")


def _set_length(name: str, key: str) -> None:
    n = int(st.session_state[key])

    def resized(s: ViewState) -> tuple[float, ...]:
        values = list(as_floats(s.values[name]))
        return tuple(values[:n] + [float(len(values) + i + 1) for i in range(n - len(values))])

    set_value(name, resized, slot=f"{name}:len")


def _set_text(name: str, key: str) -> None:
    text = str(st.session_state[key])
    set_value(name, lambda s: text)


@singledispatch
def input_widget(kind: Kind, state: ViewState, inp: Input) -> None:
    raise TypeError(f"no widget for {type(kind).__name__}")


@input_widget.register
def _scalar(kind: Scalar, state: ViewState, inp: Input) -> None:
    value, base = as_float(state.values[inp.name]), f"{state.scenario_id}:{inp.name}"
    role = "requires grad" if inp.leaf else "constant"
    st.slider(
        f"{inp.label} ({role})",
        kind.lo,
        kind.hi,
        sync_widget(base + ":slider", value),
        step=kind.step,
        key=base + ":slider",
        help=inp.help or None,
        on_change=_set_number,
        args=(inp.name, base + ":slider", 1),
    )
    st.number_input(
        f"{inp.label}, exact",
        kind.lo,
        kind.hi,
        sync_widget(base + ":number", value),
        step=NUMBER_STEP,
        format="%.4f",
        key=base + ":number",
        on_change=_set_number,
        args=(inp.name, base + ":number"),
        label_visibility="collapsed",
    )


def option_row(
    state: ViewState, inp: Input, title: str, options: tuple, value: object, setter: Callable
) -> None:
    """A few options side by side (a label, a data set)."""
    key = f"{state.scenario_id}:{inp.name}"
    st.radio(
        title,
        options,
        sync_option(key, options, value),
        key=key,
        horizontal=True,
        help=inp.help or None,
        on_change=setter,
        args=(inp.name, key),
    )


@input_widget.register
def _label(kind: Label, state: ViewState, inp: Input) -> None:
    option_row(state, inp, f"label {inp.label}", (0, 1), int(as_float(state.values[inp.name])), _set_number)


@input_widget.register
def _vector(kind: Vector, state: ViewState, inp: Input) -> None:
    values, base = as_floats(state.values[inp.name]), f"{state.scenario_id}:{inp.name}"
    st.number_input(
        f"length of {inp.label}",
        1,
        kind.max_len,
        sync_widget(base + ":len", len(values)),
        step=1,
        key=base + ":len",
        on_change=_set_length,
        args=(inp.name, base + ":len"),
    )
    element_inputs(inp, values, base, kind.lo, kind.hi)


def element_inputs(inp: Input, values: tuple[float, ...], base: str, lo: float, hi: float) -> None:
    """One exact entry per element, two to a row (a vector, or backward()'s v)."""
    cols = st.columns(2)
    for i, v in enumerate(values):
        key = f"{base}:{i}"
        cols[i % 2].number_input(
            f"{inp.label}[{i}]", lo, hi, sync_widget(key, float(v)), step=VECTOR_STEP, format="%.4f", key=key,
            on_change=set_element, args=(inp.name, key, i),
        )  # fmt: skip


@input_widget.register
def _expression(kind: Expression, state: ViewState, inp: Input) -> None:
    key = f"{state.scenario_id}:{inp.name}"
    st.text_input(
        "f =",
        sync_widget(key, str(state.values[inp.name])),
        key=key,
        max_chars=kind.max_chars,
        on_change=_set_text,
        args=(inp.name, key),
        help=inp.help or None,
    )


def compact_slider(state: ViewState, inp: Input) -> None:
    """One scalar input as a slider alone (presenter mode: one row of controls)."""
    if not isinstance(inp.kind, Scalar):
        return
    key = f"{state.scenario_id}:{inp.name}:present"
    value = sync_widget(key, as_float(state.values[inp.name]))
    st.slider(inp.label, inp.kind.lo, inp.kind.hi, value, step=inp.kind.step, key=key, on_change=_set_number,
              args=(inp.name, key, 1))  # fmt: skip
