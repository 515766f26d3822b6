"""The loss surface in 3D, with the gradient and descent arrows in the input plane.

Split from ``figures`` (the 2D views); shares its themes, arrow scaling and the
plain-dict assembly.
"""

from __future__ import annotations

from viz.figures import DESCENT_COLOR, GRAD_COLOR, INK, arrow_scale, finish, layout, loss_layer, plane_span
from viz.surface import Grid


def surface_figure(
    grid: Grid,
    point: tuple[float, ...],
    value: float,
    gradient: tuple[float, ...] | None,
    output: str,
    theme: str = "light",
    note: str = "",
) -> dict:
    """The loss surface in 3D; the arrows lie in the input plane at the point's height."""
    ax, ay = grid.axes
    layers = [{"type": "surface", **loss_layer(grid, output), "opacity": 0.85}]
    if gradient is not None:
        layers += _surface_arrows(point, value, gradient, output, plane_span(grid))
    layers.append(
        {"type": "scatter3d", "x": [point[0]], "y": [point[1]], "z": [value], "mode": "markers",
         "name": "current point", "marker": {"color": INK[theme], "size": 5}}
    )  # fmt: skip
    scene = {
        "xaxis": {"title": {"text": ax.label}},
        "yaxis": {"title": {"text": ay.label}},
        "zaxis": {"title": {"text": output}},
    }
    title = f"{output} over ({ax.label}, {ay.label}): surface"
    return finish(layers, layout(title, theme, note, scene=scene))


def _surface_arrows(
    point: tuple[float, ...], value: float, gradient: tuple[float, ...], output: str, span: float
) -> list[dict]:
    s = arrow_scale(gradient, span)
    layers: list[dict] = []
    for sign, color, name in ((1, GRAD_COLOR, f"∇{output}"), (-1, DESCENT_COLOR, f"−∇{output}")):
        ex, ey = point[0] + sign * s * gradient[0], point[1] + sign * s * gradient[1]
        layers.append(
            {"type": "scatter3d", "x": [point[0], ex], "y": [point[1], ey], "z": [value, value],
             "mode": "lines+text", "text": ["", name], "name": name, "line": {"color": color, "width": 8},
             "meta": {"role": "gradient" if sign > 0 else "descent", "gradient": list(gradient)},
             "customdata": [list(gradient)] * 2}
        )  # fmt: skip
        if s:
            layers.append(
                {"type": "cone", "x": [ex], "y": [ey], "z": [value], "u": [sign * gradient[0]],
                 "v": [sign * gradient[1]], "w": [0], "sizemode": "absolute", "sizeref": 0.8, "anchor": "tip",
                 "showscale": False, "colorscale": [[0, color], [1, color]], "name": name}
            )  # fmt: skip
    return layers
