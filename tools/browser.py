"""Start a real ``streamlit run`` server and Debian's Chromium, for e2e tests,
benchmarks and screenshots. Never downloads a browser."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

from viz.ui.layout import STACK_BELOW_PX

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
READY = '[data-testid="stApp"][data-test-script-state="notRunning"]'


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_healthy(url: str, timeout: float = 90.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError), urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
            if r.status == 200:
                return
        time.sleep(0.25)
    raise TimeoutError(f"streamlit at {url} not healthy after {timeout}s")


@contextlib.contextmanager
def streamlit_process(
    script: Path, *flags: str, cwd: Path = ROOT, log: Path | None = None, port: int = 0
) -> Iterator[tuple[int, subprocess.Popen]]:
    """``streamlit run script`` from ``cwd`` (whose ``.streamlit/config.toml`` applies)
    on ``port`` (a free loopback one by default); yields the port and the process once
    it is healthy. A log is appended to, so a restarted server keeps the first one's."""
    port = port or free_port()
    out = open(log, "a") if log else subprocess.DEVNULL  # noqa: SIM115
    command = [sys.executable, "-m", "streamlit", "run", str(script)]
    command += ["--server.port", str(port), "--server.address", "127.0.0.1", *flags]
    proc = subprocess.Popen(command, cwd=cwd, stdout=out, stderr=subprocess.STDOUT)
    try:
        wait_healthy(f"http://127.0.0.1:{port}")
        yield port, proc
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        if log:
            out.close()


@contextlib.contextmanager
def streamlit_server(
    script: str = "app.py", *flags: str, log: Path | None = None, port: int = 0
) -> Iterator[str]:
    """The app (or ``script``) on a loopback port (a free one by default); yields its base URL."""
    with streamlit_process(ROOT / script, "--server.headless", "true", *flags, log=log, port=port) as (
        port,
        _,
    ):
        yield f"http://127.0.0.1:{port}"


def self_signed_pem(folder: Path) -> Path:
    """A throwaway certificate and key for localhost in one PEM file, as HAProxy takes them."""
    key, cert, pem = folder / "key.pem", folder / "cert.pem", folder / "lens.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost",
         "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )  # fmt: skip
    pem.write_bytes(cert.read_bytes() + key.read_bytes())
    return pem


@contextlib.contextmanager
def class_server(run_dir: Path, *flags: str) -> Iterator[str]:
    """``bash scripts/serve`` (HAProxy and Streamlit workers) on a free port; yields the
    proxy's URL once it answers, then stops it as Ctrl-C does. Logs go to ``run_dir``."""
    import signal

    port = free_port()
    env = os.environ | {"LENS_RUN_DIR": str(run_dir)}
    log_path = run_dir / "serve.log"
    log = log_path.open("w")
    proc = subprocess.Popen(
        ["bash", "scripts/serve", "--port", str(port), *flags],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip
    url = f"{'https' if '--tls-pem' in flags else 'http'}://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 180
        while "Gradient Lens:" not in log_path.read_text():
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(log_path.read_text()[-2000:])
            time.sleep(0.5)
        if url.startswith("http:"):
            wait_healthy(url)
        yield url
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGINT)  # Ctrl-C: the script stops HAProxy and the workers
        proc.wait(timeout=30)
        log.close()


@contextlib.contextmanager
def chromium() -> Iterator[object]:
    """Playwright's Chromium API driving the machine's own Chromium binary."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


CONTENT = '[data-testid="stMain"] [data-testid="stHeading"]'
# The page's scripts have run (a file they load: viz/ui/page_scripts.py), and a window narrower than
# STACK_BELOW_PX has its sidebar closed, as a student sees the page a moment after it opens.
SCRIPTS_DONE = f"""() => {{
  if (!window.glScrollables) return false;
  const bar = document.querySelector('[data-testid="stSidebar"]');
  return innerWidth > {STACK_BELOW_PX} || !bar || !bar.getClientRects().length
    || bar.getBoundingClientRect().right < 50; }}"""


def open_ready(page, url: str, timeout: float = 60_000) -> None:
    """Go to ``url`` and wait until the script has finished, the page is drawn and its own scripts
    have acted."""
    page.goto(url)
    page.wait_for_selector(CONTENT, timeout=timeout)
    page.wait_for_function(SCRIPTS_DONE, timeout=timeout)
    wait_ready(page, timeout)


def settle(page, timeout: float = 60_000) -> None:
    """Let the window's size reach the server (presenter mode and a phone report it on load,
    which reruns the script) and wait until that run has finished: an element still fading
    from the run before reads as faint text."""
    page.wait_for_timeout(800)
    wait_ready(page, timeout)


def wait_ready(page, timeout: float = 60_000) -> None:
    page.wait_for_selector(READY, timeout=timeout)
    page.wait_for_function(
        """() => {
            const app = document.querySelector('[data-testid="stApp"]');
            return app && app.getAttribute('data-test-script-state') === 'notRunning'
                && !document.querySelector('[data-stale="true"]');
        }""",
        timeout=timeout,
    )
