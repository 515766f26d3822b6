"""Second derivatives (``&order=2``): the Hessian three ways, and the graph of the gradient."""

from __future__ import annotations

import streamlit as st

from viz.grad_graph import explain
from viz.graph_dot import to_dot
from viz.numbers import fmt
from viz.plot_hessian import MANY, hessian_figure
from viz.second import Hessian
from viz.ui.cache import cached_gradient_graph
from viz.ui.kept_chart import kept_chart
from viz.ui.lesson_state import set_lesson
from viz.ui.panels import graph_alt, plot_config
from viz.ui.text import indexed_table, plain_text
from viz.ui.url import sync_option, sync_widget
from viz.view import View, gradient_row, graph_style

FD_LABEL = "finite difference of the float64 gradient (h=1e-5)"


def _row_choice(view: View) -> None:
    coordinates = view.state.scenario.coordinates(view.state.values)
    if len(coordinates) < 2:
        return
    tokens = [c.token for c in coordinates]
    labels = {c.token: c.label for c in coordinates}
    key = "second_row"
    st.radio(
        "Differentiate the gradient's entry for",
        tokens,
        sync_option(key, tokens, gradient_row(view.state).token),
        key=key,
        format_func=labels.get,
        horizontal=True,
        on_change=lambda: set_lesson(row=st.session_state[key]),
    )


def _pairs(n: int, row: int) -> list[tuple[int, int]]:
    """Every distinct entry (the Hessian is symmetric), or for many inputs the chosen row's."""
    if n > MANY:
        return [(row, j) for j in range(n)]
    return [(i, j) for i in range(n) for j in range(n) if i <= j]


def _verdict(h: Hessian) -> None:
    """Over every distinct entry, also those a many-input page does not list."""
    n = len(h.labels)
    differ = [f"{h.labels[i]}, {h.labels[j]}" for i in range(n) for j in range(i, n) if not h.agree(i, j)]
    if not differ:
        st.success("They agree (to 1e-3, relative): differentiating autograd's gradient again is exact.")
        return
    listed = "; ".join(differ[:3]) + ("; …" if len(differ) > 3 else "")
    where = f" at {len(differ)} of {n * (n + 1) // 2} entries ({listed})"
    st.warning(
        f"They differ{where if n > 1 else ''}: float32 rounding, a kink, or a point where f is not smooth."
    )


def _three_ways(h: Hessian, dtype: str, row: int, output: str) -> None:
    if h.closed is not None:
        st.latex(h.closed.latex)
    n = len(h.labels)
    pairs = _pairs(n, row)
    if n > MANY:
        st.markdown(
            f"The row of ∂{output}/∂{h.labels[row]}, three ways (choose another row above); "
            f"the verdict below covers all {n * (n + 1) // 2} distinct entries."
        )
    names = [f"{h.labels[i]}, {h.labels[j]}" if n > 1 else h.labels[i] for i, j in pairs]
    columns: dict[str, list[str]] = {}
    if h.closed is not None:
        columns[h.closed.label] = [fmt(h.closed.matrix[i][j]) for i, j in pairs]
    columns[f"autograd, twice ({dtype})"] = [fmt(h.autograd[i][j]) for i, j in pairs]
    columns[FD_LABEL] = [fmt(h.finite_difference[i][j]) for i, j in pairs]
    columns["agree"] = ["yes" if h.agree(i, j) else "no" for i, j in pairs]
    indexed_table(columns, names, "second derivative")
    if h.closed is not None and h.closed.note:
        st.info(plain_text(h.closed.note))
    _verdict(h)


def _matrix(view: View, h: Hessian, row: int) -> None:
    if len(h.labels) < 2:
        return
    if len(h.labels) > MANY:
        output = view.full.differentiated
        st.markdown(
            "**The Hessian** (autograd): red above 0, blue below, near-white 0; point at a cell for its "
            f"number. The outlined row, ∂ of ∂{output}/∂{h.labels[row]}, is compared above and graphed below."
        )
        spec = hessian_figure(h, row, output, view.state.display.theme)
        kept_chart(spec, plot_config(view, "hessian"), key="hessian", revision="")
        return
    columns = {label: [fmt(r[j]) for r in h.autograd] for j, label in enumerate(h.labels)}
    st.markdown("**The Hessian** (autograd): row i is the gradient of ∂f/∂(row i).")
    indexed_table(columns, list(h.labels), "∂ of the gradient's entry")


def second_panel(view: View) -> None:
    state = view.state
    st.toggle(
        "Differentiate the gradient again (order=2)",
        sync_widget("second_on", state.lesson.order == 2),
        key="second_on",
        on_change=lambda: set_lesson(order=2 if st.session_state["second_on"] else 1),
    )
    if view.hessian is None:
        st.markdown(
            "`torch.autograd.grad(f, x, create_graph=True)` returns a gradient that is itself a tensor "
            "with a graph: autograd recorded the backward pass. Differentiating it again gives "
            "d²f/dx², or the Hessian for several inputs: the curvature that Newton's method and "
            "the analysis of optimizers use."
        )
        return
    h, dtype = view.hessian, str(state.scenario.dtype).removeprefix("torch.")
    _row_choice(view)
    at = gradient_row(state)
    row = state.scenario.coordinates(state.values).index(at)
    _three_ways(h, dtype, row, view.full.differentiated)
    _matrix(view, h, row)
    for label, error in h.constant_rows:
        st.info(
            plain_text(
                f"∂f/∂{label} does not depend on any input: it has no grad_fn, so its row is 0. "
                f"Differentiating it again, torch raises RuntimeError: {error}"
            )
        )
    graph = cached_gradient_graph(state, at)
    if isinstance(graph, str):
        return
    st.markdown(plain_text(explain(graph.output, at.label)))
    st.graphviz_chart(to_dot(graph, graph_style(state)), alt=graph_alt(graph))
