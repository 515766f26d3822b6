"""A PowerPoint deck (python-pptx) and a PDF handout of the backward pass.

The deck: a title slide; one slide per backward step with the graph at slide size and the
step's "upstream × local = sent" as the slide's text, the chain rule of the step in a sentence
in the speaker notes; and the loss plot. The handout: one page per step, the graph over the
step's line and its sentence, to print for a class.
"""

from __future__ import annotations

import io

from PIL import Image, ImageDraw

from viz.export.frames import BACKGROUND, INK, MARGIN, WIDTH, Picture, font, wrap
from viz.step_text import chain_sentence
from viz.view import View

SLIDE_W, SLIDE_H = 13.333, 7.5  # inches: 16:9
TEXT_PT = 20


def _rgb(colour: str):
    from pptx.dml.color import RGBColor

    return RGBColor.from_string(colour.lstrip("#"))


def _text(slide, text: str, box: tuple[float, float, float, float], size: int, theme: str) -> None:
    from pptx.util import Inches, Pt

    frame = slide.shapes.add_textbox(*(Inches(v) for v in box)).text_frame
    frame.word_wrap = True
    frame.text = text
    for paragraph in frame.paragraphs:
        for run in paragraph.runs:
            run.font.size, run.font.color.rgb = Pt(size), _rgb(INK[theme])


def _picture(slide, png: bytes, top: float, height: float) -> None:
    """The image as large as fits the area, centred."""
    from pptx.util import Inches

    width, tall = Image.open(io.BytesIO(png)).size
    scale = min((SLIDE_W - 1) / width, height / tall)
    left = (SLIDE_W - width * scale) / 2
    slide.shapes.add_picture(io.BytesIO(png), Inches(left), Inches(top), Inches(width * scale),
                             Inches(tall * scale))  # fmt: skip


def deck(view: View, steps: list[Picture], plot: Picture | None) -> bytes:
    """Title, one slide per backward step (``steps[1:]``; ``steps[0]`` is the forward pass), the plot."""
    from pptx import Presentation
    from pptx.util import Inches

    theme = view.state.display.theme
    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(SLIDE_W), Inches(SLIDE_H)
    blank = prs.slide_layouts[6]

    def new_slide():
        slide = prs.slides.add_slide(blank)
        slide.background.fill.solid()
        slide.background.fill.fore_color.rgb = _rgb(BACKGROUND[theme])
        return slide

    title = new_slide()
    scenario = view.state.scenario
    _text(title, scenario.title, (0.8, 2.4, SLIDE_W - 1.6, 1.2), 40, theme)
    _text(title, f"{scenario.blurb}\nThe backward pass, one function per slide.",
          (0.8, 3.8, SLIDE_W - 1.6, 1.5), TEXT_PT, theme)  # fmt: skip
    for k, picture in enumerate(steps[1:], start=1):
        slide = new_slide()
        _picture(slide, picture.png, 0.3, SLIDE_H - 2.0)
        _text(slide, picture.caption, (0.5, SLIDE_H - 1.6, SLIDE_W - 1.0, 1.4), TEXT_PT, theme)
        slide.notes_slide.notes_text_frame.text = chain_sentence(view.full, k)
    if plot is not None:
        slide = new_slide()
        _picture(slide, plot.png, 0.3, SLIDE_H - 1.6)
        _text(slide, plot.caption, (0.5, SLIDE_H - 1.2, SLIDE_W - 1.0, 1.0), TEXT_PT, theme)
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


def handout(view: View, steps: list[Picture]) -> bytes:
    """A PDF, one page per backward step: the graph, the step's line, the chain rule in words."""
    theme = "light" if view.state.display.theme in ("light", "slide") else "dark"
    pages = []
    shown = list(enumerate(steps))[1:] or [(0, steps[0])]  # no step ran (backward raised): the graph
    for k, picture in shown:
        image = Image.open(io.BytesIO(picture.png)).convert("RGBA")
        inner = WIDTH - 2 * MARGIN
        image = image.resize((inner, round(image.height * inner / image.width)), Image.Resampling.LANCZOS)
        height = round(WIDTH * 1.414)  # A4's proportions
        image.thumbnail((inner, height // 2))
        page = Image.new("RGB", (WIDTH, height), BACKGROUND[theme])
        page.paste(image, ((WIDTH - image.width) // 2, MARGIN), image)
        draw = ImageDraw.Draw(page)
        top = MARGIN * 2 + image.height
        for text in [picture.caption, "", chain_sentence(view.full, k)]:
            for line in wrap(text, inner) or [""]:
                draw.text((MARGIN, top), line, fill=INK[theme], font=font())
                top += 42
        pages.append(page)
    out = io.BytesIO()
    pages[0].save(out, "PDF", save_all=True, append_images=pages[1:], resolution=150)
    return out.getvalue()
