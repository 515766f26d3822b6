"""The app's own front door, an ASGI middleware in front of Streamlit (``server.py``).

It holds with or without a proxy: security headers on every HTTP response, the
server's internal metrics page closed, and each browser tab's widget messages paced,
so one tab (or script) cannot make its session rerun thousands of times a second.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import re
import time
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from hosting.settings import FrontDoorSettings

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

# Module names, cache sizes and timings: for the operator, not the public.
CLOSED_PATHS = ("/_stcore/metrics",)


_INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)


def inline_script_hashes(*pages: str) -> tuple[str, ...]:
    """CSP hashes of the inline ``<script>`` blocks in these HTML texts: the page's own
    scripts run, and a script that anything else slipped into the page does not."""
    bodies = (m.group(1) for page in pages for m in _INLINE_SCRIPT.finditer(page))
    digests = (base64.b64encode(hashlib.sha256(b.encode()).digest()).decode() for b in bodies)
    return tuple(sorted({f"'sha256-{d}'" for d in digests}))


def content_security_policy(settings: FrontDoorSettings, scripts: tuple[str, ...] = ()) -> str:
    """Everything from this server only: no other host's scripts, images, fonts or frames
    (a link cannot make the page fetch from elsewhere), inline scripts only by hash, and
    only the configured pages may frame it. Streamlit's components load as ``blob:``
    modules, Graphviz is WebAssembly and its styles are inline."""
    rules = {
        "default-src": "'self'",
        "script-src": " ".join(["'self'", "blob:", "'wasm-unsafe-eval'", *scripts]),
        "style-src": "'self' 'unsafe-inline'",
        "img-src": "'self' data: blob:",
        "font-src": "'self' data:",
        "connect-src": "'self'",
        "media-src": "'self' data: blob:",
        "frame-src": "'self' data: blob:",
        "worker-src": "'self' blob:",
        "object-src": "'none'",
        "base-uri": "'self'",
        "form-action": "'self'",
        "frame-ancestors": " ".join(settings.frame_ancestors),
    }
    return "; ".join(f"{name} {value}" for name, value in rules.items())


def response_headers(settings: FrontDoorSettings, scripts: tuple[str, ...] = ()) -> list[tuple[bytes, bytes]]:
    headers = {
        "x-content-type-options": "nosniff",
        "content-security-policy": content_security_policy(settings, scripts),
        "referrer-policy": "same-origin",
    }
    if settings.hsts_seconds:
        headers["strict-transport-security"] = f"max-age={settings.hsts_seconds}"
    return [(k.encode(), v.encode()) for k, v in headers.items()]


def closed(path: str) -> bool:
    """``/_stcore/metrics`` however it is spelled (a base path, a trailing or doubled slash)."""
    squeezed = "/" + "/".join(part for part in path.split("/") if part)
    return squeezed.lower().endswith(CLOSED_PATHS)


class Pace:
    """A token bucket: ``burst`` messages at once, then ``rate`` per second; a message
    over the limit waits (the browser's next ones queue behind it) instead of failing."""

    def __init__(self, rate: float, burst: int) -> None:
        self.rate, self.burst = rate, burst
        self.tokens, self.at = float(burst), time.monotonic()

    def delay(self) -> float:
        """Take a token; how long to wait before the message may pass."""
        now = time.monotonic()
        self.tokens = min(self.burst, self.tokens + (now - self.at) * self.rate)
        self.at = now
        self.tokens -= 1
        return 0.0 if self.tokens >= 0 else -self.tokens / self.rate


class FrontDoor:
    """ASGI middleware; ``settings`` default to the environment's (``LENS_*``);
    ``scripts``: the CSP hashes of the inline scripts the page may run."""

    def __init__(
        self, app: ASGIApp, settings: FrontDoorSettings | None = None, scripts: tuple[str, ...] = ()
    ) -> None:
        self.app = app
        self.settings = settings or FrontDoorSettings.from_env()
        self.headers = response_headers(self.settings, scripts)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            await self._http(scope, receive, send)
        elif scope["type"] == "websocket":
            await self.app(scope, self._paced(receive), send)
        else:
            await self.app(scope, receive, send)

    async def _http(self, scope: Scope, receive: Receive, send: Send) -> None:
        if closed(scope["path"]):
            start = {"type": "http.response.start", "status": 404, "headers": self.headers}
            await send(start | {"headers": [*self.headers, (b"content-type", b"text/plain")]})
            await send({"type": "http.response.body", "body": b"Not found"})
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                taken = {name for name, _ in self.headers}
                kept = [(k, v) for k, v in message.get("headers", []) if k.lower() not in taken]
                message["headers"] = kept + self.headers
            await send(message)

        await self.app(scope, receive, with_headers)

    def _paced(self, receive: Receive) -> Receive:
        pace = Pace(self.settings.messages_per_second, self.settings.burst)

        async def paced() -> Message:
            message = await receive()
            if message["type"] == "websocket.receive" and (wait := pace.delay()) > 0:
                await asyncio.sleep(wait)
            return message

        return paced
