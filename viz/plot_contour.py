"""Two plotted inputs seen from above: contours of the output, ∇ and −∇ at the point.

Both axes are inputs, so one unit is the same length on screen on both
(``scaleanchor``): only then does ∇ look perpendicular to the level sets, as it is.
The arrows are drawn in those units.
"""

from __future__ import annotations

from viz.numbers import fmt
from viz.plot_style import (
    DESCENT_COLOR,
    FONT_SIZES,
    GRAD_COLOR,
    HALO,
    INK,
    MASKED,
    arrow_marker,
    arrow_scale,
    finish,
    grouped,
    layout,
    masked_entry,
    scatter,
)
from viz.surface import Grid

POINT_EDGE = "#111111"


def loss_layer(grid: Grid, output: str) -> dict:
    """What the contour and the 3D surface share: the grid, its colours, its name."""
    return {
        "x": grid.coords[0],
        "y": grid.coords[1],
        "z": grid.loss,
        "colorscale": "Viridis",
        "colorbar": {"title": {"text": output}},
        "name": output,
    }


def plane_span(grid: Grid) -> float:
    """The shorter side of the plotted (input, input) plane: arrows are scaled to it."""
    ax, ay = grid.axes
    return min(ax.hi - ax.lo, ay.hi - ay.lo)


def tip_font(color: str, theme: str, font_size: int = 0) -> dict:
    """A label at an arrow's tip: a little larger than the plot's type (presenter mode's and
    slides' included), on a white halo so it reads on any contour colour and on dark pages."""
    size = round(1.1 * (font_size or FONT_SIZES[theme]))
    return {"color": color, "size": size, "shadow": f"0 0 3px {HALO}, 0 0 3px {HALO}, 0 0 2px {HALO}"}


def _arrow(
    start: tuple[float, float],
    comps: tuple[float, float],
    scale: float,
    name: str,
    tag: str,
    gradient: tuple[float, ...],
    descent: bool,
    look: tuple[str, int],
) -> dict:
    end = (start[0] + scale * comps[0], start[1] + scale * comps[1])
    color = DESCENT_COLOR if descent else GRAD_COLOR
    return scatter(
        x=[start[0], end[0]],
        y=[start[1], end[1]],
        mode="lines+markers+text",
        name=name,
        line={"color": color, "width": 4, "dash": "dash" if descent else "solid"},
        text=["", tag],
        textposition="bottom center" if comps[1] < 0 else "top center",
        textfont=tip_font(color, *look),
        marker=arrow_marker(),
        meta={"role": "descent" if descent else "gradient", "gradient": list(gradient)},
        customdata=[list(gradient)] * 2,
    )


def arrows(
    point: tuple[float, ...], gradient: tuple[float, ...], output: str, span: float, look: tuple[str, int]
) -> list[dict]:
    """∇ (solid) and −∇ (dashed), labelled at their tips in the plot's ``look`` (theme, type size);
    a zero gradient is said in the legend and drawn as nothing."""
    s = arrow_scale(gradient, span)
    g, at = (gradient[0], gradient[1]), (point[0], point[1])
    grad_name = f"∇{grouped(output)} = ({fmt(g[0])}, {fmt(g[1])})"
    if not s:
        return [
            scatter(
                x=[at[0]],
                y=[at[1]],
                mode="lines",
                name=grad_name + ": no arrow (flat or not finite)",
                line={"color": GRAD_COLOR},
                meta={"role": "gradient", "gradient": list(gradient)},
                customdata=[list(gradient)],
            )
        ]
    return [
        _arrow(at, g, s, grad_name, f"∇{grouped(output)}", gradient, False, look),
        _arrow(
            at,
            (-g[0], -g[1]),
            s,
            f"−∇{grouped(output)} (descent, dashed)",
            f"−∇{grouped(output)}",
            gradient,
            True,
            look,
        ),
    ]


def contour_figure(
    grid: Grid,
    point: tuple[float, ...],
    gradient: tuple[float, ...] | None,
    output: str,
    theme: str = "light",
    note: str = "",
    dtype: str = "float32",
    font_size: int = 0,
) -> dict:
    """Contours of the output with ∇ and −∇ at the point, on equal axis scales."""
    ax, ay = grid.axes
    layers = [{"type": "contour", **loss_layer(grid, output), "ncontours": 30}]
    if gradient is not None:
        layers += arrows(point, gradient, output, plane_span(grid), (theme, font_size))
    layers.append(
        scatter(
            x=[point[0]],
            y=[point[1]],
            mode="markers",
            name="current point",
            meta={"role": "point"},
            marker={"color": INK[theme], "size": 11, "line": {"color": POINT_EDGE, "width": 2}},
        )
    )
    look = layout(f"{output} over ({ax.label}, {ay.label}): contours", theme, note, font_size)
    look["xaxis"] = {"title": {"text": ax.label}, "range": [ax.lo, ax.hi], "constrain": "domain"}
    look["yaxis"] = {
        "title": {"text": ay.label},
        "range": [ay.lo, ay.hi],
        "constrain": "domain",
        "scaleanchor": "x",
        "scaleratio": 1,
    }
    if grid.masked:
        layers.append(masked_entry(theme, output, dtype))
        look["plot_bgcolor"] = MASKED[theme]  # the contour leaves its non-finite cells empty: grey shows
    return finish(layers, look, "contour")
