"""One plotted input: f over it, the tangent at the point and the gradient arrow along it.

The tangent's slope is the derivative (the gradient one backward() computes), never
an accumulated ``.grad``. Where f is not finite the background is grey, and a flat
point gets no arrow head.
"""

from __future__ import annotations

import math

import numpy as np

from viz.numbers import fmt
from viz.plot_style import (
    ARROW_FRACTION,
    GRAD_COLOR,
    INK,
    MASKED,
    PARABOLA_COLOR,
    SLOPE_COLOR,
    TANGENT_COLOR,
    arrow_marker,
    finish,
    grouped,
    layout,
    masked_entry,
    scatter,
)
from viz.surface import Grid


def _y_range(grid: Grid, window: tuple[float, float], values: np.ndarray) -> tuple[float, float]:
    """The range of ``values`` (f, or f′) over the visible window, padded."""
    inside = (grid.coords[0] >= window[0]) & (grid.coords[0] <= window[1])
    seen = values[inside]
    lo, hi = (float(np.nanmin(seen)), float(np.nanmax(seen))) if np.isfinite(seen).any() else (0.0, 1.0)
    pad = 0.08 * (hi - lo) if hi - lo > 1e-9 * max(abs(lo), abs(hi)) else 0.1 * max(abs(hi), 1.0)
    return lo - pad, hi + pad  # a flat curve (a constant f, however large) still gets a visible band


def _masked_bands(grid: Grid, theme: str) -> list[dict]:
    """Grey rectangles over the runs of x where f is not finite."""
    x, bad = grid.coords[0], np.isnan(grid.loss)
    edges = np.flatnonzero(np.diff(np.concatenate([[0], bad.astype(int), [0]])))
    return [
        {
            "type": "rect",
            "xref": "x",
            "yref": "paper",
            "x0": float(x[a]),
            "x1": float(x[b - 1]),
            "y0": 0,
            "y1": 1,
            "fillcolor": MASKED[theme],
            "opacity": 0.6,
            "line": {"width": 0},
            "layer": "below",
        }
        for a, b in zip(edges[::2], edges[1::2], strict=True)
    ]


def _tangent_and_arrow(
    x0: float, value: float, g: float, spans: tuple[float, float], name: str
) -> list[dict]:
    x_span, y_span = spans
    layers = []
    if math.isfinite(g) and math.isfinite(value):
        half = x_span / 8
        tx = np.array([x0 - half, x0 + half])
        layers.append(
            scatter(
                x=tx,
                y=value + g * (tx - x0),
                mode="lines",
                name=f"tangent, slope {fmt(g)}",
                line={"color": TANGENT_COLOR, "dash": "dash", "width": 2},
                meta={"role": "tangent"},
            )
        )
    # Uphill along the tangent, the same on-screen length whatever the slope; none where it is flat.
    screen = math.hypot(1 / x_span, g / y_span) if math.isfinite(g) else 0.0
    dx = math.copysign(ARROW_FRACTION / screen, g) if screen and g else 0.0
    flat = " (flat here: no arrow)" if dx == 0 and g == 0 else ""
    layers.append(
        scatter(
            x=[x0, x0 + dx],
            y=[value, value + g * dx],
            mode="lines+markers" if dx else "lines",
            name=f"{name} = {fmt(g)}{flat}",
            line={"color": GRAD_COLOR, "width": 4},
            marker=arrow_marker() if dx else {},
            meta={"role": "gradient", "gradient": [g]},
            customdata=[[g], [g]],
        )
    )
    return layers


def parabola(x0: float, value: float, g: float, c: float, window: tuple[float, float], name: str) -> dict:
    """f(x0) + f′(x0)·t + ½·f″(x0)·t²: the parabola that shares the curve's value, slope and
    curvature at the point (its second-order Taylor polynomial), over the middle half of the window."""
    half = (window[1] - window[0]) / 4
    t = np.linspace(-half, half, 41)
    return scatter(
        x=x0 + t,
        y=value + g * t + 0.5 * c * t**2,
        mode="lines",
        name=f"parabola with the same curvature, {name} = {fmt(c)}",
        line={"color": PARABOLA_COLOR, "dash": "dashdot", "width": 3},
        meta={"role": "parabola", "second": c},
    )


def curve_figure(
    grid: Grid,
    point: tuple[float, ...],
    value: float,
    derivative: tuple[float, ...] | None,
    output: str,
    window: tuple[float, float],
    theme: str = "light",
    note: str = "",
    dtype: str = "float32",
    font_size: int = 0,
) -> dict:
    """f over one input; with a derivative, the tangent and the arrow (before backward
    reaches the leaf, only the point). A grid with ``slope`` adds f′ on its own axis."""
    (axis,) = grid.axes
    x0, ink = point[0], INK[theme]
    layers = [
        scatter(
            x=grid.coords[0],
            y=grid.loss,
            mode="lines",
            name=f"{output}({axis.label})",
            line={"color": ink, "width": 2},
            meta={"role": "curve"},
        )
    ]
    if grid.slope is not None:
        layers.append(
            scatter(
                x=grid.coords[0],
                y=grid.slope,
                mode="lines+markers",
                yaxis="y2",
                name=f"{output}′({axis.label})",
                # dots on a solid line tell f′ from f besides its colour: a dotted line as long as
                # this one took Chromium ~60 ms to paint again on every frame of a move
                line={"color": SLOPE_COLOR, "width": 2},
                marker={"color": SLOPE_COLOR, "size": 6, "maxdisplayed": 24},
                meta={"role": "slope"},
            )
        )
    y_range = _y_range(grid, window, grid.loss)
    spans = (window[1] - window[0], y_range[1] - y_range[0])
    if derivative is not None:
        layers += _tangent_and_arrow(x0, value, derivative[0], spans, f"d{grouped(output)}/d{axis.label}")
    layers.append(
        scatter(
            x=[x0],
            y=[value],
            mode="markers",
            name=f"{axis.label} = {fmt(x0)}",
            marker={"color": ink, "size": 10},
            meta={"role": "point"},
        )
    )
    shapes = _masked_bands(grid, theme)
    if shapes:
        layers.append(masked_entry(theme, output, dtype))
    axes = {
        "xaxis": {"title": {"text": axis.label}, "range": list(window)},
        "yaxis": {"title": {"text": output}, "range": list(y_range)},
        "shapes": shapes,
    }
    if grid.slope is not None:
        axes["yaxis2"] = {
            "range": list(_y_range(grid, window, grid.slope)),
            "title": {"text": f"{output}′", "font": {"color": SLOPE_COLOR}},
            "overlaying": "y",
            "side": "right",
            "showgrid": False,
            "tickfont": {"color": SLOPE_COLOR},
        }
    return finish(layers, layout(f"{output} over {axis.label}", theme, note, font_size, **axes), "curve")
