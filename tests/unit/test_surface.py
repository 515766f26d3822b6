"""Grids are batched and masked; every figure's arrow carries the printed gradients."""

import math

import numpy as np
import plotly.graph_objects as go
import pytest
import torch

from tests.samples import view_of
from viz.backward import record
from viz.kinds import as_floats
from viz.plots import figure
from viz.scenario import REGISTRY
from viz.state import plot_kinds
from viz.surface import compute_grid, fixed_values, gradient_of

VIEWS = [
    {"scenario": sid, **extra}
    for sid in REGISTRY
    for extra in ({}, {"x": "-1.3", "w": "-0.4", "b": "2", "y": "1", "xs": "0.5,-2,4,1", "axes": "3,1"})
]


def _view(query: dict):
    view = view_of(query)
    return view.state, view.state.scenario, view.trace, view.grid


@pytest.mark.parametrize("query", VIEWS)
def test_arrow_components_are_the_leaf_gradients(query: dict) -> None:
    state, scenario, t, grid = _view(query)  # parameters of other scenarios are ignored
    for kind in plot_kinds(len(state.axes)):
        fig = figure(kind, scenario, state.values, t, grid)
        arrows = [tr for tr in fig.data if tr.meta and tr.meta.get("role") == "gradient"]
        if scenario.seed and not scenario.seed_values(state.values):  # backward() raised: no gradient
            assert arrows == []
            continue
        assert len(arrows) == 1
        expected = []
        for axis in grid.axes:
            leaf = t.by_name(scenario.input(axis.input, state.values).label)
            expected.append(leaf.grad[axis.index or 0])
        assert arrows[0].meta["gradient"] == expected
        assert list(arrows[0].customdata[0]) == expected


def test_arrow_points_uphill_on_the_curve() -> None:
    state, scenario, t, grid = _view({"scenario": "sin_square", "x": "3"})
    fig = figure("curve", scenario, state.values, t, grid)
    arrow = next(tr for tr in fig.data if tr.meta and tr.meta.get("role") == "gradient")
    g = arrow.meta["gradient"][0]
    assert g < 0 and arrow.x[1] < arrow.x[0]  # ascent is to the left when dz/dx < 0
    assert arrow.y[1] - arrow.y[0] == pytest.approx(g * (arrow.x[1] - arrow.x[0]))


def test_descent_arrow_is_opposite_the_gradient() -> None:
    state, scenario, t, grid = _view({"scenario": "logistic_bce"})
    fig = figure("contour", scenario, state.values, t, grid)
    roles = {tr.meta["role"]: tr for tr in fig.data if tr.meta}
    up, down = roles["gradient"], roles["descent"]
    assert np.sign(up.x[1] - up.x[0]) == -np.sign(down.x[1] - down.x[0])
    assert "−∇loss" in down.name


@pytest.mark.parametrize("scenario_id", list(REGISTRY))
def test_grid_matches_pointwise_forward(scenario_id: str) -> None:
    view = view_of({"scenario": scenario_id})
    state, scenario, axes = view.state, view.state.scenario, view.axes
    grid = compute_grid(scenario, fixed_values(state.values, axes), axes, points=7)
    rng = np.random.default_rng(0)
    for _ in range(10):
        idx = tuple(int(rng.integers(0, 7)) for _ in axes)
        values = dict(state.values)
        # Rebuild the point from the grid coordinates (meshgrid "xy": loss[row=y, col=x]).
        coord = [float(grid.coords[k][idx[k]]) for k in range(len(axes))]
        for axis, c in zip(axes, coord, strict=True):
            if axis.index is None:
                values[axis.input] = c
            else:
                vec = list(as_floats(values[axis.input]))
                vec[axis.index] = c
                values[axis.input] = tuple(vec)
        expected = scenario.objective_value(values, record(scenario, values).output_node.value)
        cell = grid.loss[idx[::-1]] if len(axes) == 2 else grid.loss[idx[0]]
        if math.isfinite(expected):
            assert cell == pytest.approx(expected, rel=1e-5, abs=1e-5)
        else:
            assert math.isnan(cell)


def test_saturated_bce_cells_are_masked_and_explained() -> None:
    state, scenario, t, grid = _view({"scenario": "logistic_bce"})
    assert grid.masked > 0
    assert np.isnan(grid.loss).sum() == grid.masked
    fig = figure("contour", scenario, state.values, t, grid)
    assert any("not finite" in (a.text or "") for a in fig.layout.annotations)
    assert "1 − 1e-8" in scenario.nonfinite_note
    assert float(torch.tensor(1 - 1e-8, dtype=torch.float32)) == 1.0  # why the clamp can't help


def test_no_masking_where_everything_is_finite() -> None:
    state, scenario, t, grid = _view({"scenario": "square"})
    fig = figure("curve", scenario, state.values, t, grid)
    assert grid.masked == 0 and not fig.layout.annotations


def test_vector_mean_plots_the_chosen_elements() -> None:
    _, _, t, grid = _view({"scenario": "vector_mean", "xs": "1,2,3,4", "axes": "3,1"})
    assert [a.label for a in grid.axes] == ["x[3]", "x[1]"]
    assert gradient_of(t, grid.axes, {"xs": "x"}) == (t.by_name("x").grad[3], t.by_name("x").grad[1])


@pytest.mark.parametrize("query", VIEWS)
@pytest.mark.parametrize("theme", ["light", "dark", "slide"])
def test_every_figure_is_a_valid_plotly_spec(query: dict, theme: str) -> None:
    """Figures are assembled without plotly's validation for speed; validate them here."""
    from viz.descent import descend

    state, scenario, t, grid = _view(query)
    path = descend(scenario, state.values, 0.1, 3)[0]
    for kind in plot_kinds(len(state.axes)):
        fig = figure(kind, scenario, state.values, t, grid, theme, path)
        checked = go.Figure(fig.to_dict())  # raises ValueError on any unknown or ill-typed property
        assert len(checked.data) == len(fig.data) and checked.layout.title.text == fig.layout.title.text


def test_validation_catches_a_bad_property() -> None:
    """The check above can fail: an ill-typed property in an assembled figure is refused."""
    from viz.plot_style import finish, scatter

    fig = finish([scatter(x=[0], y=[0], mode="dots")], {"height": 480})
    with pytest.raises(ValueError, match="mode"):
        go.Figure(fig)
