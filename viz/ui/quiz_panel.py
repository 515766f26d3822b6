"""Predict, then reveal: the student answers what the next backward function sends back,
before the graph shows it. Right within 1e-3 (relative) or 5e-4; a hint on the second try;
a Reveal button; a score for the session. The answer is checked on the server and written
on the page only once answered or revealed."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import streamlit as st

from viz.numbers import fmt_values
from viz.quiz import Question, parse_answer, questions, right
from viz.ui.cache import key_of
from viz.ui.text import plain_text
from viz.ui.url import queue
from viz.view import View

LOG = "quiz_log"  # (view, step, slot) -> {"tries": int, "done": bool, "first": bool, "revealed": bool}


def _key(view: View, q: Question) -> tuple[Any, ...]:
    return (view.state.scenario_id, key_of(view.state.values), view.state.lesson.lab(), q.step, q.slot)


def _entry(view: View, q: Question) -> dict[str, Any]:
    log = st.session_state.setdefault(LOG, {})
    return log.setdefault(_key(view, q), {"tries": 0, "done": False, "first": False, "revealed": False})


def _check(view: View, q: Question, widget: str) -> None:
    entry = _entry(view, q)
    given = parse_answer(str(st.session_state.get(widget) or ""))
    if given is None:
        entry["unreadable"] = True
        return
    entry["unreadable"] = False
    if right(given, q.answer):
        entry.update(done=True, first=entry["tries"] == 0)
    else:
        entry["tries"] += 1


def _reveal(view: View, q: Question) -> None:
    _entry(view, q).update(done=True, first=False, revealed=True)


def _next(step: int) -> None:
    queue("step", lambda s: replace(s, lesson=replace(s.lesson, step=step)))


def score_line() -> str:
    entries = [e for e in st.session_state.get(LOG, {}).values() if e["done"]]
    first = sum(e["first"] for e in entries)
    return f"Score: {first} of {len(entries)} right first time"


def _answered(q: Question) -> str:
    if q.leaf:
        return f"{q.name}.grad = {fmt_values(q.answer)}"
    return f"→ {q.target}: {fmt_values(q.upstream)} × local = {fmt_values(q.answer)}"


def quiz_panel(view: View) -> None:
    """The current question, its feedback, and the way on."""
    k = view.state.lesson.step or 0
    n = len(view.full.steps)
    asked = questions(view.full, k)
    if not asked:
        st.success(f"The backward pass is done. {score_line()}.")
        return
    for q in asked:
        entry = _entry(view, q)
        if entry["done"]:
            how = "revealed" if entry["revealed"] else "right"
            st.markdown(plain_text(f"{q.ask(view.full.differentiated)} {how.capitalize()}: {_answered(q)}"))
            continue
        st.markdown(plain_text(q.ask(view.full.differentiated)))
        widget = f"quiz_answer_{k}_{q.slot}"
        st.text_input(
            "Your answer", key=widget, placeholder="a number" if len(q.answer) == 1 else "[a, b, …]"
        )
        left, right_col = st.columns(2)
        left.button("Check", key=f"quiz_check_{k}_{q.slot}", on_click=_check, args=(view, q, widget),
                    width="stretch")  # fmt: skip
        right_col.button("Reveal", key=f"quiz_reveal_{k}_{q.slot}", on_click=_reveal, args=(view, q),
                         width="stretch")  # fmt: skip
        if entry.get("unreadable"):
            st.warning("Type a number (or, for a tensor, numbers separated by commas).")
        elif entry["tries"] == 1:
            st.info("Not yet: try again.")
        elif entry["tries"] >= 2:
            st.info(plain_text(f"Not yet. Hint: {q.hint()}"))
            if q.rule and not q.leaf:
                st.latex(q.rule)
        st.caption(score_line())
        return  # one question at a time
    st.button("next ▶ (the graph shows it)", key="quiz_next", on_click=_next, args=(min(k + 1, n),),
              type="primary")  # fmt: skip
    st.caption(score_line())
