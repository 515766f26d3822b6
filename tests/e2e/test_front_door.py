"""The hosted entry point (``server.py``) as an attacker and a course page see it."""

import asyncio
import contextlib
import http.server
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest
import websockets

from benchmarks.ws_client import Session
from tools.browser import free_port, open_ready, streamlit_server


def _get(url: str) -> tuple[int, dict[str, str]]:
    try:
        with urllib.request.urlopen(url, timeout=10) as r:
            return r.status, {k.lower(): v for k, v in r.headers.items()}
    except urllib.error.HTTPError as e:
        return e.code, {k.lower(): v for k, v in e.headers.items()}


def test_pages_and_files_carry_the_security_headers(server_url: str) -> None:
    for path in ["/", "/?scenario=square", "/guide", "/_stcore/health", "/favicon.png"]:
        _, headers = _get(server_url + path)
        assert headers.get("x-content-type-options") == "nosniff", path
        policy = headers.get("content-security-policy", "")
        assert "frame-ancestors 'self'" in policy and "'unsafe-inline'" not in policy.split("style-src")[0]
        assert "strict-transport-security" not in headers  # plain HTTP: HSTS is the TLS end's


@pytest.mark.parametrize("path", ["/_stcore/metrics", "/_stcore/metrics/", "/_stcore/METRICS"])
def test_the_metrics_page_is_not_public(server_url: str, path: str) -> None:
    status, _ = _get(server_url + path)
    assert status == 404


@contextlib.contextmanager
def course_page(app_url: str) -> Iterator[str]:
    """A course's page on another origin (``localhost`` against the app's ``127.0.0.1``)
    that embeds the app in a frame, as the README describes."""
    body = (
        f'<h1>Course</h1><iframe src="{app_url}/?scenario=square&embed=true" width=900 height=600></iframe>'
    )

    class Page(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("content-type", "text/html")
            self.end_headers()
            self.wfile.write(body.encode())

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", free_port()), Page)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://localhost:{server.server_address[1]}"
    finally:
        server.shutdown()


def _framed_app_loads(browser, course_url: str) -> bool:
    context = browser.new_context()
    page = context.new_page()
    page.goto(course_url + "/")
    try:
        page.frames[-1].wait_for_selector('[data-testid="stMetricValue"]', timeout=15_000)
        loaded = True
    except Exception:
        loaded = False
    frames = [f.url for f in page.frames]
    context.close()
    assert len(frames) == 2, frames
    return loaded


def test_a_page_elsewhere_cannot_frame_the_app(browser, server_url: str) -> None:
    with course_page(server_url) as course:
        assert not _framed_app_loads(browser, course)


def test_a_configured_course_page_can_frame_it(browser, monkeypatch) -> None:
    port = free_port()
    with course_page(f"http://127.0.0.1:{port}") as course:
        monkeypatch.setenv("LENS_FRAME_ANCESTORS", f"'self' {course}")
        with streamlit_server("server.py", port=port) as url:
            assert url.endswith(str(port)) and _framed_app_loads(browser, course)


def test_a_script_slipped_into_the_page_does_not_run(browser, server_url: str) -> None:
    context = browser.new_context()
    page = context.new_page()
    open_ready(page, server_url + "/?scenario=square")
    ran = page.evaluate("""() => { const s = document.createElement('script');
        s.textContent = 'window.slipped = 1'; document.body.append(s); return window.slipped ?? null; }""")
    image = page.evaluate("""() => new Promise((done) => { const i = new Image();
        i.onload = () => done('loaded'); i.onerror = () => done('blocked');
        i.src = 'https://tracker.example/pixel.png'; })""")
    context.close()
    assert ran is None and image == "blocked"


def test_an_oversized_message_closes_only_its_own_connection(server_url: str) -> None:
    port = int(server_url.rsplit(":", 1)[1])

    async def flood_then_use() -> tuple[int | None, bool]:
        async with websockets.connect(
            f"ws://127.0.0.1:{port}/_stcore/stream",
            subprotocols=["streamlit"],
            origin=server_url,  # type: ignore[list-item, arg-type]
        ) as ws:
            await ws.send(b"\\x00" * 2_000_000)
            try:
                while True:
                    await asyncio.wait_for(ws.recv(), 10)
            except websockets.ConnectionClosed as closed:
                code = closed.rcvd.code if closed.rcvd else None
        async with Session(port, "scenario=square&x=2") as session:
            run = await session.run()
        return code, run.ok

    with ThreadPoolExecutor(1) as pool:  # Playwright's sync API keeps an event loop in this thread
        code, other_ok = pool.submit(asyncio.run, flood_then_use()).result()
    assert code == 1009 and other_ok
