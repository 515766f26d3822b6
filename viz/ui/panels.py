"""What the Explore page shows: headline numbers, the graph, the plot, the tables."""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from viz.diagnose import explain
from viz.export import file_name
from viz.graph_dot import THEMES, legend_entries
from viz.numbers import fmt, fmt_values
from viz.state import PLOT_KINDS_2D, ViewState
from viz.trace import Trace
from viz.ui.chart import plotly_spec_chart
from viz.ui.text import indexed_table, markdown_table
from viz.ui.url import queue
from viz.view import View

PLOT_TITLES = {"curve": "curve", "contour": "contour", "surface3d": "3D surface"}


def grad_text(grad: tuple[float, ...] | None, note: str = "") -> str:
    """A gradient as the page prints it; "—" before backward reaches it, "None" if not kept."""
    if grad is not None:
        return fmt_values(grad)
    return "—" if note == "pending" else "None"


def headline(view: View) -> None:
    """The output value and each leaf's .grad, as the notebook prints them."""
    trace = view.trace
    out = trace.output_node
    leaves = trace.leaves()
    d = "d" if len(view.state.scenario.coordinates(view.state.values)) == 1 else "∂"
    cols = st.columns(1 + len(leaves))
    cols[0].metric(f"{out.name} (output)", fmt_values(out.value))
    for col, leaf in zip(cols[1:], leaves, strict=True):
        col.metric(f"{leaf.name}.grad = {d}{out.name}/{d}{leaf.name}", grad_text(leaf.grad, leaf.grad_note))


def tensor_table(trace: Trace) -> None:
    """Every tensor in the graph: its backward function, value and gradient."""
    header = ["tensor", "grad_fn", "value", f"grad = ∂{trace.output}/∂tensor", "kind"]
    rows = [
        [
            n.name,
            n.op if n.kind != "constant" else "— (constant)",
            fmt_values(n.value),
            "—" if n.kind == "constant" else grad_text(n.grad, n.grad_note),
            n.kind,
        ]
        for n in trace.nodes
    ]
    st.markdown(markdown_table(header, rows))
    st.caption(
        "Leaves keep their gradient in `.grad`; intermediates only with `retain_grad()`. "
        "— : backward has not reached it yet."
    )


def element_table(trace: Trace) -> None:
    """Per element of a vector leaf: every tensor of that length, then ∂output/∂xᵢ."""
    leaf = next((n for n in trace.leaves() if len(n.value) > 1), None)
    if leaf is None:
        return
    n = len(leaf.value)
    same = [node for node in reversed(trace.nodes) if len(node.value) == n]  # forward order
    columns = {node.name: [fmt(v) for v in node.value] for node in same}
    grad = leaf.grad or (None,) * n
    columns[f"∂{trace.output}/∂{leaf.name}ᵢ"] = ["—" if g is None else fmt(g) for g in grad]
    indexed_table(columns, range(n), "i")


def graph(view: View) -> None:
    st.graphviz_chart(view.dot)
    t = THEMES[view.state.display.theme]
    fill = {"leaf": t.leaf, "op": t.op, "output": t.output, "constant": t.constant}
    swatches = " &nbsp; ".join(
        f"<span style='background:{fill[kind]};border:1px solid {t.border};border-radius:4px;"
        f"padding:0 6px;color:{t.font};display:inline-block;white-space:nowrap;margin:2px 0'>"
        f"{text.splitlines()[0]}</span>"
        for _, text, kind in legend_entries({n.kind for n in view.trace.nodes})
    )  # legend text is fixed, never user input
    st.markdown(swatches, unsafe_allow_html=True)
    output = view.trace.output
    st.caption(
        f"Arrows run forward (inputs → {output}); backward() walks them in reverse. "
        f"grad = ∂{output}/∂(that tensor)."
    )


def _set_plot(key: str) -> None:
    kind = st.session_state[key]
    if kind:
        queue("plot", lambda s: replace(s, plot=kind))


def plot_config(view: View) -> dict:
    """The plot's toolbar: the camera saves an SVG named like the downloads."""
    name = file_name(view.state, view.state.plot, "svg").removesuffix(".svg")
    return {"toImageButtonOptions": {"format": "svg", "scale": 3, "filename": name}, "displaylogo": False}


def plot(view: View) -> None:
    """The curve or surface, with the plot-kind picker and its notes."""
    state: ViewState = view.state
    if state.plot in PLOT_KINDS_2D:
        st.session_state["plot_kind"] = state.plot
        st.segmented_control(
            "view",
            PLOT_KINDS_2D,
            key="plot_kind",
            format_func=lambda kind: PLOT_TITLES[kind],
            on_change=_set_plot,
            args=("plot_kind",),
            label_visibility="collapsed",
        )
    plotly_spec_chart(view.figure, plot_config(view), key=f"plot_{state.plot}")
    if view.grid.masked and state.scenario.nonfinite_note:
        st.info(state.scenario.nonfinite_note)
    if view.trace.current is not None and any(leaf.grad is None for leaf in view.trace.leaves()):
        st.caption("The gradient arrow appears once backward() reaches the leaves.")


def nonfinite_notes(view: View) -> None:
    notes = explain(view.trace)
    if notes:
        st.warning("  \n".join([*notes, view.state.scenario.nonfinite_note]), icon=":material/info:")
