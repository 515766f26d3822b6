"""Plotly figures: the curve or the surface, the current point and the gradient arrow.

The arrow is drawn scaled to fit the view, but every arrow trace carries the
unscaled gradient in ``meta["gradient"]``, the very numbers the page prints.
"""

from __future__ import annotations

import math

import numpy as np
import plotly.graph_objects as go

from viz.numbers import fmt
from viz.surface import Grid

ARROW_FRACTION = 0.15  # drawn arrow length as a share of the visible range
GRAD_COLOR = "#d62728"
DESCENT_COLOR = "#1f77b4"
POINT_COLOR = "#111111"
TEMPLATES = {"light": "plotly_white", "dark": "plotly_dark", "slide": "plotly_white"}
FONT_SIZES = {"light": 13, "dark": 13, "slide": 20}
INK = {"light": POINT_COLOR, "dark": "#f0f0f0", "slide": POINT_COLOR}  # the point and the curve
TRANSPARENT = "rgba(0,0,0,0)"


def arrow_scale(components: tuple[float, ...], span: float) -> float:
    norm = math.hypot(*components)
    return 0.0 if norm == 0 or not math.isfinite(norm) else ARROW_FRACTION * span / norm


def layout(fig: go.Figure, title: str, theme: str, note: str) -> go.Figure:
    """One look per theme, the same for the page and the exports: light, dark, slide
    (transparent background and large type for a projector)."""
    fig.update_layout(
        template=TEMPLATES[theme],
        title={"text": title, "x": 0.01},
        margin={"l": 50, "r": 20, "t": 60, "b": 50},
        legend={"orientation": "h", "y": -0.18},
        height=480,
        font={"size": FONT_SIZES[theme]},
    )
    if theme == "slide":
        fig.update_layout(paper_bgcolor=TRANSPARENT, plot_bgcolor=TRANSPARENT)
    ink = INK[theme]
    fig.update_traces(marker_color=ink, selector={"name": "current point"})
    fig.update_traces(line_color=ink, selector={"meta": {"role": "curve"}})
    fig.update_traces(marker_color=ink, selector={"meta": {"role": "point"}})
    if note:
        fig.add_annotation(
            text=note,
            xref="paper",
            yref="paper",
            x=0,
            y=1.0,
            yanchor="bottom",
            showarrow=False,
            font={"size": 11, "color": GRAD_COLOR},
            align="left",
        )
    return fig


def curve_figure(
    grid: Grid,
    point: tuple[float, ...],
    value: float,
    gradient: tuple[float, ...] | None,
    output: str,
    window: tuple[float, float],
    theme: str = "light",
    note: str = "",
) -> go.Figure:
    """f over one input with the tangent at the point and the gradient arrow along it.

    Without a gradient (a backward step before the leaf), only the point is drawn.
    """
    (axis,) = grid.axes
    x0 = point[0]
    fig = go.Figure()
    fig.add_scatter(
        x=grid.coords[0],
        y=grid.loss,
        mode="lines",
        name=f"{output}({axis.label})",
        line={"color": "#555555", "width": 2},
        meta={"role": "curve"},
    )
    inside = (grid.coords[0] >= window[0]) & (grid.coords[0] <= window[1])
    seen = grid.loss[inside]
    lo, hi = (float(np.nanmin(seen)), float(np.nanmax(seen))) if np.isfinite(seen).any() else (0, 1)
    pad = 0.08 * (hi - lo or 1.0)
    y_range = (lo - pad, hi + pad)
    x_span, y_span = window[1] - window[0], y_range[1] - y_range[0]
    if gradient is not None:
        _tangent_and_arrow(fig, x0, value, gradient[0], (x_span, y_span), f"d{output}/d{axis.label}")
    fig.add_scatter(
        x=[x0],
        y=[value],
        mode="markers",
        name=f"{axis.label} = {fmt(x0)}",
        marker={"color": POINT_COLOR, "size": 10},
        meta={"role": "point"},
    )
    fig.update_xaxes(title=axis.label, range=list(window))
    fig.update_yaxes(title=output, range=list(y_range))
    return layout(fig, f"{output} over {axis.label}", theme, note)


def _tangent_and_arrow(
    fig: go.Figure, x0: float, value: float, g: float, spans: tuple[float, float], name: str
) -> None:
    x_span, y_span = spans
    if math.isfinite(g) and math.isfinite(value):
        half = x_span / 8
        tx = np.array([x0 - half, x0 + half])
        fig.add_scatter(
            x=tx,
            y=value + g * (tx - x0),
            mode="lines",
            name="tangent",
            line={"color": "#ff7f0e", "dash": "dash"},
        )
    # Uphill along the tangent, the same on-screen length whatever the slope.
    screen = math.hypot(1 / x_span, g / y_span) if math.isfinite(g) else 0.0
    dx = math.copysign(ARROW_FRACTION / screen, g) if screen and g else 0.0
    fig.add_scatter(
        x=[x0, x0 + dx],
        y=[value, value + g * dx],
        mode="lines+markers",
        name=f"{name} = {fmt(g)}",
        line={"color": GRAD_COLOR, "width": 4},
        marker={"symbol": ["circle", "arrow"], "size": [1, 16], "angleref": "previous"},
        meta={"role": "gradient", "gradient": [g]},
        customdata=[[g], [g]],
    )


def _arrow_2d(
    fig: go.Figure,
    start: tuple[float, float],
    comps: tuple[float, float],
    scale: float,
    name: str,
    tag: str,
    color: str,
    gradient: tuple[float, ...],
) -> None:
    end = (start[0] + scale * comps[0], start[1] + scale * comps[1])
    below = comps[1] < 0
    fig.add_scatter(
        x=[start[0], end[0]],
        y=[start[1], end[1]],
        mode="lines+markers+text",
        name=name,
        line={"color": color, "width": 4},
        text=["", tag],
        textposition="bottom center" if below else "top center",
        textfont={"color": color, "size": 14},
        marker={"symbol": ["circle", "arrow"], "size": [1, 16], "angleref": "previous"},
        meta={"role": "gradient" if color == GRAD_COLOR else "descent", "gradient": list(gradient)},
        customdata=[list(gradient)] * 2,
    )


def loss_trace(grid: Grid, output: str) -> dict:
    """What the contour and the 3D surface share: the grid, its colours, its name."""
    return {"x": grid.coords[0], "y": grid.coords[1], "z": grid.loss, "colorscale": "Viridis",
            "colorbar": {"title": output}, "name": output}  # fmt: skip


def plane_span(grid: Grid) -> float:
    """The shorter side of the plotted (input, input) plane: arrows are scaled to it."""
    ax, ay = grid.axes
    return min(ax.hi - ax.lo, ay.hi - ay.lo)


def contour_figure(
    grid: Grid,
    point: tuple[float, ...],
    gradient: tuple[float, ...] | None,
    output: str,
    theme: str = "light",
    note: str = "",
) -> go.Figure:
    """Contours of the loss with ∇L and −∇L at the point."""
    ax, ay = grid.axes
    fig = go.Figure()
    fig.add_contour(**loss_trace(grid, output), ncontours=30)
    if gradient is not None:
        _contour_arrows(fig, point, gradient, output, plane_span(grid))
    fig.add_scatter(
        x=[point[0]],
        y=[point[1]],
        mode="markers",
        name="current point",
        marker={"color": "white", "size": 11, "line": {"color": POINT_COLOR, "width": 2}},
    )
    fig.update_xaxes(title=ax.label, range=[ax.lo, ax.hi])
    fig.update_yaxes(title=ay.label, range=[ay.lo, ay.hi])
    return layout(fig, f"{output} over ({ax.label}, {ay.label}): contours", theme, note)


def _contour_arrows(
    fig: go.Figure, point: tuple[float, ...], gradient: tuple[float, ...], output: str, span: float
) -> None:
    s = arrow_scale(gradient, span)
    g = (gradient[0], gradient[1])
    grad_name = f"∇{output} = ({fmt(g[0])}, {fmt(g[1])})"
    _arrow_2d(fig, (point[0], point[1]), g, s, grad_name, f"∇{output}", GRAD_COLOR, gradient)
    _arrow_2d(
        fig,
        (point[0], point[1]),
        (-g[0], -g[1]),
        s,
        f"−∇{output} (descent)",
        f"−∇{output}",
        DESCENT_COLOR,
        gradient,
    )
