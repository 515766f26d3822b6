"""Symbolic derivatives in a separate process, with a time budget, that survives faults.

sympy can take unbounded time on a student's expression, and signals do not work
in Streamlit's script threads, so sympy runs in a worker process that reads one
JSON request per line and answers one line. A request that outlives its budget
kills the worker, unless the worker answers each request in a forked child
(``fork_each``, for expressions likely to run late): then it kills the child and the
next request starts at once, sympy already imported. A worker that died (killed by the
out-of-memory killer, say), stopped or does not answer is replaced; a watchdog
restarts one that dies while idle, so the next request does not pay for the start.
The worker imports sympy and the grammar only, never torch or Streamlit, and runs
at a lower CPU priority than the server.

Run as ``python -m viz.sympy_worker``: the worker's side.
"""

from __future__ import annotations

import json
import math
import os
import select
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

ROOT = Path(__file__).resolve().parent.parent
BUDGET_SECONDS = 3.0
WORKER_SHARE = 0.8  # of the budget: the worker ends a late job itself, before the server gives up on it
STARTUP_SECONDS = 60.0
READY = "ready"


Outcome = Literal["answered", "late", "queued", "stopped", "failed"]  # late: ran past the budget


@dataclass(frozen=True)
class Answer:
    """The worker's answer, or why there is none: ``outcome`` for the code, ``note`` for the page."""

    f_latex: str = ""
    partials: tuple[tuple[str, str, float], ...] = ()  # (variable, LaTeX of ∂f/∂variable, value)
    seconds: tuple[tuple[str, str, str, float], ...] = ()  # (row, column, LaTeX, value): order=2 only
    note: str = ""
    outcome: Outcome = "answered"


def _late(budget: float, waited: bool = False) -> Answer:
    why = " (it waited for the worker)" if waited else ""
    note = f"the symbolic derivative took longer than {budget:g} s{why}; skipped"
    return Answer(note=note, outcome="queued" if waited else "late")


STOPPED = Answer(note="the symbolic worker stopped; skipped", outcome="stopped")


def _as_tuple(tree: Any) -> Any:
    return tuple(_as_tuple(k) for k in tree) if isinstance(tree, list) else tree


class Worker:
    """One child process behind a pipe; one request at a time (the lock)."""

    def __init__(self, nice: int = 10, fork_each: bool = False) -> None:
        self.nice = nice
        self.fork_each = fork_each  # each request in a forked child (for expressions likely to run late)
        self._lock = threading.Lock()
        self._proc: subprocess.Popen[bytes] | None = None
        self._closed = False
        self.requests = 0  # sent to a worker: a test can see one was not asked

    def _start(self) -> subprocess.Popen[bytes]:
        env = {**os.environ, "PYTHONPATH": str(ROOT), "GRADIENT_LENS_WORKER_NICE": str(self.nice)}
        proc = subprocess.Popen(
            [sys.executable, "-m", "viz.sympy_worker"], cwd=ROOT, env=env,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        line = self._read_line(proc, STARTUP_SECONDS)
        if line != READY:
            proc.kill()
            raise RuntimeError("the symbolic worker did not start")
        threading.Thread(target=self._watch, args=(proc,), daemon=True).start()
        return proc

    def _watch(self, proc: subprocess.Popen[bytes]) -> None:
        """Replace a child that dies while idle, or was stopped, before anyone needs it."""
        proc.wait()
        with self._lock:
            if (self._proc is proc or self._proc is None) and not self._closed:
                self._proc = None
                self._ensure()

    def _ensure(self) -> subprocess.Popen[bytes]:
        if self._proc is None or self._proc.poll() is not None:
            self._proc = self._start()
        return self._proc

    @staticmethod
    def _read_line(proc: subprocess.Popen[bytes], timeout: float) -> str | None:
        """One line from the child within ``timeout`` s; None on timeout or end of file."""
        assert proc.stdout is not None
        deadline = time.monotonic() + timeout
        buffer = b""
        fd = proc.stdout.fileno()
        while not buffer.endswith(b"\n"):
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([fd], [], [], left)[0]:
                return None
            chunk = os.read(fd, 1 << 16)
            if not chunk:
                return None
            buffer += chunk
        return buffer.decode().strip()

    def _kill(self, proc: subprocess.Popen[bytes]) -> None:
        proc.kill()
        proc.wait()
        if self._proc is proc:
            self._proc = None

    def ask(
        self, tree: tuple, variables: tuple[str, ...], point: dict[str, float], budget: float, order: int = 1
    ) -> Answer:
        """The answer within ``budget`` seconds, the wait for an earlier request included."""
        start = time.monotonic()
        if not self._lock.acquire(timeout=budget):
            return _late(budget, waited=True)
        try:
            left = budget - (time.monotonic() - start)
            job = {"tree": tree, "variables": variables, "point": point, "budget": WORKER_SHARE * left,
                   "fork": self.fork_each, "order": order}  # fmt: skip
            request = json.dumps(job)
            return self._ask(request + "\n", left, budget)
        finally:
            self._lock.release()

    def _ask(self, request: str, left: float, budget: float) -> Answer:
        """One request to the child, the lock held; ``left`` is what remains of ``budget``
        (a child's start does not count: it is the server's cost, not the expression's)."""
        for attempt in range(2):  # a child found dead gets one fresh retry
            proc = self._ensure()
            deadline = time.monotonic() + left
            assert proc.stdin is not None
            try:
                proc.stdin.write(request.encode())
                proc.stdin.flush()
            except (BrokenPipeError, OSError):
                self._kill(proc)
                continue
            self.requests += 1
            line = self._read_line(proc, deadline - time.monotonic())
            left = deadline - time.monotonic()
            if line is None:  # the worker itself is stuck or gone: replace it
                self._kill(proc)
                if left <= 0:
                    return _late(budget)
                if attempt == 0:
                    continue
                return STOPPED
            answer = json.loads(line)
            if "timeout" in answer:
                return _late(budget)
            if "stopped" in answer:
                return STOPPED
            if "error" in answer:
                note = f"sympy could not differentiate it ({answer['error']}); skipped"
                return Answer(note=note, outcome="failed")
            partials = tuple((n, latex, float(v)) for n, latex, v in answer["partials"])
            seconds = tuple((a, b, latex, float(v)) for a, b, latex, v in answer.get("seconds", ()))
            return Answer(answer["f_latex"], partials, seconds)
        return STOPPED

    def pid(self) -> int | None:
        with self._lock:
            return self._ensure().pid

    def close(self) -> None:
        with self._lock:
            self._closed = True
            if self._proc is not None:
                self._kill(self._proc)


def _answer(request: dict) -> dict:
    from viz.symbolic import derive

    try:
        tree, variables = _as_tuple(request["tree"]), tuple(request["variables"])
        return derive(tree, variables, request["point"], request.get("order", 1))
    except (ValueError, TypeError, ArithmeticError, RecursionError, AttributeError) as error:
        return {"error": type(error).__name__}


def _in_child(request: dict, budget: float) -> dict:
    """One request in a forked child: one that outruns its budget is killed, and the
    next starts at once, with sympy already imported (a fresh worker takes ~0.8 s)."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: answer, then leave without Python's clean-up
        os.close(read)
        signal.alarm(math.ceil(budget) + 1)  # ends it even if the worker above it is gone
        data = json.dumps(_answer(request), allow_nan=True).encode()
        while data:
            data = data[os.write(write, data) :]
        os._exit(0)
    os.close(write)
    chunks, deadline = [], time.monotonic() + budget
    try:
        while True:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([read], [], [], left)[0]:
                os.kill(pid, signal.SIGKILL)
                return {"timeout": True}
            chunk = os.read(read, 1 << 16)
            if not chunk:
                break
            chunks.append(chunk)
    finally:
        os.waitpid(pid, 0)
        os.close(read)
    return json.loads(b"".join(chunks)) if chunks else {"stopped": True}


def _serve() -> None:
    """The worker: answer one JSON line per request line, forever (in a child if asked)."""
    os.nice(int(os.environ.get("GRADIENT_LENS_WORKER_NICE", "10")))
    import viz.symbolic  # noqa: F401  (imported once, here: every child shares it)

    out = sys.stdout
    out.write(READY + "\n")
    out.flush()
    for line in sys.stdin:
        request = json.loads(line)
        answer = _in_child(request, request["budget"]) if request["fork"] else _answer(request)
        out.write(json.dumps(answer, allow_nan=True) + "\n")
        out.flush()


if __name__ == "__main__":
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 10_000))
    _serve()
