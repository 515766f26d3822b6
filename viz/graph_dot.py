"""Draw a ``Trace`` as torchviz-style DOT text, annotated with values and gradients.

The node and edge structure is torchviz's ``make_dot`` (one box per backward
function, one edge per entry of ``next_functions``, so a tensor used twice has two
edges), with two changes for teaching: each box is labelled with the tensor its
function makes, its value and its gradient; constants that feed the graph get
boxes of their own. Each kind of box has its own outline as well as its colour.
"""

from __future__ import annotations

from dataclasses import replace

from viz.graph import CUT_SLOT
from viz.graph_labels import node_label, saved_lines, tensor_text
from viz.graph_style import CUE_TEXT, FONT, KIND_CUES, THEMES, GraphStyle, GraphTheme, legend_entries
from viz.trace import Trace


def quote(text: str) -> str:
    """A DOT string literal; newlines become DOT's centred line break."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + escaped.replace("\r", "").replace("\n", "\\n") + '"'


def _attrs(**attrs: object) -> str:
    return ", ".join(f"{k}={quote(str(v))}" for k, v in attrs.items())


def _node_style(kind: str, t: GraphTheme, rounded: bool) -> dict[str, object]:
    cues = dict(KIND_CUES[kind])
    style = str(cues.pop("style", "filled"))
    if rounded and "diagonals" not in style:
        style = "rounded," + style
    return {"style": style, "fillcolor": t.fill(kind), **cues}


def _legend(trace: Trace, t: GraphTheme, rounded: bool) -> list[str]:
    cluster = _attrs(label="legend", fontname=FONT, fontcolor=t.font, color=t.font, fontsize=t.fontsize)
    lines = [f"  subgraph cluster_legend {{ graph [{cluster}];"]
    entries = legend_entries({n.kind for n in trace.nodes})
    for kind, short, more in entries:
        attrs = _attrs(label=f"{short}\n{more}", fontsize=t.fontsize - 1, **_node_style(kind, t, rounded))
        lines.append(f"    legend_{kind} [{attrs}];")
    names = [f"legend_{kind}" for kind, _, _ in entries]
    for cue in (c for c in CUE_TEXT if getattr(trace, c)):  # the sharp edges' cues, when drawn
        cue_style = {"color": MARK_COLOR, "penwidth": 3} if cue == "marks" else {"style": "dotted"}
        attrs = _attrs(label=CUE_TEXT[cue], fontsize=t.fontsize - 1, shape="box", **cue_style)
        lines.append(f"    legend_{cue} [{attrs}];")
        names.append(f"legend_{cue}")
    if len(names) > 1:  # one column, beside the graph
        lines.append(f"    {' -> '.join(names)} [{_attrs(style='invis')}];")
    return [*lines, "  }"]


DEFAULT = GraphStyle()
MARK_COLOR = "#d62728"  # the outline of a function that saved a tensor changed in place


def to_dot(trace: Trace, style: GraphStyle = DEFAULT) -> str:
    """DOT text for ``st.graphviz_chart`` (browser layout) and ``dot`` exports alike."""
    t = THEMES[style.theme]
    if style.fontsize:
        t = replace(t, fontsize=style.fontsize)
    graph_attrs: dict[str, object] = {"bgcolor": t.background, "rankdir": "LR" if style.landscape else "TB"}
    graph_attrs |= {"nodesep": 0.2, "ranksep": 0.25 if style.compact else 0.35}
    if style.size:
        graph_attrs["size"] = style.size
    node_attrs = _attrs(
        shape="box", fontname=FONT, fontsize=t.fontsize, fontcolor=t.font, color=t.font, margin="0.1,0.04"
    )
    lines = [
        "digraph autograd {",
        f"  graph [{_attrs(**graph_attrs)}];",
        f"  node [{node_attrs}];",
        f"  edge [{_attrs(color=t.edge, arrowsize=0.7, fontname=FONT, fontsize=t.fontsize)}];",
    ]
    order = {s.node: i + 1 for i, s in enumerate(trace.steps)}
    marks = dict(trace.marks)
    stepping = trace.current is not None
    for node in trace.nodes:
        extra = _node_style(node.kind, t, style.rounded)
        if stepping and node.id == trace.current:
            extra |= {"penwidth": 4, "color": t.current}
        elif stepping and node.id in trace.visited:
            extra |= {"penwidth": 2.5}
        ran = order.get(node.id) if (not stepping or node.id in trace.visited) else None
        label = node_label(trace, node, ran if stepping else None, style.compact)
        if style.saved:
            label += "".join("\n" + line for line in saved_lines(node))
        if trace.unseeded and node.kind == "output":
            marks[node.id] = trace.unseeded
        if node.id in marks:  # outlined, with why: it saved a tensor changed in place, or needs gradient=v
            label += "\n" + marks[node.id]
            extra |= {"color": MARK_COLOR, "penwidth": 3}
        lines.append(f"  {node.id} [{_attrs(label=label, **extra)}];")
    constants = {n.id for n in trace.nodes if n.kind == "constant"}
    flowing = trace.edge_grads()
    for edge in trace.edges:
        attrs: dict[str, object] = {"style": "dashed"} if edge.src in constants else {}
        if edge.slot == CUT_SLOT:  # where the cut stopped the graph: no gradient crosses it
            attrs = {"style": "dotted", "arrowhead": "tee", "penwidth": 2, "label": f" cut: {trace.cut} "}
        if edge in flowing:
            attrs |= {"label": " " + tensor_text(flowing[edge]), "fontcolor": t.current}
        lines.append(f"  {edge.src} -> {edge.dst}" + (f" [{_attrs(**attrs)}]" if attrs else "") + ";")
    if style.legend:
        lines += _legend(trace, t, style.rounded)
    lines.append("}")
    return "\n".join(lines)
