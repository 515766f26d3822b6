"""The 3D surface as a plot that keeps its WebGL scene between slider moves.

``st.plotly_chart`` gives a changed figure a new identity, so every move rebuilt the
scene from scratch (a new WebGL context, its shaders, the first draw): 0.4–0.6 s per
move in Chromium here. This component keeps one plotly.js plot and calls
``Plotly.react``; the surface, unchanged while a slider moves, is not redrawn, and
the camera stays where the student turned it. plotly.js is the plotly package's
own file, served by Streamlit as a static file (``viz/ui/static_files.py``).
"""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

import streamlit as st
from plotly.io.json import to_json_plotly

from viz.plot_surface import FIT
from viz.ui.static_files import ensure_plotly_js


def _served() -> str:
    """plotly.js's address on this server (under ``server.baseUrlPath``)."""
    name = ensure_plotly_js().name
    base = (st.get_option("server.baseUrlPath") or "").strip("/")
    return "/" + "/".join(p for p in (base, "app", "static", name) if p)


_SCENE = st.components.v2.component(
    "lens_scene", js=(Path(__file__).with_name("scene_chart.js")).read_text(), isolate_styles=False
)


def scene_chart(spec: dict, config: dict, key: str, revision: str) -> None:
    """Draw ``spec`` (a 3D figure); ``revision`` changes when the camera should reset."""
    height = spec["layout"].get("height", 600)
    data = {
        "figure": to_json_plotly(spec, engine="orjson"),
        "config": config,
        "src": _served(),
        "revision": revision,
        "slot": key,
        "fit": asdict(FIT),
    }
    _SCENE(key=key, data=data, height=height)
