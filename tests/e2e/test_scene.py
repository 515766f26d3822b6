"""The 3D surface is kept between slider moves: the same plot is updated in place (no new
WebGL scene), its arrow follows the gradient, and the camera stays where the student turned it."""

import pytest

from tests.e2e.test_browser import PLOT, link, metric_texts
from tools.browser import open_ready, wait_ready

pytestmark = pytest.mark.e2e
W_SLIDER = ".st-key-logistic_bce-w-slider input[type='range']"
ARROW = """gd => gd && gd.data && gd.data.filter(t => t.meta && t.meta.role === 'gradient')
                                      .map(t => t.meta.gradient)[0]"""


def test_the_surface_is_updated_in_place_and_keeps_the_camera(page, server_url: str) -> None:
    open_ready(page, server_url + link("logistic_bce", plot="surface3d", w="1"))
    page.wait_for_function(f"() => document.querySelector(`{PLOT}`)?._fullLayout?.scene")
    page.eval_on_selector(PLOT, "gd => { gd.lensMark = 'first'; }")
    box = page.locator(PLOT).bounding_box()
    cx, cy = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(cx, cy)  # the student turns the surface with the mouse
    page.mouse.down()
    page.mouse.move(cx + 120, cy + 40, steps=8)
    page.mouse.up()
    turned = page.eval_on_selector(PLOT, "gd => gd._fullLayout.scene.camera.eye")
    assert round(turned["x"], 3) != 1.3
    before = page.eval_on_selector(PLOT, ARROW)
    page.locator(W_SLIDER).focus()
    page.keyboard.press("ArrowRight")  # w: 1.0 -> 1.1
    moved = f"b => {{ const a = ({ARROW})(document.querySelector(`{PLOT}`)); return a && a[0] !== b[0]; }}"
    page.wait_for_function(moved, arg=before)
    wait_ready(page)
    assert page.eval_on_selector(PLOT, "gd => gd.lensMark") == "first"  # the same plot, not a new one
    assert page.eval_on_selector(PLOT, "gd => gd._fullLayout.scene.camera.eye") == turned
    arrow = page.eval_on_selector(PLOT, ARROW)
    assert f"{arrow[0]:.4f}" == metric_texts(page, 3)[1]  # the arrow is w.grad as the page shows it
