"""Chromium: a move redraws the graphs without sampling every edge of the old ones.

d3-graphviz (inside ``st.graphviz_chart``) prepared edge tweening on each redraw by
sampling each old edge in 1-unit steps; the page makes detached paths report length 0
(``viz/ui/graph_speed.py``). The graphs must still be drawn in full, with every edge on
the page measuring its true length."""

import pytest

from tests.e2e.test_browser import link
from tools.browser import open_ready, wait_ready

pytestmark = pytest.mark.e2e
GRAPHS = '[data-testid="stGraphVizChart"] svg'
W_SLIDER = ".st-key-logistic_bce-w-slider input[type='range']"
COUNT = """() => { window.lensSamples = 0; const sample = SVGPathElement.prototype.getPointAtLength;
  SVGPathElement.prototype.getPointAtLength = function (d) {
    window.lensSamples += 1; return sample.call(this, d); }; }"""
EDGES = f"""() => [...document.querySelectorAll('{GRAPHS} g.edge path')].map(p => p.getTotalLength())"""
TEXT = f"() => [...document.querySelectorAll('{GRAPHS}')].map(s => s.textContent).join('|')"


def test_a_move_redraws_both_graphs_in_full_without_sampling_their_edges(page, server_url: str) -> None:
    open_ready(page, server_url + link("logistic_bce", order="2", tab="second"))
    page.wait_for_function(f"() => document.querySelectorAll('{GRAPHS}').length === 2")
    edges = page.evaluate(EDGES)
    page.wait_for_function("() => window.lensDetachedLength")  # the page's script ran
    page.evaluate(COUNT)
    before = page.evaluate(TEXT)
    page.locator(W_SLIDER).focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function(f"b => ({TEXT})() !== b", arg=before)
    wait_ready(page)
    after = page.evaluate(EDGES)
    assert len(after) == len(edges) > 20 and all(length > 5 for length in after)  # drawn, and measured
    # Sampling in 1-unit steps costs at least the edges' total length per redraw (21,748 calls
    # here before); two samples per edge cost a few hundred, however many times the graphs redraw.
    assert page.evaluate("() => window.lensSamples") < sum(after)
