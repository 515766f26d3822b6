"""Autoplay the backward pass: ▶ play / ⏸ pause beside the stepper, at a chosen speed.

While it plays (``&play=1&speed=1``, steps per second) a tiny component in the browser waits
one step's time after each page is drawn, then asks for the next step; the run advances
``step`` by one, so the address bar follows and pausing leaves a shareable view. The browser
asks only once it has drawn the page, so a fast speed never overtakes the page. Playing stops
at the last step, and as soon as anything else moves the view (a slider, the stepper): each
tick remembers the step and inputs it set, and a run that finds others stops.
"""

from __future__ import annotations

from dataclasses import replace
from functools import partial

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from viz.display_options import SPEEDS
from viz.ui.cache import key_of
from viz.ui.url import queue, queue_display, sync_widget
from viz.view import View

KEY = "autoplay"
EXPECT = "autoplay_expect"  # (step, inputs) the last tick set
JS = """
export default function ({ data, setTriggerValue }) {
  if (!data || !data.ms) return;
  const timer = setTimeout(() => setTriggerValue("tick", data.step), data.ms);
  return () => clearTimeout(timer);
}
"""
_ticker = st.components.v2.component("gradient_lens_autoplay", js=JS)


def _expected(view: View) -> tuple[int | None, object]:
    return view.state.lesson.step, key_of(view.state.values)


def _play(view: View, on: bool) -> None:
    queue_display("play", on)
    n, step = len(view.full.steps), view.state.lesson.step
    if on and (step is None or step >= n):  # from the start when the pass is already done
        queue("step", lambda s: replace(s, lesson=replace(s.lesson, step=0)))
    st.session_state.pop(EXPECT, None)


def _on_tick(n: int, values: object) -> None:
    """The browser's tick, with the step it was showing: the next one, or stop after the last."""
    state = st.session_state.get(KEY)
    tick = state.get("tick") if isinstance(state, dict) else getattr(state, "tick", None)
    if not isinstance(tick, int):
        return
    if tick + 1 > n:
        queue_display("play", False)
        return
    queue("step", lambda s: replace(s, lesson=replace(s.lesson, step=tick + 1)))
    st.session_state[EXPECT] = (tick + 1, values)  # the view this tick makes: not a reason to stop


def play_button(view: View, where: DeltaGenerator) -> None:
    """▶ play / ⏸ pause, in ``where``."""
    playing = view.state.display.play
    where.button("⏸ pause" if playing else "▶ play", on_click=_play, args=(view, not playing),
                 key="play_button", width="stretch", help="step through backward() on its own")  # fmt: skip


def timer(view: View) -> None:
    """While playing: stop if something else moved the view, else wait one step in the browser."""
    n, display = len(view.full.steps), view.state.display
    if not display.play or n == 0:
        return
    expected = st.session_state.get(EXPECT)
    if expected is not None and expected != _expected(view):
        st.session_state.pop(EXPECT, None)  # something else moved the view: stop
        queue_display("play", False)
        st.rerun()
    st.session_state[EXPECT] = _expected(view)  # what is shown while playing
    step, values = _expected(view)
    at = n if step is None else step
    _ticker(key=KEY, data={"ms": round(1000 / display.speed), "step": at}, height=0,
            on_tick_change=partial(_on_tick, n, values))  # fmt: skip


def player(view: View) -> None:
    """The play / pause button and the speed, under the stepper; the timer."""
    if not view.full.steps:
        return
    left, right = st.columns([1, 1.4], vertical_alignment="bottom")
    play_button(view, left)
    sync_widget("play_speed", view.state.display.speed)
    right.select_slider("steps per second", SPEEDS, key="play_speed",
                        on_change=lambda: queue_display("speed", st.session_state["play_speed"]))  # fmt: skip
    timer(view)
