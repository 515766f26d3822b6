"""AppTest: the quiz flow as a student meets it: a wrong answer, a hint, a right answer,
the next step, a reveal, and the session's score; "?" where nothing is computed yet."""

import math
import re

from tests.app.test_pages import metrics
from viz.numbers import fmt


def _text(at) -> str:
    """What the student reads: markdown, notes and captions, unescaped."""
    parts = [m.value for group in (at.markdown, at.info, at.success, at.caption) for m in group]
    return re.sub(r"\\(.)", r"\1", " ".join(parts)).replace("\u200b", "")


def test_wrong_hint_right_reveal_and_score(open_app) -> None:
    at = open_app(scenario="sin_square", x="3", quiz="1")
    assert at.query_params["step"] == "0" and at.query_params["quiz"] == "1"
    assert metrics(at)["x.grad = dz/dx"] == "?"
    assert "What does it send back to y?" in _text(at)
    answer = fmt(math.cos(9))
    assert answer not in _text(at)  # not on the page before it is answered
    at.text_input(key="quiz_answer_0_0").input("2").run()
    at.button(key="quiz_check_0_0").click().run()
    assert "Not yet: try again." in _text(at)
    at.text_input(key="quiz_answer_0_0").input("3").run()
    at.button(key="quiz_check_0_0").click().run()
    assert "Hint: upstream × local: 1.0000 × (∂z/∂y) = ?" in _text(at)
    at.text_input(key="quiz_answer_0_0").input(answer).run()
    at.button(key="quiz_check_0_0").click().run()
    assert f"Right: → y: 1.0000 × local = {answer}" in _text(at)
    at.button(key="quiz_next").click().run()
    assert at.query_params["step"] == "1"
    at.button(key="quiz_reveal_1_0").click().run()
    assert f"Revealed: → x: {answer} × local = {fmt(6 * math.cos(9))}" in _text(at)
    assert "Score: 0 of 2 right first time" in _text(at)


def test_the_sidebar_switch_starts_a_quiz_from_step_0(open_app) -> None:
    at = open_app(scenario="logistic_bce")
    at.sidebar.toggle(key="quiz_on").set_value(True).run()
    assert at.query_params["quiz"] == "1" and at.query_params["step"] == "0"
    assert "NegBackward0 (made loss)" in _text(at)


def test_presenter_mode_asks_the_room_and_next_reveals(open_app) -> None:
    at = open_app(scenario="sin_square", x="3", quiz="1", present="1")
    line = _text(at)
    assert "What does it send back to y? Then next ▶ reveals it." in line
    assert fmt(math.cos(9)) not in line
    at.button(key="step_next").click().run()
    assert at.query_params["step"] == "1" and "What does it send back to x?" in _text(at)
