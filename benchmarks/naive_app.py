"""The reference for the load benchmark: Gradient Lens written the naive way.

One script, as a notebook becomes an app on a first try: the four notebook
scenarios, torchviz's graph, a plotly curve or contour computed point by point,
no caching, no fragments, Streamlit's default configuration. It reads the same
``?scenario=`` link and has a slider per input, so the load benchmark can drive
it exactly like the real app. Not part of the product; never imported by it.
"""

import numpy as np
import plotly.graph_objects as go
import streamlit as st
import torch
from torchviz import make_dot

SCENARIOS = {
    "square": "y = x²",
    "sin_square": "z = sin(x²)",
    "logistic_bce": "logistic regression, BCE",
    "vector_mean": "y = mean(x²)",
}


def forward(name, x, w, b, label):
    if name == "square":
        return x**2
    if name == "sin_square":
        return torch.sin(x**2)
    if name == "logistic_bce":
        p = torch.clamp(torch.sigmoid(w * x + b), 1e-8, 1 - 1e-8)
        return -(label * torch.log(p) + (1 - label) * torch.log(1 - p))
    return torch.mean(x**2)


name = st.query_params.get("scenario", "square")
name = name if name in SCENARIOS else "square"
name = st.sidebar.selectbox("Scenario", list(SCENARIOS), index=list(SCENARIOS).index(name))
st.title(SCENARIOS[name])
x_value = st.sidebar.slider("x", -10.0, 10.0, 2.0, 0.1)
w_value = st.sidebar.slider("w", -5.0, 5.0, 1.0, 0.1) if name == "logistic_bce" else 1.0
b_value = st.sidebar.slider("b", -5.0, 5.0, 0.0, 0.1) if name == "logistic_bce" else 0.0
label = 0.0

x = torch.tensor([x_value, -1.0, 0.5] if name == "vector_mean" else x_value, requires_grad=True)
w = torch.tensor(w_value, requires_grad=True)
b = torch.tensor(b_value, requires_grad=True)
out = forward(name, x, w, b, label)
out.backward()

cols = st.columns(3)
cols[0].metric("output", f"{out.item():.4f}")
if name == "logistic_bce":
    cols[1].metric("w.grad", f"{w.grad.item():.4f}")
    cols[2].metric("b.grad", f"{b.grad.item():.4f}")
else:
    cols[1].metric("x.grad", str(np.round(x.grad.numpy(), 4)))

left, right = st.columns(2)
params = {"x": x} if name != "logistic_bce" else {"w": w, "b": b}
left.graphviz_chart(make_dot(out, params=params).source)

if name == "logistic_bce":
    ws, bs = np.linspace(-5, 5, 60), np.linspace(-5, 5, 60)
    z = [[forward(name, torch.tensor(x_value), torch.tensor(wi), torch.tensor(bi), label).item() for wi in ws]
         for bi in bs]  # fmt: skip
    fig = go.Figure(go.Contour(x=ws, y=bs, z=z))
    fig.add_scatter(x=[w_value], y=[b_value], mode="markers", name="point")
    fig.add_annotation(x=w_value - 0.1 * w.grad.item(), y=b_value - 0.1 * b.grad.item(), ax=w_value,
                       ay=b_value, axref="x", ayref="y", text="−∇", showarrow=True)  # fmt: skip
else:
    xs = np.linspace(-10, 10, 400)
    ys = []
    for v in xs:
        t = torch.tensor([v, -1.0, 0.5] if name == "vector_mean" else v)
        ys.append(forward(name, t, w, b, label).item())
    fig = go.Figure(go.Scatter(x=xs, y=ys, name="f"))
    g = x.grad.reshape(-1)[0].item()
    fig.add_scatter(x=[x_value, x_value + 0.5], y=[out.item(), out.item() + 0.5 * g], name="gradient")
fig.update_layout(template="plotly_white", height=480)
right.plotly_chart(fig)

st.subheader("Every tensor")
st.table({"tensor": ["output"], "value": [out.item()]})
