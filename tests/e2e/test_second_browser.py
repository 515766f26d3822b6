"""Chromium: second derivatives (&order=2) as a student sees them: the graph of the gradient
with its values and the sum over x's two uses, the parabola on the curve, and presenter mode
still fitting a projector with the second derivatives in its step line."""

import math

import pytest

from tests.e2e.test_browser import GRAPH_NODES, NODE_TEXT, plot_text
from tests.e2e.test_legibility import INSIDE, PLOT, PRESENTER_PARTS, link, sized
from tools.browser import open_ready, wait_ready
from tools.measure import page_overflow
from viz.numbers import fmt
from viz.scenario import REGISTRY

pytestmark = pytest.mark.e2e


def test_the_gradients_graph_and_the_parabola_in_chromium(page, server_url: str) -> None:
    x = 1.3
    terms = [2 * math.cos(x * x), -4 * x * x * math.sin(x * x)]
    open_ready(page, server_url + link("sin_square", x="1.3", order="2", tab="second"))
    page.wait_for_function("() => document.querySelectorAll('[data-testid=\"stGraphVizChart\"]').length >= 2")
    second = page.locator('[data-testid="stGraphVizChart"]').nth(1)
    second.locator("svg g.node").first.wait_for(timeout=30_000)
    texts = second.locator("svg g.node").evaluate_all(NODE_TEXT)
    assert any(t.startswith("dz/dx · MulBackward0") for t in texts)
    x_box = next(t for t in texts if t.startswith("x · AccumulateGrad"))
    assert f"{fmt(terms[0])} + {fmt(terms[1])} = {fmt(sum(terms))}" in x_box  # one term per use of x
    assert f"d²z/dx² = {fmt(sum(terms))}" in plot_text(page)
    assert page.locator(GRAPH_NODES).count() > len(texts)  # f's own graph is drawn above it


@pytest.mark.parametrize("scenario_id", list(REGISTRY))
def test_presenter_mode_with_order_2_fits_a_projector(browser, server_url: str, scenario_id: str) -> None:
    context, page = sized(browser, 1024, 768)
    try:
        open_ready(page, server_url + link(scenario_id, present="1", order="2"))
        page.wait_for_selector(PLOT + " .main-svg")
        page.wait_for_timeout(800)
        wait_ready(page)
        assert "Differentiated twice" in page.locator(".st-key-present_step").inner_text()
        assert page_overflow(page) == {"x": 0, "y": 0}
        for part in PRESENTER_PARTS:
            assert page.evaluate(INSIDE, part), part
    finally:
        context.close()


HEAT = """() => [...document.querySelectorAll('[data-testid="stMain"] .js-plotly-plot')]
  .find(gd => gd.data && gd.data[0].type === 'heatmap')"""  # the Hessian's heatmap
HEAT_STATE = f"""() => {{ const gd = ({HEAT})(); const image = gd && gd.querySelector('.hm image');
  return image && [JSON.stringify(gd.data[0].text), gd.querySelector('.main-svg').lensMark || null,
                   image.getBoundingClientRect().width]; }}"""


def test_the_networks_hessian_heatmap_follows_a_training_step_in_place(page, server_url: str) -> None:
    open_ready(page, server_url + link("mlp", order="2", row="b2[0]", tab="second"))
    page.wait_for_function(HEAT_STATE)
    text, _, width = page.evaluate(HEAT_STATE)
    assert width > 200  # the cells are drawn, not an empty frame
    page.evaluate(f"() => {{ ({HEAT})().querySelector('.main-svg').lensMark = 'first'; }}")
    page.locator(".st-key-mlp-steps-slider input[type='range']").focus()
    page.keyboard.press("ArrowRight")  # one SGD step: every second derivative moves
    moved = f"b => {{ const s = ({HEAT_STATE})(); return s && s[0] !== b; }}"
    page.wait_for_function(moved, arg=text)
    wait_ready(page)
    _, mark, _ = page.evaluate(HEAT_STATE)
    assert mark == "first"  # updated in place (Plotly.react), not drawn anew
    row = page.evaluate(f"() => {{ const t = ({HEAT})().data[0]; return t.text[t.y.indexOf('b2[0]')]; }}")
    table = (
        page.locator('[data-testid="stTable"]')
        .first.locator("tbody tr")
        .evaluate_all("rows => rows.map(r => r.querySelectorAll('td')[0].innerText.trim())")
    )
    assert table == row  # the compared row is the outlined one, at the step now shown
