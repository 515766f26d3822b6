"""The page's scripts act for the life of the page: each run sends a tag naming one file on the
server, the same tag every run, so the browser runs them once (``viz/ui/page_scripts.py``);
inline, they were 4.1 kB of a slider move's 26.7 kB."""

import re

from viz.ui.page_scripts import SCRIPT, page_js


def _tags(at) -> list[str]:
    return [h.proto.body for h in at.get("html")]


def test_each_run_sends_the_same_small_tag_for_the_served_file(open_app) -> None:
    at = open_app(scenario="square")
    first = _tags(at)
    assert len(first) == 1 and len(first[0]) < 120, first
    name = re.fullmatch(r'<script src="/app/static/(lens-page-[0-9a-f]{16}\.js)"></script>', first[0])
    assert name and name[1] == page_js().name
    assert page_js().read_text(encoding="utf-8") == SCRIPT
    at.slider(key="square:x:slider").set_value(1.5).run()
    assert not at.exception and at.query_params["x"] == "1.5"  # the move was made
    assert _tags(at) == first


def test_presenter_mode_and_the_guide_send_it_too(open_app) -> None:
    at = open_app(scenario="square", present="1")
    first = _tags(at)
    at.switch_page("app_pages/guide.py").run()
    assert not at.exception and _tags(at) == first and len(first) == 1
