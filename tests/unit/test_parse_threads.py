"""CPython 3.11's parser keeps recursion state that concurrent parses can corrupt (under 20
sessions, 1 rerun in 12,000 raised "SystemError: AST constructor recursion depth mismatch"): the
grammar runs one ``ast.parse`` at a time. The race itself is too rare to provoke in a test, so
this one watches for two parses at once while many threads parse."""

import ast
import contextlib
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from viz import expression
from viz.expression import ExpressionError, parse

THREADS = 8


def test_no_two_parses_ever_run_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    real, inside, most = ast.parse, [0], [0]
    lock = threading.Lock()

    def watched(*args: object, **kwargs: object) -> ast.AST:
        with lock:
            inside[0] += 1
            most[0] = max(most[0], inside[0])
        time.sleep(0.001)  # a long parse: the other threads get every chance to come in
        try:
            return real(*args, **kwargs)
        finally:
            with lock:
                inside[0] -= 1

    monkeypatch.setattr(expression.ast, "parse", watched)

    def many(seed: int) -> None:
        for k in range(40):
            with contextlib.suppress(ExpressionError):
                parse(f"sin(x*{seed}.{k}) + {k}")  # distinct texts: no remembered answer

    with ThreadPoolExecutor(THREADS) as pool:
        list(pool.map(many, range(THREADS)))
    assert most[0] == 1
