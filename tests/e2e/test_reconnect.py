"""A tab open while the server restarts (a deploy, a crash, a laptop lid): the browser
reconnects to a new server with an empty session, and the class keeps working."""

import contextlib
import time

from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tools.browser import ROOT, free_port, open_ready, streamlit_process, wait_ready

METRICS = '[data-testid="stMain"] [data-testid="stMetricValue"]'
SLIDER = '[data-testid="stSidebar"] [data-testid="stSlider"] input[type="range"]'


def _restartable(port: int, log):
    return streamlit_process(ROOT / "app.py", "--server.headless", "true", port=port, log=log)


def _nudge_and_read(page, expect: str) -> tuple[str, list[str]]:
    """One step right on the x slider; the link and numbers once the page settles
    (or after 15 s, when the change was dropped)."""
    page.locator(SLIDER).first.focus()
    page.keyboard.press("ArrowRight")
    with contextlib.suppress(PlaywrightTimeout):
        page.wait_for_function(f"() => (location.search + '&').includes('{expect}&')", timeout=15_000)
    wait_ready(page)
    return page.evaluate("location.search"), page.locator(METRICS).all_inner_texts()


def test_first_change_after_a_server_restart_takes_effect(browser, tmp_path) -> None:
    port, log = free_port(), tmp_path / "server.log"
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    with _restartable(port, log):
        open_ready(page, f"http://127.0.0.1:{port}/?scenario=square&x=3")
        assert page.locator(METRICS).all_inner_texts()[:2] == ["9.0000", "6.0000"]
    with _restartable(port, log):
        time.sleep(2)  # the browser retries the websocket on its own schedule
        wait_ready(page)
        search, numbers = _nudge_and_read(page, "x=3.1")
        assert "x=3.1&" in search + "&" and numbers[:2] == ["9.6100", "6.2000"], (search, numbers)
        search, numbers = _nudge_and_read(page, "x=3.2")
        assert "x=3.2&" in search + "&" and numbers[:2] == ["10.2400", "6.4000"], (search, numbers)
    page.close()
    assert "Traceback" not in log.read_text(), log.read_text()[-3000:]
