"""Sidebar controls, generated from the registry: scenario picker, one widget per
input (``viz/ui/inputs.py``), the plot's axes when there is a choice, and display."""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from viz.display_options import THEME_NAMES
from viz.scenario import REGISTRY
from viz.state import ViewState
from viz.ui import inputs_discrete, seed_input  # noqa: F401  (register the widgets of v, u and the network's settings)
from viz.ui.inputs import input_widget
from viz.ui.url import queue, queue_display, switch_scenario, sync_option, sync_widget


def _set_axis(slot: int, key: str) -> None:
    """Pick the coordinate on one plot axis; picking the other axis's swaps them."""
    chosen = str(st.session_state[key])

    def change(state: ViewState) -> ViewState:
        axes = list(state.axes)
        if chosen in axes:
            axes[axes.index(chosen)] = axes[slot]
        axes[slot] = chosen
        return replace(state, axes=tuple(axes))

    queue(f"axis{slot}", change)


def axes_controls(state: ViewState) -> None:
    """With more than two numbers to plot, which two the plot shows (the rest are held)."""
    coordinates = state.scenario.coordinates(state.values)
    if len(coordinates) <= 2:
        return
    labels = {c.token: c.label for c in coordinates}
    tokens: list[str] = list(labels)
    cols = st.columns(2)
    for slot, title in enumerate(("plot axis 1", "plot axis 2")):
        key = f"{state.scenario_id}:axis{slot}"
        cols[slot].selectbox(
            title,
            tokens,
            sync_option(key, tokens, state.axes[slot]),
            key=key,
            on_change=_set_axis,
            format_func=lambda t: labels[t],
            args=(slot, key),
        )


def scenario_controls(state: ViewState) -> None:
    """Scenario picker plus one control per input of the scenario (its variables included)."""
    st.selectbox(
        "Scenario",
        list(REGISTRY),
        sync_option("scenario", list(REGISTRY), state.scenario_id),
        key="scenario",
        format_func=lambda sid: REGISTRY[sid].title,
        on_change=switch_scenario,
        args=("scenario",),
    )
    for inp in state.scenario.settable(state.values):
        input_widget(inp.kind, state, inp)
    axes_controls(state)


def _set_display(key: str, field: str) -> None:
    value = st.session_state[key]
    if value is not None:
        queue_display(field, value)


def _present() -> None:
    queue_display("present", True, priority=10)


def _quiz() -> None:
    on = bool(st.session_state["quiz_on"])
    queue_display("quiz", on)
    if on:  # from the first step: nothing computed is shown yet
        queue("step", lambda s: replace(s, lesson=replace(s.lesson, step=0)))


def display_controls(state: ViewState) -> None:
    """Theme of the graph and plots (also for downloads), and presenter mode."""
    st.divider()
    st.segmented_control(
        "figure theme",
        THEME_NAMES,
        default=sync_widget("theme", state.display.theme),
        key="theme",
        on_change=_set_display,
        args=("theme", "theme"),
        help="light, dark, or slide: transparent background and large type",
    )
    st.button(
        "presenter mode", icon=":material/slideshow:", width="stretch", key="enter_present", on_click=_present
    )
    quiz = sync_widget("quiz_on", state.display.quiz)
    st.toggle("Predict, then reveal (quiz)", quiz, key="quiz_on", on_change=_quiz,
              help="each backward step becomes a question before the graph shows it")  # fmt: skip
