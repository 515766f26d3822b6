"""The front door as ASGI middleware, driven with hand-made ASGI messages (no server)."""

import asyncio
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from hosting.front_door import FrontDoor, content_security_policy
from hosting.settings import FrontDoorSettings


def run(coro):
    """``asyncio.run`` in its own thread: Playwright's sync API (e2e tests in the same run)
    leaves an event loop in this one."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coro).result()


def _http(door: FrontDoor, path: str) -> tuple[int, dict[bytes, bytes], list[str]]:
    status, headers, reached = _http_raw(door, path)
    names = [name for name, _ in headers]
    assert len(names) == len(set(names)), names  # each header once: a browser may join duplicates
    return status, dict(headers), reached


def _http_raw(door: FrontDoor, path: str) -> tuple[int, list[tuple[bytes, bytes]], list[str]]:
    """One GET through the door; the status, headers, and what reached the app behind it."""
    reached: list[str] = []

    async def app(scope, receive, send):
        reached.append(scope["path"])
        await send(
            {"type": "http.response.start", "status": 200, "headers": [(b"x-content-type-options", b"x")]}
        )
        await send({"type": "http.response.body", "body": b"ok"})

    sent: list[dict] = []

    async def send(message):
        sent.append(message)

    async def receive():
        return {"type": "http.request", "body": b""}

    door.app = app
    run(door({"type": "http", "path": path}, receive, send))
    start = sent[0]
    return start["status"], list(start["headers"]), reached


def _door(**settings) -> FrontDoor:
    return FrontDoor(lambda *_: None, FrontDoorSettings(**settings))  # type: ignore[arg-type, return-value]


def test_every_response_says_nosniff_and_a_policy_once() -> None:
    status, headers, reached = _http(_door(), "/")
    assert status == 200 and reached == ["/"]
    assert headers[b"x-content-type-options"] == b"nosniff"  # the app's own value is replaced, not doubled
    assert b"frame-ancestors 'self'" in headers[b"content-security-policy"]
    assert b"strict-transport-security" not in headers  # no TLS here: HSTS belongs where TLS ends


@pytest.mark.parametrize(
    "path", ["/_stcore/metrics", "/_stcore/metrics/", "//_stcore//metrics", "/lens/_stcore/METRICS"]
)
def test_the_metrics_page_is_closed_however_spelled(path: str) -> None:
    status, headers, reached = _http(_door(), path)
    assert status == 404 and reached == []
    assert headers[b"x-content-type-options"] == b"nosniff"


def test_health_and_pages_pass() -> None:
    for path in ["/_stcore/health", "/guide", "/static/js/index.js"]:
        assert _http(_door(), path)[0] == 200


def test_hsts_only_when_configured() -> None:
    _, headers, _ = _http(_door(hsts_seconds=31536000), "/")
    assert headers[b"strict-transport-security"] == b"max-age=31536000"


def test_scripts_run_only_from_the_server_or_by_hash() -> None:
    policy = content_security_policy(FrontDoorSettings(), ("'sha256-abc='",))
    script = next(rule for rule in policy.split("; ") if rule.startswith("script-src "))
    assert "'unsafe-inline'" not in script and "'unsafe-eval'" not in script
    assert "'sha256-abc='" in script
    assert "object-src 'none'" in policy and "img-src 'self' data: blob:" in policy


def test_frame_ancestors_come_from_the_environment_and_are_checked() -> None:
    env = {"LENS_FRAME_ANCESTORS": "'self' https://course.example.edu https://*.lms.example"}
    settings = FrontDoorSettings.from_env(env)
    assert settings.frame_ancestors == ("'self'", "https://course.example.edu", "https://*.lms.example")
    for bad in ["https://x.example; script-src *", "'unsafe-inline'", "https://x\r\nSet-Cookie:a=b", ""]:
        with pytest.raises(ValueError, match="LENS_FRAME_ANCESTORS"):
            FrontDoorSettings.from_env({"LENS_FRAME_ANCESTORS": bad})
    with pytest.raises(ValueError, match="LENS_HSTS_SECONDS"):
        FrontDoorSettings.from_env({"LENS_HSTS_SECONDS": "1e9"})


def test_a_flood_of_widget_messages_is_paced() -> None:
    """60 messages at once with a burst of 10 at 100/s: the app reads the last one after
    ~0.5 s, not at once; a tab within its pace is never held."""

    async def drain(door: FrontDoor, count: int) -> float:
        queue = [{"type": "websocket.receive", "bytes": b"m"}] * count

        async def receive():
            return queue.pop()

        async def app(scope, receive, send):
            for _ in range(count):
                await receive()

        door.app = app
        start = time.monotonic()
        await door({"type": "websocket", "path": "/_stcore/stream"}, receive, None)  # type: ignore[arg-type]
        return time.monotonic() - start

    assert run(drain(_door(messages_per_second=100, burst=10), 60)) >= 0.45
    assert run(drain(_door(messages_per_second=100, burst=10), 10)) < 0.05
