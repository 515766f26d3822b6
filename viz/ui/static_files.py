"""Files Streamlit serves from ``static/`` (``server.enableStaticServing``): plotly.js for
the 3D scene, copied from the installed plotly package, so its version always matches, and
the page's own script (``viz/ui/page_scripts.py``).

``python -m viz.ui.static_files`` writes them ahead of time (the Docker image does, since
its app folder is not writable by the server's user); otherwise the first page does.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import threading
from collections.abc import Callable
from pathlib import Path

import plotly

ROOT = Path(__file__).resolve().parents[2]
SOURCE = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
PLOTLY_JS = ROOT / "static" / f"plotly-{plotly.__version__}.min.js"  # versioned: browsers may cache it


def _written(path: Path, write: Callable[[Path], object]) -> Path:
    """Written whole, then renamed: a browser asking while it is written (two first views at
    once) never gets half a file, which would leave its 3D plots blank."""
    path.parent.mkdir(exist_ok=True)
    part = path.with_name(f"{path.name}.{os.getpid()}.{threading.get_ident()}.part")
    write(part)
    os.replace(part, path)
    return path


def ensure_plotly_js() -> Path:
    if PLOTLY_JS.exists() and PLOTLY_JS.stat().st_size == SOURCE.stat().st_size:
        return PLOTLY_JS
    return _written(PLOTLY_JS, lambda part: shutil.copyfile(SOURCE, part))


def ensure_text(name: str, text: str) -> Path:
    """``text`` as ``static/<name>-<hash of text>.js``: a browser may cache it for good."""
    digest = hashlib.blake2b(text.encode(), digest_size=8).hexdigest()
    path = ROOT / "static" / f"{name}-{digest}.js"
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return path
    return _written(path, lambda part: part.write_text(text, encoding="utf-8"))


def address(path: Path) -> str:
    """A static file's address on this server (under ``server.baseUrlPath``)."""
    import streamlit as st  # the Docker build runs this module without a server

    base = (st.get_option("server.baseUrlPath") or "").strip("/")
    return "/" + "/".join(p for p in (base, "app", "static", path.name) if p)


if __name__ == "__main__":
    from viz.ui.page_scripts import page_js

    for ready in (ensure_plotly_js(), page_js()):  # type: ignore[has-type]  # a cycle, at run time only
        print(f"static file ready: {ready.relative_to(ROOT)}")
