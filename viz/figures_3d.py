"""The loss surface in 3D, with the gradient and descent arrows in the input plane.

Split from ``figures`` (the 2D views); shares its themes and arrow scaling.
"""

from __future__ import annotations

import plotly.graph_objects as go

from viz.figures import DESCENT_COLOR, GRAD_COLOR, POINT_COLOR, arrow_scale, layout, loss_trace, plane_span
from viz.surface import Grid


def surface_figure(
    grid: Grid,
    point: tuple[float, ...],
    value: float,
    gradient: tuple[float, ...] | None,
    output: str,
    theme: str = "light",
    note: str = "",
) -> go.Figure:
    """The loss surface in 3D; the arrows lie in the input plane at the point's height."""
    ax, ay = grid.axes
    fig = go.Figure()
    fig.add_surface(**loss_trace(grid, output), opacity=0.85)
    if gradient is not None:
        _surface_arrows(fig, point, value, gradient, output, plane_span(grid))
    fig.add_scatter3d(
        x=[point[0]],
        y=[point[1]],
        z=[value],
        mode="markers",
        name="current point",
        marker={"color": POINT_COLOR, "size": 5},
    )
    fig.update_layout(scene={"xaxis_title": ax.label, "yaxis_title": ay.label, "zaxis_title": output})
    return layout(fig, f"{output} over ({ax.label}, {ay.label}): surface", theme, note)


def _surface_arrows(
    fig: go.Figure,
    point: tuple[float, ...],
    value: float,
    gradient: tuple[float, ...],
    output: str,
    span: float,
) -> None:
    s = arrow_scale(gradient, span)
    for sign, color, name in ((1, GRAD_COLOR, f"∇{output}"), (-1, DESCENT_COLOR, f"−∇{output}")):
        ex, ey = point[0] + sign * s * gradient[0], point[1] + sign * s * gradient[1]
        fig.add_scatter3d(
            x=[point[0], ex],
            y=[point[1], ey],
            z=[value, value],
            mode="lines+text",
            text=["", name],
            name=name,
            line={"color": color, "width": 8},
            meta={"role": "gradient" if sign > 0 else "descent", "gradient": list(gradient)},
            customdata=[list(gradient)] * 2,
        )
        if s:
            fig.add_cone(
                x=[ex],
                y=[ey],
                z=[value],
                u=[sign * gradient[0]],
                v=[sign * gradient[1]],
                w=[0],
                sizemode="absolute",
                sizeref=0.8,
                anchor="tip",
                showscale=False,
                colorscale=[[0, color], [1, color]],
                name=name,
            )
