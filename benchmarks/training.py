"""Server time per rerun of the small network, at ``steps=0`` and ``steps=500``: the first
open (training from nothing), then moves of the steps slider by 10 (training on from the
nearest cached step), each one AppTest rerun of the whole page.

    .venv/bin/python -m benchmarks.training [--moves 20]
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from streamlit.testing.v1 import AppTest

import viz.mlp_train as train

APP = str(Path(__file__).resolve().parents[1] / "app.py")
LINKS = {"steps=0": {"data": "moons", "hidden": "8", "lr": "1", "steps": "0"},
         "steps=500": {"data": "moons", "hidden": "8", "lr": "1", "steps": "500"}}  # fmt: skip


def measure(query: dict[str, str], moves: int) -> tuple[float, list[float]]:
    """Seconds of the first open (cold training cache) and of each later move."""
    train._RUNS.clear()
    at = AppTest.from_file(APP, default_timeout=120)
    for key, value in {"scenario": "mlp", **query}.items():
        at.query_params[key] = value
    start = time.perf_counter()
    at.run()
    first = time.perf_counter() - start
    slider, samples = at.slider(key="mlp:steps:slider"), []
    for _ in range(moves):
        start = time.perf_counter()
        slider.set_value(min(slider.value + 10, 2000)).run()
        samples.append(time.perf_counter() - start)
        slider = at.slider(key="mlp:steps:slider")
        assert not at.exception
    return first, samples


def table(moves: int) -> str:
    AppTest.from_file(APP, default_timeout=120).run()  # imports and caches warmed once, not counted
    rows = ["| link | first open (cold) ms | move p50 ms | move p95 ms |", "|---|---:|---:|---:|"]
    for name, query in LINKS.items():
        first, samples = measure(query, moves)
        ms = sorted(1000 * s for s in samples)
        p95 = ms[min(len(ms) - 1, round(0.95 * (len(ms) - 1)))]
        rows.append(
            f"| mlp moons hidden=8 {name} | {1000 * first:.0f} | {statistics.median(ms):.0f} | {p95:.0f} |"
        )
    return "\n".join(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--moves", type=int, default=20)
    print(table(parser.parse_args().moves))


if __name__ == "__main__":
    main()
