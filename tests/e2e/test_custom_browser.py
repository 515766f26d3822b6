"""Chromium: your own f(x) from a link, and hostile links that must only produce an error."""

import urllib.request
from pathlib import Path
from urllib.parse import quote

import pytest

from tests.e2e.test_browser import GRAPH_NODES, current_query, graph_texts, metric_texts
from tools.browser import open_ready

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
