"""What the Explore page shows: headline numbers, the graph, the plot, the tables."""

from __future__ import annotations

import math
from dataclasses import replace

import streamlit as st

from viz.diagnose import explain
from viz.export import file_name
from viz.graph_labels import grad_text
from viz.graph_style import CUE_TEXT, THEMES, legend_entries
from viz.numbers import fmt, fmt_values
from viz.state import PLOT_KINDS_2D, ViewState
from viz.trace import Trace
from viz.ui.chart import view_chart
from viz.ui.graph_text import graph_text
from viz.ui.layout import SIDES_PX
from viz.ui.text import indexed_table, table
from viz.ui.url import queue, sync_widget
from viz.ui.viewport import on_phone, viewport
from viz.view import View

PLOT_TITLES = {"curve": "curve", "contour": "contour", "surface3d": "3D surface"}


def tensor_table(trace: Trace) -> None:
    """Every tensor in the graph: its backward function, value and .grad."""
    header = ["tensor", "grad_fn", "value", ".grad", "kind"]
    rows = [
        [n.name, n.op if n.kind != "constant" else "— (constant)", fmt_values(n.value),
         "—" if n.kind == "constant" else grad_text(trace, n).removeprefix("grad "), n.kind]
        for n in trace.nodes
    ]  # fmt: skip
    table(header, rows)
    st.caption(
        "Leaves keep their gradient in `.grad`; intermediates only with `retain_grad()`. "
        "— : backward has not reached it yet. A tensor used twice adds what each use sends back."
    )


def element_table(trace: Trace) -> None:
    """Per element of a vector leaf: every tensor of that length, then ∂output/∂xᵢ."""
    leaf = next((n for n in trace.leaves() if len(n.value) > 1), None)
    if leaf is None:
        return
    n = len(leaf.value)
    same = [node for node in reversed(trace.nodes) if len(node.value) == n]  # forward order
    columns = {node.name: [fmt(v) for v in node.value] for node in same}
    grad = trace.this_call(leaf.id) or (None,) * n
    columns[f"∂{trace.differentiated}/∂{leaf.name}ᵢ"] = ["—" if g is None else fmt(g) for g in grad]
    indexed_table(columns, range(n), "i")


def graph_alt(trace: Trace) -> str:
    """A one-line description of the graph for screen readers (the full text is below it)."""
    leaves = ", ".join(n.name for n in trace.leaves())
    return f"Autograd graph: {len(trace.nodes)} boxes from the leaves {leaves} to the output {trace.output}."


def graph(view: View) -> None:
    st.graphviz_chart(view.dot, alt=graph_alt(view.trace))
    t = THEMES[view.state.display.theme]
    swatches = " &nbsp; ".join(
        f"<span style='background:{t.fill(kind)};border:1px solid {t.font};border-radius:4px;"
        f"padding:0 6px;color:{t.font};display:inline-block;white-space:nowrap;margin:2px 0'>"
        f"{short}</span>"
        for kind, short, _ in legend_entries({n.kind for n in view.trace.nodes})
    )  # legend text is fixed, never user input
    st.markdown(swatches, unsafe_allow_html=True)
    output = view.trace.differentiated
    accumulated = any(view.trace.accumulated(n) for n in view.trace.nodes)
    meaning = "grad = this backward()'s gradient; .grad is the sum of the calls" if accumulated else (
        f"grad = ∂{output}/∂(that tensor)")  # fmt: skip
    if view.trace.unseeded:
        meaning = "No gradient exists: backward() raised"
    cues = "".join(
        f" {text[0].upper()}{text[1:]}." for cue, text in CUE_TEXT.items() if getattr(view.trace, cue)
    )
    made = view.trace.output
    st.caption(f"Arrows run forward (inputs → {made}); backward() walks them in reverse. {meaning}.{cues}")
    graph_text(view)


def _set_plot(key: str) -> None:
    kind = st.session_state[key]
    if kind:
        queue("plot", lambda s: replace(s, plot=kind))


def plot_config(view: View, kind: str = "") -> dict:
    """A plot's toolbar: the camera saves an SVG named like the downloads."""
    name = file_name(view.state, kind or view.state.plot, "svg").removesuffix(".svg")
    return {"toImageButtonOptions": {"format": "svg", "scale": 3, "filename": name}, "displaylogo": False}


def point_not_finite(view: View) -> bool:
    """The current view itself (its output or a gradient shown) is inf or nan."""
    shown = [*view.trace.output_node.value, *(g for n in view.trace.leaves() for g in (n.grad or ()))]
    return not all(math.isfinite(v) for v in shown)


def plot(view: View) -> None:
    """The curve or surface, with the plot-kind picker and its notes."""
    state: ViewState = view.state
    if state.plot in PLOT_KINDS_2D:
        st.segmented_control(
            "plot", PLOT_KINDS_2D, default=sync_widget("plot_kind", state.plot), key="plot_kind",
            format_func=lambda kind: PLOT_TITLES[kind], on_change=_set_plot, args=("plot_kind",),
            label_visibility="collapsed",
        )  # fmt: skip
    if on_phone():  # the figure as wide as the page's column, its colour bar under it
        view_chart(state, view.figure, plot_config(view), viewport()[0] - SIDES_PX, phone=True)
    else:
        view_chart(state, view.figure, plot_config(view))
    if view.trace.current is not None and any(
        view.trace.this_call(n.id) is None for n in view.trace.leaves()
    ):
        st.caption("The gradient arrow appears once backward() reaches the leaves.")


def nonfinite_notes(view: View) -> None:
    """Why this view shows inf or nan: said only when the current point is affected."""
    notes = explain(view.trace)
    if notes and point_not_finite(view):
        st.warning("  \n".join([*notes, view.state.scenario.nonfinite_note]), icon=":material/info:")
