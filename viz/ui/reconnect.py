"""Make a tab survive a server restart.

When the websocket comes back, the browser asks the (new, empty) server session to run
the page only if the last page had a fragment that reruns on a timer. Without that run
the new session knows no widget, so the first change after a restart would be dropped.
This fragment draws nothing and fires twice a day; its timer is the reason to exist.
"""

from __future__ import annotations

from datetime import timedelta

import streamlit as st

INTERVAL = timedelta(hours=12)  # the browser's setInterval tops out at ~24.8 days


@st.fragment(run_every=INTERVAL)
def rerun_after_reconnect() -> None:
    """Empty on purpose (see the module docstring)."""
