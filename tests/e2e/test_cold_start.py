"""The first visit after the server starts: a notice while PyTorch loads, then the page, and
nothing of the warm-up left behind; nothing fetched from outside the server."""

import pytest

from tests.e2e.test_browser import GRAPH_NODES, PLOT, link, metric_texts
from tools.browser import open_ready, streamlit_server

pytestmark = pytest.mark.e2e
NOTICE = "loading PyTorch"
RECORD_NOTICE = f"""
window.__sawNotice = false;
new MutationObserver(() => {{
    if (document.body && document.body.innerText.includes({NOTICE!r})) window.__sawNotice = true;
}}).observe(document, {{subtree: true, childList: true, characterData: true}});
"""


def test_first_visit_shows_the_loading_notice_then_only_the_page(page, tmp_path) -> None:
    page.add_init_script(RECORD_NOTICE)
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    log = tmp_path / "streamlit.log"
    with streamlit_server("app.py", log=log) as url:  # a fresh server: torch not imported yet
        open_ready(page, url + link("sin_square", x="1.5"))
        page.wait_for_selector(GRAPH_NODES)
        page.wait_for_selector(f"{PLOT} .legendtext")
        assert page.evaluate("() => window.__sawNotice"), "the first run did not show the loading notice"
        assert NOTICE not in page.inner_text("body")
        assert page.locator('[data-testid="stPlotlyChart"]').count() == 1
        assert page.locator('[data-testid="stGraphVizChart"]').count() == 1
        assert [h.inner_text() for h in page.locator('[data-testid="stMain"] h1').all()] == ["z = sin(x²)"]
        assert metric_texts(page)[0] == "0.7781"  # sin(1.5²)
        elsewhere = [u for u in requested if not u.startswith((url, "data:", "blob:"))]
        assert not elsewhere, f"a class on an offline network would miss {elsewhere}"
        assert page.eval_on_selector_all("link[rel*=icon]", "links => links.map(l => l.href)")
        open_ready(page, url + link("sin_square", x="1.5"))  # a second visit: the server is warm
        page.wait_for_selector(GRAPH_NODES)
        assert not page.evaluate("() => window.__sawNotice")
    assert "Traceback" not in log.read_text()
