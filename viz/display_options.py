"""How a view is drawn, from the link: the theme of the graph and plots
(``&theme=light|dark|slide|slide_dark``), presenter mode (``&present=1``; ``&show=graph|plot``
puts one of the two on the whole screen), which lesson tab is open below the graph (``&tab=…``)
and whether the slide downloads (``&downloads=1``) and the graph as text (``&text=1``) are open.

Only the open tab (and open downloads, and the graph's text) run, so they are part of the view and
of the link. A link
without ``tab`` opens the tab its lesson parameters are about: ``ops=b,b`` the
accumulation lab, ``gd=5`` gradient descent, ``retain_grad=0`` the non-leaf lesson.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from viz.kinds import echo
from viz.lesson import Lesson
from viz.notice import Notice

THEME_NAMES = ("light", "dark", "slide", "slide_dark")
TABS = {
    "tensors": "Every tensor",
    "three_ways": "Three ways",
    "non_leaf": ".grad of non-leaves",
    "accumulation": "Accumulation",
    "edges": "Sharp edges",
    "second": "Second derivatives",
    "jacobian": "Jacobian",
    "network": "Network",
    "descent": "Gradient descent",
    "code": "Code",
}
KEYS = ("theme", "present", "tab", "downloads", "saved", "qr", "play", "speed", "quiz", "show", "text")
SPEEDS = (0.5, 1.0, 2.0, 4.0)  # autoplay: backward steps per second
# Presenter mode shows the graph and the plot side by side, or one of them on the whole screen: on a
# 1024 px projector side by side leaves the network's graph text at 9 px (&show=graph|plot).
SHOWS = ("graph", "both", "plot")  # in the order they sit on the screen


@dataclass(frozen=True)
class Display:
    theme: str = "light"
    present: bool = False
    tab: str = "tensors"
    downloads: bool = False
    saved: bool = False  # the graph lists what each backward function saved (&saved=1)
    qr: bool = True  # presenter mode shows a QR code of the view (&qr=0 hides it)
    play: bool = False  # autoplay through the backward steps (&play=1)
    speed: float = 1.0  # autoplay's steps per second (&speed=)
    quiz: bool = False  # predict, then reveal: each backward step a question (&quiz=1)
    show: str = "both"  # presenter mode: one of SHOWS (&show=graph|plot)
    text: bool = False  # the graph as text, under the graph (&text=1)


def tab_for(lesson: Lesson) -> str:
    """The tab a link's lesson parameters are about."""
    default = Lesson()
    if lesson.order == 2:
        return "second"
    if lesson.cut is not None or lesson.frozen or lesson.inplace is not None:
        return "edges"
    if lesson.ops != default.ops or lesson.retain_graph != default.retain_graph:
        return "accumulation"
    if lesson.gd:
        return "descent"
    if lesson.retain_grad != default.retain_grad:
        return "non_leaf"
    return "tensors"


def parse_display(query: Mapping[str, str], notices: list[Notice], lesson: Lesson | None = None) -> Display:
    lesson = lesson or Lesson()
    theme = query.get("theme", "light")
    if theme not in THEME_NAMES:
        notices.append(Notice("theme", f"{echo(theme)} is not one of {', '.join(THEME_NAMES)}; using light"))
        theme = "light"
    present, downloads = _flag(query, "present", notices), _flag(query, "downloads", notices)
    tab = query.get("tab") or tab_for(lesson)
    if tab not in TABS:
        fallback = tab_for(lesson)
        notices.append(Notice("tab", f"{echo(tab)} is not one of {', '.join(TABS)}; showing {fallback}"))
        tab = fallback
    qr = query.get("qr", "1") != "0"
    if query.get("qr", "1") not in ("0", "1"):
        notices.append(Notice("qr", f"{echo(query['qr'])} must be 0 or 1; using 1"))
    saved, play = _flag(query, "saved", notices), _flag(query, "play", notices)
    quiz = _flag(query, "quiz", notices)
    show = query.get("show", Display.show)
    if show not in SHOWS:
        notices.append(Notice("show", f"{echo(show)} is not one of {', '.join(SHOWS)}; using both"))
        show = Display.show
    text = _flag(query, "text", notices)
    return Display(theme, present, tab, downloads, saved, qr, play, _speed(query, notices), quiz, show, text)


def _speed(query: Mapping[str, str], notices: list[Notice]) -> float:
    text = query.get("speed")
    if text is None:
        return Display.speed
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if value not in SPEEDS:
        speeds = ", ".join(f"{v:g}" for v in SPEEDS)
        notices.append(Notice("speed", f"{echo(text)} is not one of {speeds} (steps per second); using 1"))
        return Display.speed
    return value


def _flag(query: Mapping[str, str], key: str, notices: list[Notice]) -> bool:
    text = query.get(key, "0")
    if text not in ("0", "1"):
        notices.append(Notice(key, f"{echo(text)} must be 0 or 1; using 0"))
    return text == "1"


def display_query(display: Display) -> dict[str, str]:
    query = {"theme": display.theme, "tab": display.tab}
    if display.present:
        query["present"] = "1"
    if display.downloads:
        query["downloads"] = "1"
    if display.saved:
        query["saved"] = "1"
    if not display.qr:
        query["qr"] = "0"
    if display.play:
        query["play"] = "1"
    if display.quiz:
        query["quiz"] = "1"
    if display.text:
        query["text"] = "1"
    if display.show != Display.show:
        query["show"] = display.show
    if display.speed != Display.speed:
        query["speed"] = f"{display.speed:g}"
    return query
