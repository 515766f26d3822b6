"""Frames for animations and handouts: the graph after each backward step (or the plot after
each descent step) on one fixed canvas, with what the step did written underneath.

Every frame of one animation has the same size (a video needs it), at least 1600 px wide so
a projector shows the graph's text sharp; the canvas is opaque (a GIF or an MP4 has no
transparency), dark for the dark themes.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, replace
from functools import cache

from PIL import Image, ImageDraw, ImageFont

from viz.export import layout_size, render_graph, render_plot
from viz.graph_dot import to_dot
from viz.graph_style import GraphStyle
from viz.numbers import fmt
from viz.plots import figure_spec
from viz.step_text import step_caption
from viz.steps import at_step
from viz.surface import point_of
from viz.view import View

WIDTH, HEIGHT = 1600, 900  # px: every frame (16:9, a slide's shape) at least, and handout pages
TALLEST = 1600  # a deep graph gets a taller frame, up to square, so its text stays legible
CAPTION_PT = 34
MARGIN = 32
FONT_FILES = ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "DejaVuSans.ttf")
BACKGROUND = {"light": "#ffffff", "dark": "#0e1117", "slide": "#ffffff", "slide_dark": "#0e1117"}
INK = {"light": "#1f2328", "dark": "#f0f3f6", "slide": "#111111", "slide_dark": "#f5f5f5"}


@dataclass(frozen=True)
class Picture:
    """One image and what it shows, before it is put on a canvas."""

    png: bytes
    caption: str


@cache
def font(size: int = CAPTION_PT) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    """DejaVu Sans (∂, ×, → and ² included); Pillow's own font if it is missing."""
    for path in FONT_FILES:
        try:
            return ImageFont.truetype(path, size)
        except OSError:
            continue
    return ImageFont.load_default(size)


def wrap(text: str, width: int, size: int = CAPTION_PT) -> list[str]:
    """Words in lines no wider than ``width`` px at ``size``."""
    face, lines, line = font(size), [], ""
    for word in text.split():
        trial = f"{line} {word}".strip()
        if line and face.getlength(trial) > width:
            lines.append(line)
            line = word
        else:
            line = trial
    return [*lines, line] if line else lines


def fitted(png: bytes, width: int, height: int) -> Image.Image:
    """The image as large as fits ``width`` × ``height``, its proportions kept."""
    image = Image.open(io.BytesIO(png)).convert("RGBA")
    scale = min(width / image.width, height / image.height)
    size = (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
    return image.resize(size, Image.Resampling.LANCZOS)


def compose(pictures: list[Picture], theme: str, width: int = WIDTH) -> list[Image.Image]:
    """Each picture over its caption on one canvas: 16:9, or taller (up to square) when the
    pictures are tall; sides a multiple of 16, as an MP4 needs."""
    inner = width - 2 * MARGIN
    captions = [wrap(p.caption, inner) for p in pictures]
    line = round(CAPTION_PT * 1.35)
    text_px = max(len(c) for c in captions) * line
    shapes = [Image.open(io.BytesIO(p.png)).size for p in pictures]
    needed = max(inner * h / w for w, h in shapes) + text_px + 3 * MARGIN
    height = int(min(TALLEST, max(HEIGHT, needed)))
    height += -height % 16
    room = height - text_px - 3 * MARGIN
    frames = []
    for picture, lines in zip(pictures, captions, strict=True):
        image = fitted(picture.png, inner, room)
        canvas = Image.new("RGB", (width, height), BACKGROUND[theme])
        canvas.paste(image, ((width - image.width) // 2, MARGIN), image)
        draw = ImageDraw.Draw(canvas)
        top = height - MARGIN - text_px
        for k, text in enumerate(lines):
            draw.text((MARGIN, top + k * line), text, fill=INK[theme], font=font())
        frames.append(canvas)
    return frames


def _wide(dot_text: str) -> float:
    """Width over height of a laid-out graph."""
    width, height = layout_size(dot_text)
    return width / height


def backward_pictures(view: View, style: GraphStyle) -> list[Picture]:
    """The graph at step 0 (forward only) through the last backward function, laid out top to
    bottom or left to right, whichever fills a 16:9 frame more."""
    steps = range(len(view.full.steps) + 1)
    style = replace(style, theme=view.state.display.theme)
    frame = WIDTH / HEIGHT

    def filled(aspect: float) -> float:  # the share of the frame a graph of this shape covers
        return min(aspect / frame, frame / aspect)

    tall, wide = (_wide(to_dot(view.full, replace(style, landscape=lr))) for lr in (False, True))
    style = replace(style, landscape=filled(wide) > filled(tall))
    return [
        Picture(render_graph(to_dot(at_step(view.full, k), style), "png"), step_caption(view.full, k))
        for k in steps
    ]


def descent_pictures(view: View) -> list[Picture]:
    """The plot with the descent path up to each step (step 0: the starting point)."""
    state, path = view.state, view.path
    pictures = []
    for k in range(len(path)):
        figure = figure_spec(state.plot, state.scenario, state.values, view.trace, view.grid,
                             state.display.theme, path[: k + 1])  # fmt: skip
        at = point_of(path[k].values, view.axes)
        where = ", ".join(f"{c.label} = {fmt(v)}" for c, v in zip(view.axes, at, strict=True))
        caption = f"Gradient descent, step {k}/{len(path) - 1} (lr {fmt(state.lesson.lr)}): {where}, " + (
            f"{view.full.output} = {fmt(path[k].loss)}"
        )
        pictures.append(Picture(render_plot(figure, "png"), caption))
    return pictures
