"""Every benchmark in one run; prints the capacity table and writes it to
``benchmarks/RESULTS.md`` (the README's "Capacity" section quotes it).

    .venv/bin/python -m benchmarks [--seconds 20] [--reruns 1000] [--changes 40] [--starts 7]

Takes about 40 minutes on a 2-core machine. Close other work first: every
figure is wall-clock time on a shared CPU.
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import statistics
from pathlib import Path

from benchmarks import fairness, floor, latency, load, memory, scale, speed, startup, training

RESULTS = Path(__file__).resolve().parent / "RESULTS.md"


def machine() -> str:
    cpu = next(
        (line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
         if line.startswith("model name")), platform.processor(),
    )  # fmt: skip
    mem = int(Path("/proc/meminfo").read_text().split()[1]) / 2**20
    return (
        f"{os.cpu_count()} cores ({cpu}), {mem:.0f} GiB RAM, Python {platform.python_version()}, "
        f"{datetime.date.today().isoformat()}; {speed.line()}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=20.0, help="per load level")
    parser.add_argument("--reruns", type=int, default=1000, help="memory soak length")
    parser.add_argument("--changes", type=int, default=20, help="browser changes per view")
    parser.add_argument("--starts", type=int, default=7, help="cold starts of each page (medians are noisy)")
    args = parser.parse_args()
    parts = [f"Machine: {machine()}.", ""]

    results = load.run([1, 10, 30], args.seconds)
    parts += ["### Websocket load (closed loop, each session moves a slider as soon as its rerun ends)", ""]
    parts += [load.HEADER, *(r.row() for r in results), "", *load.ratios(results), ""]

    levels = scale.run([1, 2], [30, 100, 200], args.seconds)
    parts += ["### A lecture hall through `scripts/serve` (HAProxy; 1 and 2 workers)", ""]
    parts += [scale.table(levels), "", *scale.ratios(levels), ""]

    parts += ["### Fair under hostile load (10 students typing an expression every 2 s)", ""]
    parts += [*fairness.run(10, 3 * args.seconds), ""]

    parts += ["### Chromium: a change → graph and plot updated, every view", ""]
    parts += [latency.table(latency.run(args.changes)), ""]
    parts += ["### Chromium: the same measure on a page with no autograd (the browser's floor)", ""]
    parts += [floor.table(floor.run(args.changes)), ""]
    parts += ["### The small network: server time per rerun at steps=0 and steps=500", ""]
    parts += [training.table(args.changes), ""]
    cold = startup.measure(args.starts)
    app, bare = statistics.median(cold["app"]), statistics.median(cold["bare"])
    parts += [
        "| cold start, `streamlit run` → complete page (s) | median | min | max | n |",
        "|---|---:|---:|---:|---:|",
    ]
    parts += [
        f"| {name} | {statistics.median(s):.2f} | {min(s):.2f} | {max(s):.2f} | {len(s)} |"
        for name, s in (("app", cold["app"]), ("bare page importing torch", cold["bare"]))
    ]
    parts += ["", f"Cold start ratio (medians): {app / bare:.2f}×", ""]  # fmt: skip

    rows = {
        name: memory.measure(flags, freeze, args.reruns) for name, (flags, freeze) in memory.SETTINGS.items()
    }
    parts += [f"### Memory (server RSS; one session, {args.reruns} reruns; then 30 sessions twice)", ""]
    parts += [memory.table(rows), ""]

    text = "\n".join(parts)
    RESULTS.write_text(f"# Benchmark results\n\n{text}")
    print(text)


if __name__ == "__main__":
    main()
