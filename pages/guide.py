"""Guide: how to read the page, and the notebook lessons it teaches."""

import streamlit as st

from viz.scenario import REGISTRY
from viz.state import default_state, parse_query, to_query
from viz.ui.frame import page_setup

page_setup()

st.title("How to read Gradient Lens")
st.markdown(
    """
**The graph** is PyTorch's real `grad_fn` graph, drawn as torchviz draws it: one box
per backward function, labelled with the tensor that function's forward step made,
its value and its gradient. Blue boxes are leaves (`requires_grad=True`): `backward()`
stores their gradient in `.grad` through `AccumulateGrad`. The green box is the output,
where `backward()` starts with gradient 1. Dashed yellow boxes are constants: they feed
the computation but get no gradient.

**The numbers** are float32, like the notebook, printed with 4 decimals everywhere.
Intermediate tensors only keep a `.grad` because the app calls `retain_grad()` on them;
without it, PyTorch leaves a non-leaf's `.grad` as `None`.

**The plot** shows the output over the inputs that require grad. The red arrow is the
gradient (the direction of steepest ascent), the blue one its negative, the direction
gradient descent steps in. Arrows are drawn scaled to fit; their labels give the true
components.

**Step through backward** with the slider or ◀ / ▶ above the graph: the order is the one
autograd really uses. The red outline is the function running now; the red numbers on the
arrows are the gradients flowing back along them.

**The tabs** under the graph hold the notebook's other lessons: three ways to the same
gradient, what `.grad` of a non-leaf tensor is without `retain_grad()`, how gradients
accumulate across `backward()` calls, gradient descent, and the code of the current view.

**The address bar** always holds the whole view: copy it to share exactly what you see.
"""
)
st.subheader("The notebook's examples")
for scenario in REGISTRY.values():
    st.page_link(
        "pages/explore.py",
        label=f"{scenario.title} — {scenario.blurb}",
        query_params=to_query(default_state(scenario.id)),
    )
    for label, params in scenario.examples:
        example, _ = parse_query({"scenario": scenario.id, **params})
        st.page_link("pages/explore.py", label=f"   ↳ {label}", query_params=to_query(example))
