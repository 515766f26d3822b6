"""Showing text that came from a user (a link, a text box) in Streamlit markdown."""

import re

MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$])")


def escape_markdown(text: str) -> str:
    """Every markdown, LaTeX-delimiter and HTML character escaped: shown, never interpreted."""
    return MARKDOWN_SPECIALS.sub(r"\\\1", text)


def markdown_table(header: list[str], rows: list[list[str]]) -> str:
    """A table as markdown text: far cheaper per rerun than a DataFrame sent as Arrow.

    Every cell is escaped, so names like ``y_pred`` or ``x**2`` show as written.
    """

    def line(cells: list[str]) -> str:
        return "| " + " | ".join(cells) + " |"

    body = [line([escape_markdown(c) for c in row]) for row in rows]
    return "\n".join([line([escape_markdown(c) for c in header]), line(["---"] * len(header)), *body])
