"""How a view is drawn, from the link: the theme of the graph and plots
(``&theme=light|dark|slide``) and presenter mode (``&present=1``)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from viz.notice import Notice

THEME_NAMES = ("light", "dark", "slide")
KEYS = ("theme", "present")


@dataclass(frozen=True)
class Display:
    theme: str = "light"
    present: bool = False


def parse_display(query: Mapping[str, str], notices: list[Notice]) -> Display:
    theme = query.get("theme", "light")
    if theme not in THEME_NAMES:
        notices.append(
            Notice("theme", f"`theme={theme}` is not one of {', '.join(THEME_NAMES)}; using light")
        )
        theme = "light"
    present = query.get("present", "0")
    if present not in ("0", "1"):
        notices.append(Notice("present", f"`present={present}` must be 0 or 1; using 0"))
        present = "0"
    return Display(theme, present == "1")


def display_query(display: Display) -> dict[str, str]:
    query = {"theme": display.theme}
    if display.present:
        query["present"] = "1"
    return query
