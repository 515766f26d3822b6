"""Plots kept between slider moves: the 3D surface and the Hessian's heatmap.

``st.plotly_chart`` gives a changed figure a new identity, so every move rebuilt the
scene from scratch (a new WebGL context, its shaders, the first draw): 0.4–0.6 s per
move in Chromium here. This component keeps one plotly.js plot and calls
``Plotly.react``; the surface, unchanged while a slider moves, is not redrawn, and
the camera stays where the student turned it. The heatmap is kept too: a
fresh ``Plotly.newPlot`` of it cost 50–100 ms of a move, ``Plotly.react`` nothing measurable.
plotly.js is the plotly package's own file, served by Streamlit as a static file
(``viz/ui/static_files.py``).
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict
from pathlib import Path

import streamlit as st
from plotly.io.json import to_json_plotly

from viz.plot_surface import FIT
from viz.ui.static_files import address, ensure_plotly_js

_SCENE = st.components.v2.component(
    "lens_kept", js=(Path(__file__).with_name("kept_chart.js")).read_text(), isolate_styles=False
)


def _figure(spec: dict, held: tuple[str, ...]) -> tuple[str, list[str]]:
    """The figure's JSON, each trace the browser already holds (its hash in ``held``) sent as a
    reference: a 3D surface is ~140 kB of the page's ~165 kB a move, and does not move."""
    parts, hashes = [], []
    for trace in spec["data"]:
        text = to_json_plotly(trace, engine="orjson")
        digest = hashlib.blake2b(text.encode(), digest_size=12).hexdigest()
        hashes.append(digest)
        parts.append(f'{{"lensRef":"{digest}"}}' if digest in held else text)
    layout = to_json_plotly(spec["layout"], engine="orjson")
    return f'{{"data":[{",".join(parts)}],"layout":{layout}}}', hashes


def kept_chart(spec: dict, config: dict, key: str, revision: str) -> None:
    """Draw ``spec``; ``revision`` changes when a 3D scene's camera should reset. A layout
    width is kept where the page has room, else the plot takes the page's width. Should the
    browser lack a referenced trace (it never had it), it asks and gets every trace (it asks again
    should the answer not come: an ask can be lost in a rerun that started meanwhile)."""
    held = f"lens_held:{key}"
    height = spec["layout"].get("height", 600)
    figure, hashes = _figure(spec, st.session_state.get(held, ()))
    st.session_state[held] = tuple(hashes)
    data = {
        "figure": figure,
        "hashes": hashes,
        "config": config,
        "src": address(ensure_plotly_js()),
        "revision": revision,
        "slot": key,
        "fit": asdict(FIT),
    }
    _SCENE(key=key, data=data, height=height, on_missing_change=lambda: st.session_state.pop(held, None))
