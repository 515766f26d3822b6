"""Chromium: the small network as a student sees it. The issue's link draws the real
functions with shapes and the trained weights; the network tab draws the boundary, the
loss history and a heatmap per weight and gradient."""

import pytest
import torch

from tests.e2e.test_browser import GRAPH_NODES, NODE_TEXT
from tests.e2e.test_legibility import link
from tools.browser import open_ready
from viz.numbers import fmt
from viz.scenario import get
from viz.state import parse_query

pytestmark = pytest.mark.e2e


def test_the_issues_link_draws_the_network_with_shapes(page, server_url: str) -> None:
    open_ready(page, server_url + link("mlp", data="xor", hidden="3", seed="0", steps="200"))
    page.locator(GRAPH_NODES).first.wait_for(timeout=30_000)
    boxes = page.locator(GRAPH_NODES).evaluate_all(NODE_TEXT)
    state, _ = parse_query({"scenario": "mlp", "data": "xor", "steps": "200"})
    b2 = state.values["b2"][0]
    assert any(b.startswith("b2 · [1] · AccumulateGrad") and f"value {fmt(b2)}" in b for b in boxes)
    for start in (
        "W1 · [3, 2]",
        "z1 = X W1ᵀ + b1 · [4, 3] · AddmmBackward0",
        "W1ᵀ · [2, 3] · TBackward0",
        "h = tanh(z1) · [4, 3] · TanhBackward0",
        "loss = BCE(p, y) · [] · BinaryCrossEntropyBackward0",
    ):
        assert any(b.startswith(start) for b in boxes), start
    loss = next(b for b in boxes if b.startswith("loss"))
    X, y = (
        torch.tensor([[-1.0, -1.0], [-1.0, 1.0], [1.0, -1.0], [1.0, 1.0]]),
        torch.tensor([[0.0], [1.0], [1.0], [0.0]]),
    )
    W1, b1 = torch.tensor(state.values["W1"]).reshape(3, 2), torch.tensor(state.values["b1"])
    W2 = torch.tensor(state.values["W2"]).reshape(1, 3)
    p = torch.sigmoid(torch.tanh(X @ W1.T + b1) @ W2.T + b2)
    assert f"value {fmt(float(torch.nn.functional.binary_cross_entropy(p, y)))}" in loss


def test_the_network_tab_draws_boundary_history_and_heatmaps(page, server_url: str) -> None:
    open_ready(page, server_url + link("mlp", data="moons", hidden="4", lr="1", steps="300", tab="network"))
    charts = page.locator('[data-testid="stPlotlyChart"]')
    charts.nth(3).wait_for(timeout=30_000)
    page.locator(".heatmaplayer").first.wait_for(timeout=30_000)
    assert page.locator(".heatmaplayer .hm").count() == 8  # W1, b1, W2, b2 and their gradients
    assert page.get_by_text("Loss over 300 SGD steps").is_visible()
    assert page.get_by_text("p(class 1) after 300 steps; the line is p = 0.5").is_visible()
    assert get("mlp").training is not None


HEATMAP_LEFTS = """() => [...new Set([...document.querySelectorAll('.heatmaplayer .hm')]
  .map(h => Math.round(h.getBoundingClientRect().left)))]"""


@pytest.mark.parametrize(
    ("width", "height", "columns"), [(390, 844, 1), (1024, 768, 2)], ids=["phone", "projector"]
)
def test_a_phone_draws_each_heatmap_the_screen_wide(browser, server_url: str, width, height, columns) -> None:
    """Side by side on a phone, W2's cells were ~47 px for "-0.1745": one under the other there."""
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    try:
        open_ready(page, server_url + link("mlp", tab="network"))
        page.locator(".heatmaplayer .hm").nth(7).wait_for(timeout=30_000)
        page.wait_for_function(f"() => ({HEATMAP_LEFTS})().length === {columns}", timeout=15_000)
        narrowest = page.evaluate(
            "() => Math.min(...[...document.querySelectorAll('.heatmaplayer .hm')]"
            ".map(h => h.getBoundingClientRect().width))"
        )
        assert narrowest >= 250 if columns == 1 else narrowest >= 300
    finally:
        context.close()
