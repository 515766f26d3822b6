"""Slide-quality exports: the graph through Graphviz's ``dot``, the plots through
kaleido and the machine's Chromium. Both tools are optional: their absence is
reported with what to install, never a crash."""

from __future__ import annotations

import importlib.util
import math
import os
import re
import shutil
import subprocess
import threading
from typing import Any

from viz.plot_fit import bar_beside_square
from viz.plot_surface import fit_scene
from viz.state import ViewState, to_query

GRAPH_FORMATS = ("svg", "png", "pdf")
PLOT_FORMATS = ("svg", "png", "pdf")
MIN_PNG_WIDTH = 2400
PLOT_SIZE = (1200, 675)  # 16:9; PNGs are drawn at 2x, 2400 px wide
PNG_SCALE = 2
BROWSERS = ("chromium", "chromium-browser", "google-chrome", "chrome")

DOT_MISSING = (
    "Graph export needs Graphviz's `dot` on the server: install it with `apt-get install graphviz` "
    "(macOS: `brew install graphviz`). The graph on the page does not need it."
)
CHROMIUM_MISSING = (
    "Plot export renders through Chromium (kaleido) on the server: install it with "
    "`apt-get install chromium`. The camera icon in the plot's toolbar still saves an SVG "
    "from your own browser."
)


class MissingTool(RuntimeError):
    """A renderer is not installed; the message says what to install."""


def find_dot() -> str | None:
    return shutil.which("dot")


def find_chromium() -> str | None:
    configured = os.environ.get("BROWSER_PATH")
    if configured and os.access(configured, os.X_OK):
        return configured
    return next((path for name in BROWSERS if (path := shutil.which(name))), None)


def layout_size(dot_text: str) -> tuple[float, float]:
    """The laid-out graph's width and height in inches (Graphviz's plain output, nothing rendered)."""
    dot = find_dot()
    if dot is None:
        raise MissingTool(DOT_MISSING)
    plain = subprocess.run([dot, "-Tplain"], input=dot_text.encode(), capture_output=True, check=True)
    _, _, width, height = plain.stdout.split(b"\n", 1)[0].split()[:4]
    return float(width), float(height)


def render_graph(dot_text: str, fmt: str) -> bytes:
    """SVG, PDF, or a PNG laid out at a dpi that makes it at least 2400 px wide."""
    dot = find_dot()
    if dot is None:
        raise MissingTool(DOT_MISSING)
    args = [dot, f"-T{fmt}"]
    if fmt == "png":
        dpi = math.ceil(MIN_PNG_WIDTH / layout_size(dot_text)[0]) + 1
        args.append(f"-Gdpi={dpi}")
    return subprocess.run(args, input=dot_text.encode(), capture_output=True, check=True).stdout


_kaleido_lock = threading.Lock()
_kaleido_started = False


KALEIDO_MISSING = "Plot export needs the Python package kaleido: `pip install -r requirements.txt`."


def _kaleido() -> Any:
    """One Chromium for every export of this process, started on first use."""
    global _kaleido_started
    try:
        import kaleido
    except ImportError as error:
        raise MissingTool(KALEIDO_MISSING) from error

    with _kaleido_lock:
        if not _kaleido_started:
            kaleido.start_sync_server(silence_warnings=True)
            _kaleido_started = True
    return kaleido


def plot_export_problem() -> str | None:
    """Why plots cannot be exported here (what to install), or None if they can."""
    if find_chromium() is None:
        return CHROMIUM_MISSING
    if importlib.util.find_spec("kaleido") is None:
        return KALEIDO_MISSING
    return None


def render_plot(figure: Any, fmt: str) -> bytes:
    """A plotly figure as SVG, PDF, or a 2400 px wide PNG."""
    problem = plot_export_problem()
    if problem:
        raise MissingTool(problem)
    width, height = PLOT_SIZE
    opts = {"format": fmt, "width": width, "height": height, "scale": PNG_SCALE if fmt == "png" else 1}
    payload = figure.to_dict() if hasattr(figure, "to_dict") else figure
    if "scene" in payload["layout"]:  # the 3D surface: its labels fit the export's width
        payload = {**payload, "layout": fit_scene(payload["layout"], width, height)}
    else:  # a contour's colour bar beside its square, not at the slide's far edge (~310 px away)
        payload = bar_beside_square({**payload, "layout": payload["layout"] | {"height": height}}, width)
    return _kaleido().calc_fig_sync(payload, opts=opts)


MAX_NAME = 120


def slug(text: str) -> str:
    """Letters, digits, dots and hyphens; anything else one underscore; never a path."""
    return re.sub(r"\.{2,}", ".", re.sub(r"[^A-Za-z0-9.\-]+", "_", text)).strip("_.") or "view"


def file_name(state: ViewState, kind: str, ext: str) -> str:
    """``{scenario}_{inputs}[_{sharp edges}][_step{k:02}]_{kind}_{theme}.{ext}``, e.g.
    ``logistic_bce_x6.7_y0_w1_b0_graph_light.svg``: the one name every download and the
    CLI give a view (a long expression is cut, so the name stays short)."""
    query = to_query(state)
    parts = [
        state.scenario_id,
        *(f"{i.name}{query[i.name].replace(',', '_')}" for i in state.scenario.settable(state.values)),
    ]
    lesson = state.lesson  # a sharp edge changes the picture: "frozen-w", "detach-y", "inplace-y"
    if lesson.frozen:
        parts.append("frozen-" + "-".join(lesson.frozen))
    if lesson.cut is not None:
        parts.append(f"{lesson.cut.how}-{lesson.cut.name}")
    if lesson.inplace is not None:
        parts.append(f"inplace-{lesson.inplace}")
    if lesson.order == 2:  # the curve draws the parabola; the gradient's graph is its own file
        parts.append("order2" + (f"-{lesson.row}" if lesson.row else ""))
    if state.lesson.step is not None:
        parts.append(f"step{state.lesson.step:02}")
    tail = slug("_".join([kind, state.display.theme]))
    head = slug("_".join(parts))[: MAX_NAME - len(tail) - 1].rstrip("_.")
    return f"{head}_{tail}.{ext}"
