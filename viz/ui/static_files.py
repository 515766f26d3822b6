"""Files Streamlit serves from ``static/`` (``server.enableStaticServing``): plotly.js for
the 3D scene, copied from the installed plotly package, so its version always matches.

``python -m viz.ui.static_files`` copies it ahead of time (the Docker image does, since
its app folder is not writable by the server's user); otherwise the first 3D view does.
"""

from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path

import plotly

ROOT = Path(__file__).resolve().parents[2]
SOURCE = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
PLOTLY_JS = ROOT / "static" / f"plotly-{plotly.__version__}.min.js"  # versioned: browsers may cache it


def ensure_plotly_js() -> Path:
    """Copied whole, then renamed: a browser asking while it is copied (two first views at once)
    never gets half a file, which would leave its 3D plots blank."""
    if not PLOTLY_JS.exists() or PLOTLY_JS.stat().st_size != SOURCE.stat().st_size:
        PLOTLY_JS.parent.mkdir(exist_ok=True)
        part = PLOTLY_JS.with_name(f"{PLOTLY_JS.name}.{os.getpid()}.{threading.get_ident()}.part")
        shutil.copyfile(SOURCE, part)
        os.replace(part, PLOTLY_JS)
    return PLOTLY_JS


if __name__ == "__main__":
    print(f"static file ready: {ensure_plotly_js().relative_to(ROOT)}")
