"""Cold start: ``streamlit run`` → first complete page in Chromium, for the app and
for a bare Streamlit page that only imports torch (``benchmarks/bare_app.py``).

    .venv/bin/python -m benchmarks.startup [--repeats 7]

Chromium is started first; the clock starts when the server process is spawned
and stops when the page is drawn: for the app, the graph's SVG and the plot's
gradient arrow; for the bare page, its title. The first run of each is a
throwaway that warms the disk cache, so both are measured warm-disk.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from tools.browser import ROOT, chromium, streamlit_process

BARE = Path(__file__).resolve().parent / "bare_app.py"
DRAWN = {
    "app": """() => document.querySelector('[data-testid="stGraphVizChart"] svg g.node')
                 && [...document.querySelectorAll('[data-testid="stPlotlyChart"] .legendtext')]
                    .some(n => n.textContent.includes('dy/dx'))""",
    "bare": """() => [...document.querySelectorAll('h1')].some(h => h.textContent.includes('torch'))""",
}


def cold_start(browser: object, which: str) -> float:
    script = ROOT / "app.py" if which == "app" else BARE
    page = browser.new_page(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    start = time.perf_counter()
    with streamlit_process(script, "--server.headless", "true") as (port, _):
        page.goto(
            f"http://127.0.0.1:{port}/?scenario=square&x=1" if which == "app" else f"http://127.0.0.1:{port}/"
        )
        page.wait_for_function(DRAWN[which], timeout=120_000, polling=20)
        elapsed = time.perf_counter() - start
    page.close()
    return elapsed


def measure(repeats: int) -> dict[str, list[float]]:
    samples: dict[str, list[float]] = {"app": [], "bare": []}
    with chromium() as browser:
        for which in samples:
            cold_start(browser, which)  # warm the disk cache
        for _ in range(repeats):
            for which in samples:
                samples[which].append(cold_start(browser, which))
    return samples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=7)
    samples = measure(parser.parse_args().repeats)
    for name, values in samples.items():
        print(f"{name}: " + ", ".join(f"{v:.2f}" for v in values) + " s")
    app, bare = statistics.median(samples["app"]), statistics.median(samples["bare"])
    print(f"cold start, median of {len(samples['app'])}: app {app:.2f} s, bare torch page {bare:.2f} s, "
          f"ratio {app / bare:.2f}")  # fmt: skip


if __name__ == "__main__":
    main()
