"""Widgets that change the lesson part of the link (step, ops, lr, gd, retain_*)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

import streamlit as st

from viz.state import ViewState
from viz.ui.url import queue, sync_widget


def set_lesson(**changes: Any) -> None:
    queue("lesson", lambda s: replace(s, lesson=replace(s.lesson, **changes)))


def lesson_switch(
    widget: Callable[..., Any], label: str, field: str, state: ViewState, key: str, **extra: object
) -> None:
    """A toggle or checkbox driven by, and writing back to, one boolean of the lesson."""
    value = sync_widget(key, getattr(state.lesson, field))
    widget(
        label, value, key=key, on_change=lambda: set_lesson(**{field: bool(st.session_state[key])}), **extra
    )
