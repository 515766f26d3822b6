"""The Hessian heatmap (many inputs, ``&order=2``) against the maths it draws: its cells are
torch's second derivatives, the colour is red exactly where an entry is above 0 and blue
where it is below, rows read top to bottom like the matrix, and the outline is the chosen row."""

import itertools

import numpy as np
import plotly.graph_objects as go
import pytest

from tests.unit.test_second import functional
from viz.plot_hessian import MANY, hessian_figure
from viz.plot_style import TEMPLATES
from viz.second import hessian
from viz.state import default_state


def _mlp():
    state = default_state("mlp")
    return state.scenario, state.values, hessian(state.scenario, state.values)


def _rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def _colour_at(scale: list, t: float) -> tuple[float, ...]:
    """The colour plotly paints at position t (0..1) of a piecewise-linear scale."""
    for (t0, c0), (t1, c1) in itertools.pairwise(scale):
        if t0 <= t <= t1:
            u = (t - t0) / (t1 - t0)
            return tuple(a + u * (b - a) for a, b in zip(_rgb(c0), _rgb(c1), strict=True))
    raise AssertionError(t)


def test_the_cells_are_torchs_hessian_of_the_network() -> None:
    scenario, values, h = _mlp()
    assert len(h.labels) > MANY
    z = np.array(hessian_figure(h, 0, "loss", "light")["data"][0]["z"], dtype=float)
    assert z == pytest.approx(functional(scenario, values), abs=1e-5)


def test_red_is_above_zero_and_blue_below_with_zero_near_white() -> None:
    _, _, h = _mlp()
    heat = hessian_figure(h, 0, "loss", "light")["data"][0]
    lo, hi, scale = heat["zmin"], heat["zmax"], heat["colorscale"]
    assert lo == -hi and hi == pytest.approx(max(abs(v) for r in h.autograd for v in r))
    signs = set()
    for value in (v for r in heat["z"] for v in r):
        r, _, b = _colour_at(scale, (value - lo) / (hi - lo))
        if abs(value) > 0.05 * hi:  # a visible tint
            assert (r > b) == (value > 0), value
            signs.add(value > 0)
    assert signs == {True, False}  # both colours are on screen
    assert min(_colour_at(scale, 0.5)) > 240  # 0 is (near) white
    for k in range(101):  # red on the positive half, blue on the negative; darker further from 0
        r, g, b = _colour_at(scale, k / 100)
        assert k == 50 or (r > b) == (k > 50), k
        if k != 50:
            nearer = _colour_at(scale, (k + (1 if k < 50 else -1)) / 100)
            assert r + g + b < sum(nearer), k


def test_rows_read_top_down_and_the_chosen_row_is_outlined() -> None:
    _, _, h = _mlp()
    n, row = len(h.labels), 5
    spec = hessian_figure(h, row, "loss", "light")
    (outline,) = spec["layout"]["shapes"]
    assert spec["layout"]["yaxis"]["autorange"] == "reversed"  # row 0 at the top, as in the matrix
    assert spec["layout"]["yaxis"]["scaleanchor"] == "x"  # square cells
    assert (outline["y0"], outline["y1"]) == (row - 0.5, row + 0.5)
    assert (outline["x0"], outline["x1"]) == (-0.5, n - 0.5)
    assert spec["data"][0]["y"][row] == h.labels[row]


@pytest.mark.parametrize("theme", list(TEMPLATES))
def test_the_spec_is_a_valid_plotly_figure_in_every_theme(theme: str) -> None:
    _, _, h = _mlp()
    checked = go.Figure(hessian_figure(h, 0, "loss", theme))
    assert checked.data[0].type == "heatmap"
