"""Animations, decks and handouts of one view, as export jobs: the CLI and the page's
downloads make the same files from the same view.

With gradient descent in the view (``gd=20``) an animation shows the descent path on the
curve or contour; otherwise the backward pass, one frame per step.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from functools import partial

from viz.export import file_name, render_plot
from viz.export.animate import FRAME_MS, gif, mp4
from viz.export.deck import deck, handout
from viz.export.frames import Picture, backward_pictures, compose, descent_pictures
from viz.graph_style import GraphStyle
from viz.view import View

MEDIA_FORMATS = ("gif", "mp4", "pptx", "handout")
EXTENSIONS = {"gif": "gif", "mp4": "mp4", "pptx": "pptx", "handout": "pdf"}
SLIDE_GRAPH = GraphStyle(fontsize=18, rounded=False)


def _descends(view: View) -> bool:
    """An animation of this view shows the descent path (``gd`` steps taken), not backward()."""
    return bool(view.state.lesson.gd) and len(view.path) > 1


def render_media(view: View, fmt: str, frame_ms: int = FRAME_MS, style: GraphStyle = SLIDE_GRAPH) -> bytes:
    """One file of ``MEDIA_FORMATS`` for the view."""
    theme = view.state.display.theme
    if fmt in ("gif", "mp4"):
        pictures = descent_pictures(view) if _descends(view) else backward_pictures(view, style)
        frames = compose(pictures, theme)
        return gif(frames, frame_ms) if fmt == "gif" else mp4(frames, frame_ms)
    steps = backward_pictures(view, style)
    if fmt == "handout":
        return handout(view, steps)
    plot = Picture(render_plot(view.figure, "png"), f"{view.full.output} over the plotted inputs")
    return deck(view, steps, plot)


def media_name(view: View, fmt: str) -> str:
    """``sin_square_x3_backward_light.gif``, ``…_descent_light.mp4``, ``…_deck_light.pptx``."""
    kind = _kind(view, fmt)
    return file_name(view.state, kind, EXTENSIONS[fmt])


def _kind(view: View, fmt: str) -> str:
    if fmt in ("gif", "mp4"):
        return "descent" if _descends(view) else "backward"
    return "deck" if fmt == "pptx" else "handout"


def media_jobs(view: View, formats: list[str], frame_ms: int) -> list[tuple[str, Callable[[], bytes]]]:
    """(file name, render) for each media format asked."""
    state = replace(view.state, lesson=replace(view.state.lesson, step=None))
    view = replace(view, state=state)
    return [(media_name(view, f), partial(render_media, view, f, frame_ms)) for f in formats]
