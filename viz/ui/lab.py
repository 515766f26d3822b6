"""The notebook's other lessons, one tab each: three ways to a gradient, non-leaf
.grad, accumulation, gradient descent, and the code behind the view."""

from __future__ import annotations

import math
from dataclasses import replace

import streamlit as st

from viz.codegen import to_ipynb, to_py
from viz.lesson import LR_RANGE, MAX_GD, MAX_OPS
from viz.numbers import fmt, fmt_values, url_number
from viz.state import ViewState, to_query
from viz.torch_text import nonleaf_grad_warning
from viz.trace import Trace
from viz.ui.cache import cached_code, cached_descent, cached_three_ways, key_of
from viz.ui.text import indexed_table
from viz.ui.url import queue, sync_widget


def _lesson(**changes: object) -> None:
    queue("lesson", lambda s: replace(s, lesson=replace(s.lesson, **changes)))


def _switch(widget, label: str, field: str, state: ViewState, key: str, **extra: object) -> None:
    """A toggle or checkbox driven by, and writing back to, one boolean of the lesson."""
    sync_widget(key, getattr(state.lesson, field))
    widget(label, key=key, on_change=lambda: _lesson(**{field: bool(st.session_state[key])}), **extra)


def three_way_panel(state: ViewState, trace: Trace) -> None:
    if trace.current is not None and any(leaf.grad is None for leaf in trace.leaves()):
        st.info("The three-way check appears once backward() has reached every leaf.")
        return
    rows = cached_three_ways(state.scenario, key_of(dict(state.values)), state.lesson.lab())
    short = state.spec.hand_label.split()[0]
    for row in rows:
        st.latex(row.hand.latex)
        if row.hand.factors:
            names = " · ".join(f"${lat}$" for lat, _ in row.hand.factors)
            numbers = " × ".join(fmt(v) for _, v in row.hand.factors)
            st.caption(f"{state.spec.hand_label}: {names} = {numbers} = {fmt(row.hand.value)}")
    indexed_table(
        {
            state.spec.hand_label: [fmt(r.hand.value) for r in rows],
            f"autograd ({str(state.spec.dtype).removeprefix('torch.')})": [fmt(r.autograd) for r in rows],
            "finite difference (float64, h=1e-6)": [fmt(r.finite_difference) for r in rows],
            f"|{short} − autograd|": [fmt(r.differences[0]) for r in rows],
            "|fd − autograd|": [fmt(r.differences[1]) for r in rows],
            "agree": ["yes" if r.agree else "no" for r in rows],
        },
        [r.hand.label for r in rows],
        "gradient",
    )
    notes = sorted({r.hand.note for r in rows if r.hand.note})
    for note in notes:
        st.info(note)
    if all(r.agree for r in rows):
        st.success("All three agree (to 1e-3, relative): autograd applies the same chain rule you derive.")
    elif not notes:
        st.warning(state.spec.disagreement_note or "They differ here: float32 rounding in autograd.")


def retain_grad_panel(state: ViewState, trace: Trace) -> None:
    _switch(st.toggle, "retain_grad() on intermediates", "retain_grad", state, key="retain_grad_toggle")
    if state.lesson.retain_grad:
        st.markdown(
            "Every intermediate tensor called `.retain_grad()`, so its `.grad` holds ∂output/∂tensor."
        )
        return
    st.markdown(
        "Without `retain_grad()`, a non-leaf tensor's `.grad` is **None**, and reading it makes torch say:"
    )
    st.warning(nonleaf_grad_warning(), icon=":material/warning:")
    st.markdown(
        "The gradients still **flow along the edges** of the graph (the red numbers): backward "
        "computes them either way; it only does not store them on non-leaf tensors."
    )


def accumulation_panel(state: ViewState, trace: Trace) -> None:
    ops, leaves = state.lesson.ops, [n.name for n in trace.leaves()]
    st.markdown(f"Calls so far: `{' → '.join(_op_text(op, leaves) for op in ops) or 'none'}`")
    full = len(ops) >= MAX_OPS
    b, z, reset = st.columns(3)
    b.button(
        "Call backward() again", disabled=full, width="stretch", on_click=_lesson, kwargs={"ops": (*ops, "b")}
    )
    z.button(
        f"{leaves[0]}.grad.zero_()" + (" (all leaves)" if len(leaves) > 1 else ""),
        disabled=full,
        width="stretch",
        on_click=_lesson,
        kwargs={"ops": (*ops, "z")},
    )
    reset.button("reset to one backward()", width="stretch", on_click=_lesson, kwargs={"ops": ("b",)})
    _switch(
        st.checkbox, "backward(retain_graph=True)", "retain_graph", state, key="retain_graph_toggle",
        help="Without it, backward() frees the tensors the graph saved; a second call fails.",
    )  # fmt: skip
    rows = [
        {
            "call": _op_text(op, leaves),
            **{f"{n}.grad": fmt_values(g) if g is not None else "None" for n, g in grads},
        }
        for op, grads in trace.history
    ]
    if rows:
        indexed_table(rows, range(1, len(rows) + 1), "#")
    for note in trace.notes:
        st.error(note) if "raised" in note else st.info(note)
    st.caption(
        "Gradients add up across backward() calls until .grad.zero_(): this is why training loops "
        "call optimizer.zero_grad()."
    )


def _op_text(op: str, leaves: list[str]) -> str:
    return "backward()" if op == "b" else f"{leaves[0]}.grad.zero_()"


def descent_panel(state: ViewState, trace: Trace) -> None:
    lesson = state.lesson
    key = "learning_rate"
    sync_widget(key, lesson.lr)
    st.number_input(
        "learning rate",
        LR_RANGE[0],
        LR_RANGE[1],
        step=0.05,
        format="%.4f",
        key=key,
        on_change=lambda: _lesson(lr=float(st.session_state[key])),
    )
    step, reset, move = st.columns(3)
    step.button(
        "take a step",
        width="stretch",
        disabled=lesson.gd >= MAX_GD,
        on_click=_lesson,
        kwargs={"gd": lesson.gd + 1},
    )
    reset.button("reset", width="stretch", disabled=not lesson.gd, on_click=_lesson, kwargs={"gd": 0})
    path, note = cached_descent(state.scenario, key_of(dict(state.values)), lesson.lr, lesson.gd)
    move.button(
        "continue from the last point",
        width="stretch",
        disabled=not lesson.gd,
        on_click=_move_to,
        args=(path[-1].values,),
    )
    indexed_table(
        {trace.output: [fmt(p.loss) for p in path], **_columns(state, path)}, range(len(path)), "step"
    )
    if note:
        st.warning(note)


def _columns(state: ViewState, path: list) -> dict[str, list[str]]:
    return {
        spec.label: [
            fmt_values(
                p.values[spec.name] if isinstance(p.values[spec.name], tuple) else (p.values[spec.name],)
            )
            for p in path
        ]
        for spec in state.spec.inputs
        if spec.leaf
    }


def _move_to(values: dict) -> None:
    def change(s: ViewState) -> ViewState:
        moved = replace(s, values={k: _round(v) for k, v in values.items()})
        return replace(moved, lesson=replace(s.lesson, gd=0))

    queue("values", change, priority=10)


def _round(v: object) -> object:
    if isinstance(v, tuple):
        return tuple(float(url_number(e)) for e in v)
    return float(url_number(v)) if isinstance(v, float) and math.isfinite(v) else v


def code_panel(state: ViewState) -> None:
    cells = cached_code(state.scenario, key_of(dict(state.values)), state.lesson.lab())
    source = to_py(cells)
    name = "_".join([state.scenario, *(f"{k}{v}" for k, v in to_query(state).items() if k in state.values)])
    left, right = st.columns(2)
    left.download_button(
        "Download .py", source, file_name=f"{name}.py", mime="text/x-python", width="stretch"
    )
    right.download_button(
        "Download .ipynb",
        to_ipynb(cells),
        file_name=f"{name}.ipynb",
        mime="application/x-ipynb+json",
        width="stretch",
    )
    st.code(source, language="python")
