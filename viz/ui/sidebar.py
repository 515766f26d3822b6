"""Sidebar controls, generated from the registry: scenario picker and its inputs."""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from viz.display import THEME_NAMES
from viz.scenario import REGISTRY, Input
from viz.state import ViewState
from viz.ui.url import queue, queue_display, switch_scenario, sync_widget

SLIDER_STEP = 0.1
NUMBER_STEP = 0.01


def _set_value(name: str, key: str, index: int | None = None, priority: int = 0) -> None:
    new = st.session_state[key]

    def change(state: ViewState) -> ViewState:
        if index is None:
            return state.with_value(name, float(new))
        values = list(state.values[name])  # type: ignore[arg-type]
        values[index] = float(new)
        return state.with_value(name, tuple(values))

    queue(f"{name}[{index}]" if index is not None else name, change, priority)


def _set_length(name: str, key: str) -> None:
    n = int(st.session_state[key])

    def change(state: ViewState) -> ViewState:
        values = list(state.values[name])  # type: ignore[arg-type]
        values = values[:n] + [float(len(values) + i + 1) for i in range(n - len(values))]
        return state.with_value(name, tuple(values))

    queue(f"{name}:len", change)


def _set_axis(slot: int, key: str) -> None:
    """Pick the element on one plot axis; picking the other axis's element swaps them."""
    chosen = int(st.session_state[key])

    def change(state: ViewState) -> ViewState:
        axes = list(state.axes)
        if chosen in axes:
            axes[axes.index(chosen)] = axes[slot]
        axes[slot] = chosen
        return replace(state, axes=tuple(axes))

    queue(f"axis{slot}", change)


def _scalar(state: ViewState, spec: Input) -> None:
    value = float(state.values[spec.name])  # type: ignore[arg-type]
    base = f"{state.scenario}:{spec.name}"
    if spec.kind == "label":
        sync_widget(base, int(value))
        st.radio(
            f"label {spec.label}",
            (0, 1),
            key=base,
            horizontal=True,
            help=spec.help,
            on_change=_set_value,
            args=(spec.name, base),
        )
        return
    role = "requires grad" if spec.leaf else "constant"
    sync_widget(base + ":slider", value)
    st.slider(
        f"{spec.label} ({role})",
        spec.lo,
        spec.hi,
        step=SLIDER_STEP,
        key=base + ":slider",
        help=spec.help,
        on_change=_set_value,
        args=(spec.name, base + ":slider", None, 1),
    )
    sync_widget(base + ":number", value)
    st.number_input(
        f"{spec.label}, exact",
        spec.lo,
        spec.hi,
        step=NUMBER_STEP,
        format="%.4f",
        key=base + ":number",
        on_change=_set_value,
        args=(spec.name, base + ":number"),
        label_visibility="collapsed",
    )


def _set_text(name: str, key: str) -> None:
    text = str(st.session_state[key])
    queue(name, lambda s: s.with_value(name, text))


def _expression(state: ViewState, spec: Input) -> None:
    key = f"{state.scenario}:{spec.name}"
    sync_widget(key, str(state.values[spec.name]))
    allowed = "x, numbers, pi, e, + - * / ** ( ) and sin cos tan exp log sqrt tanh sigmoid relu abs"
    st.text_input("f(x) =", key=key, max_chars=200, on_change=_set_text, args=(spec.name, key), help=allowed)


def _vector(state: ViewState, spec: Input) -> None:
    values = state.values[spec.name]
    assert isinstance(values, tuple)
    base = f"{state.scenario}:{spec.name}"
    sync_widget(base + ":len", len(values))
    st.number_input(
        f"length of {spec.label}",
        1,
        spec.max_len,
        step=1,
        key=base + ":len",
        on_change=_set_length,
        args=(spec.name, base + ":len"),
    )
    cols = st.columns(2)
    for i, v in enumerate(values):
        key = f"{base}:{i}"
        sync_widget(key, float(v))
        cols[i % 2].number_input(
            f"{spec.label}[{i}]",
            spec.lo,
            spec.hi,
            step=0.5,
            format="%.4f",
            key=key,
            on_change=_set_value,
            args=(spec.name, key, i),
        )
    if len(values) >= 2:
        cols = st.columns(2)
        for slot, title in enumerate(("plot axis 1", "plot axis 2")):
            key = f"{base}:axis{slot}"
            sync_widget(key, state.axes[slot])
            cols[slot].selectbox(
                title,
                range(len(values)),
                key=key,
                on_change=_set_axis,
                format_func=lambda i: f"{spec.label}[{i}]",
                args=(slot, key),
            )


def scenario_controls(state: ViewState) -> None:
    """Scenario picker plus one control per registry input."""
    sync_widget("scenario", state.scenario)
    st.selectbox(
        "Scenario",
        list(REGISTRY),
        key="scenario",
        format_func=lambda sid: REGISTRY[sid].title,
        on_change=switch_scenario,
        args=("scenario",),
    )
    for spec in state.spec.inputs:
        if spec.kind == "vector":
            _vector(state, spec)
        elif spec.kind == "expr":
            _expression(state, spec)
        else:
            _scalar(state, spec)


def _set_display(key: str, field: str) -> None:
    value = st.session_state[key]
    if value is not None:
        queue_display(field, value)


def _present() -> None:
    queue_display("present", True, priority=10)


def display_controls(state: ViewState) -> None:
    """Theme of the graph and plots (also for downloads), and presenter mode."""
    st.divider()
    sync_widget("theme", state.display.theme)
    st.segmented_control(
        "figure theme", THEME_NAMES, key="theme", on_change=_set_display, args=("theme", "theme"),
        help="light, dark, or slide: transparent background and large type",
    )  # fmt: skip
    st.button(
        "presenter mode", icon=":material/slideshow:", width="stretch", key="enter_present", on_click=_present
    )
