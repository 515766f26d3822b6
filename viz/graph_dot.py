"""Draw a ``Trace`` as torchviz-style DOT text, annotated with values and gradients.

The node and edge structure is torchviz's ``make_dot`` (one box per backward
function, edges from inputs to the function that consumes them), with two
changes for teaching: each box is labelled with the tensor its function makes,
its value and its gradient; constants that feed the graph get boxes of their own.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from viz.numbers import fmt_values
from viz.trace import Node, Trace


@dataclass(frozen=True)
class GraphTheme:
    name: str
    background: str
    font: str
    edge: str
    leaf: str
    op: str
    output: str
    constant: str
    border: str
    current: str = "#d62728"
    fontsize: int = 11


THEMES: dict[str, GraphTheme] = {
    "light": GraphTheme(
        "light",
        "white",
        "#1f2328",
        "#57606a",
        leaf="lightblue",
        op="#e6e6e6",
        output="darkolivegreen1",
        constant="#fff5cc",
        border="#57606a",
    ),
    "dark": GraphTheme(
        "dark",
        "#0e1117",
        "#e6edf3",
        "#9da7b3",
        leaf="#1f4e79",
        op="#30363d",
        output="#3b6e22",
        constant="#5a4a12",
        border="#9da7b3",
        current="#ff7b72",
    ),
    "slide": GraphTheme(
        "slide",
        "transparent",
        "#111111",
        "#333333",
        leaf="lightblue",
        op="#e6e6e6",
        output="darkolivegreen1",
        constant="#fff5cc",
        border="#333333",
        fontsize=16,
    ),
}

FONT = "Helvetica"
LEGEND = (
    ("legend_leaf", "leaf tensor (requires_grad)\n.grad filled by AccumulateGrad", "leaf"),
    ("legend_op", "backward function\nand the tensor it makes", "op"),
    ("legend_output", "output: backward() starts here\nwith grad 1", "output"),
    ("legend_constant", "constant: no grad", "constant"),
)


def legend_entries(kinds: set[str]) -> list[tuple[str, str, str]]:
    """The legend rows for the node kinds a graph actually has."""
    return [row for row in LEGEND if row[2] in kinds]


def quote(text: str) -> str:
    """A DOT string literal; newlines become DOT's centred line break."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + escaped.replace("\r", "").replace("\n", "\\n") + '"'


GRAD_TEXT = {"pending": "?", "not retained": "None"}


def node_label(node: Node, step: int | None = None, compact: bool = False) -> str:
    """Tensor name (and expression), backward function, then value and gradient.

    A gradient not computed yet shows as "?"; a non-leaf's unretained ``.grad``
    as "None", as torch would print it. ``compact`` puts name and function on one
    line, for a projector's wide screen.
    """
    title = f"{node.name} = {node.expr}" if node.expr else node.name
    if node.kind == "constant":
        op, tail = "constant (no grad)", ["value " + fmt_values(node.value, 4)]
    else:
        op = f"{node.op} (leaf)" if node.kind == "leaf" else node.op
        if step is not None:
            op += f" · step {step}"
        grad = GRAD_TEXT.get(node.grad_note, "None") if node.grad is None else fmt_values(node.grad, 4)
        if len(node.value) > 1:
            tail = ["value " + fmt_values(node.value, 4), "grad " + grad]
        else:
            tail = [f"value {fmt_values(node.value)} · grad {grad}"]
    head = [f"{title}   [{op}]"] if compact else [title, op]
    return "\n".join(head + tail)


def _attrs(**attrs: object) -> str:
    return ", ".join(f"{k}={quote(str(v))}" for k, v in attrs.items())


@dataclass(frozen=True)
class GraphStyle:
    """How a graph is drawn. ``size`` is Graphviz's "W,H" in inches: larger layouts shrink to
    fit, smaller stay. ``rounded=False`` for the page: the browser's graph renderer samples
    every curved outline point by point, and rounded corners cost ~140 ms per slider move."""

    theme: str = "light"
    legend: bool = False
    size: str = ""
    fontsize: int = 0
    compact: bool = False
    rounded: bool = True


def to_dot(trace: Trace, style: GraphStyle = GraphStyle()) -> str:
    """DOT text for ``st.graphviz_chart`` (browser layout) and ``dot`` exports alike."""
    theme, legend, size, compact, rounded = (
        style.theme,
        style.legend,
        style.size,
        style.compact,
        style.rounded,
    )
    t = THEMES[theme]
    if style.fontsize:
        t = replace(t, fontsize=style.fontsize)
    fill = {"leaf": t.leaf, "op": t.op, "output": t.output, "constant": t.constant}
    graph_attrs = {"bgcolor": t.background, "rankdir": "TB", "nodesep": 0.25, "ranksep": 0.35}
    if size:
        graph_attrs["size"] = size
    node_attrs = _attrs(
        shape="box", style="rounded,filled" if rounded else "filled", fontname=FONT, fontsize=t.fontsize,
        fontcolor=t.font, color=t.border, margin="0.12,0.06",
    )  # fmt: skip
    lines = [
        "digraph autograd {",
        f"  graph [{_attrs(**graph_attrs)}];",
        f"  node [{node_attrs}];",
        f"  edge [{_attrs(color=t.edge, arrowsize=0.7)}];",
    ]
    order = {s.node: i + 1 for i, s in enumerate(trace.steps)}
    stepping = trace.current is not None
    for node in trace.nodes:
        dashed = "rounded,filled,dashed" if rounded else "filled,dashed"
        extra: dict[str, object] = {"style": dashed} if node.kind == "constant" else {}
        if stepping and node.id == trace.current:
            extra |= {"penwidth": 4, "color": t.current}
        elif stepping and node.id in trace.visited:
            extra |= {"penwidth": 2.5}
        ran = order.get(node.id) if (not stepping or node.id in trace.visited) else None
        label = node_label(node, ran if stepping else None, compact)
        lines.append(f"  {node.id} [{_attrs(label=label, fillcolor=fill[node.kind], **extra)}];")
    constants = {n.id for n in trace.nodes if n.kind == "constant"}
    flowing = trace.edge_grads()
    for edge in trace.edges:
        attrs: dict[str, object] = {"style": "dashed"} if edge.src in constants else {}
        if edge in flowing:
            attrs |= {"label": " " + fmt_values(flowing[edge], 4), "fontcolor": t.current}
            attrs |= {"fontsize": t.fontsize - 1, "fontname": FONT}
        lines.append(f"  {edge.src} -> {edge.dst}" + (f" [{_attrs(**attrs)}]" if attrs else "") + ";")
    if legend:
        cluster = _attrs(label="legend", fontname=FONT, fontcolor=t.font, color=t.border, fontsize=t.fontsize)
        lines.append(f"  subgraph cluster_legend {{ graph [{cluster}];")
        entries = legend_entries({n.kind for n in trace.nodes})
        for key, text, kind in entries:
            lines.append(f"    {key} [{_attrs(label=text, fillcolor=fill[kind], fontsize=t.fontsize - 1)}];")
        stack = " -> ".join(key for key, _, _ in entries)  # one column, beside the graph
        lines.append(f"    {stack} [{_attrs(style='invis')}];" if len(entries) > 1 else "")
        lines.append("  }")
    lines.append("}")
    return "\n".join(lines)
