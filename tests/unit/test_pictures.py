"""The pictures against the maths: the tangent's slope is the derivative (never an accumulated
.grad), ∇ is drawn on equal axis scales and on the 3D surface's tangent plane, a flat point has no
arrow head, non-finite cells are marked, and f′ is autograd's derivative."""

import math
import re

import numpy as np
import pytest
import torch

from tests.samples import view_of
from tests.unit.test_colours import contrast, rgb
from viz.graph_dot import to_dot
from viz.graph_labels import accumulation_text
from viz.numbers import fmt, fmt_sig
from viz.plot_style import MASKED

SQUARE_THRICE = {"scenario": "square", "x": "2", "backward": "3"}


def layer(fig: dict, role: str) -> dict:
    return next(t for t in fig["data"] if (t.get("meta") or {}).get("role") == role)


def slope_of(line: dict) -> float:
    (x0, x1), (y0, y1) = line["x"], line["y"]
    return (y1 - y0) / (x1 - x0)


@pytest.mark.parametrize(
    ("query", "grad"),
    [
        ({"scenario": "square", "x": "2"}, 4.0),
        (SQUARE_THRICE, 12.0),  # three calls: .grad 12, the derivative still 4
        ({"scenario": "square", "x": "2", "ops": "b,z"}, 0.0),  # zeroed after the call
        ({"scenario": "square", "x": "2", "ops": "b,b", "retain_graph": "0"}, 4.0),  # the second call failed
    ],
)
def test_the_tangent_is_the_derivative_whatever_grad_holds(query: dict, grad: float) -> None:
    view = view_of(query)
    assert view.trace.by_name("x").grad == (grad,)
    tangent, arrow = layer(view.figure, "tangent"), layer(view.figure, "gradient")
    assert slope_of(tangent) == pytest.approx(4.0) and slope_of(arrow) == pytest.approx(4.0)
    assert arrow["meta"]["gradient"] == [4.0] and arrow["name"] == "dy/dx = 4.0000"
    assert all("12.0000" not in str(t.get("name")) for t in view.figure["data"])


def test_an_accumulated_grad_is_shown_as_the_sum_it_is() -> None:
    view = view_of(SQUARE_THRICE)
    x = view.trace.by_name("x")
    assert view.trace.accumulated(x)
    assert accumulation_text(view.trace, x) == "4.0000 + 4.0000 + 4.0000 = 12.0000"
    assert "this call 4.0000 · .grad 12.0000 (accumulated)" in view.dot.replace("\\n", " ")


def test_the_tangent_touches_the_curve_at_random_points() -> None:
    rng = np.random.default_rng(1)
    for x0 in rng.uniform(-3, 3, 8):
        view = view_of({"scenario": "sin_square", "x": f"{x0:.4f}"})
        x = float(f"{x0:.4f}")
        assert slope_of(layer(view.figure, "tangent")) == pytest.approx(
            2 * x * math.cos(x * x), rel=1e-4, abs=1e-4
        )


@pytest.mark.parametrize(
    "query",
    [{"scenario": "logistic_bce", "w": "-0.5", "b": "1"}, {"scenario": "vector_mean", "xs": "1,-2,3"},
     {"scenario": "custom", "expr": "x**2 + 3*y**2", "x": "1.5", "y": "1"}],
)  # fmt: skip
def test_contours_use_equal_axis_scales_and_the_arrow_is_the_gradient_in_them(query: dict) -> None:
    view = view_of(query)
    look = view.figure["layout"]
    assert look["yaxis"]["scaleanchor"] == "x" and look["yaxis"]["scaleratio"] == 1
    span = lambda axis: axis["range"][1] - axis["range"][0]  # noqa: E731
    assert span(look["xaxis"]) == span(look["yaxis"])
    up, down = layer(view.figure, "gradient"), layer(view.figure, "descent")
    g = up["meta"]["gradient"]
    dx, dy = up["x"][1] - up["x"][0], up["y"][1] - up["y"][0]
    assert dx * g[1] == pytest.approx(dy * g[0], abs=1e-9)  # parallel to ∇ in data units
    assert dx * g[0] + dy * g[1] > 0 and down["line"]["dash"] == "dash" and up["line"]["dash"] == "solid"


@pytest.mark.parametrize(
    ("extra", "size"),
    [({}, 14), ({"theme": "dark"}, 14), ({"present": "1"}, 22), ({"theme": "slide_dark"}, 22)],
)
def test_the_arrows_tip_labels_are_larger_than_the_plots_type_and_haloed(extra, size) -> None:
    """With the legend dropped on presenter mode's small square, the tip labels alone say which
    arrow is ∇: they grow with the type (presenter mode's and slides' 20 px) and stand out from
    the contours' colours and a dark page on a halo they contrast with at WCAG AA."""
    view = view_of({"scenario": "logistic_bce", "w": "-0.5", "b": "1", **extra})
    for role, tag in (("gradient", "∇"), ("descent", "−∇")):
        arrow = layer(view.figure, role)
        assert arrow["text"][1].startswith(tag) and "text" in arrow["mode"]
        assert arrow["textfont"]["size"] == size > view.figure["layout"]["font"]["size"]
        halos = re.findall(r"0 0 \dpx (#[0-9a-f]{6})", arrow["textfont"]["shadow"])
        assert len(halos) == 3 and contrast(rgb(arrow["textfont"]["color"]), rgb(halos[0])) >= 4.5


def test_the_gradient_is_perpendicular_to_the_level_set_it_crosses() -> None:
    view = view_of({"scenario": "custom", "expr": "x**2 + 3*y**2", "x": "1.5", "y": "1"})
    g = layer(view.figure, "gradient")["meta"]["gradient"]
    assert g == pytest.approx([3.0, 6.0])
    tangent_of_level_set = (-6.0 * 1, 2 * 1.5)  # orthogonal to (∂f/∂x, ∂f/∂y) = (2x, 6y)
    assert g[0] * tangent_of_level_set[0] + g[1] * tangent_of_level_set[1] == pytest.approx(0)


def test_the_3d_arrows_lie_on_the_surface_and_are_long_enough_to_see() -> None:
    view = view_of({"scenario": "logistic_bce", "w": "-0.5", "b": "1", "plot": "surface3d"})
    up, down = layer(view.figure, "gradient"), layer(view.figure, "descent")
    gx, gy = up["meta"]["gradient"]
    value = view.trace.output_node.value[0]
    assert (up["x"][0], up["y"][0], up["z"][0]) == pytest.approx((-0.5, 1.0, value))  # starts at the point
    for arrow in (up, down):
        dx, dy, dz = (arrow[k][1] - arrow[k][0] for k in "xyz")
        assert dz == pytest.approx(gx * dx + gy * dy)  # along the tangent plane
    loss = view.grid.loss[np.isfinite(view.grid.loss)]
    box = math.sqrt(((up["x"][1] - up["x"][0]) / 20) ** 2 + ((up["y"][1] - up["y"][0]) / 20) ** 2
                    + ((up["z"][1] - up["z"][0]) / (loss.max() - loss.min())) ** 2)  # fmt: skip
    assert box == pytest.approx(0.25, rel=1e-6)
    assert view.figure["data"][0]["showscale"] is False  # the surface fills the figure, no colour bar


@pytest.mark.parametrize(
    "query",
    [{"scenario": "square", "x": "0"}, {"scenario": "custom", "expr": "x**2 + y**2", "x": "0", "y": "0"}],
)
def test_a_zero_gradient_draws_no_arrow_head(query: dict) -> None:
    view = view_of(query)
    arrow = layer(view.figure, "gradient")
    assert "markers" not in arrow["mode"] and len(set(arrow["x"])) == 1
    assert "no arrow" in arrow["name"]
    assert not [t for t in view.figure["data"] if (t.get("meta") or {}).get("role") == "descent"]


def test_non_finite_cells_are_grey_and_said_so() -> None:
    view = view_of({"scenario": "logistic_bce"})
    assert view.grid.masked > 0 and view.figure["layout"]["plot_bgcolor"] == MASKED["light"]
    assert layer(view.figure, "masked")["name"] == "grey: loss not finite in float32"
    curve = view_of({"scenario": "custom", "expr": "log(x)", "x": "1"}).figure
    assert curve["layout"]["shapes"] and layer(curve, "masked")["name"] == "grey: f not finite in float64"
    assert "float64" in curve["layout"]["annotations"][0]["text"]
    assert "masked" not in str(view_of({"scenario": "square"}).figure)


@pytest.mark.parametrize(("x", "window"), [("0.5", (-3.5, 4.5)), ("9", (2.0, 10.0)), ("-9.5", (-10.0, -2.0))])
def test_the_custom_curve_is_centred_on_the_point(x: str, window: tuple[float, float]) -> None:
    view = view_of({"scenario": "custom", "expr": "sin(x**2) * exp(-x)", "x": x})
    assert tuple(view.figure["layout"]["xaxis"]["range"]) == pytest.approx(window)


def test_f_prime_beside_f_is_autogradss_derivative() -> None:
    view = view_of({"scenario": "custom", "expr": "sin(x**2) * exp(-x)", "x": "0.5"})
    slope = layer(view.figure, "slope")
    assert slope["yaxis"] == "y2" and slope["name"] == "f′(x)"
    # told from f by its dots as well as its colour; a solid line (a dotted one cost ~100 ms of raster a move)
    assert slope["mode"] == "lines+markers" and "dash" not in slope["line"]
    xs = np.asarray(view.grid.coords[0])
    for i in (0, len(xs) // 4, len(xs) // 2, len(xs) * 7 // 8, len(xs) - 1):
        x = torch.tensor(xs[i], dtype=torch.float64, requires_grad=True)
        (torch.sin(x**2) * torch.exp(-x)).backward()
        assert slope["y"][i] == pytest.approx(x.grad.item(), rel=1e-9, abs=1e-12)


def test_hand_factors_multiply_to_the_product_shown() -> None:
    rng = np.random.default_rng(5)
    for _ in range(40):
        w, b = rng.uniform(-2, 2, 2)
        view = view_of({"scenario": "logistic_bce", "w": f"{w:.3f}", "b": f"{b:.3f}"})
        for hand in view.state.scenario.hand(view.state.values):
            product = math.prod(float(fmt_sig(v)) for _, v in hand.factors)
            assert fmt(product) == fmt(hand.value), hand.latex


def test_a_leaf_steps_update_says_its_own_name() -> None:
    from viz.ui.stepper import rule_latex

    view = view_of({"scenario": "logistic_bce"})
    assert rule_latex(view.trace.by_name("b")) == r"\texttt{b.grad} \mathrel{+}= g"
    assert "x.grad" not in to_dot(view.trace)


def test_the_colour_bar_has_room_for_its_widest_finite_tick():
    """A loss that barely changes (0.7525 to 0.7575) needs ticks with four decimals; the holes of a
    grid (None, nan, ∞ where the loss is not finite) do not widen or empty the estimate."""
    from viz.plot_style import bar_label_chars

    narrow = [[0.7525, None, math.nan], [math.inf, 0.7575, 0.755]]
    assert bar_label_chars([{"type": "contour", "z": narrow}]) == len("0.7575")
    assert bar_label_chars([{"type": "contour", "z": np.array([[-120.0, 3.0], [40.0, math.nan]])}]) == len(
        "-120"
    )
    assert bar_label_chars([{"type": "contour", "z": [[None, math.nan]]}]) == 0
    assert bar_label_chars([{"type": "scatter", "x": [0, 1], "y": [5, 6]}]) == 0


@pytest.mark.parametrize("width", [330, 454, 900])
def test_a_long_title_is_wrapped_to_the_figure_and_the_plot_keeps_its_height(width: int) -> None:
    """Plotly never wraps a title: the network's title lost its last word on a projector. Its
    first baseline sits at the middle of the top margin, the other lines under it."""
    from viz.plot_style import TITLE_SCALE, fit_title

    text = "loss over (W1[0,0], W1[0,1]): contours<br>11 others held fixed"
    note = {"text": "grey: loss is not finite<br>at 12 points", "font": {"size": 13}}
    given = {"title": {"text": text, "x": 0.01}, "font": {"size": 20}, "margin": {"t": 92, "b": 90},
             "height": 600, "annotations": [note]}  # fmt: skip
    fitted = fit_title(given, width)
    size, lines = TITLE_SCALE * 20, fitted["title"]["text"].split("<br>")
    assert all(0.55 * size * len(line) <= width for line in lines)
    assert " ".join(lines) == text.replace("<br>", " ")
    top = fitted["margin"]["t"]
    last_line_bottom = top / 2 + (len(lines) - 1) * 1.3 * size + 0.3 * size
    assert last_line_bottom + 2 * 1.3 * 13 <= top  # the title, then the note's two lines, then the plot
    assert fitted["height"] - top == given["height"] - given["margin"]["t"]  # the plot keeps its height
    assert given["title"]["text"] == text and given["margin"]["t"] == 92  # a shared figure is not changed
    short = given | {"title": {"text": "loss over w"}}
    assert fit_title(short, width) is short


def test_a_long_3d_title_is_set_smaller_and_the_scene_keeps_its_height() -> None:
    """The scene's camera is fitted to its plotting area: a wrapped title took that height and
    the tick labels were cut at the bottom of a projector's plot."""
    from viz.plot_style import TITLE_SCALE, fit_title

    text = "loss over (W1[0,0], W1[0,1]): 3D surface<br>11 others held fixed"
    given = {"title": {"text": text}, "font": {"size": 20}, "margin": {"t": 92}, "height": 600, "scene": {}}
    fitted = fit_title(given, 454)
    assert fitted["margin"] == given["margin"] and fitted["height"] == 600 and fitted["title"]["text"] == text
    size = fitted["title"]["font"]["size"]
    assert size < TITLE_SCALE * 20 and 0.55 * size * len("loss over (W1[0,0], W1[0,1]): 3D surface") <= 454


@pytest.mark.parametrize("width", [358, 454])
def test_a_note_is_wrapped_to_the_room_right_of_the_plot_edge(width: int) -> None:
    """A note starts at the plot's left edge: in presenter type on a phone, the BCE's "grey: loss
    is not finite…" ran past the figure's right edge."""
    from viz.plot_style import fit_note

    text = "grey: loss is not finite in float32 at 1406 of 3721<br>grid points"
    note = {"text": text, "font": {"size": 13}, "x": 0}
    given = {"margin": {"l": 100, "t": 92}, "height": 600, "annotations": [note]}
    fitted = fit_note(given, width)
    lines = fitted["annotations"][0]["text"].split("<br>")
    assert all(0.55 * 13 * len(line) <= 0.97 * width - 100 for line in lines)
    assert " ".join(lines) == text.replace("<br>", " ")
    extra = (len(lines) - 2) * round(1.3 * 13)
    assert (
        fitted["margin"]["t"] == 92 + extra and fitted["height"] == 600 + extra
    )  # the plot keeps its height
    assert (
        given["annotations"][0]["text"] == text and given["margin"]["t"] == 92
    )  # a shared figure is not changed
    assert fit_note(given, 1200) is given  # room enough: as it was
    assert fit_note({"margin": {"l": 100}}, 358) == {"margin": {"l": 100}}
