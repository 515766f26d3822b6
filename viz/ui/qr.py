"""A QR code of the current view in presenter mode: students scan it and open the same view,
as the page, on their phones. Its link is built on the address this browser used."""

from __future__ import annotations

import streamlit as st

from viz.share import qr_png, share_link
from viz.state import ViewState

QR_PX = 128  # about 3.5 px a module for a short link: a phone reads it from the room's middle
QR_BLOCK_PX = QR_PX + 16  # what the plot gives up for it


def qr_code(state: ViewState) -> None:
    """The code and what it is for (nothing with ``&qr=0``, or before the browser said its address)."""
    base = st.context.url
    if not state.display.qr or not base:
        return
    link = share_link(base, state)
    words, code = st.container(key="present_qr").columns([1, 0.42], vertical_alignment="center")
    words.caption("Phones: scan to open this view. Hover the code for full screen, for the back rows.")
    code.image(qr_png(link), width=QR_PX, alt=f"QR code of this view for phones: {link}")
