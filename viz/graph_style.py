"""How the graph looks: themes (fills chosen to stay apart under colour-vision
deficiencies, checked in the tests with a simulation), a second cue per node kind
that is not colour, and the drawing options of one graph."""

from __future__ import annotations

from dataclasses import dataclass

FONT = "Helvetica"


@dataclass(frozen=True)
class Palette:
    """Box fills by node kind. Picked so that every pair stays at least ΔE 14 apart (CAM02-UCS)
    with full deuteranopia, protanopia and tritanopia simulated, and dark or light text on them
    keeps a contrast of 5:1 or more."""

    leaf: str
    op: str
    output: str
    constant: str


LIGHT = Palette(leaf="#b3d4f5", op="#e6e6e6", output="#66c2a4", constant="#fec44f")
DARK = Palette(leaf="#1d3f6e", op="#262a30", output="#22735a", constant="#6b4e00")


@dataclass(frozen=True)
class GraphTheme:
    name: str
    background: str
    font: str  # text and outlines
    edge: str
    palette: Palette
    current: str = "#c62828"
    fontsize: int = 11

    def fill(self, kind: str) -> str:
        return str(getattr(self.palette, kind))


THEMES: dict[str, GraphTheme] = {
    "light": GraphTheme("light", "white", "#1f2328", "#57606a", LIGHT),
    "dark": GraphTheme("dark", "#0e1117", "#f0f3f6", "#9da7b3", DARK, current="#ff7b72"),
    "slide": GraphTheme("slide", "transparent", "#111111", "#333333", LIGHT, fontsize=16),
    "slide_dark": GraphTheme("slide_dark", "transparent", "#f5f5f5", "#d0d0d0", DARK, "#ff7b72", fontsize=16),
}

# Colour is never the only cue: each kind has its own outline too (Graphviz attributes).
KIND_CUES: dict[str, dict[str, object]] = {
    "leaf": {"peripheries": 2},  # a double outline
    "op": {},
    "output": {"style": "filled,diagonals", "penwidth": 2},  # cut corners, a heavier outline
    "constant": {"style": "filled,dashed"},  # a dashed outline
}
LEGEND = (  # kind, what a swatch says, what the exported legend adds
    ("leaf", "leaf tensor (requires_grad): double outline", ".grad filled by AccumulateGrad"),
    ("op", "backward function: plain box", "and the tensor it makes"),
    ("output", "output: cut corners", "backward() starts here with grad 1"),
    ("constant", "constant: dashed outline", "no grad"),
)


CUE_TEXT = {  # the sharp edges' cues, for the page's caption and the exported legend
    "cut": "dotted edge ending in a bar: the cut, no gradient crosses it",
    "marks": "red outline: saved the tensor changed in place (version it expects)",
    "unseeded": "red outline on the output: a vector, so backward() without gradient=v raised",
}


def legend_entries(kinds: set[str]) -> list[tuple[str, str, str]]:
    """The legend rows (kind, short text, more) for the node kinds a graph actually has."""
    return [row for row in LEGEND if row[0] in kinds]


@dataclass(frozen=True)
class GraphStyle:
    """How one graph is drawn.

    ``compact`` puts name and function on one line (the page and a projector);
    ``landscape`` lays the graph out left to right; ``size`` is Graphviz's "W,H" in
    inches (larger layouts shrink to fit). ``rounded=False`` for the browser: its
    renderer samples curved outlines point by point (~140 ms per slider move).
    """

    theme: str = "light"
    legend: bool = False
    size: str = ""
    fontsize: int = 0
    compact: bool = False
    rounded: bool = True
    landscape: bool = False
    saved: bool = False  # each box also lists what its backward function saved

    @property
    def file_kind(self) -> str:
        """What an exported graph's file name says of this style: graph, graph_landscape_nolegend…"""
        kind = "graph" + ("_landscape" if self.landscape else "") + ("" if self.legend else "_nolegend")
        return kind + ("_saved" if self.saved else "")


PAGE_GRAPH = GraphStyle(compact=True, rounded=False)  # two lines a box: the BCE's graph fits one screen
PRESENTER_GRAPH = GraphStyle(fontsize=18, compact=True, rounded=False)
