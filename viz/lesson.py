"""The lesson part of a link: backward step, retain_grad, the accumulation lab's
ops, and gradient descent. Parsed like the inputs: bad values fall back with a
notice naming the parameter."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from viz.cut import KEYS as CUT_KEYS
from viz.cut import Cut
from viz.frozen import KEY as FROZEN_KEY
from viz.inplace import KEY as INPLACE_KEY
from viz.kinds import echo
from viz.notice import Notice
from viz.numbers import url_number
from viz.second import KEY as ORDER_KEY
from viz.second import ROW_KEY

MAX_OPS = 20
MAX_GD = 100
LR_RANGE = (1e-4, 10.0)
KEYS = (
    "step",
    "retain_grad",
    "retain_graph",
    "ops",
    "backward",
    "lr",
    "gd",
    *CUT_KEYS,
    FROZEN_KEY,
    INPLACE_KEY,
    ORDER_KEY,
    ROW_KEY,
)


@dataclass(frozen=True)
class Lesson:
    step: int | None = None  # None: the finished backward pass
    retain_grad: bool = True
    retain_graph: bool = True
    ops: tuple[str, ...] = ("b",)  # "b" backward(), "z" .grad.zero_() on the leaves
    lr: float = 0.1
    gd: int = 0
    cut: Cut | None = None  # &detach= or &no_grad=: parsed with the scenario (``viz.cut.parse_cut``)
    frozen: tuple[str, ...] = ()  # &frozen=: inputs made with requires_grad=False (``viz.frozen``)
    inplace: str | None = None  # &inplace=: the tensor changed in place before backward (``viz.inplace``)
    order: int = 1  # &order=2: differentiate the gradient again (``viz.second``)
    row: str = ""  # &row=: the coordinate whose gradient entry is differentiated ("" the first)

    def lab(self) -> Lesson:
        """Only what changes the traced run (a cache key): not step, lr or gd."""
        return Lesson(
            retain_grad=self.retain_grad,
            retain_graph=self.retain_graph,
            ops=self.ops,
            cut=self.cut,
            frozen=self.frozen,
            inplace=self.inplace,
        )


def _int(query: Mapping[str, str], key: str, lo: int, hi: int, notices: list[Notice]) -> int | None:
    text = query.get(key)
    if text is None:
        return None
    try:
        value = int(text)
    except ValueError:
        notices.append(Notice(key, f"{echo(text)} is not a whole number; ignored"))
        return None
    if not lo <= value <= hi:
        clamped = min(max(value, lo), hi)
        notices.append(Notice(key, f"{echo(text)} is outside [{lo}, {hi}]; using {clamped}"))
        return clamped
    return value


def _bool(query: Mapping[str, str], key: str, default: bool, notices: list[Notice]) -> bool:
    text = query.get(key)
    if text is None or text in ("0", "1"):
        return default if text is None else text == "1"
    notices.append(Notice(key, f"{echo(text)} must be 0 or 1; using {int(default)}"))
    return default


def _ops(query: Mapping[str, str], notices: list[Notice]) -> tuple[str, ...]:
    text = query.get("ops")
    if text is None:
        n = _int(query, "backward", 0, MAX_OPS, notices)
        return ("b",) * n if n is not None else ("b",)
    if "backward" in query:
        notices.append(Notice("backward", "ignored: ops is given"))
    parts = [p.strip() for p in text.split(",") if p.strip()]
    if text.strip() and not parts:
        notices.append(Notice("ops", f"{echo(text)} has no steps: no backward() call is made"))
    ops = tuple(p for p in parts if p in ("b", "z"))
    if len(ops) != len(parts):
        notices.append(
            Notice("ops", f"{echo(text)}: only b (backward) and z (zero_) are steps; others dropped")
        )
    if len(ops) > MAX_OPS:
        notices.append(Notice("ops", f"has {len(ops)} steps; kept the first {MAX_OPS}"))
        ops = ops[:MAX_OPS]
    return ops


def parse_lesson(query: Mapping[str, str], notices: list[Notice]) -> Lesson:
    lr = Lesson.lr
    if "lr" in query:
        try:
            lr = float(query["lr"])
        except ValueError:
            lr = math.nan
        if not (math.isfinite(lr) and LR_RANGE[0] <= lr <= LR_RANGE[1]):
            notices.append(Notice("lr", f"{echo(query['lr'])} must be a number in [0.0001, 10]; using 0.1"))
            lr = Lesson.lr
    return Lesson(
        step=_int(query, "step", 0, 10_000, notices),
        retain_grad=_bool(query, "retain_grad", True, notices),
        retain_graph=_bool(query, "retain_graph", True, notices),
        ops=_ops(query, notices),
        lr=lr,
        gd=_int(query, "gd", 0, MAX_GD, notices) or 0,
        order=_int(query, ORDER_KEY, 1, 2, notices) or 1,
    )


def lesson_query(lesson: Lesson) -> dict[str, str]:
    query = {
        "retain_grad": str(int(lesson.retain_grad)),
        "retain_graph": str(int(lesson.retain_graph)),
        "ops": ",".join(lesson.ops),
        "lr": url_number(lesson.lr),
        "gd": str(lesson.gd),
    }
    if lesson.step is not None:
        query = {"step": str(lesson.step), **query}
    if lesson.cut is not None:
        query[lesson.cut.how] = lesson.cut.name
    if lesson.frozen:
        query[FROZEN_KEY] = ",".join(lesson.frozen)
    if lesson.inplace is not None:
        query[INPLACE_KEY] = lesson.inplace
    if lesson.order == 2:
        query[ORDER_KEY] = "2"
        if lesson.row:
            query[ROW_KEY] = lesson.row
    return query
