"""AppTest: themes and presenter mode from the link; downloads degrade with a clear message."""

import sys
from pathlib import Path

from tests.app.conftest import notice_params
from tests.app.test_pages import dot_source, plotly_config, plotly_spec
from viz.export import CHROMIUM_MISSING, DOT_MISSING

NO_TOOLS_PATH = str(Path(sys.executable).parent)


def test_theme_link_colours_graph_and_plot(open_app) -> None:
    at = open_app(scenario="sin_square", theme="dark")
    assert "#0e1117" in dot_source(at)
    fig = plotly_spec(at)
    assert fig["layout"]["template"]["layout"]["paper_bgcolor"] != "white"
    light = open_app(scenario="sin_square")
    assert "#0e1117" not in dot_source(light)


def test_modebar_exports_svg_at_scale_3_named_after_the_view(open_app) -> None:
    at = open_app(scenario="logistic_bce", theme="slide")
    config = plotly_config(at)
    options = config["toImageButtonOptions"]
    assert options["format"] == "svg" and options["scale"] == 3
    assert options["filename"] == "logistic_bce_x6.7_y0_w1_b0_contour_slide"


def test_presenter_mode_has_graph_plot_and_one_row_of_controls(open_app) -> None:
    at = open_app(scenario="logistic_bce", present="1", step="4")
    assert at.get("graphviz_chart") and at.get("plotly_chart")
    assert not at.metric and not at.sidebar.slider
    assert [list(c.options) for c in at.get("segmented_control")] == [["graph", "both", "plot"]]
    assert [s.label for s in at.slider] == ["w", "b"]  # the leaves' sliders; x is a constant
    assert [b.label for b in at.button] == ["◀ previous", "next ▶", "▶ play", "exit"]
    line = at.main.markdown[-1].value.replace("\\", "")
    assert line.startswith("Step 4/13 · LogBackward0") and "× 813.3619 = -813.3619" in line
    at.button[1].click().run()
    assert at.query_params["step"] == "5" and at.query_params["present"] == "1"
    at.slider[0].set_value(2.0).run()
    assert at.query_params["w"] == "2"
    at.button[3].click().run()
    assert "present" not in at.query_params and at.sidebar.slider


def test_presenter_shows_the_graph_or_the_plot_alone_from_the_link(open_app) -> None:
    at = open_app(scenario="mlp", present="1")
    picker = at.get("segmented_control")[0]
    picker.set_value("graph").run()
    assert at.query_params["show"] == "graph" and at.query_params["present"] == "1"
    assert at.get("graphviz_chart") and not at.get("plotly_chart")
    at.get("segmented_control")[0].set_value("plot").run()
    assert at.query_params["show"] == "plot" and not at.get("graphviz_chart") and at.get("plotly_chart")
    at.get("segmented_control")[0].set_value("both").run()
    assert "show" not in at.query_params and at.get("graphviz_chart") and at.get("plotly_chart")
    bad = open_app(scenario="mlp", present="1", show="<b>big</b>")
    assert "show" in notice_params(bad) and "show" not in bad.query_params
    assert bad.get("graphviz_chart") and bad.get("plotly_chart")


def test_downloads_are_offered_with_tools_present(open_app) -> None:
    at = open_app(scenario="square", downloads="1")
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels.count("SVG") == 2 and labels.count("PNG") == 2 and labels.count("PDF") == 2
    assert labels[-4:] == ["GIF", "MP4", "PowerPoint", "PDF handout"]  # the backward pass, for class
    assert at.query_params["downloads"] == "1"


def test_qr_is_in_the_link_and_a_bad_value_is_a_notice(open_app) -> None:
    at = open_app(scenario="square", present="1", qr="0")
    assert at.query_params["qr"] == "0" and at.query_params["present"] == "1"
    bad = open_app(scenario="square", present="1", qr="yes")
    assert "qr" in notice_params(bad) and "qr" not in bad.query_params


def test_closed_downloads_cost_nothing(open_app) -> None:
    at = open_app(scenario="square")
    assert not at.get("download_button")  # the expander is closed: its buttons did not run
    assert "downloads" not in at.query_params


def test_without_dot_and_chromium_the_page_says_what_to_install(open_app, monkeypatch) -> None:
    monkeypatch.setenv("PATH", NO_TOOLS_PATH)
    monkeypatch.delenv("BROWSER_PATH", raising=False)
    at = open_app(scenario="square", downloads="1")
    captions = " ".join(c.value for c in at.caption)
    assert DOT_MISSING in captions and CHROMIUM_MISSING in captions
    assert at.get("graphviz_chart") and at.get("plotly_chart")  # viewing needs neither
    assert not [b for b in at.get("download_button") if b.proto.label in ("SVG", "PNG", "PDF")]


def test_play_starts_from_step_0_and_the_speed_is_in_the_link(open_app) -> None:
    at = open_app(scenario="sin_square", x="3")
    at.button(key="play_button_step").click().run()
    assert at.query_params["play"] == "1" and at.query_params["step"] == "0"
    assert at.button(key="play_button_step").label == "⏸ pause"
    at.select_slider(key="play_speed_step").set_value(2.0).run()
    assert at.query_params["speed"] == "2"
    at.button(key="play_button_step").click().run()
    assert "play" not in at.query_params
    bad = open_app(scenario="sin_square", speed="100")
    assert "speed" in notice_params(bad) and "speed" not in bad.query_params
