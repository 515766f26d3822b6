"""One student's heavy expression delays only that student: deep nesting goes to the slow
worker, an expression that outran the quick budget sends its student there too, a queue of
heavy expressions ends in a "took longer" note within the budget, and an expression that ran
out of time is not tried again at other points."""

import threading
import time
from contextvars import copy_context

import pytest

from viz import custom_symbolic as cs
from viz.custom_symbolic import CLIENT, nested_calls, symbolic
from viz.expression import parse

HEAVY = "relu(" * 10 + "x" + "-{k})" * 10  # ~7 s of sympy; a new constant misses the caches


def as_client(client: str, text: str, point: dict, out: list, budget: float = cs.BUDGET_SECONDS) -> None:
    CLIENT.set(client)
    start = time.monotonic()
    out.append(symbolic(text, point, budget))
    out.append(time.monotonic() - start)


def in_thread(client: str, text: str, point: dict, budget: float = cs.BUDGET_SECONDS) -> tuple:
    out: list = []
    ctx = copy_context()
    thread = threading.Thread(target=ctx.run, args=(as_client, client, text, point, out, budget))
    thread.start()
    return thread, out


@pytest.mark.parametrize(
    ("text", "depth"),
    [("x", 0), ("sin(x)*x", 1), ("exp(-(x**2 + y**2) / 2) * z", 1), ("relu(sin(relu(x)))", 3),
     (HEAVY.format(k=1), 10)],
)  # fmt: skip
def test_nesting_is_counted_on_the_tree(text: str, depth: int) -> None:
    assert nested_calls(parse(text).tree) == depth


def test_a_light_expression_is_answered_while_a_heavy_one_runs() -> None:
    heavy, heavy_out = in_thread("student-a", HEAVY.format(k=0.5001), {})
    light, light_out = in_thread("student-b", "sin(x)*x + 0.4321", {"x": 0.5})
    light.join(timeout=30)
    assert light_out and light_out[0].partials, light_out  # answered ...
    assert heavy.is_alive()  # ... before the heavy one ended: it did not wait behind it
    heavy.join(timeout=30)
    assert "took longer than 3 s" in heavy_out[0].note


def test_heavy_expressions_queue_on_their_own_worker_and_end_within_the_budget() -> None:
    runs = [in_thread(f"student-{i}", HEAVY.format(k=1 + i / 1000), {}, budget=1.0) for i in range(3)]
    for thread, _ in runs:
        thread.join(timeout=30)
    notes = sorted(out[0].note for _, out in runs)
    assert all(n.startswith("the symbolic derivative took longer than 1 s") for n in notes), notes
    assert max(out[1] for _, out in runs) < 1.4  # the third waited for two: the wait is in the budget


def test_a_student_whose_expression_outran_the_quick_budget_goes_to_the_slow_worker(monkeypatch) -> None:
    monkeypatch.setattr(cs, "QUICK_SECONDS", 1e-6)  # every quick request runs out of time
    thread, out = in_thread("student-c", "sin(x)*x + 0.9876", {"x": 0.5})
    thread.join(timeout=30)
    assert out[0].partials  # answered by the slow worker, with the full budget
    assert "student-c" in cs.SLOW_CLIENTS and "sin(x)*x + 0.9876" in cs.SLOW_TEXTS
    monkeypatch.setattr(cs, "QUICK_SECONDS", 0.5)
    quick, slow = cs.QUICK.requests, cs.SLOW.requests
    thread, out = in_thread("student-c", "cos(x)*x + 0.9876", {"x": 0.5})  # a new, light text
    thread.join(timeout=30)
    assert out[0].partials and (cs.QUICK.requests, cs.SLOW.requests) == (quick, slow + 1)


def test_an_expression_that_ran_out_of_time_is_not_tried_at_other_points() -> None:
    text = HEAVY.format(k=2.0002)
    thread, out = in_thread("student-d", text, {"x": 0.5}, budget=0.5 + 1e-3)
    thread.join(timeout=30)
    assert "took longer" in out[0].note
    asked = cs.SLOW.requests
    thread, again = in_thread("student-d", text, {"x": 0.75}, budget=0.5 + 1e-3)
    thread.join(timeout=30)
    assert again[0].note == out[0].note and cs.SLOW.requests == asked  # not asked again


def test_a_late_heavy_expression_does_not_restart_the_slow_worker() -> None:
    """Only the forked child that ran late is killed: the next heavy request does not wait
    for a new worker to import sympy."""
    warm, _ = in_thread("student-e", "sin(x)*x + 0.5555", {"x": 0.5})
    warm.join(timeout=30)
    worker = cs.SLOW.pid()
    thread, out = in_thread("student-e", HEAVY.format(k=3.0003), {}, budget=0.7)
    thread.join(timeout=30)
    assert "took longer" in out[0].note and cs.SLOW.pid() == worker
