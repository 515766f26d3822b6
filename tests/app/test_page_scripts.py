"""The page's scripts act for the life of the page, so a session gets them once: sent with
every run they were 4.1 kB of a slider move's 26.7 kB (``viz/ui/page_scripts.py``)."""

from viz.ui.page_scripts import SCRIPT


def _scripts(at) -> list[str]:
    return [h.proto.body for h in at.get("html")]


def test_the_first_run_sends_the_scripts_and_a_move_does_not(open_app) -> None:
    at = open_app(scenario="square")
    assert _scripts(at) == [SCRIPT]
    at.slider(key="square:x:slider").set_value(1.5).run()
    assert not at.exception
    assert at.query_params["x"] == "1.5"  # the move was made
    assert _scripts(at) == []


def test_presenter_mode_gets_them_and_the_guide_keeps_them(open_app) -> None:
    at = open_app(scenario="square", present="1")
    assert _scripts(at) == [SCRIPT]
    at.switch_page("app_pages/guide.py").run()  # the same page in the browser: they still act
    assert not at.exception and _scripts(at) == []
