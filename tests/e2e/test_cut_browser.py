"""Chromium: the issue's example links for cutting the graph show the cut on the graph, torch's
own error, and None where autograd computed no gradient."""

import pytest

from tests.e2e.test_browser import graph_texts, link, metric_texts
from tests.samples import sin_square_changed_in_place, sin_square_detached, torch_raises
from tools.browser import open_ready

pytestmark = pytest.mark.e2e
EDGE_LABELS = '[data-testid="stGraphVizChart"] svg g.edge text'


def test_detach_y_in_sin_square_shows_the_cut_and_torch_error(page, server_url: str) -> None:
    open_ready(page, server_url + link("sin_square", x="3", detach="y", tab="edges"))
    assert metric_texts(page, 2)[1] == "None"  # x.grad
    assert any(t.startswith("y.detach()") for t in graph_texts(page))
    labels = page.eval_on_selector_all(EDGE_LABELS, "els => els.map(e => e.textContent.trim())")
    assert "cut: y.detach()" in labels
    page.get_by_text(torch_raises(sin_square_detached)).first.wait_for()


@pytest.mark.parametrize("name", ["z", "y_pred"])
def test_detach_in_the_bce_leaves_w_and_b_without_gradients(page, server_url: str, name: str) -> None:
    open_ready(page, server_url + link("logistic_bce", detach=name, tab="edges"))
    assert metric_texts(page, 3)[1:] == ["None", "None"]
    page.get_by_text("w.grad stay None").first.wait_for()


def test_a_frozen_w_leaves_b_training_in_chromium(page, server_url: str) -> None:
    open_ready(page, server_url + link("logistic_bce", frozen="w", gd="5", tab="edges"))
    assert metric_texts(page, 2)[1] == "0.9988"  # b.grad; w has none to show
    assert any(t.startswith("w · constant") or t.startswith("w\n") for t in graph_texts(page))
    page.get_by_text("w.grad stays None").first.wait_for()


def test_in_place_y_in_sin_square_fails_with_torchs_error_in_chromium(page, server_url: str) -> None:
    raised = torch_raises(sin_square_changed_in_place)
    open_ready(page, server_url + link("sin_square", x="3", inplace="y", tab="edges"))
    assert any("saved y (v0); now v1" in t for t in graph_texts(page))
    page.get_by_text(raised.split(" Hint")[0]).first.wait_for()


def test_saved_tensors_are_drawn_on_the_graph_in_chromium(page, server_url: str) -> None:
    open_ready(page, server_url + link("sin_square", x="3", saved="1"))
    assert any("saved self [] = 9.0000 · v0" in t for t in graph_texts(page))
