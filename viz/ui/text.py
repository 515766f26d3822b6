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


WHOLE = '<span class="gl-whole">{}</span>'  # PAGE_CSS: never broken inside (1.0587e-06)
NUMBER = re.compile(r"^[\[(]?[-−+]?\d")
CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")


def whole_words(cell: str) -> str:
    """A cell escaped, with places a phone may break it: between a vector's numbers, never inside
    one (Chromium breaks after the minus of e-06), a label kept with its number ("min -0.02"),
    and a backward function's name between its words (Sigmoid·Backward0), invisibly to a copy.
    A line break becomes a space: a markdown table's row is one line, and a break ended it."""
    words, out = cell.split(), list[str]()
    for i, word in enumerate(words):
        if NUMBER.match(word):
            label = out.pop() if out and words[i - 1].isalpha() else ""
            out.append(WHOLE.format(f"{label} {escape_markdown(word)}".lstrip()))
        else:
            out.append(CAMEL.sub("<wbr>", escape_markdown(word)))
    return " ".join(out)


def markdown_table(header: list[str], rows: list[list[str]]) -> str:
    """A table as markdown text: far cheaper per rerun than a DataFrame sent as Arrow.

    Every cell is escaped, so names like ``y_pred`` or ``x**2`` show as written, and ``<``
    can never open a tag: the only markup is the spans added here.
    """

    def line(cells: list[str]) -> str:
        return "| " + " | ".join(cells) + " |"

    body = [line([whole_words(c) for c in row]) for row in rows]
    return "\n".join([line([whole_words(c) for c in header]), line(["---"] * len(header)), *body])


def table(header: list[str], rows: list[list[str]]) -> None:
    """A markdown table on the page (HTML on, for the spans that keep numbers whole)."""
    st.markdown(markdown_table(header, rows), unsafe_allow_html=True)


def indexed_table(columns: dict | list[dict], index: Iterable[int | str], name: str) -> None:
    """``st.table`` with a named row index. pandas is imported here, on the first table
    drawn: ~0.4 s of start-up that the default view does not need."""
    import pandas as pd

    st.table(pd.DataFrame(columns, index=pd.Index(list(index), name=name)))
