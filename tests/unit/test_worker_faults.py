"""The symbolic worker survives faults: killed while idle (as an out-of-memory killer would), killed
mid-job, or stopped, the next request gets an answer within its budget from a fresh worker. The
worker loads sympy and the grammar, never torch."""

import os
import signal
import threading
import time
from pathlib import Path

import pytest

from viz.expression import parse
from viz.expression_torch import fold
from viz.sympy_worker import Answer, Worker

BUDGET = 3.0


def slow(k: int) -> tuple:
    """Six nested sigmoids: ~7 s of sympy (a different one each time: the worker remembers answers)."""
    return fold(parse(f"sigmoid(sigmoid(sigmoid(sigmoid(sigmoid(sigmoid(x + {k}))))))").tree)


def ask(
    worker: Worker, tree: tuple = ("call", "sin", ("var", "x")), budget: float = BUDGET
) -> tuple[Answer, float]:
    start = time.monotonic()
    answer = worker.ask(tree, ("x",), {"x": 0.5}, budget)
    return answer, time.monotonic() - start


def cos_half(answer: Answer) -> bool:
    return bool(answer.partials) and abs(answer.partials[0][2] - 0.8775825618903728) < 1e-12


@pytest.fixture
def worker():
    w = Worker()
    ask(w)  # started and warm
    yield w
    w.close()


def test_killed_while_idle_the_next_request_is_answered_in_its_budget(worker: Worker) -> None:
    os.kill(worker.pid() or 0, signal.SIGKILL)
    time.sleep(0.2)
    answer, took = ask(worker)
    assert cos_half(answer) and took < BUDGET


def test_killed_mid_job_the_request_is_retried_on_a_fresh_worker(worker: Worker) -> None:
    pid = worker.pid()
    threading.Timer(0.3, lambda: os.kill(pid or 0, signal.SIGKILL)).start()
    answer, took = ask(worker, slow(1), budget=2.0)  # retried on a fresh worker, where it runs out of time
    assert answer.note == "the symbolic derivative took longer than 2 s; skipped"
    assert took < 0.3 + 5.0 + 2.0  # the first try, a fresh start, one budget
    answer, took = ask(worker)
    assert cos_half(answer) and took < BUDGET and worker.pid() != pid


def test_stopped_it_is_replaced_after_one_budget(worker: Worker) -> None:
    pid = worker.pid()
    os.kill(pid or 0, signal.SIGSTOP)
    answer, took = ask(worker, budget=1.0)
    assert answer.note == "the symbolic derivative took longer than 1 s; skipped" and took < 1.5
    answer, took = ask(worker)
    assert cos_half(answer) and worker.pid() != pid


def test_a_job_over_budget_does_not_block_the_next(worker: Worker) -> None:
    answer, took = ask(worker, slow(2), budget=0.2)
    assert "took longer than 0.2 s" in answer.note and took < 0.5
    answer, took = ask(worker)
    assert cos_half(answer) and took < BUDGET


def test_the_worker_never_loads_torch(worker: Worker) -> None:
    maps = Path(f"/proc/{worker.pid()}/maps").read_text()
    assert "torch" not in maps and "libtorch" not in maps
    modules = Path(f"/proc/{worker.pid()}/cmdline").read_bytes().split(b"\0")
    assert b"viz.sympy_worker" in modules
