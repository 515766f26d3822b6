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
its value and its gradient. Leaves (`requires_grad=True`, blue, double outline):
`backward()` stores their gradient in `.grad` through `AccumulateGrad`. The output (green,
cut corners) is where `backward()` starts with gradient 1. Constants (amber, dashed
outline) feed the computation but get no gradient. A tensor used twice has two arrows,
and its gradient is the sum of what each use sent back: `grad 3.0000 + 3.0000 = 6.0000`.
After several `backward()` calls, `.grad` is the sum of the calls, and the page says so
instead of calling it the derivative.

**The numbers** are float32, like the notebook, printed with 4 decimals everywhere.
Intermediate tensors only keep a `.grad` because the app calls `retain_grad()` on them;
without it, PyTorch leaves a non-leaf's `.grad` as `None`.

**The plot** shows the output over the inputs that require grad. The red arrow (solid)
is the gradient, the direction of steepest ascent; the blue one (dashed) its negative,
the direction gradient descent steps in. On a curve the dashed orange line is the tangent:
its slope is the derivative. Contours use the same scale on both axes, so the gradient
crosses each level set at a right angle, as it does. In 3D the arrows lie on the surface's
tangent plane. Grey marks where the output is not finite. Arrows are drawn scaled to fit;
their labels give the true components.

**Step through backward** with the slider or ◀ / ▶ above the graph: the order is the one
autograd really uses. The red outline is the function running now; the red numbers on the
arrows are the gradients flowing back along them.

**The tabs** under the graph hold the notebook's other lessons: three ways to the same
gradient, what `.grad` of a non-leaf tensor is without `retain_grad()`, how gradients
accumulate across `backward()` calls, autograd's sharp edges (a frozen leaf, a graph cut by
`detach()` or `torch.no_grad()`, a tensor changed in place), second derivatives, the Jacobian
of a vector output, gradient descent, and the code of the current view.

**A vector output** (`vector_square`, `softmax`) needs `backward(gradient=v)`: without `v`
torch raises, and the page quotes it. With `v`, `x.grad` is vᵀJ, the gradient of v·y, and
every box of the graph names its tensor's shape. The Jacobian tab shows all of J, vᵀJ from J
beside `x.grad`, and forward mode's J·u for a direction `u`.

**The address bar** always holds the whole view: copy it to share exactly what you see.
"""
)
st.subheader("The notebook's examples")
for scenario in REGISTRY.values():
    st.page_link(
        "app_pages/explore.py",
        label=f"{scenario.title} — {scenario.blurb}",
        query_params=to_query(default_state(scenario.id)),
    )
    for label, params in scenario.examples:
        example, _ = parse_query({"scenario": scenario.id, **params})
        st.page_link("app_pages/explore.py", label=f"   ↳ {label}", query_params=to_query(example))
