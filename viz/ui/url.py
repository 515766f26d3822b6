"""The one place that reads and writes ``st.query_params``.

Widgets never bind to the URL themselves. Their callbacks queue a change; the
run applies the queued changes to the validated query and writes the full
canonical query back. That keeps the address bar complete (defaults included)
and bad values visible as notices.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any, TypeVar

import streamlit as st
from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx
from streamlit.runtime.state.query_params import (
    CLIENT_STATE_QUERY_STRING_MAX_FIELDS as MAX_FIELDS,
)
from streamlit.runtime.state.query_params import (
    CLIENT_STATE_QUERY_STRING_MAX_LENGTH as MAX_LENGTH,
)

from viz.notice import Notice
from viz.state import ViewState, default_state, parse_query, to_query

PENDING = "_pending_changes"
T = TypeVar("T")
Change = Callable[[ViewState], ViewState]


def read_state() -> tuple[ViewState, list[Notice]]:
    """The state in the address bar, with any change queued by a widget applied.

    Every value of a repeated key is passed on, so the page can say it was repeated."""
    pairs = [(key, value) for key in st.query_params for value in st.query_params.get_all(key)]
    state, notices = parse_query(pairs)
    notices += _dropped_query()
    pending: dict[str, tuple[int, Change]] = st.session_state.pop(PENDING, {})
    for _, change in pending.values():
        state = change(state)
    return state, notices


def _dropped_query() -> list[Notice]:
    """Streamlit hands the page no parameters at all when the link is too long or has too
    many of them; say so, or the default view would look like what the link asked for."""
    ctx = get_script_run_ctx()
    raw = ctx.query_string if ctx else ""
    fields = raw.count("&") + 1
    if len(raw) > MAX_LENGTH:
        why = f"{len(raw):,} characters, more than {MAX_LENGTH:,}"
    elif fields > MAX_FIELDS:
        why = f"{fields:,} parameters, more than {MAX_FIELDS:,}"
    else:
        return []
    return [Notice("link", f"has {why}; all of it was ignored, so this is the default view")]


def publish(state: ViewState) -> None:
    """Write the full canonical query back when it differs from the address bar."""
    query = to_query(state)
    if st.query_params.to_dict() != query:
        st.query_params.from_dict(query)


def queue(slot: str, change: Change, priority: int = 0) -> None:
    """Queue a widget's change for this run.

    Two widgets drive one value (slider and exact entry). While a slider is
    dragged, the entry can report a stale value in the same rerun; the slider's
    higher priority wins, so the value never jumps back.
    """
    pending = st.session_state.setdefault(PENDING, {})
    if slot not in pending or pending[slot][0] <= priority:
        pending[slot] = (priority, change)


def queue_display(field: str, value: object, priority: int = 0) -> None:
    """Queue a change of one display setting (theme, presenter mode, lesson panel, downloads)."""
    changes: dict[str, Any] = {field: value}
    queue("display:" + field, lambda s: replace(s, display=replace(s.display, **changes)), priority)


def switch_scenario(widget_key: str) -> None:
    scenario_id = st.session_state[widget_key]
    queue("scenario", lambda _: default_state(scenario_id), priority=10)


def sync_widget(key: str, value: T) -> T:
    """Drive a widget from the state: set its value before it is drawn, and return it for the
    widget's own default. A browser that mounts the widget again without its state falls back to
    that default and sends it with the next click: a default left at the slider's minimum once
    moved x to -10 when the presenter pressed ◀."""
    if st.session_state.get(key) != value:
        st.session_state[key] = value
    return value


def sync_option(key: str, options: Sequence[T], value: T) -> int:
    """``sync_widget`` for a radio or a select box, whose default is the option's index."""
    return list(options).index(sync_widget(key, value))
