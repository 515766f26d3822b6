"""The browser's floor: a Streamlit page with no autograd in it, for ``benchmarks/floor.py``.

One slider moves a point on a plot and a number in a small Graphviz graph, as a view of the
app does. ``?layout=full`` adds as many widgets and elements as the network's page sends on a
move (~65 messages: sidebar controls, five metrics, a stepper row, a table); ``?plot=contour``
draws the point over a 61×61 contour instead of a 2,001-point curve. What this page costs a
move is what Streamlit, Graphviz and plotly cost before the app does anything. Not part of
the product; never imported by it.
"""

import numpy as np
import streamlit as st

full = st.query_params.get("layout") == "full"
contour = st.query_params.get("plot") == "contour"
st.set_page_config(page_title="floor", layout="wide")

with st.sidebar:
    st.markdown("### floor")
    x = st.slider("x", -3.0, 3.0, 1.0, 0.01, key="x")
    if full:
        for name in ("hidden", "seed", "lr", "steps"):
            st.slider(name, 0, 100, 10, key=name)
        st.number_input("lr, exact", value=0.5, key="lr_exact")
        st.number_input("steps, exact", value=0, key="steps_exact")
        st.radio("data", ["xor", "moons", "circles"], horizontal=True, key="data")
        for name in ("scenario", "axis 1", "axis 2"):
            st.selectbox(name, ["a", "b", "c"], key=name)
        st.segmented_control("theme", ["light", "dark", "slide"], default="light", key="theme")
        st.button("presenter mode", key="present")
        st.checkbox("quiz", key="quiz")

st.title("A page with no autograd")
if full:
    st.latex(r"p = \sigma\left(W_2 \tanh(W_1 x + b_1) + b_2\right)")
    st.caption("The same kinds and number of elements as the network's page.")
    for column, k in zip(st.columns(5), range(5), strict=True):
        column.metric(f"metric {k}", f"{x * (k + 1):.4f}")

left, right = st.columns([1.5, 1])
with left:
    st.subheader("graph")
    if full:
        st.slider("backward step", 0, 11, 11, key="step")
        for column, name in zip(st.columns(4), ("previous", "next", "finished", "play"), strict=True):
            column.button(name, key=name, width="stretch")
        st.slider("steps per second", 0.5, 4.0, 1.0, key="speed")
    nodes = "\n".join(f'n{k} [label="node {k}\\nvalue {x * k:.4f}"];' for k in range(6))
    edges = "\n".join(f"n{k} -> n{k + 1};" for k in range(5))
    st.graphviz_chart(f"digraph {{ node [shape=box]; {nodes} {edges} }}")
with right:
    if full:
        st.markdown(f"**Step** {x:.4f}: upstream × local = downstream")
    st.subheader("plot")
    if contour:
        grid = np.linspace(-3, 3, 61)
        z = np.add.outer(grid**2, np.sin(3 * grid))
        layers = [{"type": "contour", "x": grid, "y": grid, "z": z, "ncontours": 30}]
        point = {"x": [x], "y": [0.5]}
    else:
        grid = np.linspace(-10, 10, 2001)
        layers = [{"type": "scatter", "mode": "lines", "x": grid, "y": grid**2}]
        point = {"x": [x], "y": [x * x]}
    marker = {"type": "scatter", "mode": "markers", "meta": {"role": "point"}, **point}
    st.plotly_chart({"data": [*layers, marker], "layout": {"height": 450}}, theme=None, key="plot")
if full:
    st.segmented_control("plot kind", ["contour", "3D surface"], default="contour", key="kind")
    st.segmented_control("lesson", ["tensors", "code"], default="tensors", key="lesson")
    st.table({"tensor": [f"t{k}" for k in range(12)], "value": [f"{x * k:.4f}" for k in range(12)]})
    st.page_link("https://example.org", label="a link")
