"""Rerun latency: server time per rerun, and slider → graph + arrow in Chromium.

    .venv/bin/python -m benchmarks.latency [--changes 20]

Server time is the script run for one slider change, measured with AppTest in
this process (no network, warm caches after the first run, and with the
caches cleared each time to show the cost of a new point). Browser time is
from the key press on the slider until both the graph's SVG and the plot's
arrow legend show the new gradient.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from streamlit.testing.v1 import AppTest

import viz.catalog  # noqa: F401
from tools.browser import chromium, open_ready, streamlit_server
from viz.numbers import fmt

APP = str(Path(__file__).resolve().parent.parent / "app.py")
SLIDER = '[data-testid="stSlider"] input[type="range"]'


def summary(samples: list[float]) -> str:
    ms = sorted(s * 1000 for s in samples)
    p95 = ms[min(len(ms) - 1, round(0.95 * (len(ms) - 1)))]
    return f"{statistics.median(ms):7.1f} | {p95:7.1f} | {ms[-1]:7.1f} | {len(ms)}"


def server_times(scenario: str, key: str, changes: int, clear_cache: bool) -> list[float]:
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["scenario"] = scenario
    at.run()
    values = [round(-2.0 + 0.1 * i, 1) for i in range(changes)]
    if not clear_cache:  # warm: every value has been seen once, so the caches answer
        for value in values:
            at.slider(key=key).set_value(value).run()
    samples = []
    for value in values:
        if clear_cache:
            import streamlit as st

            st.cache_data.clear()
        start = time.perf_counter()
        at.slider(key=key).set_value(value).run()
        samples.append(time.perf_counter() - start)
        assert not at.exception
    return samples


def browser_times(changes: int) -> list[float]:
    samples = []
    with streamlit_server() as url, chromium() as browser:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        open_ready(page, f"{url}/?scenario=square&x=0")
        page.wait_for_selector('[data-testid="stPlotlyChart"] .legendtext')
        slider = page.locator(SLIDER).first
        for i in range(1, changes + 1):
            slider.focus()
            expected = fmt(2 * 0.1 * i)
            start = time.perf_counter()
            page.keyboard.press("ArrowRight")
            page.wait_for_function(
                """g => [...document.querySelectorAll('[data-testid="stGraphVizChart"] g.node')]
                        .some(n => n.textContent.includes('grad ' + g))
                     && [...document.querySelectorAll('[data-testid="stPlotlyChart"] .legendtext')]
                        .some(n => n.textContent.includes('= ' + g))""",
                arg=expected,
                timeout=30_000,
            )
            samples.append(time.perf_counter() - start)
    return samples


def main() -> None:
    import logging

    logging.getLogger("streamlit").setLevel(logging.ERROR)
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--changes", type=int, default=20)
    args = parser.parse_args()
    rows = []
    for scenario, name in (("square", "x"), ("logistic_bce", "w")):
        for cleared in (False, True):
            how = "new point, caches cleared" if cleared else "point seen before"
            label = f"server, {scenario} {name}, {how}"
            rows.append((label, server_times(scenario, f"{scenario}:{name}:slider", args.changes, cleared)))
    rows.append(("Chromium: slider → graph + arrow", browser_times(args.changes)))
    print("| measurement | median ms | p95 ms | max ms | n |")
    print("|---|---|---|---|---|")
    for name, samples in rows:
        print(f"| {name} | {summary(samples)} |")


if __name__ == "__main__":
    main()
