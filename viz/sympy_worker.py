"""Symbolic derivatives in a separate process, with a time budget, that survives faults.

sympy can take unbounded time on a student's expression, and signals do not work
in Streamlit's script threads, so sympy runs in a child process that reads one
JSON request per line and answers one line. A request that outlives its budget
kills the child; a child that died (killed by the out-of-memory killer, say) or
stopped is replaced. A watchdog restarts a child that dies while idle, so the next
request does not pay for the start. The child imports sympy and the grammar only,
never torch or Streamlit, and runs at a lower CPU priority than the server.

Run as ``python -m viz.sympy_worker``: the child's side.
"""

from __future__ import annotations

import json
import os
import select
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BUDGET_SECONDS = 3.0
STARTUP_SECONDS = 60.0
READY = "ready"


@dataclass(frozen=True)
class Answer:
    """The worker's answer, or why there is none (``note``)."""

    f_latex: str = ""
    partials: tuple[tuple[str, str, float], ...] = ()  # (variable, LaTeX of ∂f/∂variable, value)
    note: str = ""


def _as_tuple(tree: Any) -> Any:
    return tuple(_as_tuple(k) for k in tree) if isinstance(tree, list) else tree


class Worker:
    """One child process behind a pipe; one request at a time (the lock)."""

    def __init__(self, nice: int = 10) -> None:
        self.nice = nice
        self._lock = threading.Lock()
        self._proc: subprocess.Popen[bytes] | None = None
        self._closed = False

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
        """Replace a child that dies while idle, before anyone needs it."""
        proc.wait()
        with self._lock:
            if self._proc is proc and not self._closed:
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

    def ask(self, tree: tuple, variables: tuple[str, ...], point: dict[str, float], budget: float) -> Answer:
        request = json.dumps({"tree": tree, "variables": variables, "point": point}) + "\n"
        with self._lock:
            for attempt in range(2):  # a child found dead gets one fresh retry
                proc = self._ensure()
                assert proc.stdin is not None
                try:
                    proc.stdin.write(request.encode())
                    proc.stdin.flush()
                except (BrokenPipeError, OSError):
                    self._kill(proc)
                    continue
                start = time.monotonic()
                line = self._read_line(proc, budget)
                if line is None:
                    self._kill(proc)
                    if time.monotonic() - start >= budget:
                        return Answer(note=f"the symbolic derivative took longer than {budget:g} s; skipped")
                    if attempt == 0:
                        continue
                    return Answer(note="the symbolic worker stopped; skipped")
                answer = json.loads(line)
                if "error" in answer:
                    return Answer(note=f"sympy could not differentiate it ({answer['error']}); skipped")
                partials = tuple((n, latex, float(v)) for n, latex, v in answer["partials"])
                return Answer(answer["f_latex"], partials)
        return Answer(note="the symbolic worker stopped; skipped")

    def pid(self) -> int | None:
        with self._lock:
            return self._ensure().pid

    def close(self) -> None:
        with self._lock:
            self._closed = True
            if self._proc is not None:
                self._kill(self._proc)


def _serve() -> None:
    """The child: answer one JSON line per request line, forever."""
    os.nice(int(os.environ.get("GRADIENT_LENS_WORKER_NICE", "10")))
    from viz.symbolic import derive

    out = sys.stdout
    out.write(READY + "\n")
    out.flush()
    for line in sys.stdin:
        request = json.loads(line)
        try:
            tree = _as_tuple(request["tree"])
            answer = derive(tree, tuple(request["variables"]), request["point"])
        except (ValueError, TypeError, ArithmeticError, RecursionError, AttributeError) as error:
            answer = {"error": type(error).__name__}
        out.write(json.dumps(answer, allow_nan=True) + "\n")
        out.flush()


if __name__ == "__main__":
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 10_000))
    _serve()
