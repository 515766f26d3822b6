"""Chromium: vector outputs as a student sees them. Shapes and vectors in the graph's boxes,
torch's error (and the outlined output) without v, the Jacobian tab's numbers, and a tensor
too long for a box summarised."""

import pytest
import torch

from tests.e2e.test_browser import GRAPH_NODES, NODE_TEXT
from tests.e2e.test_legibility import link
from tools.browser import open_ready

pytestmark = pytest.mark.e2e


def _boxes(page) -> list[str]:
    page.locator(GRAPH_NODES).first.wait_for(timeout=30_000)
    return page.locator(GRAPH_NODES).evaluate_all(NODE_TEXT)


def test_the_issues_link_draws_shapes_and_v_transposed_j(page, server_url: str) -> None:
    open_ready(page, server_url + link("vector_square", xs="1,2,3", v="0.5,1,2"))
    boxes = _boxes(page)
    y = next(b for b in boxes if b.startswith("y = x² · [3] · PowBackward0"))
    x = next(b for b in boxes if b.startswith("x · [3] · AccumulateGrad"))
    assert "value [1.0000, 4.0000, 9.0000]" in y and "grad [0.5000, 1.0000, 2.0000]" in y
    assert "grad [1.0000, 4.0000, 12.0000]" in x
    assert page.get_by_text("x.grad = ∂(v·y)/∂x").is_visible()


def test_without_v_the_page_quotes_torch_and_outlines_the_output(page, server_url: str) -> None:
    open_ready(page, server_url + link("softmax", xs="1,2,3", v=""))
    error = page.locator('[data-testid="stAlertContentError"]').inner_text()
    assert "grad can be implicitly created only for scalar outputs" in error
    y = next(b for b in _boxes(page) if b.startswith("y = softmax(x) · [3]"))
    assert "backward() needs gradient=v" in y and "grad None" in y


def test_the_jacobian_tab_shows_j_and_both_products(page, server_url: str) -> None:
    open_ready(page, server_url + link("softmax", xs="1,2,3", v="1,0,0", u="1,0,0", tab="jacobian"))
    tables = page.locator('[data-testid="stTable"]')
    tables.nth(2).wait_for(timeout=30_000)
    s = torch.softmax(torch.tensor([1.0, 2.0, 3.0]), 0)
    j = torch.diag(s) - torch.outer(s, s)
    first = tables.nth(0).inner_text()
    for value in j.reshape(-1).tolist():
        assert f"{value:.4f}" in first
    assert tables.nth(1).inner_text().count("yes") == 3 and tables.nth(2).inner_text().count("yes") == 3


def test_a_long_tensor_is_summarised_in_its_box(page, server_url: str) -> None:
    open_ready(page, server_url + link("softmax", xs="1,2,3,4,5,6,7", v="1"))
    s = torch.softmax(torch.arange(1.0, 8.0), 0)
    y = next(b for b in _boxes(page) if b.startswith("y = softmax(x) · [7]"))
    assert f"min {s.min():.4f} max {s.max():.4f} norm {s.norm():.4f}" in y.replace("\n", " ")
