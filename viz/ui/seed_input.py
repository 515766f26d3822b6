"""The widget of a seed (``v`` for ``backward(gradient=v)``, ``u`` for forward mode): a switch,
then one entry per element, as many as x has."""

from __future__ import annotations

import streamlit as st

from viz.kinds import as_floats
from viz.scenario import Input
from viz.seed import Seed
from viz.state import ViewState
from viz.ui.inputs import element_inputs, input_widget, set_value
from viz.ui.url import sync_widget


def _switch(name: str, like: str, key: str) -> None:
    on = bool(st.session_state[key])
    set_value(name, lambda s: (1.0,) * len(as_floats(s.values[like])) if on else ())


@input_widget.register
def _seed(kind: Seed, state: ViewState, inp: Input) -> None:
    given = as_floats(state.values[inp.name]) if state.values[inp.name] else ()
    base = f"{state.scenario_id}:{inp.name}"
    st.toggle(
        kind.title or inp.name,
        sync_widget(base + ":on", bool(given)),
        key=base + ":on",
        help=inp.help or None,
        on_change=_switch,
        args=(inp.name, kind.like, base + ":on"),
    )
    element_inputs(inp, given, base, kind.lo, kind.hi)
