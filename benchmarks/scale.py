"""A lecture hall through ``scripts/serve``: 1 worker against 2 behind HAProxy.

    .venv/bin/python -m benchmarks.scale [--workers 1,2] [--sessions 30,100,200] [--seconds 20]

For each number of workers, ``bash scripts/serve`` starts them and HAProxy; then K
websocket sessions (``benchmarks/load.py``'s students on square, sin_square and
logistic_bce) load their page and change a slider for ``--seconds``: closed loop (a
change as soon as the last rerun ended) and paced (one change every 2 s per student,
a class following the instructor). The load generator runs on the same cores as the
servers and the proxy: on a 2-core machine it takes a share of the CPU the second
worker would use. RSS is each worker's resident memory at the end of the level.
"""

from __future__ import annotations

import argparse
import asyncio
import re
import tempfile
from pathlib import Path

from benchmarks.load import Result, drive
from tools.browser import class_server

PACES = (("closed loop", 0.0), ("1 change / 2 s", 2.0))
HEADER = (
    "| workers | sessions | students move | reruns | reruns/s | p50 ms | p95 ms | max ms | errors "
    "| RSS per worker MiB |\n"
    "|---:|---:|---|---:|---:|---:|---:|---:|---:|---|"
)


def worker_rss(run_dir: Path) -> list[float]:
    """MiB resident for each worker that ``scripts/serve`` started (found by its port)."""
    ports = re.findall(r"server w\d+ 127\.0\.0\.1:(\d+)", (run_dir / "haproxy.cfg").read_text())
    rss = []
    for proc in Path("/proc").iterdir():
        try:
            argv = (proc / "cmdline").read_bytes().split(b"\0")
            status = (proc / "status").read_text()
        except (OSError, ValueError):
            continue
        if b"server.py" in argv and any(p.encode() in argv for p in ports):
            kib = int(re.search(r"VmRSS:\s+(\d+)", status).group(1))  # type: ignore[union-attr]
            rss.append(kib / 1024)
    return sorted(rss)


def row(workers: int, pace: str, result: Result, rss: list[float]) -> str:
    cells = result.row().strip("|").split("|")[1:]  # sessions, reruns, reruns/s, p50, p95, max, errors
    memory = ", ".join(f"{m:.0f}" for m in rss)
    return f"| {workers} | {cells[0].strip()} | {pace} |{'|'.join(cells[1:])}| {memory} |"


Level = tuple[int, str, Result, list[float]]  # workers, pace, result, RSS per worker


def run(workers: list[int], sessions: list[int], seconds: float) -> list[Level]:
    results: list[Level] = []
    for n in workers:
        with tempfile.TemporaryDirectory() as tmp, class_server(Path(tmp), "--workers", str(n)) as url:
            port = int(url.rsplit(":", 1)[1])
            for k in sessions:
                for pace, interval in PACES:
                    print(f"{n} worker(s), {k} sessions, {pace}, {seconds:.0f} s ...", flush=True)
                    result = asyncio.run(drive(port, "app", k, seconds, interval))
                    results.append((n, pace, result, worker_rss(Path(tmp))))
                    print(row(*results[-1]), flush=True)
    return results


def table(results: list[Level]) -> str:
    return "\n".join([HEADER, *(row(*level) for level in results)])


def ratios(results: list[Level]) -> list[str]:
    by = {(n, pace, r.sessions): r for n, pace, r, _ in results}
    lines = []
    for (n, pace, k), r in by.items():
        one = by.get((1, pace, k))
        if n > 1 and one and one.rate:
            times = r.rate / one.rate
            lines.append(f"- {k} sessions, {pace}: {n} workers serve {times:.2f}× the reruns/s of one")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", default="1,2")
    parser.add_argument("--sessions", default="30,100,200")
    parser.add_argument("--seconds", type=float, default=20.0)
    args = parser.parse_args()
    split = lambda text: [int(v) for v in text.split(",")]  # noqa: E731
    results = run(split(args.workers), split(args.sessions), args.seconds)
    print(table(results))
    print("\n".join(ratios(results)))


if __name__ == "__main__":
    main()
