"""A QR code of the current view in presenter mode: students scan it and open the same view,
as the page, on their phones. Its link is built on the address this browser used."""

from __future__ import annotations

import streamlit as st

from viz.share import qr_png, share_link
from viz.state import ViewState

QR_PX = 128  # about 3.5 px a module for a short link: a phone reads it from the room's middle
QR_BLOCK_PX = QR_PX + 16  # what the plot gives up for it


def qr_code(state: ViewState, stacked: bool = False) -> None:
    """The code and what it is for (nothing with ``&qr=0``, or before the browser said its address);
    ``stacked`` puts the words under the code, for a narrow column."""
    base = st.context.url
    if not state.display.qr or not base:
        return
    link = share_link(base, state)
    png, alt = qr_png(link), f"QR code of this view for phones: {link}"
    words = "Phones: scan to open this view. Hover the code for full screen, for the back rows."
    box = st.container(key="present_qr")
    if stacked:
        box.image(png, width=QR_PX, alt=alt)
        box.caption(words)
    else:
        left, right = box.columns([1, 0.42], vertical_alignment="center")
        left.caption(words)
        right.image(png, width=QR_PX, alt=alt)
