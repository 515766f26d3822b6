"""Chromium: the page's scripts, a file the page loads once, keep acting from run to run.

A 1024 px projector window starts with the sidebar closed; that, the quick graph redraw and
the phone graph's watcher are that file's (``viz/ui/page_scripts.py``).
"""

import re

import pytest

from tests.e2e.test_legibility import link, sized
from tools.browser import open_ready, settle, wait_ready

pytestmark = pytest.mark.e2e
CLOSED = """() => { const bar = document.querySelector('[data-testid=stSidebar]');
  return bar && bar.getClientRects().length && bar.getBoundingClientRect().right < 50; }"""  # drawn, closed
ACTING = """() => !!(window.lensDetachedLength && window.lensPhoneGraphs && window.glScrollables
  && window.glCollapsed)"""


def move(page, slider: str, to: str) -> None:
    page.locator(slider).focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_url(re.compile(rf"[?&]x={re.escape(to)}(&|$)"))
    wait_ready(page)


def test_a_reloaded_tab_gets_the_scripts_again(browser, server_url: str) -> None:
    """A reload is a new page, which must run the file again (a browser cache holds it)."""
    context, page = sized(browser, 1024, 768)
    try:
        open_ready(page, server_url + link("square"))
        page.wait_for_function(CLOSED)
        move(page, ".st-key-square-x-slider input[type='range']", "3.1")
        page.reload()
        wait_ready(page)
        page.wait_for_function(ACTING)  # the new page's scripts ran
        page.wait_for_function(CLOSED)
    finally:
        context.close()


def test_leaving_presenter_mode_on_a_projector_closes_the_sidebar(browser, server_url: str) -> None:
    """Presenter mode hides the sidebar; the page it leaves to starts with it closed."""
    context, page = sized(browser, 1024, 768)
    try:
        open_ready(page, server_url + link("square", present="1"))
        settle(page)
        page.wait_for_timeout(3500)  # a while on the projector (the script once gave up after 3 s)
        page.get_by_role("button", name="exit").first.click()
        page.wait_for_function(ACTING)
        page.wait_for_function(CLOSED)
    finally:
        context.close()
