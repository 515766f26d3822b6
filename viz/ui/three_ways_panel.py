"""Three ways to the gradient: closed form (hand or sympy), autograd, finite difference."""

from __future__ import annotations

import streamlit as st

from viz.numbers import fmt, fmt_sig
from viz.ui.cache import cached_three_ways
from viz.ui.text import indexed_table
from viz.view import View

FD_LABEL = "finite difference (float64, h=1e-6)"


def three_ways_panel(view: View) -> None:
    state, trace = view.state, view.trace
    if trace.current is not None and any(leaf.grad is None for leaf in trace.leaves()):
        st.info("The three-way check appears once backward() has reached every leaf.")
        return
    if trace.unseeded:  # a vector output's backward() without v computed nothing to compare
        seed = state.scenario.seed
        st.info(
            f"backward() raised, so there is no gradient to compare. With {seed}, the three ways "
            "compare vᵀJ: by hand, from autograd, and by finite differences of v·y."
        )
        return
    scenario = state.scenario
    rows = cached_three_ways(state)
    hand = [r.hand for r in rows if r.hand is not None]
    if not hand:
        st.info("No hand derivation for this scenario: autograd is compared with the finite difference only.")
    for h in hand:
        st.latex(h.latex)
        if h.factors:
            names = " · ".join(f"${lat}$" for lat, _ in h.factors)
            numbers = " × ".join(fmt_sig(v) for _, v in h.factors)
            st.caption(f"{scenario.hand_label}: {names} = {numbers} = {fmt(h.value)}")
    short = scenario.hand_label.split()[0]
    autograd = f"autograd ({str(scenario.dtype).removeprefix('torch.')})"
    columns: dict[str, list[str]] = {}
    if hand:
        columns[scenario.hand_label] = ["—" if r.hand is None else fmt(r.hand.value) for r in rows]
    columns |= {autograd: [fmt(r.autograd) for r in rows], FD_LABEL: [fmt(r.finite_difference) for r in rows]}
    if hand:
        columns[f"|{short} − autograd|"] = [
            "—" if r.differences[0] is None else fmt(r.differences[0]) for r in rows
        ]
    columns["|fd − autograd|"] = [fmt(r.differences[1]) for r in rows]
    columns["agree"] = ["yes" if r.agree else "no" for r in rows]
    indexed_table(columns, [r.coordinate.label for r in rows], "gradient")
    notes = sorted({r.hand.note for r in rows if r.hand is not None and r.hand.note})
    for note in notes:
        st.info(note)
    if rows and all(r.agree for r in rows):
        ways = "All three agree" if hand else "Autograd and the finite difference agree"
        st.success(f"{ways} (to 1e-3, relative): autograd applies the chain rule you would derive.")
    elif not notes:
        st.warning(scenario.disagreement_note or "They differ here: float32 rounding in autograd.")
