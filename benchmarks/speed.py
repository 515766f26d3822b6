"""This machine's speed at the moment of a run. Its speed here changes from day to day (the same
loop took 1.3 s on some days, 2.0 s on others), and every benchmark is wall-clock time: a figure
is comparable with another run's only next to this one."""

from __future__ import annotations

import statistics
import time

LOOP = 10**8  # sum(range(LOOP)): pure Python, one core


def reference_seconds(repeats: int = 3) -> float:
    """The median time of a fixed pure-Python loop."""
    times = []
    for _ in range(repeats):
        begun = time.perf_counter()
        sum(range(LOOP))
        times.append(time.perf_counter() - begun)
    return statistics.median(times)


def line() -> str:
    return f"reference loop (sum of range(10**8), median of 3): {reference_seconds():.2f} s"
