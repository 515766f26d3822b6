"""The browser window's size, reported to the server (presenter mode sizes its plot to it,
a phone gets its own plot).

A plotly chart's height is set by the server, and presenter mode must fit the screen
whatever its size, so a tiny component reports ``[width, height]`` on load and after
a resize; the graph scales itself in CSS. The page asks only a phone (and a window that
has reported once) to report: a report is one more run of the script, which a laptop or a
projector, drawn for as the server assumes, does not need. Fixed code, no user input.
"""

from __future__ import annotations

import streamlit as st

from viz.ui.layout import PHONE_BELOW_PX

JS = f"""
export default function ({{ data, setStateValue }}) {{
  const needed = () => data.always || window.lensSizeSent || innerWidth < {PHONE_BELOW_PX};
  const report = () => {{
    if (!needed()) return;
    window.lensSizeSent = true;  // once told, the server is told of every resize
    setStateValue("size", [innerWidth, innerHeight]);
  }};
  report();
  let timer = null;
  const resized = () => {{ clearTimeout(timer); timer = setTimeout(report, 200); }};
  window.addEventListener("resize", resized);
  return () => window.removeEventListener("resize", resized);
}}
"""
DEFAULT = (1200, 680)  # until the browser has said: the smallest screen presenter mode must fit
_component = st.components.v2.component("gradient_lens_viewport", js=JS)


def _size(result: object) -> tuple[int, int] | None:
    size = getattr(result, "size", None) if result is not None else None
    if isinstance(size, list | tuple) and len(size) == 2 and all(isinstance(v, int | float) for v in size):
        return int(size[0]), int(size[1])
    return None


def reported_width() -> int:
    """The width the browser last reported, read before this run draws anything (the view is
    built first); the default until it has said."""
    return (_size(st.session_state.get("viewport")) or DEFAULT)[0]


def on_phone() -> bool:
    """The window is a phone's (as far as the browser has said)."""
    return reported_width() < PHONE_BELOW_PX


def report_viewport(always: bool) -> None:
    """The reporting component, once per run (in every mode, so its state stays): ``always`` in
    presenter mode, which sizes its plot to the window."""
    _component(
        key="viewport", data={"always": always}, default={"size": None}, on_size_change=lambda: None, height=0
    )


def viewport() -> tuple[int, int]:
    """The window's (width, height) in CSS pixels; a small screen until the browser has said, so the
    first picture fits too."""
    return _size(st.session_state.get("viewport")) or DEFAULT
