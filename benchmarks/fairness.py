"""Fair under hostile load: do heavy expressions from some students slow the others?

    .venv/bin/python -m benchmarks.fairness [--seconds 60] [--submitters 10]

One server. The others, closed loop for ``--seconds``: 3 students on the notebook's
scenarios move a slider, and 2 on the custom scenario edit their expression (x*y + sin(x)
plus a changing constant: each edit needs the symbolic worker, as a student typing does).
Meanwhile
``--submitters`` students each type a new expression every 2 s: once light ones
(``sin(x)*x`` with a changing constant), once heavy ones (nested relu, sin, exp,
sigmoid, tanh and log: all accepted by the parser, at most 200 characters). The
constants change with every submission, so no cache answers. Reported: the others'
latency under each load and the ratio of their p95, and what each submission got
back (the page with its formula, or the "took longer" notice) and how long it took.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import statistics
import time
from collections import Counter
from collections.abc import Callable

from streamlit.proto.WidgetStates_pb2 import WidgetState

from benchmarks.load import Clock, Result, student
from benchmarks.ws_client import Session
from tools.browser import ROOT, streamlit_process
from viz.expression import MAX_CHARS, parse

NOTEBOOK = ("square", "sin_square", "logistic_bce")
CUSTOM = "scenario=custom&expr=x*y%2Bsin(x)&x=1.2&y=-0.7"


def _nest(outer: str, inner: str, depth: int) -> str:
    return outer * depth + inner + ")" * depth


HEAVY: tuple[Callable[[str], str], ...] = (
    lambda c: "relu(" * 10 + "x" + f"-{c})" * 10,  # relu(relu(…relu(x-c)…-c)-c)
    lambda c: _nest("relu(sin(", f"x+{c}", 5) + ")" * 5,  # relu(sin(relu(sin(…))))
    lambda c: _nest("exp(", f"x/{c}", 8),
    lambda c: _nest("sigmoid(", f"x*{c}", 12),
    lambda c: _nest("tanh(2*", f"x-{c}", 9),
    lambda c: _nest("log(1+exp(", f"x*{c}", 6) + ")" * 6,
    lambda c: _nest("sin(x*", f"y+{c}", 9),
)


def light(c: str) -> str:
    return f"sin(x)*x+{c}"


def editing(c: str) -> str:
    return f"x*y+sin(x)+{c}"


async def submitter(
    port: int, make: tuple[Callable[[str], str], ...], seed: int, until: Clock, log: list, every: float = 2.0
) -> None:
    """A student who types a new expression every ``every`` s (0: as soon as the page answers);
    each reply's time and outcome go to ``log``."""
    async with Session(port, CUSTOM) as session:
        fragment, box = (await session.run()).widget("text_input", "f =")
        deadline = await until.start()
        await asyncio.sleep(seed % 20 / 20 * every)  # spread over the interval
        for n in itertools.count():
            if time.monotonic() >= deadline:
                return
            begun = time.monotonic()
            text = make[(seed + n) % len(make)](f"{1 + (seed * 997 + n) % 9000 / 10_000:.4f}")
            run = await session.run([WidgetState(id=box.text_input.id, string_value=text)], fragment)
            shown = " ".join(str(e) for _, e in run.elements)
            outcome = "error" if not run.ok else "took too long" if "took longer" in shown else "answered"
            log.append((run.seconds, outcome))
            await asyncio.sleep(max(0.0, every - (time.monotonic() - begun)))


async def one_load(port: int, make: tuple, submitters: int, seconds: float) -> tuple[Result, Result, list]:
    notebook, custom = Result("notebook", 3, seconds), Result("custom", 2, seconds)
    clock, log, edits = Clock(5 + submitters, seconds), [], []
    await asyncio.gather(
        *(student(port, f"scenario={NOTEBOOK[i]}", clock, notebook, i) for i in range(3)),
        *(submitter(port, (editing,), 500 + i, clock, edits, every=0.0) for i in range(2)),
        *(submitter(port, make, i, clock, log) for i in range(submitters)),
    )
    custom.latencies = [s for s, _ in edits]
    custom.errors = sum(outcome != "answered" for _, outcome in edits)
    return notebook, custom, log


def quantile(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))] * 1000


def run(submitters: int, seconds: float) -> list[str]:
    """Both loads on one server; the lines of the report (a table, a ratio, the outcomes)."""
    for make in HEAVY:
        text = make("1.0001")
        assert len(text) <= MAX_CHARS and parse(text), text
    lines = [
        "| submitters type | others | reruns | p50 ms | p95 ms | max ms | errors |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    p95, outcomes = {}, {}
    with streamlit_process(ROOT / "server.py", "--server.headless", "true") as (port, _):
        for name, make in (("light", (light,)), ("heavy", HEAVY)):
            notebook, custom, log = asyncio.run(one_load(port, make, submitters, seconds))
            for group in (notebook, custom):
                lat = group.latencies
                p95[name, group.app] = quantile(lat, 0.95)
                p50 = statistics.median(lat) * 1000
                lines.append(
                    f"| {name} | {group.app} ({group.sessions}) | {len(lat)} | {p50:.0f} "
                    f"| {quantile(lat, 0.95):.0f} | {quantile(lat, 1):.0f} | {group.errors} |"
                )
                print(lines[-1], flush=True)
            outcomes[name] = (Counter(o for _, o in log), [s for s, _ in log])
    lines.append("")
    for group in ("notebook", "custom"):
        ratio = p95["heavy", group] / p95["light", group]
        lines.append(
            f"- others on {group}: p95 with heavy submitters is {ratio:.2f}× their p95 with light ones"
        )
    for name, (counts, times) in outcomes.items():
        lines.append(
            f"- {name} submissions: {dict(counts)}; reply p50 {statistics.median(times) * 1000:.0f} ms, "
            f"max {max(times) * 1000:.0f} ms"
        )
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--submitters", type=int, default=10)
    args = parser.parse_args()
    print("\n".join(run(args.submitters, args.seconds)))


if __name__ == "__main__":
    main()
