"""Chromium: the classroom layer. Presenter mode's QR code, read from a screenshot with OpenCV,
opens the view it is next to (as the page), and follows the view as it changes."""

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


def test_qr_0_hides_the_code(browser, server_url: str) -> None:
    context, page = sized(browser, 1280, 720)
    try:
        open_ready(page, server_url + link("square", present="1", qr="0"))
        page.wait_for_selector('[data-testid="stGraphVizChart"] svg')
        assert page.locator(QR).count() == 0
    finally:
        context.close()
