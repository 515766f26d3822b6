"""Websocket load: K students dragging sliders at once, against the app and the
naive reference (``benchmarks/naive_app.py``), in the same run.

    .venv/bin/python -m benchmarks.load [--sessions 1,10,30] [--seconds 20]

Each session opens a scenario link (square, sin_square, logistic_bce in turn),
then, closed loop, moves its first slider to a new value on the slider's 0.1
grid as soon as the previous rerun finished, as the browser does: a protobuf
``BackMsg`` on ``/_stcore/stream``, timed until ``script_finished``. A rerun
that ends without success, shows an exception, or a dropped socket is an error.
The app runs with the repo's ``.streamlit/config.toml``; the reference with
Streamlit's defaults (it runs from an empty folder).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import random
import statistics
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from benchmarks import speed
from benchmarks.ws_client import Run, Session, slider_state
from tools.browser import ROOT, streamlit_process

SCENARIOS = ("square", "sin_square", "logistic_bce")
NAIVE = Path(__file__).resolve().parent / "naive_app.py"


@dataclass
class Result:
    app: str
    sessions: int
    seconds: float
    latencies: list[float] = field(default_factory=list)
    errors: int = 0

    @property
    def rate(self) -> float:
        return len(self.latencies) / self.seconds

    def quantile(self, q: float) -> float:
        ms = sorted(self.latencies)
        return ms[min(len(ms) - 1, round(q * (len(ms) - 1)))] * 1000 if ms else float("nan")

    def row(self) -> str:
        p50 = statistics.median(self.latencies) * 1000 if self.latencies else float("nan")
        return (
            f"| {self.app} | {self.sessions} | {len(self.latencies)} | {self.rate:.1f} | {p50:.0f} "
            f"| {self.quantile(0.95):.0f} | {self.quantile(1.0):.0f} | {self.errors} |"
        )


HEADER = (
    "| app | sessions | reruns | reruns/s | p50 ms | p95 ms | max ms | errors |\n"
    "|---|---:|---:|---:|---:|---:|---:|---:|"
)


async def student(
    port: int, query: str, clock: Clock, result: Result, seed: int, interval: float = 0.0
) -> None:
    """One student: a change as soon as the last rerun ends, or one every ``interval`` seconds."""
    rng = random.Random(seed)
    arrived = False
    try:
        async with Session(port, query) as session:
            first = await session.run()
            while first.status == ForwardMsg.FINISHED_EARLY_FOR_RERUN:  # the browser shows the next run
                first = Run(first.seconds, *await session.finish())
            try:
                fragment, slider = first.widget("slider", "")
            except LookupError as missing:
                raised = [f"{e.exception.type}: {e.exception.message}" for e in first.of_kind("exception")]
                raise LookupError(f"{missing} (run status {first.status}, ok {first.ok}; {raised})") from None
            lo, hi = slider.slider.min, slider.slider.max
            value = (slider.slider.value or slider.slider.default)[0]
            arrived = True
            deadline = await clock.start()
            await asyncio.sleep(rng.uniform(0, interval))  # students do not move in step
            while time.monotonic() < deadline:
                begun = time.monotonic()
                step = rng.choice((-1, 1)) * rng.randint(1, 10) / 10
                value = round(min(hi, max(lo, value + step)), 1)
                run = await session.run([slider_state(slider, value)], fragment)
                result.latencies.append(run.seconds)
                result.errors += not run.ok
                await asyncio.sleep(max(0.0, interval - (time.monotonic() - begun)))
    except Exception as error:  # a dropped websocket counts as an error; the other sessions go on
        result.errors += 1
        print(f"  session on {query} failed: {type(error).__name__}: {error}")
        if not arrived:
            clock.arrive()


class Clock:
    """Starts the measured window once every session has loaded its page."""

    def __init__(self, sessions: int, seconds: float) -> None:
        self.waiting, self.seconds = sessions, seconds
        self.ready = asyncio.Event()
        self.deadline = 0.0

    def arrive(self) -> None:
        self.waiting -= 1
        if self.waiting == 0:
            self.deadline = time.monotonic() + self.seconds
            self.ready.set()

    async def start(self) -> float:
        self.arrive()
        await self.ready.wait()
        return self.deadline


async def drive(port: int, app: str, sessions: int, seconds: float, interval: float = 0.0) -> Result:
    """K sessions at once for ``seconds``; the page loads before the clock starts are not counted."""
    result = Result(app, sessions, seconds)
    clock = Clock(sessions, seconds)
    await asyncio.gather(
        *(
            student(port, f"scenario={SCENARIOS[i % len(SCENARIOS)]}", clock, result, i, interval)
            for i in range(sessions)
        )
    )
    return result


@contextlib.contextmanager
def server(app: str) -> Iterator[int]:
    """The app with the repo's config, or the reference from an empty folder (default config)."""
    if app == "app":
        with streamlit_process(ROOT / "app.py", cwd=ROOT) as (port, _):
            yield port
        return
    with tempfile.TemporaryDirectory() as empty, streamlit_process(NAIVE, cwd=Path(empty)) as (port, _):
        yield port


def run(sessions: list[int], seconds: float, apps: tuple[str, ...] = ("app", "naive")) -> list[Result]:
    results = []
    for app in apps:
        with server(app) as port:
            for k in sessions:
                print(f"{app}: {k} session(s) for {seconds:.0f} s ...", flush=True)
                results.append(asyncio.run(drive(port, app, k, seconds)))
                print(results[-1].row(), flush=True)
    return results


def ratios(results: list[Result]) -> list[str]:
    by = {(r.app, r.sessions): r for r in results}
    lines = []
    for (app, k), r in by.items():
        naive = by.get(("naive", k))
        if app == "app" and naive and naive.rate:
            lines.append(f"- {k} session(s): {r.rate / naive.rate:.1f}× the reference's reruns/s")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", default="1,10,30")
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--apps", default="app,naive", help="app, naive, or both")
    args = parser.parse_args()
    print(f"Machine: {speed.line()}")
    results = run([int(k) for k in args.sessions.split(",")], args.seconds, tuple(args.apps.split(",")))
    print(HEADER)
    for r in results:
        print(r.row())
    print("\n".join(ratios(results)))


if __name__ == "__main__":
    main()
