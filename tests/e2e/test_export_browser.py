"""Chromium: every download button gives a real file; presenter mode and the dark theme."""

import pytest

from tests.e2e.test_browser import GRAPH_NODES, PLOT, link
from tools.browser import open_ready

pytestmark = pytest.mark.e2e

MAGIC = {".svg": b"<", ".png": b"\x89PNG", ".pdf": b"%PDF"}


def test_each_download_button_gives_a_file_of_its_type(page, server_url: str, tmp_path) -> None:
    open_ready(page, server_url + link("logistic_bce"))
    page.wait_for_selector(GRAPH_NODES)
    assert page.locator('[data-testid="stDownloadButton"]').count() == 0  # closed: nothing rendered
    page.get_by_text("Download figures for slides").click()
    page.wait_for_function("() => location.search.includes('downloads=1')")
    page.wait_for_selector('[data-testid="stDownloadButton"]')
    buttons = page.locator('[data-testid="stDownloadButton"]')
    labels = buttons.all_inner_texts()
    figure_buttons = [i for i, label in enumerate(labels) if label.strip() in ("SVG", "PNG", "PDF")]
    assert len(figure_buttons) == 6  # graph and plot, three formats each
    kinds = set()
    for i in figure_buttons:
        with page.expect_download(timeout=90_000) as download:
            buttons.nth(i).locator("button:visible").first.click()
        path = tmp_path / download.value.suggested_filename
        download.value.save_as(path)
        data = path.read_bytes()
        assert data.startswith(MAGIC[path.suffix]) and len(data) > 1000, path.name
        if path.suffix == ".svg":
            assert b"<svg" in data[:2000]
        kinds.add(path.stem.rsplit("_", 2)[-2])
        assert path.name.startswith("logistic_bce_x6.7_y0_w1_b0_") and path.stem.endswith("_light")
    assert kinds == {"graph", "contour"}


@pytest.mark.parametrize("query", [{"present": "1"}, {"present": "1", "theme": "dark"}])
def test_presenter_mode_shows_graph_plot_and_one_row_of_controls(page, server_url: str, query: dict) -> None:
    open_ready(page, server_url + link("sin_square", **query))
    page.wait_for_selector(GRAPH_NODES)
    page.wait_for_selector(PLOT)
    assert not page.locator('[data-testid="stSidebar"]').is_visible()
    assert page.locator('[data-testid="stSlider"]').count() == 1  # x, compact
    assert page.locator('[data-testid="stMetric"]').count() == 0
    if query.get("theme") == "dark":
        background = page.eval_on_selector(
            '[data-testid="stGraphVizChart"] svg polygon', "e => e.getAttribute('fill')"
        )
        assert background.lower() == "#0e1117"
    page.get_by_role("button", name="exit").click()
    page.wait_for_function("() => !location.search.includes('present')", timeout=30_000)
    page.wait_for_selector('[data-testid="stSidebar"] [data-testid="stSlider"]', timeout=30_000)
    assert "present" not in page.evaluate("location.search")
