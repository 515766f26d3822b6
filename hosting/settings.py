"""What a host configures, read once from the environment (``LENS_*``), typed.

Values here are the operator's, not a link's, but they still end up in response
headers, so each is checked against a strict pattern instead of being pasted in.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass

# A CSP source expression: 'self', a scheme ("https:"), or a host with an optional scheme,
# "*." wildcard, port and path. No spaces, quotes (other than 'self'), semicolons or commas.
_SOURCE = re.compile(
    r"'self'|'none'|[a-z][a-z0-9+.-]*:|([a-z][a-z0-9+.-]*://)?(\*\.)?[A-Za-z0-9.-]+(:(\d+|\*))?(/[\w./-]*)?"
)


@dataclass(frozen=True)
class FrontDoorSettings:
    """``frame_ancestors``: who may embed the app in a frame (a course page, an LMS).
    ``hsts_seconds``: send Strict-Transport-Security (only where TLS ends at this server).
    ``messages_per_second``/``burst``: how fast one browser tab may send widget changes;
    a student dragging a slider sends ~10 a second, faster ones wait their turn."""

    frame_ancestors: tuple[str, ...] = ("'self'",)
    hsts_seconds: int = 0
    messages_per_second: float = 25.0
    burst: int = 50

    @classmethod
    def from_env(cls, env: Mapping[str, str] = os.environ) -> FrontDoorSettings:
        ancestors = tuple(env.get("LENS_FRAME_ANCESTORS", "'self'").split())
        bad = [a for a in ancestors if not _SOURCE.fullmatch(a)]
        if bad or not ancestors:
            raise ValueError(f"LENS_FRAME_ANCESTORS: not CSP sources: {bad or 'empty'}")
        return cls(
            frame_ancestors=ancestors,
            hsts_seconds=_count(env, "LENS_HSTS_SECONDS", 0),
            messages_per_second=float(_count(env, "LENS_MESSAGES_PER_SECOND", 25)),
            burst=_count(env, "LENS_MESSAGE_BURST", 50),
        )


def _count(env: Mapping[str, str], name: str, default: int) -> int:
    text = env.get(name, str(default))
    if not text.isdigit():
        raise ValueError(f"{name}: expected a whole number, got {text[:20]!r}")
    return int(text)
