"""Real Chromium against a real ``streamlit run``: what a student sees and does."""

import re
from urllib.parse import parse_qs

import pytest

from tests.samples import working_state
from tools.browser import open_ready, wait_ready
from viz.backward import record
from viz.numbers import fmt, fmt_values
from viz.scenario import REGISTRY
from viz.state import to_query

pytestmark = pytest.mark.e2e

GRAPH_NODES = '[data-testid="stGraphVizChart"] svg g.node'
PLOT = '[data-testid="stMain"] .js-plotly-plot'  # st.plotly_chart, or the 3D scene's component
METRIC = '[data-testid="stMetricValue"]'
NODE_TEXT = "els => els.map(e => [...e.querySelectorAll('text')].map(t => t.textContent).join('\\n'))"


def link(scenario_id: str, **overrides: str) -> str:
    query = to_query(working_state(scenario_id)) | overrides
    return "/?" + "&".join(f"{k}={v}" for k, v in query.items())


def current_query(page) -> dict[str, list[str]]:
    """The address bar as the student sees it (history.pushState included)."""
    return parse_qs(page.evaluate("location.search").lstrip("?"))


def metric_texts(page, count: int = 1) -> list[str]:
    """The metric values, once at least ``count`` of them are drawn."""
    page.wait_for_function(f"() => document.querySelectorAll('{METRIC}').length >= {count}", timeout=30_000)
    return page.locator(METRIC).all_inner_texts()


def graph_texts(page) -> list[str]:
    page.wait_for_selector(GRAPH_NODES, timeout=30_000)
    return page.eval_on_selector_all(GRAPH_NODES, NODE_TEXT)


def plot_text(page) -> str:
    page.wait_for_selector(PLOT + " .legendtext", timeout=30_000)
    return " ".join(page.eval_on_selector_all(PLOT + " .legendtext", "els => els.map(e => e.textContent)"))


def shown_value(values: tuple[float, ...]) -> str:
    """A box's first number as the box writes it: the first element, or beyond six the minimum."""
    return fmt(values[0]) if len(values) <= 6 else f"min {fmt(min(values))}"


@pytest.mark.parametrize("scenario_id", list(REGISTRY))
def test_each_scenario_link_shows_graph_values_and_plot(page, server_url: str, scenario_id: str) -> None:
    open_ready(page, server_url + link(scenario_id))
    state = working_state(scenario_id)
    t = record(state.scenario, state.values)
    texts = graph_texts(page)
    assert len(texts) == len(t.nodes)
    joined = " ".join(texts)
    for node in t.nodes:
        assert node.name in joined
        assert shown_value(node.value) in joined
    legend = plot_text(page)
    assert page.locator(PLOT).count() == 1
    leaf_grad = fmt(t.leaves()[0].grad[0])
    assert leaf_grad in legend or f"({leaf_grad}" in legend
    shown = metric_texts(page)
    assert fmt_values(t.output_node.value) in shown


def test_slider_changes_graph_numbers_plot_and_link(page, server_url: str) -> None:
    open_ready(page, server_url + link("square"))
    assert "dy/dx = 6.0000" in plot_text(page)
    slider = page.locator('[data-testid="stSlider"] input[type="range"]').first
    slider.focus()
    for _ in range(5):
        page.keyboard.press("ArrowRight")
    page.wait_for_function("() => location.search.includes('x=3.5')", timeout=30_000)
    wait_ready(page)
    page.wait_for_function(
        "() => [...document.querySelectorAll('[data-testid=\"stGraphVizChart\"] g.node')]"
        ".some(n => n.textContent.includes('grad 7.0000'))",
        timeout=30_000,
    )
    assert "7.0000" in metric_texts(page)
    assert "12.2500" in metric_texts(page)
    assert "dy/dx = 7.0000" in plot_text(page)
    assert current_query(page)["x"] == ["3.5"]


def test_bad_link_shows_a_notice_and_the_default_view(page, server_url: str) -> None:
    open_ready(page, server_url + "/?scenario=logistic_bce&w=banana&xs=1")
    page.wait_for_function(  # both notices as a reader sees them (zero-width spaces aside)
        """() => { const t = [...document.querySelectorAll('[data-testid="stAlert"]')]
                     .map(a => a.innerText.replaceAll('\u200b', '')).join(' ');
                   return t.includes('w: "banana" is not a number') && t.includes('xs'); }""",
        timeout=30_000,
    )
    page.wait_for_function("() => document.body.innerText.includes('6.7012')", timeout=30_000)
    assert "6.7012" in metric_texts(page, 3)  # loss, w.grad, b.grad: once all three are drawn
    assert "Traceback" not in page.content()
    query = current_query(page)
    assert query["w"] == ["1"] and "xs" not in query


def test_pages_keep_the_query_and_root_link_restores_the_view(page, server_url: str) -> None:
    open_ready(page, server_url + link("vector_mean", xs="1,2,3,4", axes="3,1", plot="surface3d"))
    page.get_by_role("link", name=re.compile("How to read it")).click()
    page.wait_for_function("() => location.pathname.endsWith('/guide')", timeout=30_000)
    wait_ready(page)
    query = current_query(page)
    assert query["xs"] == ["1,2,3,4"] and query["axes"] == ["3,1"]
    page.get_by_role("link", name=re.compile("Explore")).click()
    wait_ready(page)
    page.wait_for_selector(GRAPH_NODES, timeout=30_000)
    assert "[0.5000, 1.0000, 1.5000, 2.0000]" in " ".join(graph_texts(page))
    assert "∇y" in plot_text(page)
