"""Chromium: the classroom layer. Presenter mode's QR code, read from a screenshot with OpenCV,
opens the view it is next to (as the page), and follows the view as it changes."""

import itertools

import cv2
import numpy as np
import pytest

from tests.e2e.test_legibility import link, sized
from tools.browser import open_ready, wait_ready

pytestmark = pytest.mark.e2e
QR = ".st-key-present_qr img"


def decoded(page) -> str:
    page.wait_for_selector(QR, timeout=30_000)
    png = page.locator(QR).screenshot()
    image = cv2.imdecode(np.frombuffer(png, np.uint8), cv2.IMREAD_COLOR)
    return cv2.QRCodeDetector().detectAndDecode(image)[0]


def test_the_qr_code_opens_this_view_and_follows_it(browser, server_url: str) -> None:
    context, page = sized(browser, 1280, 720)
    try:
        open_ready(page, server_url + link("sin_square", x="1.3", present="1"))
        assert decoded(page) == server_url + "/?scenario=sin_square&x=1.3"
        page.get_by_role("button", name="◀ previous").click()
        wait_ready(page)
        page.wait_for_function("() => location.search.includes('step=2')")
        assert decoded(page) == server_url + "/?scenario=sin_square&x=1.3&step=2"
    finally:
        context.close()


def test_a_short_window_has_the_qr_code_in_the_show_menu(browser, server_url: str) -> None:
    """At 900×600 the code under the plot scrolled the page by 28–87 px (measured): it is in the
    "show" menu, and opens this view from there."""
    context, page = sized(browser, 900, 600)
    try:
        open_ready(page, server_url + link("sin_square", x="1.3", present="1"))
        page.wait_for_timeout(800)  # the window's size reaches the server
        wait_ready(page)
        assert not page.locator(QR).is_visible()
        page.get_by_role("button", name="show").click()
        assert decoded(page) == server_url + "/?scenario=sin_square&x=1.3"
    finally:
        context.close()


def test_qr_0_hides_the_code(browser, server_url: str) -> None:
    context, page = sized(browser, 1280, 720)
    try:
        open_ready(page, server_url + link("square", present="1", qr="0"))
        page.wait_for_selector('[data-testid="stGraphVizChart"] svg')
        assert page.locator(QR).count() == 0
    finally:
        context.close()


def _steps_seen(page, until: str, timeout_ms: int = 20_000) -> list[str]:
    """The address bar's step= each time it changes, until ``until`` is in it."""
    return page.evaluate(
        """([until, timeout]) => new Promise((done, fail) => {
            const seen = []; const t0 = Date.now();
            const poll = () => {
                const s = new URLSearchParams(location.search);
                const step = s.get('step');
                if (seen[seen.length - 1] !== step) seen.push(step);
                if (location.search.includes(until)) return done(seen);
                if (Date.now() - t0 > timeout) return fail(new Error('saw ' + seen.join(',')));
                setTimeout(poll, 50);
            };
            poll();
        })""",
        [until, timeout_ms],
    )


def test_play_walks_the_steps_in_the_address_bar_and_stops_at_the_end(page, server_url: str) -> None:
    open_ready(page, server_url + link("sin_square", x="3", step="0", play="1", speed="4"))
    seen = _steps_seen(page, "step=3")  # step 0 may be gone by the time the page is ready (250 ms)
    assert seen[0] in ("0", "1") and [s for s in seen if s != "0"] == ["1", "2", "3"]  # none skipped
    page.wait_for_function("() => !location.search.includes('play=1')", timeout=10_000)  # stopped at the end
    wait_ready(page)
    assert page.get_by_role("button", name="▶ play").count() == 1


def test_moving_the_stepper_stops_playing(page, server_url: str) -> None:
    open_ready(page, server_url + link("logistic_bce", step="0", play="1", speed="1"))
    page.wait_for_function("() => location.search.includes('step=1')", timeout=15_000)
    page.get_by_role("button", name="⏸ pause").first.click()
    page.wait_for_function("() => !location.search.includes('play=1')", timeout=10_000)
    step = page.evaluate("new URLSearchParams(location.search).get('step')")
    page.wait_for_timeout(2500)
    assert page.evaluate("new URLSearchParams(location.search).get('step')") == step  # paused: shareable


def test_moving_an_input_slider_stops_playing(page, server_url: str) -> None:
    open_ready(page, server_url + link("sin_square", x="3", step="0", play="1", speed="0.5"))
    slider = page.locator('[data-testid="stSidebar"] [data-testid="stSlider"] input[type="range"]').first
    slider.focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function("() => !location.search.includes('play=1')", timeout=15_000)
    wait_ready(page)
    step = page.evaluate("new URLSearchParams(location.search).get('step')")
    assert step in ("0", "1")  # stopped where it was, long before the pass's end (step 3)
    page.wait_for_timeout(3000)  # two steps' time at 0.5 steps per second: nothing moves
    assert page.evaluate("new URLSearchParams(location.search).get('step')") == step
    assert page.evaluate("new URLSearchParams(location.search).get('x')") != "3"


def test_a_quiz_page_holds_no_gradient_before_it_is_revealed(page, server_url: str) -> None:
    """Nothing in the page's text, its SVG or its HTML gives the next answer away."""
    import math

    from viz.numbers import fmt

    to_y, to_x = fmt(math.cos(9)), fmt(6 * math.cos(9))
    open_ready(page, server_url + link("sin_square", x="3", quiz="1"))
    page.get_by_text("What does it send back to y?").first.wait_for()
    html = page.content()
    assert to_y not in html and to_x not in html
    page.get_by_role("button", name="Reveal", exact=True).click()
    wait_ready(page)
    page.get_by_role("button", name="next ▶ (the graph shows it)").click()
    page.wait_for_function("() => location.search.includes('step=1')")
    wait_ready(page)
    page.get_by_text("What does it send back to x?").first.wait_for()
    html = page.content()
    assert to_y in html and to_x not in html  # the first revealed, the next still hidden


def test_play_in_the_descent_panel_takes_descent_steps(page, server_url: str) -> None:
    open_ready(page, server_url + link("sin_square", x="1", gd="0", tab="descent", play="1", speed="4"))
    seen = page.evaluate(
        """() => new Promise((done) => {
            const seen = []; const t0 = Date.now();
            const poll = () => {
                const gd = new URLSearchParams(location.search).get('gd');
                if (seen[seen.length - 1] !== gd) seen.push(gd);
                if (seen.length >= 4 || Date.now() - t0 > 20000) return done(seen);
                setTimeout(poll, 50);
            };
            poll();
        })"""
    )
    steps = [int(v) for v in seen]
    assert len(steps) >= 4 and all(b == a + 1 for a, b in itertools.pairwise(steps)), seen  # one at a time
    assert page.evaluate("new URLSearchParams(location.search).get('step')") is None  # the stepper stays
