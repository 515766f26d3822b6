"""Every student: axe-core (from npm, injected into the real page) finds no serious or critical
WCAG 2.1 A/AA violation on any scenario, presenter mode or the guide, and the page works from
the keyboard alone with a visible focus."""

from urllib.parse import urlencode

import pytest

from tools.browser import open_ready, settle
from tools.measure import axe_violations
from viz.scenario import REGISTRY
from viz.state import default_state, to_query

pytestmark = pytest.mark.e2e
VIEWS = [to_query(default_state(sid)) for sid in REGISTRY]
VIEWS += [q | {"present": "1", "step": "2"} for q in VIEWS]
VIEWS += [to_query(default_state("logistic_bce")) | {"tab": tab, "downloads": "1"}
          for tab in ("three_ways", "accumulation", "descent", "code")]  # fmt: skip
VIEWS += [to_query(default_state("logistic_bce")) | {"tab": "edges", "detach": "z", "saved": "1",
                                                        "text": "1"},
          to_query(default_state("logistic_bce")) | {"tab": "second", "order": "2"},
          to_query(default_state("sin_square")) | {"quiz": "1"}]  # fmt: skip
IDS = [
    f"{q['scenario']}-{'present' if 'present' in q else 'quiz' if 'quiz' in q else q['tab']}" for q in VIEWS
]


@pytest.mark.parametrize("query", VIEWS, ids=IDS)
def test_no_serious_or_critical_violation(page, server_url: str, query: dict) -> None:
    open_ready(page, server_url + "/?" + urlencode(query))
    settle(page)
    assert axe_violations(page) == []


def test_the_guide_has_no_serious_or_critical_violation(page, server_url: str) -> None:
    open_ready(page, server_url + "/guide?scenario=square")
    assert axe_violations(page) == []


FOCUS = """() => { const e = document.activeElement; const s = getComputedStyle(e);
  const ring = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;
  const label = e.getAttribute('aria-label') || (e.innerText || '').trim().slice(0, 40)
    || (e.closest('[data-testid]') || e).getAttribute('data-testid');
  return [e.tagName, e.getAttribute('role'), label, ring]; }"""
CONTROLS = (
    "Skip to main content", "Explore", "How to read it", "Scenario", "x (constant)", "label y",
    "w (requires grad)", "b (requires grad)", "light", "presenter mode", "backward step", "◀ previous",
    "next ▶", "finished pass", "The graph as text", "contour", "Download figures for slides", "Every tensor",
)  # fmt: skip


def test_keyboard_reaches_every_control_with_a_visible_focus(page, server_url: str) -> None:
    open_ready(page, server_url + "/?" + urlencode(to_query(default_state("logistic_bce")) | {"step": "3"}))
    seen = []
    for _ in range(100):  # about two rounds of the page's focus order
        page.keyboard.press("Tab")
        seen.append(page.evaluate(FOCUS))
    labels = " | ".join(str(s[2]) for s in seen)
    missing = [c for c in CONTROLS if c not in labels]
    assert missing == []
    interactive = [s for s in seen[50:] if s[0] in ("A", "BUTTON", "INPUT", "SUMMARY")]  # the second round
    assert all(s[3] for s in interactive), [s for s in interactive if not s[3]]


def test_the_keyboard_operates_the_stepper_and_the_lessons(page, server_url: str) -> None:
    open_ready(page, server_url + "/?" + urlencode(to_query(default_state("logistic_bce")) | {"step": "3"}))
    steps = (("next ▶", ["Enter"], "step=4"), ("Every tensor", ["ArrowRight", "Enter"], "tab=three_ways"))
    for target, keys, change in steps:
        for _ in range(100):
            page.keyboard.press("Tab")
            if page.evaluate(FOCUS)[2] == target:
                break
        for key in keys:  # a radio group: the arrow moves to the next lesson, Enter opens it
            page.keyboard.press(key)
        page.wait_for_function(f"() => location.search.includes({change!r})", timeout=30_000)


def test_the_keyboard_opens_the_graph_as_text(page, server_url: str) -> None:
    """Written only once opened: Enter on its header writes the list and puts text=1 in the link."""
    open_ready(page, server_url + "/?" + urlencode(to_query(default_state("sin_square")) | {"x": "3"}))
    assert page.get_by_text("1. z (SinBackward0)").count() == 0
    for _ in range(100):
        page.keyboard.press("Tab")
        if "The graph as text" in page.evaluate(FOCUS)[2]:  # after its arrow icon's name
            break
    page.keyboard.press("Enter")
    page.wait_for_function("() => location.search.includes('text=1')", timeout=30_000)
    line = page.get_by_text("1. z (SinBackward0): value 0.4121, grad 1.0000; feeds nothing (the output)")
    line.wait_for(timeout=30_000)
