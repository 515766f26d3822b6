"""The view as a short link for students' phones, and as a QR code of that link.

The link leaves out every parameter at its default (``/?scenario=sin_square&x=1.3``), so the
code has fewer, larger modules to scan from the back of a room, and it opens the page, not
presenter mode. It is built on the address the instructor's browser used.
"""

from __future__ import annotations

import io
from dataclasses import replace
from functools import lru_cache
from urllib.parse import urlencode

import segno

from viz.state import ViewState, default_state, to_query


def short_query(state: ViewState) -> dict[str, str]:
    """The view's parameters that differ from its scenario's defaults (the scenario always)."""
    shown = replace(state, display=replace(state.display, present=False, downloads=False, show="both"))
    full, default = to_query(shown), to_query(default_state(state.scenario_id))
    return {k: v for k, v in full.items() if k == "scenario" or default.get(k) != v}


def share_link(base: str, state: ViewState) -> str:
    """``base`` (the app's address, as the browser has it) with the view's short query."""
    return base.split("?", 1)[0].rstrip("/") + "/?" + urlencode(short_query(state))


@lru_cache(maxsize=256)  # ~0.6 kB each: a slider's grid and autoplay's loop come back to a view
def qr_png(link: str, scale: int = 10) -> bytes:
    """A QR code of ``link`` (error correction M: a projector's glare can hide a few modules).
    Presenter mode draws it on every move, and making it (segno's search of the eight masks,
    then the PNG) is ~15 ms of a rerun: a link seen before is not made again."""
    out = io.BytesIO()
    segno.make(link, error="m").save(out, kind="png", scale=scale, border=3)
    return out.getvalue()
