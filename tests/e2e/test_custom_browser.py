"""Chromium: your own f from a link (one, two and three variables), and hostile links that
must only produce an error."""

import math
import urllib.request
from pathlib import Path
from urllib.parse import quote

import pytest

from tests.e2e.test_browser import GRAPH_NODES, PLOT, current_query, graph_texts, metric_texts, plot_text
from tools.browser import open_ready, wait_ready
from viz.numbers import fmt

pytestmark = pytest.mark.e2e

HOSTILE = [
    '<img src=x onerror="window.__pwned=1;alert(1)">',
    "<script>window.__pwned=1</script>",
    "__import__('os').system('touch /tmp/gradient_lens_pwned')",
    'x"]; pwned [label="<b onmouseover=alert(1)>',
    "$\\unicode{<script>alert(1)</script>}$",
]


def test_custom_expression_from_a_link(page, server_url: str) -> None:
    open_ready(page, f"{server_url}/?scenario=custom&expr={quote('x**3 + 2*x')}&x=1.5")
    assert metric_texts(page, count=2) == ["6.3750", "8.7500"]  # f = x³ + 2x and 3x² + 2 at 1.5
    assert any("PowBackward0" in t for t in graph_texts(page))
    assert current_query(page)["expr"] == ["x**3 + 2*x"]
    assert "expr=x%2A%2A3+%2B+2%2Ax" in page.evaluate("location.search")  # + is written %2B


def test_two_variables_from_a_link(page, server_url: str) -> None:
    open_ready(page, f"{server_url}/?scenario=custom&expr={quote('x*y+sin(x)')}&x=1.2&y=-0.7")
    dfdx, dfdy = -0.7 + math.cos(1.2), 1.2
    assert metric_texts(page, count=3) == [fmt(1.2 * -0.7 + math.sin(1.2)), fmt(dfdx), fmt(dfdy)]
    texts = graph_texts(page)
    assert sum("AccumulateGrad (leaf)" in t for t in texts) == 2  # one leaf per variable
    legend = plot_text(page)
    assert f"∇f = ({fmt(dfdx)}, {fmt(dfdy)})" in legend
    assert page.locator(f"{PLOT} .contour").count() >= 1


def test_three_variables_plot_two_and_hold_the_third(page, server_url: str) -> None:
    open_ready(page, f"{server_url}/?scenario=custom&expr={quote('x*y*z + exp(-z)')}&x=0.5&y=-1.5&z=2")
    assert len(metric_texts(page, count=4)) == 4
    page.wait_for_selector(f"{PLOT} .gtitle")
    title = page.locator(f"{PLOT} .gtitle").text_content() or ""
    assert "(x, y)" in title and "at z = 2.0000" in title
    slider = page.locator('[data-testid="stSidebar"] [data-testid="stSlider"] input[type="range"]').nth(2)
    slider.focus()
    page.keyboard.press("ArrowRight")  # z: 2 -> 2.1
    page.wait_for_function("() => location.search.includes('z=2.1')", timeout=30_000)
    wait_ready(page)
    page.wait_for_function(
        f"() => document.querySelector('{PLOT} .gtitle').textContent.includes('z = 2.1000')"
    )


@pytest.mark.parametrize("payload", HOSTILE)
def test_hostile_expression_in_the_link_is_only_an_error(page, server_url: str, payload: str) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    open_ready(page, f"{server_url}/?scenario=custom&x=0.5&expr={quote(payload, safe='')}")
    alert = page.locator('[data-testid="stAlert"]').first
    alert.wait_for(timeout=30_000)
    assert "cannot be computed" in alert.inner_text() and "column" in alert.inner_text()
    page.wait_for_timeout(500)
    assert dialogs == [] and page.evaluate("window.__pwned") is None
    assert page.locator(GRAPH_NODES).count() == 0
    assert not Path("/tmp/gradient_lens_pwned").exists()
    with urllib.request.urlopen(f"{server_url}/_stcore/health", timeout=5) as health:
        assert health.status == 200
