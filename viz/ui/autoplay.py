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
from viz.lesson import MAX_GD
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


def _at(view: View, field: str) -> int:
    """Where the played field stands: the backward step (None: the finished pass) or descent's steps."""
    value = getattr(view.state.lesson, field)
    return len(view.full.steps) if value is None else int(value)


def _last(view: View, field: str) -> int:
    return len(view.full.steps) if field == "step" else MAX_GD


def _expected(view: View, field: str) -> tuple[int, object]:
    return _at(view, field), key_of(view.state.values)


def _set(field: str, value: int) -> None:
    if field == "step":
        queue("step", lambda s: replace(s, lesson=replace(s.lesson, step=value)))
    else:
        queue("gd", lambda s: replace(s, lesson=replace(s.lesson, gd=value)))


def _play(view: View, on: bool, field: str) -> None:
    queue_display("play", on)
    if on and _at(view, field) >= _last(view, field):  # from the start when it is already at the end
        _set(field, 0)
    st.session_state.pop(EXPECT, None)


def _on_tick(field: str, last: int, values: object) -> None:
    """The browser's tick, with where it stood: one further, or stop after the last."""
    state = st.session_state.get(KEY)
    tick = state.get("tick") if isinstance(state, dict) else getattr(state, "tick", None)
    if not isinstance(tick, int):
        return
    if tick + 1 > last:
        queue_display("play", False)
        return
    _set(field, tick + 1)
    st.session_state[EXPECT] = (tick + 1, values)  # the view this tick makes: not a reason to stop


def play_button(view: View, where: DeltaGenerator, field: str = "step") -> None:
    """▶ play / ⏸ pause, in ``where``: backward's steps, or (``field="gd"``) descent's."""
    playing = view.state.display.play
    what = "step through backward()" if field == "step" else "take descent steps"
    where.button("⏸ pause" if playing else "▶ play", on_click=_play, args=(view, not playing, field),
                 key=f"play_button_{field}", width="stretch", help=f"{what} on its own")  # fmt: skip


def plays(view: View) -> str:
    """What ``play`` moves in this view: descent's steps when its panel is open, else backward's."""
    return "gd" if view.state.display.tab == "descent" and not view.state.display.present else "step"


def timer(view: View, field: str = "step") -> None:
    """While playing: stop if something else moved the view, else wait one step in the browser."""
    display = view.state.display
    if not display.play or not view.full.steps or plays(view) != field:
        return
    expected = st.session_state.get(EXPECT)
    if expected is not None and expected != _expected(view, field):
        st.session_state.pop(EXPECT, None)  # something else moved the view: stop
        queue_display("play", False)
        st.rerun()
    st.session_state[EXPECT] = _expected(view, field)  # what is shown while playing
    at, values = _expected(view, field)
    _ticker(key=KEY, data={"ms": round(1000 / display.speed), "step": at}, height=0,
            on_tick_change=partial(_on_tick, field, _last(view, field), values))  # fmt: skip


def player(view: View, field: str = "step") -> None:
    """The play / pause button and the speed (under the stepper, or in the descent panel); the timer."""
    if not view.full.steps or plays(view) != field:
        return
    row = st.container(horizontal=True, vertical_alignment="bottom")  # one block, not three columns
    play_button(view, row, field)
    key = f"play_speed_{field}"
    speed = sync_widget(key, view.state.display.speed)
    row.select_slider("steps per second", SPEEDS, speed, key=key,
                        on_change=lambda: queue_display("speed", st.session_state[key]))  # fmt: skip
    timer(view, field)
