"""A crafted link puts nothing into the page but plain text: payloads of each kind, sent through
every link parameter of every scenario and through unknown keys, never become a link, an image,
a formula or a request to another host, and notices stay short."""

from urllib.parse import quote

import pytest

from tools.browser import open_ready
from viz.display_options import KEYS as DISPLAY_KEYS
from viz.lesson import KEYS as LESSON_KEYS
from viz.scenario import REGISTRY
from viz.state import AXES_KEY, PLOT_KEY

pytestmark = pytest.mark.e2e
PAYLOADS = {
    "markdown link": "[Log in again](https://evil.example/login)",
    "image": "` ![x](https://evil.example/b.png) `",
    "katex": "` $\\rule{2000px}{2000px}$ ` $$\\rule{900px}{900px}$$",
    "html": '<img src="https://evil.example/c.png"><a href="https://evil.example/d">d</a>',
    "long": "A" * 10_000,
}
ALERT = '[data-testid="stAlert"]'


def params(scenario_id: str) -> list[str]:
    names = {inp.name for inp in REGISTRY[scenario_id].inputs} | {"x", "y", "z", "w", "b", "xs"}
    return sorted(names | {AXES_KEY, PLOT_KEY, *LESSON_KEYS, *DISPLAY_KEYS} - {"present"})


def visit(page, url: str) -> list[str]:
    """Open ``url``; return every request that left the server."""
    outside: list[str] = []
    page.on(
        "request",
        lambda r: (
            outside.append(r.url) if "127.0.0.1" not in r.url and not r.url.startswith("data:") else None
        ),
    )
    open_ready(page, url)
    page.wait_for_timeout(500)
    return outside


def assert_plain(page, outside: list[str]) -> None:
    assert outside == []
    to_evil = '[href^="https://evil"], [href^="http://evil"], [href^="//evil"], [src*="evil.example"]'
    assert page.locator(to_evil).count() == 0  # (the app's own links may carry the text in their query)
    assert page.locator(f"{ALERT} .katex, {ALERT} a, {ALERT} img").count() == 0
    heights = page.eval_on_selector_all(ALERT, "els => els.map(e => e.getBoundingClientRect().height)")
    assert all(h < 160 for h in heights), heights


@pytest.mark.parametrize("kind", list(PAYLOADS))
@pytest.mark.parametrize("scenario_id", list(REGISTRY))
def test_a_payload_in_every_parameter_stays_plain_text(
    page, server_url: str, scenario_id: str, kind: str
) -> None:
    payload = quote(PAYLOADS[kind], safe="")
    names = (
        params(scenario_id)[:3] if kind == "long" else params(scenario_id)
    )  # a URL of 20 × 10 kB is refused
    query = "&".join([f"scenario={scenario_id}", *(f"{name}={payload}" for name in names)])
    outside = visit(page, f"{server_url}/?{query}")
    assert_plain(page, outside)
    assert page.locator(ALERT).count() >= 3  # the bad values are said, as text


@pytest.mark.parametrize("kind", list(PAYLOADS))
def test_a_payload_as_a_parameters_name_stays_plain_text(page, server_url: str, kind: str) -> None:
    outside = visit(page, f"{server_url}/?scenario=square&{quote(PAYLOADS[kind], safe='')}=1")
    assert_plain(page, outside)
    assert page.locator(ALERT).count() == 1


def test_many_unknown_keys_are_one_notice(page, server_url: str) -> None:
    keys = "&".join(f"k{i}=1" for i in range(998))
    outside = visit(page, f"{server_url}/?scenario=square&{keys}")
    assert_plain(page, outside)
    texts = page.locator(ALERT).all_inner_texts()
    assert len(texts) == 1 and "998 parameters do not apply to square" in texts[0]
