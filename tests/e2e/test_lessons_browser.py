"""Chromium: step through backward with the next button; download the code and run it."""

import subprocess
import sys

import pytest

from tests.e2e.test_browser import GRAPH_NODES, graph_texts, link, metric_texts
from tools.browser import open_ready, wait_ready
from viz.graph_style import THEMES

pytestmark = pytest.mark.e2e

CURRENT = THEMES["light"].current


def highlighted(page) -> list[str]:
    """Text of the graph nodes drawn with the current-step outline."""
    return page.eval_on_selector_all(
        GRAPH_NODES,
        f"""els => els.filter(e => [...e.querySelectorAll('path,polygon')]
                 .some(p => (p.getAttribute('stroke') || '').toLowerCase() === '{CURRENT}'))
                 .map(e => [...e.querySelectorAll('text')].map(t => t.textContent).join('\\n'))""",
    )


def wait_step(page, k: int) -> None:
    page.wait_for_function(f"() => location.search.includes('step={k}')", timeout=30_000)
    wait_ready(page)
    page.wait_for_function(
        f"""() => [...document.querySelectorAll('{GRAPH_NODES}')]
                 .some(n => n.textContent.includes('step {k}'))""",
        timeout=30_000,
    )


def test_next_moves_the_highlight_and_reveals_each_gradient_at_its_step(page, server_url: str) -> None:
    open_ready(page, server_url + link("sin_square", step="0"))
    texts = " ".join(graph_texts(page))
    assert "grad ?" in texts and "-5.4668" not in texts and highlighted(page) == []
    expected = [("z = sin(y)", "grad 1.0000"), ("y = x²", "grad -0.9111"), ("x", "grad -5.4668")]
    for k, (name, grad) in enumerate(expected, start=1):
        page.get_by_role("button", name="next ▶").click()
        wait_step(page, k)
        current = highlighted(page)
        assert len(current) == 1 and current[0].startswith(name) and grad in current[0]
        later = [t for t in graph_texts(page) if any(t.startswith(n) for n, _ in expected[k:])]
        assert all("grad ?" in t for t in later)
    assert "-5.4668" in metric_texts(page)


def test_download_the_py_and_run_it(page, server_url: str, tmp_path) -> None:
    open_ready(page, server_url + link("logistic_bce", ops="b,b"))
    page.get_by_role("radio", name="Code", exact=True).click()
    page.wait_for_function("() => location.search.includes('tab=code')")
    with page.expect_download(timeout=30_000) as download:
        page.get_by_role("button", name="Download .py").click()
    path = tmp_path / download.value.suggested_filename
    download.value.save_as(path)
    assert path.name.startswith("logistic_bce") and path.suffix == ".py"
    out = subprocess.run([sys.executable, str(path)], capture_output=True, text=True, timeout=120, check=True)
    shown = metric_texts(page)
    assert f"loss = {shown[0]}" in out.stdout
    assert f"w.grad = {shown[1]}" in out.stdout and f"b.grad = {shown[2]}" in out.stdout
    assert shown[1] == "13.3835"  # two backward() calls accumulate
