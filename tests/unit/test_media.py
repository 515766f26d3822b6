"""Animations, decks and handouts: one frame, slide or page per step, their words held against
the chain rule's numbers, and files that other programs open (PIL, imageio's ffmpeg, python-pptx)."""

import io
import itertools
import math
import re
import subprocess
import sys
from pathlib import Path

import imageio.v2 as imageio
import numpy as np
import pytest
from PIL import Image
from pptx import Presentation

from tests.samples import view_of
from viz.export.animate import gif, mp4
from viz.export.frames import compose
from viz.export.media import render_media
from viz.numbers import fmt
from viz.step_text import chain_sentence, step_caption

ROOT = Path(__file__).resolve().parents[2]


def gif_frames(data: bytes) -> tuple[list[np.ndarray], list[int], tuple[int, int]]:
    image = Image.open(io.BytesIO(data))
    frames, durations = [], []
    for k in range(image.n_frames):
        image.seek(k)
        frames.append(np.asarray(image.convert("RGB")))
        durations.append(image.info["duration"])
    return frames, durations, image.size


def distinct(frames: list[np.ndarray]) -> int:
    """Frames that differ from the one before (a held frame repeats in a video): more than 0.01 %
    of the pixels changed by more than 48 levels (a video's compression changes a few slightly)."""
    return 1 + sum(
        float((np.abs(a.astype(int) - b.astype(int)) > 48).mean()) > 0.0001
        for a, b in itertools.pairwise(frames)
    )


def test_the_chain_rule_in_words_has_the_maths_numbers() -> None:
    """sin_square at x = 3: step 2 is PowBackward0 sending cos(9) × 2·3 to x."""
    full = view_of({"scenario": "sin_square", "x": "3"}).full
    upstream, local = math.cos(9), 6.0
    line = f"{fmt(upstream)} × {fmt(local)} = {fmt(upstream * local)}"
    assert line in step_caption(full, 2) and line in chain_sentence(full, 2)
    assert step_caption(full, 0).startswith("Step 0")
    assert "to x.grad" in chain_sentence(full, 3) and fmt(upstream * local) in chain_sentence(full, 3)


def test_the_backward_gif_has_a_frame_per_step_and_holds_the_last() -> None:
    view = view_of({"scenario": "sin_square", "x": "3"})
    frames, durations, size = gif_frames(render_media(view, "gif", frame_ms=700))
    assert len(frames) == len(view.full.steps) + 1 == 4
    assert durations[:-1] == [700] * 3 and durations[-1] > 700
    assert size[0] >= 1600 and distinct(frames) == 4  # the outlined function moves every step


def test_the_mp4_plays_with_every_step_and_the_last_held(tmp_path: Path) -> None:
    view = view_of({"scenario": "logistic_bce"})
    path = tmp_path / "backward.mp4"
    path.write_bytes(render_media(view, "mp4", frame_ms=500))
    frames = [frame for frame in imageio.get_reader(path, format="FFMPEG")]
    assert frames[0].shape[1] >= 1600
    assert len(frames) > len(view.full.steps) + 1  # the last frame repeated: held
    assert distinct(frames) == len(view.full.steps) + 1


def test_the_descent_animation_has_a_frame_per_descent_step() -> None:
    view = view_of({"scenario": "sin_square", "x": "1", "gd": "6", "lr": "0.1"})
    frames, _, _ = gif_frames(render_media(view, "gif"))
    assert len(frames) == 7 and distinct(frames) == 7


def test_the_deck_has_a_slide_per_step_its_line_and_its_sentence_in_the_notes() -> None:
    view = view_of({"scenario": "sin_square", "x": "3", "theme": "slide_dark"})
    prs = Presentation(io.BytesIO(render_media(view, "pptx")))
    slides = list(prs.slides)
    steps = len(view.full.steps)
    assert len(slides) == 1 + steps + 1  # title, one per backward step, the plot
    for k, slide in enumerate(slides[1 : 1 + steps], start=1):
        texts = [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame]
        assert step_caption(view.full, k) in texts
        assert slide.notes_slide.notes_text_frame.text == chain_sentence(view.full, k)
        (picture,) = [shape for shape in slide.shapes if shape.shape_type == 13]
        assert Image.open(io.BytesIO(picture.image.blob)).width >= 1600
        assert str(slide.background.fill.fore_color.rgb) == "0E1117"  # the dark theme's background


def test_the_handout_has_a_page_per_step() -> None:
    view = view_of({"scenario": "logistic_bce"})
    pdf = render_media(view, "handout")
    assert pdf.startswith(b"%PDF")
    assert len(re.findall(rb"/Type\s*/Page\b", pdf)) == len(view.full.steps)


def test_a_raising_backward_still_makes_a_handout_and_a_gif() -> None:
    view = view_of({"scenario": "sin_square", "x": "3", "detach": "y"})
    assert view.full.steps == ()
    frames, _, _ = gif_frames(render_media(view, "gif"))
    assert len(frames) == 1
    assert len(re.findall(rb"/Type\s*/Page\b", render_media(view, "handout"))) == 1


def test_frames_of_one_animation_share_one_even_size() -> None:
    view = view_of({"scenario": "vector_mean"})
    from viz.export.frames import backward_pictures
    from viz.export.media import SLIDE_GRAPH

    frames = compose(backward_pictures(view, SLIDE_GRAPH), "light")
    assert {f.size for f in frames} == {frames[0].size}
    assert frames[0].size[0] % 16 == 0 and frames[0].size[1] % 16 == 0
    assert gif(frames)[:6] == b"GIF89a" and mp4(frames)[4:8] == b"ftyp"


def test_cli_writes_animations_deck_and_handout(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "viz.export", "--scenario", "sin_square", "--steps", "--format",
         "gif,mp4,pptx,handout", "--frame-ms", "800", "--out", str(tmp_path)],
        capture_output=True, text=True, cwd=ROOT, timeout=600, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == [
        "sin_square_x3_backward_light.gif",
        "sin_square_x3_backward_light.mp4",
        "sin_square_x3_deck_light.pptx",
        "sin_square_x3_handout_light.pdf",
    ]
    _, durations, _ = gif_frames((tmp_path / names[0]).read_bytes())
    assert durations[0] == 800


@pytest.mark.parametrize("fmt_arg", ["gif,webm", "mov"])
def test_cli_unknown_media_format_exits_2(fmt_arg: str, tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "viz.export", "--scenario", "square", "--format", fmt_arg,
         "--out", str(tmp_path)],
        capture_output=True, text=True, cwd=ROOT, timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode == 2 and "--format" in result.stderr


@pytest.mark.parametrize(
    "query",
    [
        {"scenario": "sin_square", "x": "1.3", "order": "2", "present": "1"},
        {"scenario": "logistic_bce", "frozen": "w", "gd": "5", "theme": "dark"},
        {"scenario": "vector_mean", "xs": "1,-2,0.5", "step": "2"},
        {"scenario": "custom", "expr": "x*y + sin(x)", "x": "0.7", "axes": "y,x"},
        {"scenario": "mlp", "present": "1", "show": "graph"},  # phones get the page, graph and plot
    ],
)
def test_the_share_link_is_short_and_opens_the_same_view_as_the_page(query: dict) -> None:
    import cv2

    from viz.share import qr_png, share_link, short_query
    from viz.state import parse_query, to_query

    state, _ = parse_query(query)
    link = share_link("https://lens.example.edu/course/", state)
    assert link.startswith("https://lens.example.edu/course/?scenario=")
    shared, notices = parse_query(short_query(state))
    assert notices == []
    expected = {k: v for k, v in to_query(state).items() if k != "show"} | {"present": "0"}
    assert to_query(shared) | {"present": "0"} == expected and not shared.display.present
    image = cv2.imdecode(np.frombuffer(qr_png(link), np.uint8), cv2.IMREAD_COLOR)
    assert cv2.QRCodeDetector().detectAndDecode(image)[0] == link
