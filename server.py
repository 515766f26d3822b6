"""Gradient Lens for hosting: ``app.py`` behind the front door (``hosting/front_door.py``).

``streamlit run server.py`` serves the same app as ``streamlit run app.py`` with
security headers, the metrics page closed and each tab's messages paced; the hosted
setups (``scripts/serve``, the Dockerfile, ``deploy/``) run this file.
"""

from pathlib import Path

import streamlit as st
from starlette.middleware import Middleware

from hosting.front_door import FrontDoor, inline_script_hashes

# The inline scripts that may run: Streamlit's page shell's (the app's own is a file on this server).
SHELL = (Path(st.__file__).parent / "static" / "index.html").read_text(encoding="utf-8")

SCRIPTS = inline_script_hashes(SHELL)
app = st.App("app.py", middleware=[Middleware(FrontDoor, scripts=SCRIPTS)])
