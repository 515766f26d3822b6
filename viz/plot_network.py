"""A trained network's pictures: each weight and its gradient as a heatmap (colour is the
sign, depth the size, the number printed in the cell), the decision boundary over the
input plane with the data, and the loss over the steps taken."""

from __future__ import annotations

from viz.numbers import fmt
from viz.plot_style import FONT_SIZES, INK, layout
from viz.trace import Trace
from viz.training import Boundary

DIVERGING = [[0.0, "#b2182b"], [0.5, "#ffffff"], [1.0, "#2166ac"]]  # red below 0, white at 0, blue above
CLASS_MARKERS = (("circle-open", "class 0"), ("x", "class 1"))  # a shape per class, not colour alone
CELL_PX = 46


def _grid(values: tuple[float, ...], shape: tuple[int, ...]) -> list[list[float]]:
    rows, cols = (shape[0], shape[1]) if len(shape) == 2 else (shape[0], 1) if shape else (1, 1)
    return [list(values[r * cols : (r + 1) * cols]) for r in range(rows)]


def _heatmap(values: tuple[float, ...], shape: tuple[int, ...], axis: int, font: int) -> dict:
    z = _grid(values, shape)
    top = max((abs(v) for v in values), default=0.0) or 1.0
    return {
        "type": "heatmap",
        "z": z,
        "text": [[fmt(v) for v in row] for row in z],
        "texttemplate": "%{text}",
        "textfont": {"size": font},
        "hovertemplate": "%{text}<extra></extra>",
        "colorscale": DIVERGING,
        "zmin": -top,
        "zmax": top,
        "showscale": False,
        "xgap": 2,
        "ygap": 2,
        "xaxis": f"x{axis}",
        "yaxis": f"y{axis}",
    }


def weight_figure(trace: Trace, theme: str, columns: int = 2) -> dict:
    """Each leaf (W1, b1, W2, b2) and its ``.grad`` (None: not computed), side by side, or one
    under the other for a phone (``columns=1``: cells wide enough for "-0.1745"). Placed in
    pixels so a label always has its own line above its heatmap."""
    font = FONT_SIZES[theme]
    label_px, gap_px = round(font * 1.6), 10
    panels = [
        (f"{title} {list(node.shape)}", values, node.shape)
        for node in trace.leaves()
        for title, values in ((node.name, node.value), (f"{node.name}.grad", node.grad))
    ]
    rows = [panels[i : i + columns] for i in range(0, len(panels), columns)]
    heights = [label_px + CELL_PX * max(shape[0] if shape else 1 for *_, shape in row) for row in rows]
    area = sum(heights) + gap_px * (len(rows) - 1)
    look = layout("Weights and their gradients", theme, "", margin={"l": 40, "r": 10, "t": 50, "b": 10})
    data, notes, offset, axis = [], [], 0, 0
    for row, height in zip(rows, heights, strict=True):
        for col, (label, values, shape) in enumerate(row):
            axis += 1
            left = col / columns + 0.02 * (col > 0)
            x = {"domain": [left, left + 1 / columns - 0.04 * (columns > 1)], "anchor": f"y{axis}"}
            y = {
                "domain": [1 - (offset + height) / area, 1 - (offset + label_px) / area],
                "anchor": f"x{axis}",
            }
            hidden = {"showticklabels": False, "showgrid": False, "zeroline": False}
            look[f"xaxis{axis}"] = x | hidden
            look[f"yaxis{axis}"] = y | hidden | {"autorange": "reversed"}
            if values is None:
                label += ": None (no backward() yet)"
            else:
                data.append(_heatmap(values, shape, axis, font))
            notes.append(
                {"text": label, "xref": "paper", "yref": "paper", "x": left, "y": 1 - offset / area,
                 "xanchor": "left", "yanchor": "top", "showarrow": False,
                 "font": {"size": font, "color": INK[theme]}}
            )  # fmt: skip
        offset += height + gap_px
    look["annotations"] = notes
    look["height"] = area + 60
    return {"data": data, "layout": look}


def boundary_figure(b: Boundary, theme: str, title: str) -> dict:
    """p(class 1) over the plane, the 0.5 contour (the boundary), and the points."""
    data: list[dict] = [
        {
            "type": "contour",
            "x": b.xs.tolist(),
            "y": b.ys.tolist(),
            "z": b.prob.tolist(),
            "zmin": 0,
            "zmax": 1,
            "colorscale": DIVERGING,
            "contours": {"start": 0.1, "end": 0.9, "size": 0.1},
            "line": {"width": 0},
            "colorbar": {"title": {"text": "p"}},
            "hovertemplate": "p = %{z:.3f}<extra></extra>",
        },
        {
            "type": "contour",
            "x": b.xs.tolist(),
            "y": b.ys.tolist(),
            "z": b.prob.tolist(),
            "showscale": False,
            "contours": {"start": 0.5, "end": 0.5, "size": 1, "coloring": "none"},
            "line": {"width": 3, "color": INK[theme]},
            "name": "p = 0.5",
            "showlegend": True,
            "hoverinfo": "skip",
        },
    ]
    for label, (symbol, name) in enumerate(CLASS_MARKERS):
        xs = [p[0] for p, y in zip(b.points, b.labels, strict=True) if y == label]
        ys = [p[1] for p, y in zip(b.points, b.labels, strict=True) if y == label]
        data.append(
            {
                "type": "scatter",
                "mode": "markers",
                "x": xs,
                "y": ys,
                "name": name,
                "marker": {"symbol": symbol, "size": 11, "color": INK[theme], "line": {"width": 2.5}},
            }
        )
    look = layout(title, theme, "", margin={"l": 50, "r": 20, "t": 50, "b": 40}, height=420)
    look["xaxis"] = {"title": {"text": "x₁"}, "range": [b.xs[0], b.xs[-1]], "constrain": "domain"}
    look["yaxis"] = {
        "title": {"text": "x₂"},
        "range": [b.ys[0], b.ys[-1]],
        "scaleanchor": "x",
        "scaleratio": 1,
    }
    look["legend"] = {"orientation": "h", "y": -0.15}
    return {"data": data, "layout": look}


def history_figure(losses: tuple[float, ...], theme: str) -> dict:
    """The loss after each step taken; the last point is the page's loss."""
    steps = list(range(len(losses)))
    data = [
        {
            "type": "scatter",
            "mode": "lines",
            "x": steps,
            "y": list(losses),
            "name": "loss",
            "line": {"color": INK[theme], "width": 2.5},
        },
        {
            "type": "scatter",
            "mode": "markers",
            "x": steps[-1:],
            "y": list(losses[-1:]),
            "name": "now",
            "marker": {"size": 12, "color": "#d62728"},
        },
    ]
    look = layout(
        f"Loss over {len(losses) - 1} SGD steps",
        theme,
        "",
        height=420,
        margin={"l": 60, "r": 20, "t": 50, "b": 50},
    )
    look["xaxis"] = {"title": {"text": "optimizer.step() calls"}, "rangemode": "tozero"}
    look["yaxis"] = {"title": {"text": "loss (mean BCE)"}, "rangemode": "tozero"}
    look["showlegend"] = False
    return {"data": data, "layout": look}
