"""Widgets for whole numbers and named choices (the network's settings): a slider with
an exact entry, and a row of options."""

from __future__ import annotations

import streamlit as st

from viz.kinds_discrete import Choice, Integer, as_int
from viz.scenario import Input
from viz.state import ViewState
from viz.ui.inputs import input_widget, option_row, set_value
from viz.ui.url import sync_widget


def _set(name: str, key: str) -> None:
    new = st.session_state[key]
    set_value(name, lambda s: new)


@input_widget.register
def _integer(kind: Integer, state: ViewState, inp: Input) -> None:
    base, value = f"{state.scenario_id}:{inp.name}", as_int(state.values[inp.name])
    st.slider(
        inp.name,
        kind.lo,
        kind.hi,
        sync_widget(base + ":slider", value),
        step=kind.step,
        key=base + ":slider",
        help=inp.help or None,
        on_change=_set,
        args=(inp.name, base + ":slider"),
    )
    if kind.step > 1:  # a coarse slider: the exact number beside it
        st.number_input(
            f"{inp.name}, exact",
            kind.lo,
            kind.hi,
            sync_widget(base + ":number", value),
            step=1,
            key=base + ":number",
            on_change=_set,
            args=(inp.name, base + ":number"),
            label_visibility="collapsed",
        )


@input_widget.register
def _choice(kind: Choice, state: ViewState, inp: Input) -> None:
    option_row(state, inp, inp.name, kind.options, str(state.values[inp.name]), _set)
