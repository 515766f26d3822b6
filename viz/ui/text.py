"""Text and tables on the page: user text (a link, a text box) escaped for markdown, and tables."""

from __future__ import annotations

import re
from collections.abc import Iterable

import streamlit as st

MARKDOWN_SPECIALS = "\\`*_{}[]()#+-.!|<>~$&"
# One table lookup a character: a regex substitution with a group reference cost ~4 % of a
# rerun's server time (every cell of the tensor table and the graph's text goes through it).
ESCAPED = str.maketrans({c: "\\" + c for c in MARKDOWN_SPECIALS})
# The page turns anything that looks like an address into a link after parsing the markdown
# (https://…, www.…, a@b.c, evil.example): escaping cannot stop that, a zero-width space can.
LINKABLE = re.compile(r"([:@]|\.(?=[A-Za-z]))")
ZERO_WIDTH_SPACE = "\u200b"


def escape_markdown(text: str) -> str:
    """Every markdown, LaTeX-delimiter and HTML character escaped: shown, never interpreted."""
    return text.translate(ESCAPED)


def plain_text(text: str) -> str:
    """Text that came from a link or a text box, for a markdown element: nothing in it becomes
    a link, an image, a formula or a tag (separators of addresses get a zero-width space)."""
    return escape_markdown(LINKABLE.sub(lambda m: m.group() + ZERO_WIDTH_SPACE, text))


def markdown_table(header: list[str], rows: list[list[str]]) -> str:
    """A table as markdown text: far cheaper per rerun than a DataFrame sent as Arrow.

    Every cell is escaped, so names like ``y_pred`` or ``x**2`` show as written.
    """

    def line(cells: list[str]) -> str:
        return "| " + " | ".join(cells) + " |"

    body = [line([escape_markdown(c) for c in row]) for row in rows]
    return "\n".join([line([escape_markdown(c) for c in header]), line(["---"] * len(header)), *body])


def indexed_table(columns: dict | list[dict], index: Iterable[int | str], name: str) -> None:
    """``st.table`` with a named row index. pandas is imported here, on the first table
    drawn: ~0.4 s of start-up that the default view does not need."""
    import pandas as pd

    st.table(pd.DataFrame(columns, index=pd.Index(list(index), name=name)))
