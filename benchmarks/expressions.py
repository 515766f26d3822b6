"""How long a refusal takes: the hostile corpus and random strings through the validator.

    .venv/bin/python -m benchmarks.expressions [--random 20000]

Timing is reported, never asserted: the slowest rejection, and the slowest accepted
hostile expression through the whole pipeline (parse, float64 trace, sympy worker).
"""

from __future__ import annotations

import argparse
import random
import string
import time

import viz.catalog  # noqa: F401
from tests.unit.test_hostile import FAMILIES
from viz.backward import record
from viz.custom_symbolic import symbolic
from viz.expression import ExpressionError, parse
from viz.scenario import get

ALPHABET = string.printable + "ｓｉｎαλ√π²·−\u200b"


def _time(text: str) -> tuple[bool, float]:
    start = time.perf_counter()
    try:
        parse.__wrapped__(text)  # no cache: every call does the work
    except ExpressionError:
        return True, time.perf_counter() - start
    return False, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--random", type=int, default=20_000)
    args = parser.parse_args()
    rng = random.Random(0)
    randoms = ["".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 300))) for _ in range(args.random)]
    print("| family | inputs | refused | slowest refusal ms | slowest accepted, full pipeline ms |")
    print("|---|---|---|---|---|")
    symbolic("x", {"x": 0.0})  # start the sympy worker outside the measurements
    for family, texts in [*FAMILIES.items(), ("random printable text", randoms)]:
        refused, slowest_refusal, slowest_accepted = 0, 0.0, 0.0
        for text in texts:
            was_refused, seconds = _time(text)
            if was_refused:
                refused += 1
                slowest_refusal = max(slowest_refusal, seconds)
            else:
                start = time.perf_counter()
                point = {name: 0.5 for name in parse(text).variables}
                record(get("custom"), {"expr": text, **point})
                symbolic(text, point)
                slowest_accepted = max(slowest_accepted, time.perf_counter() - start)
        timings = f"{slowest_refusal * 1000:.2f} | {slowest_accepted * 1000:.1f}"
        print(f"| {family} | {len(texts)} | {refused} | {timings} |")


if __name__ == "__main__":
    main()
