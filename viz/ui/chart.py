"""Hand a ready plotly spec to ``st.plotly_chart`` without rebuilding it.

``st.plotly_chart`` turns a dict into a validated ``go.Figure`` and a Figure
back into a dict (``to_dict``) before serialising it. For a spec built here
(and validated by the unit tests) that round trip is pure cost on every slider
move: ~10 ms of CPU plus ~250 objects for the garbage collector. ``ReadyFigure``
is a Figure whose ``to_dict`` is the spec itself. If a Streamlit upgrade needs
more of the Figure API, the app tests fail at once (versions are pinned).
"""

from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st

from viz.plot_fit import bar_beside_square, equal_scale_width, room_for_the_plot, ticks_that_fit
from viz.plot_phone import bar_under_plot
from viz.plot_style import PHONE_FIGURE_PX, fit_note, fit_title
from viz.state import ViewState
from viz.ui.kept_chart import kept_chart


class ReadyFigure(go.Figure):
    def __new__(cls, spec: dict) -> ReadyFigure:
        figure = object.__new__(cls)
        object.__setattr__(figure, "_spec", spec)
        return figure

    def __init__(self, spec: dict) -> None:  # the spec is kept as it is: nothing to build
        pass

    def to_dict(self) -> dict:
        return self._spec


def plotly_spec_chart(spec: dict, config: dict, key: str, width: int | None = None) -> None:
    """``width`` in px, at most the column's; the column's whole width if None."""
    st.plotly_chart(ReadyFigure(spec), config=config, theme=None, key=key, width=width or "stretch")


def view_chart(
    state: ViewState, spec: dict, config: dict, width_px: float = PHONE_FIGURE_PX, height_px: int = 0,
    phone: bool = False,
) -> None:  # fmt: skip
    """The view's plot, its title wrapped to a figure ``width_px`` wide (the page's narrowest by
    default), ``height_px`` high if given (presenter mode, which knows its width: its note is wrapped
    to it too; the title's lines come out of the plot); the 3D surface keeps its scene between moves
    (``kept_chart``). On a ``phone`` a contour's colour bar goes under the plot, and the figure is
    no taller than its square needs; elsewhere a contour's colour bar stands beside its square (the
    page's figure is only as wide as both need; presenter mode's keeps its width, the bar moved)."""
    shown = _fitted(spec, width_px, height_px, phone)
    width = None if phone or height_px else equal_scale_width(shown["layout"])
    if height_px and not phone:  # presenter mode: the title is wrapped to the column, which it keeps
        shown = ticks_that_fit(room_for_the_plot(shown, width_px), width_px)
        shown = bar_beside_square(shown, width_px)
    if state.plot == "surface3d":
        kept_chart(shown, config, key="scene", revision=f"{state.scenario_id}:{','.join(state.axes)}")
    else:
        plotly_spec_chart(shown, config, key=f"plot_{state.plot}", width=width)


def _fitted(spec: dict, width_px: float, height_px: int, phone: bool) -> dict:
    layout = fit_title(fit_note(spec["layout"], width_px) if height_px or phone else spec["layout"], width_px)
    spec = spec | {"layout": layout}
    if phone:
        return bar_under_plot(spec, width_px, height_px)
    return spec | {"layout": spec["layout"] | {"height": height_px}} if height_px else spec
