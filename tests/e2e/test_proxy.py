"""A lecture hall's setup: ``scripts/serve`` (two Streamlit workers behind HAProxy), through
the proxy as students' browsers reach it."""

import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.test_browser import GRAPH_NODES
from tools.browser import class_server, open_ready, self_signed_pem, wait_ready

METRICS = '[data-testid="stMain"] [data-testid="stMetricValue"]'


def _serve(tmp: Path, *flags: str) -> Iterator[str]:
    with class_server(tmp, *flags) as url:
        yield url
    assert "Traceback" not in "".join(p.read_text() for p in tmp.glob("worker-*.log"))


@pytest.fixture(scope="module")
def proxy(tmp_path_factory) -> Iterator[str]:
    yield from _serve(tmp_path_factory.mktemp("serve"), "--workers", "2")


def _worker(context) -> str:
    return next(c["value"] for c in context.cookies() if c["name"] == "LENS_WORKER")


def test_two_students_on_two_workers_see_their_own_views(browser, proxy: str) -> None:
    contexts = [browser.new_context(viewport={"width": 1280, "height": 900}) for _ in range(2)]
    pages = [c.new_page() for c in contexts]
    open_ready(pages[0], proxy + "/?scenario=square&x=3")
    open_ready(pages[1], proxy + "/?scenario=square&x=-2")
    assert {_worker(c) for c in contexts} == {"w1", "w2"}  # least connections: one each
    assert pages[0].locator(METRICS).all_inner_texts()[:2] == ["9.0000", "6.0000"]
    assert pages[1].locator(METRICS).all_inner_texts()[:2] == ["4.0000", "-4.0000"]
    for c in contexts:
        c.close()


def test_a_dropped_connection_reconnects_to_its_worker_and_keeps_the_view(browser, proxy: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    open_ready(page, proxy + "/?scenario=sin_square&x=1.5")
    worker = _worker(context)
    context.set_offline(True)  # a laptop's wifi drops
    page.wait_for_timeout(3_000)
    context.set_offline(False)
    page.wait_for_timeout(3_000)
    wait_ready(page)
    slider = page.locator('[data-testid="stSidebar"] [data-testid="stSlider"] input[type="range"]').first
    slider.focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function("() => location.search.includes('x=1.6')", timeout=30_000)
    wait_ready(page)
    assert _worker(context) == worker
    assert "scenario=sin_square" in page.evaluate("location.search")
    context.close()


def test_downloads_work_through_the_proxy(browser, proxy: str, tmp_path) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page = context.new_page()
    open_ready(page, proxy + "/?scenario=logistic_bce&downloads=1")
    page.wait_for_selector(GRAPH_NODES)
    buttons = page.locator('[data-testid="stDownloadButton"]')
    labels = [label.strip() for label in buttons.all_inner_texts()]
    for index in (labels.index("SVG"), len(labels) - 1 - labels[::-1].index("PNG")):  # graph SVG, plot PNG
        with page.expect_download(timeout=90_000) as download:
            buttons.nth(index).locator("button:visible").first.click()
        path = tmp_path / download.value.suggested_filename
        download.value.save_as(path)
        assert path.stat().st_size > 1000 and path.read_bytes()[:4] in (b"<?xm", b"<svg", b"\x89PNG"), (
            path.name
        )
    context.close()


def test_headers_metrics_and_host_names_at_the_proxy(proxy: str) -> None:
    import urllib.error
    import urllib.request

    with urllib.request.urlopen(proxy + "/") as r:
        assert r.headers["x-content-type-options"] == "nosniff"
        assert "frame-ancestors 'self'" in r.headers["content-security-policy"]
        assert "strict-transport-security" not in r.headers  # plain HTTP
    for path in ["/_stcore/metrics", "/_stcore/Metrics", "/_stcore/%6Detrics"]:
        with pytest.raises(urllib.error.HTTPError) as closed:
            urllib.request.urlopen(proxy + path)
        assert closed.value.code == 404, path

    assert _upgrade(proxy, "127.0.0.1") == "101"
    assert _upgrade(proxy, "rebound.example") == "403"  # a DNS-rebinding page's host name


def _upgrade(url: str, host: str = "127.0.0.1") -> str:
    """The status of a websocket handshake to the app (a new session) with this Host header."""
    command = ["curl", "-ks", "-o", "/dev/null", "-w", "%{http_code}", "--max-time", "0.5",
               "-H", f"Host: {host}", "-H", "Connection: Upgrade", "-H", "Upgrade: websocket",
               "-H", "Sec-WebSocket-Version: 13",
               "-H", "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==", url + "/_stcore/stream"]  # fmt: skip
    return subprocess.run(command, capture_output=True, text=True).stdout


def _open_sockets(port: int, count: int) -> int:
    """Open ``count`` connections at once; how many the proxy keeps open."""
    sockets = [socket.create_connection(("127.0.0.1", port)) for _ in range(count)]
    time.sleep(0.5)
    alive = 0
    for s in sockets:
        s.setblocking(False)
        try:
            alive += s.recv(1) != b""
        except BlockingIOError:
            alive += 1
        except OSError:
            pass
        s.close()
    return alive


def test_limits_per_address_and_tls_with_hsts(tmp_path) -> None:
    pem = self_signed_pem(tmp_path)
    flags = ("--workers", "1", "--tls-pem", str(pem), "--max-connections", "20", "--max-sessions", "5")
    for url in _serve(tmp_path, *flags):
        port = int(url.rsplit(":", 1)[1])
        head = subprocess.run(["curl", "-ksSI", url + "/"], capture_output=True, text=True, check=True).stdout
        assert "strict-transport-security: max-age=31536000" in head.lower()
        assert "LENS_WORKER=w1; path=/; HttpOnly; Secure" in head
        # One address, 20 at once. HAProxy may still count curl's connection for a moment
        # after curl closed it: then one fewer is kept, so count again once it is gone.
        kept = [_open_sockets(port, 30)]
        while kept[-1] != 20 and len(kept) < 4:
            time.sleep(1)
            kept.append(_open_sockets(port, 30))
        assert kept[-1] == 20 and max(kept) <= 20, kept
        time.sleep(1)  # the 30 closed connections leave the count before the handshakes below

        codes = [_upgrade(url) for _ in range(8)]  # five new sessions per 10 s from one address
        assert codes == ["101"] * 5 + ["429"] * 3, " ".join(codes)
