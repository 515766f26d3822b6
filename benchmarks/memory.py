"""Memory soak: the server's RSS over 1,000 reruns of one session, then after 30
sessions open, work and close, for three garbage-collection settings.

    .venv/bin/python -m benchmarks.memory [--reruns 1000]

Settings: Streamlit's default (``gc.collect(2)`` after every run over all
objects, nothing frozen), what the app ships (``gc.freeze()`` of the imports, and
``runner.postScriptGC = false``: Python's own generational collection only), and
the forced collection kept on top of the freeze. Closed sessions
are kept for ``server.disconnectedSessionTTL`` (120 s by default); the soak sets
it to 10 s and reads RSS once that has passed.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
from pathlib import Path

from benchmarks.ws_client import Session, slider_state
from tools.browser import ROOT, streamlit_process

SETTINGS = {
    "Streamlit default: collect(2) after each run": (["--runner.postScriptGC", "true"], "0"),
    "shipped: imports frozen, no forced collection": (["--runner.postScriptGC", "false"], "1"),
    "imports frozen, collect(2) after each run": (["--runner.postScriptGC", "true"], "1"),
}
SESSION_TTL = 10
CHECKPOINTS = (100, 250, 500, 1000)


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS")


async def soak(port: int, pid: int, reruns: int) -> dict[str, float]:
    rng = random.Random(0)
    row: dict[str, float] = {}
    times = []
    async with Session(port, "scenario=logistic_bce") as session:
        fragment, slider = (await session.run()).widget("slider", "w")
        row["after first page"] = rss_mib(pid)
        for i in range(1, reruns + 1):
            value = round(rng.uniform(slider.slider.min, slider.slider.max), 1)
            run = await session.run([slider_state(slider, value)], fragment)
            assert run.ok, "a soak rerun failed"
            times.append(run.seconds)
            if i in CHECKPOINTS or i == reruns:
                row[f"after {i} reruns"] = rss_mib(pid)
    row["rerun p50 ms"] = statistics.median(times) * 1000
    return row


async def crowd(port: int, sessions: int = 30, reruns: int = 20) -> None:
    async def one(i: int) -> None:
        async with Session(port, f"scenario={('square', 'sin_square', 'logistic_bce')[i % 3]}") as session:
            fragment, slider = (await session.run()).widget("slider", "")
            for k in range(reruns):
                await session.run([slider_state(slider, round(-2 + 0.1 * (i + k), 1))], fragment)

    await asyncio.gather(*(one(i) for i in range(sessions)))


def measure(flags: list[str], freeze: str, reruns: int) -> dict[str, float]:
    os.environ["GRADIENT_LENS_GC_FREEZE"] = freeze
    try:
        ttl = ["--server.disconnectedSessionTTL", str(SESSION_TTL)]
        with streamlit_process(ROOT / "app.py", "--server.headless", "true", *flags, *ttl) as (port, proc):
            row = asyncio.run(soak(port, proc.pid, reruns))
            before = rss_mib(proc.pid)
            for wave in (1, 2):  # the second wave shows whether the first one's memory is reused
                asyncio.run(crowd(port))
                row[f"wave {wave}: just closed"] = rss_mib(proc.pid) - before
                asyncio.run(asyncio.sleep(SESSION_TTL + 5))
                row[f"wave {wave}: after TTL"] = rss_mib(proc.pid) - before
            return row
    finally:
        os.environ.pop("GRADIENT_LENS_GC_FREEZE", None)


def table(rows: dict[str, dict[str, float]]) -> str:
    lines = [
        "| setting | RSS after page (MiB) | growth over reruns (MiB) | rerun p50 ms "
        "| 30 sessions closed, after TTL (MiB) | 30 more, after TTL (MiB) |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for name, row in rows.items():
        last = [v for k, v in row.items() if k.startswith("after ") and k.endswith("reruns")][-1]
        lines.append(
            f"| {name} | {row['after first page']:.0f} | {last - row['after first page']:+.1f} "
            f"| {row['rerun p50 ms']:.0f} | {row['wave 1: after TTL']:+.1f} "
            f"| {row['wave 2: after TTL']:+.1f} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reruns", type=int, default=1000)
    args = parser.parse_args()
    rows = {}
    for name, (flags, freeze) in SETTINGS.items():
        print(f"{name} ...", flush=True)
        rows[name] = measure(flags, freeze, args.reruns)
        print("  " + ", ".join(f"{k}: {v:.1f}" for k, v in rows[name].items()), flush=True)
    print(table(rows))


if __name__ == "__main__":
    main()
