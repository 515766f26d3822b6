"""The browser's floor: the latency benchmark's measure on a page with no autograd in it.

    .venv/bin/python -m benchmarks.floor [--changes 20]

``benchmarks/floor_app.py`` moves a point on a plot and a number in a small graph with one
slider, as the app's views do, with nothing else (``bare``) or with as many elements as the
network's page sends on a move (``full``), over a curve or a contour. The same measure as
``benchmarks.latency`` (key press → graph and plot both changed, read in the page), and two
of the app's views measured in the same browser between them, so a figure compares with its
neighbours on a machine whose speed moves. What the floor takes, no change to the app saves.
"""

from __future__ import annotations

import argparse

from benchmarks import latency, speed
from tools.browser import chromium, streamlit_server

CONTROL = ".st-key-x input[type='range']"
FLOOR = [
    latency.LatencyView(
        f"floor: {layout}, {plot}", {"layout": layout, "plot": plot}, CONTROL, ("ArrowRight",)
    )
    for layout in ("bare", "full")
    for plot in ("curve", "contour")
]
APP = ("square curve (x)", "mlp contour (W1.0.0,W1.0.1)")  # the fastest and a slowest view


def run(changes: int) -> list[tuple[str, list[float]]]:
    """The floor's four pages, then two of the app's views, each as the latency benchmark measures."""
    rows = []
    with chromium() as browser:
        floor = browser.new_page(viewport=latency.VIEWPORT)
        floor.add_init_script("window.glScrollables = true")  # the app's page script, which it has not
        with streamlit_server("benchmarks/floor_app.py") as url:
            for view in FLOOR:
                rows.append((view.name, latency.measure(floor, url, view, changes)))
                print(f"  {view.name}: {latency.summary(rows[-1][1])}", flush=True)
        page = browser.new_page(viewport=latency.VIEWPORT)
        with streamlit_server() as url:
            for view in (v for v in latency.views() if v.name in APP):
                rows.append((f"app: {view.name}", latency.measure(page, url, view, changes)))
                print(f"  app: {view.name}: {latency.summary(rows[-1][1])}", flush=True)
    return rows


def table(rows: list[tuple[str, list[float]]]) -> str:
    return latency.table(rows).replace("(slowest p95 first)", "(in the order run)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--changes", type=int, default=20)
    args = parser.parse_args()
    print(f"Machine: {speed.line()}")
    print(table(run(args.changes)))


if __name__ == "__main__":
    main()
