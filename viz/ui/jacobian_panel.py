"""A vector output's Jacobian: all of J, vᵀJ beside ``x.grad``, and forward mode's J·u, with
the count of passes each mode needs to build J."""

from __future__ import annotations

import streamlit as st

from viz.jacobian import Jacobian
from viz.numbers import fmt
from viz.scenario import REGISTRY
from viz.state import parse_query, to_query
from viz.three_ways import TOLERANCE
from viz.ui.cache import cached_jacobian
from viz.ui.text import indexed_table, plain_text
from viz.view import View

WAYS = "torch.autograd.functional.jacobian, one backward(gradient=eᵢ) per row, one jvp(u=eⱼ) per column"


def raised_note(view: View) -> None:
    """Without v, a vector output's backward() raises: torch's words, then what they mean."""
    scenario, out = view.state.scenario, view.full.output_node
    if not scenario.seed or view.full.backward_calls or len(out.value) == 1:
        return
    error = next((n.split("raised ", 1)[1] for n in view.full.notes if "raised" in n), "")
    st.error(plain_text(f"{out.name}.backward() raised {error}"), icon=":material/error:")
    st.caption(
        f"{out.name} has {len(out.value)} elements, so there is no single number to differentiate: "
        f"torch needs to be told how to weigh them. Switch on {scenario.seed} in the sidebar (or add "
        f"&{scenario.seed}=… to the link): backward(gradient={scenario.seed}) computes "
        f"{scenario.seed}ᵀJ, the gradient of {scenario.seed}·{out.name}. The Jacobian tab shows all of J."
    )


def _close(a: tuple[float, ...], b: tuple[float, ...]) -> list[str]:
    scale = max([1.0, *map(abs, a), *map(abs, b)])
    return ["yes" if abs(x - y) <= TOLERANCE * scale else "no" for x, y in zip(a, b, strict=True)]


def _products(j: Jacobian, view: View) -> None:
    leaf, seed = view.full.leaves()[0], view.state.scenario.seed
    if j.v is not None and j.vjp is not None and leaf.grad is not None:
        st.markdown(f"**{seed}ᵀJ, two ways** (v = {', '.join(map(fmt, j.v))})")
        indexed_table(
            {"vᵀJ, multiplied out from J (float64)": [fmt(g) for g in j.vjp],
             f"{leaf.name}.grad after backward(gradient=v)": [fmt(g) for g in leaf.grad],
             "agree": _close(j.vjp, leaf.grad)}, j.inputs, "entry",
        )  # fmt: skip
    if j.u is not None and j.jvp is not None and j.ju is not None:
        st.markdown(f"**J·u, forward mode** (u = {', '.join(map(fmt, j.u))})")
        indexed_table(
            {"torch.func.jvp: one forward pass": [fmt(g) for g in j.jvp],
             "J·u, multiplied out from J (float64)": [fmt(g) for g in j.ju], "agree": _close(j.jvp, j.ju)},
            j.outputs, "entry",
        )  # fmt: skip
    elif j.u is None:
        st.caption(
            "Switch on u in the sidebar to see forward mode: one jvp pass gives J·u, a column mix of J."
        )


def jacobian_panel(view: View) -> None:
    scenario = view.state.scenario
    if not scenario.seed:
        st.info(
            f"{view.full.output} is one number: its Jacobian is one row, the gradient above. Vector outputs:"
        )
        for other in (s for s in REGISTRY.values() if s.seed):
            for label, params in other.examples[:1]:
                example, _ = parse_query({"scenario": other.id, **params})
                st.page_link(
                    "app_pages/explore.py", label=f"{other.title}: {label}", query_params=to_query(example)
                )
        return
    j = cached_jacobian(view.state)
    indexed_table({c: [fmt(row[k]) for row in j.autograd] for k, c in enumerate(j.inputs)}, j.outputs, "J")
    agree = "agree" if j.agree() else "differ here"
    closed = ", the closed form" if j.closed else ""
    st.caption(f"J four ways ({WAYS}, central finite differences in float64{closed}): they {agree}.")
    reverse, forward = j.passes
    st.markdown(
        f"Building all of J takes **{reverse} backward passes** (one per output) or **{forward} forward "
        "passes** (one per input). A loss is one number: reverse mode gets its gradient in 1 pass "
        "whatever the number of weights, forward mode needs one per weight. That is why training "
        "uses backward()."
    )
    _products(j, view)
