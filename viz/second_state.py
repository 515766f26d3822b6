"""Which second derivatives a link asks for, checked against the scenario: ``&order=2`` does
not compose with a cut or an in-place change (their graphs raise or stop before the gradient
has a graph), and ``&row=`` names one of the coordinates that require grad."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from viz.kinds import echo
from viz.lesson import Lesson
from viz.notice import Notice
from viz.scenario import Scenario, Values
from viz.second import KEY, ROW_KEY


def parse_order(
    scenario: Scenario, values: Values, lesson: Lesson, query: Mapping[str, str], notices: list[Notice]
) -> Lesson:
    """``lesson`` with ``order`` and ``row`` as the scenario allows them."""
    text = query.get(ROW_KEY)
    if lesson.order == 2 and (lesson.cut is not None or lesson.inplace is not None):
        what = f"{lesson.cut.how}={lesson.cut.name}" if lesson.cut else f"inplace={lesson.inplace}"
        notices.append(
            Notice(KEY, f"not run with {echo(what)}: differentiate a whole graph twice, not a cut one")
        )
        return replace(lesson, order=1)
    if text is None:
        return lesson
    if lesson.order != 2:
        notices.append(Notice(ROW_KEY, "applies only with order=2; ignored"))
        return lesson
    tokens = {c.token: c for c in scenario.coordinates(values)} | {
        c.label: c for c in scenario.coordinates(values)
    }
    if text not in tokens:
        known = ", ".join(c.token for c in scenario.coordinates(values))
        notices.append(Notice(ROW_KEY, f"{echo(text)} is not one of {known}; using the first"))
        return lesson
    return replace(lesson, row=tokens[text].token)
