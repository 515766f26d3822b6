"""Predict, then reveal: each question's answer is what autograd sends (held against the chain
rule's maths and against the graph the next step shows), and answer checking's tolerances."""

import math

import pytest

from tests.samples import view_of
from viz.quiz import parse_answer, questions, right
from viz.scenario import REGISTRY, get
from viz.steps import at_step


def test_sin_square_questions_are_the_chain_rule() -> None:
    full = view_of({"scenario": "sin_square", "x": "3"}).full
    (q1,) = questions(full, 0)
    (q2,) = questions(full, 1)
    (q3,) = questions(full, 2)
    assert (q1.op, q1.target) == ("SinBackward0", "y") and q1.answer[0] == pytest.approx(
        math.cos(9), rel=1e-6
    )
    assert (q2.op, q2.target) == ("PowBackward0", "x")
    assert q2.upstream[0] == pytest.approx(math.cos(9), rel=1e-6)
    assert q2.answer[0] == pytest.approx(6 * math.cos(9), rel=1e-6)
    assert q3.leaf and q3.answer == q2.answer and "None before" in q3.hint()
    assert questions(full, 3) == []


def test_an_accumulating_leaf_asks_for_the_sum() -> None:
    full = view_of({"scenario": "square", "x": "2", "backward": "3"}).full
    (leaf,) = [q for k in range(len(full.steps)) for q in questions(full, k) if q.leaf]
    assert leaf.before == (8.0,) and leaf.answer == (12.0,) and "was 8.0000" in leaf.hint()


@pytest.mark.parametrize("scenario_id", list(REGISTRY))
def test_every_answer_is_what_the_next_step_draws(scenario_id: str) -> None:
    view = view_of({"scenario": scenario_id})
    full = view.full
    for k in range(len(full.steps)):
        shown = at_step(full, k + 1)
        flowing = shown.edge_grads()
        for q in questions(full, k):
            if q.leaf:
                assert shown.by_name(q.name).grad == q.answer
                continue
            record = full.steps[k]
            sent = {full.by_id(src).name: grad for _, src, grad in record.sent}
            assert sent[q.target] == q.answer
            assert q.answer in flowing.values()


@pytest.mark.parametrize(
    ("text", "answer", "ok"),
    [
        ("-0.9111", (-0.9111302495,), True),  # 4 decimals, as the page prints
        ("-0.91", (-0.9111302495,), False),
        ("813.4", (813.3619,), True),  # within 1e-3 relative
        ("812", (813.3619,), False),
        ("0.0004", (0.0,), True),  # within 5e-4 absolute
        ("0.001", (0.0,), False),
        ("[1, 4, 12]", (1.0, 4.0, 12.0), True),
        ("1, 4", (1.0, 4.0, 12.0), False),
    ],
)
def test_answers_are_right_within_the_issues_tolerances(text: str, answer: tuple, ok: bool) -> None:
    given = parse_answer(text)
    assert given is not None
    assert right(given, answer) is ok


@pytest.mark.parametrize("text", ["", "abc", "nan", "1e999", "-"])
def test_unreadable_answers_are_none(text: str) -> None:
    assert parse_answer(text) is None


def test_a_view_without_steps_has_no_questions() -> None:
    full = view_of({"scenario": "sin_square", "x": "3", "detach": "y"}).full
    assert questions(full, 0) == []
    assert get("sin_square")
