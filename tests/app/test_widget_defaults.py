"""A widget's default is the link's value, not its minimum.

The browser keeps a widget's value while the widget stays mounted. When it mounts one again
without that value (a layout redrawn between two runs), it falls back to the widget's default
and sends it with the next click: with the default left at a slider's minimum, pressing ◀ in
presenter mode once moved x from 1.3 to -10. Every widget the link drives must therefore carry
the link's value as its own default too."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import Widget

from tests.samples import working_state
from viz.scenario import REGISTRY
from viz.state import to_query

LINKS = {
    "edges": {"tab": "edges"},
    "second": {"tab": "second", "order": "2"},
    "descent": {"tab": "descent", "downloads": "1"},
    "presenter": {"present": "1", "step": "1"},
}


def _widgets(node):
    if isinstance(node, Widget):
        yield node
    for child in getattr(node, "children", {}).values():
        yield from _widgets(child)


def _shown(widget: Widget) -> object:
    """The value the browser would send for the widget now."""
    state = widget._widget_state
    field = state.WhichOneof("value") if state is not None else None
    value = getattr(state, field) if field else None
    return list(value.data) if hasattr(value, "data") else value


def _default(widget: Widget) -> object:
    """The value the browser falls back to, in the form it sends."""
    proto = widget.proto
    options = [getattr(o, "content", o) for o in getattr(proto, "options", [])]
    kind = type(widget).__name__
    if kind in ("Radio", "Selectbox"):
        return options[proto.default] if proto.HasField("default") or kind == "Radio" else None
    if kind in ("ButtonGroup", "Multiselect", "SelectSlider"):
        return [options[int(i)] for i in proto.default]
    return list(proto.default) if kind == "Slider" else proto.default


def _mismatches(at: AppTest) -> list[str]:
    return [
        f"{w.key}: shows {_shown(w)!r}, falls back to {_default(w)!r}"
        for w in _widgets(at._tree)
        if type(w).__name__ not in ("Button", "DownloadButton") and _shown(w) != _default(w)
    ]


@pytest.mark.parametrize("lesson", list(LINKS))
@pytest.mark.parametrize("scenario_id", list(REGISTRY))
def test_every_widget_falls_back_to_the_value_the_link_says(open_app, scenario_id: str, lesson: str) -> None:
    at = open_app(**(to_query(working_state(scenario_id)) | LINKS[lesson]))
    assert len(list(_widgets(at._tree))) > 3
    assert _mismatches(at) == []
