"""The network tab: where the network puts the boundary, how the loss fell over the steps
taken, and every weight with its gradient as a heatmap."""

from __future__ import annotations

import streamlit as st

from viz.kinds_discrete import as_int
from viz.numbers import fmt
from viz.plot_network import boundary_figure, history_figure, weight_figure
from viz.scenario import REGISTRY, get
from viz.state import parse_query, to_query
from viz.training import Boundary
from viz.ui.cache import Key, key_of, shared_cache
from viz.ui.chart import plotly_spec_chart
from viz.ui.viewport import on_phone
from viz.view import View

BOUNDARY_POINTS = 81  # per side of the input plane


@shared_cache(64)
def _boundary(scenario_id: str, values: Key) -> Boundary:
    training = get(scenario_id).training
    assert training is not None
    return training.boundary(dict(values), BOUNDARY_POINTS)


def _elsewhere() -> None:
    st.info("This scenario has no trained network. A small one, trained by SGD:")
    for other in (s for s in REGISTRY.values() if s.training):
        for label, params in other.examples[:2]:
            example, _ = parse_query({"scenario": other.id, **params})
            st.page_link(
                "app_pages/explore.py", label=f"{other.title}: {label}", query_params=to_query(example)
            )


def network_panel(view: View) -> None:
    state, training = view.state, view.state.scenario.training
    if training is None:
        _elsewhere()
        return
    theme, config = state.display.theme, {"displaylogo": False}
    steps = as_int(state.values[training.steps])
    losses = training.history(state.values)
    left, right = st.columns(2)
    with left:
        title = f"p(class 1) after {steps} steps; the line is p = 0.5"
        plotly_spec_chart(
            boundary_figure(_boundary(state.scenario_id, key_of(state.values)), theme, title),
            config,
            key="network_boundary",
        )
    with right:
        plotly_spec_chart(history_figure(losses, theme), config, key="network_history")
    st.caption(
        f"Loss {fmt(losses[0])} before any step, {fmt(losses[-1])} after {steps}. Each step is one "
        f"optimizer.step(): every weight moves by −lr × its .grad (lr = {fmt(state.lesson.lr)})."
    )
    columns = 1 if on_phone() else 2  # a phone: each heatmap the screen wide, its numbers legible
    plotly_spec_chart(weight_figure(view.trace, theme, columns), config, key="network_weights")
    st.caption(
        "Blue is positive, red negative, white zero; each heatmap has its own scale (a gradient is "
        "much smaller than its weight). The gradients are those of this backward(): the next step's."
    )
