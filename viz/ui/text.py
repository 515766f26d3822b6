"""Showing text that came from a user (a link, a text box) in Streamlit markdown."""

import re

MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$])")


def escape_markdown(text: str) -> str:
    """Every markdown, LaTeX-delimiter and HTML character escaped: shown, never interpreted."""
    return MARKDOWN_SPECIALS.sub(r"\\\1", text)
