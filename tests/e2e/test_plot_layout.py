"""The plot's frame in Chromium: room for the legend, tick labels and colour bar is set
before plotly draws, so plotly draws each figure once (no auto-margin second pass on
every slider move) and nothing around the plot overlaps."""

import itertools

import pytest

from tests.samples import working_state
from tools.browser import open_ready, settle
from viz.scenario import REGISTRY
from viz.state import default_state, plot_kinds, to_query

pytestmark = pytest.mark.e2e

PLOT = '[data-testid="stMain"] .js-plotly-plot'  # st.plotly_chart, or the 3D scene's component
CASES = [
    (scenario_id, kind, theme)
    for scenario_id in REGISTRY
    for kind in plot_kinds(len(default_state(scenario_id).axes))
    for theme in ("light", "slide")
]
FRAME = """gd => {
  const box = el => el && el.getBoundingClientRect();
  const items = [...gd.querySelectorAll('g.legend g.traces')].map(g => {
    const r = g.getBoundingClientRect(); return [r.left, r.right, r.top, r.bottom]; });
  const title = box(gd.querySelector('g.infolayer g.g-xtitle text') || gd.querySelector('g.xtitle'));
  const legend = box(gd.querySelector('g.legend'));
  return {margin: gd.layout.margin, size: gd._fullLayout._size, figure: box(gd),
          legend: legend && [legend.left, legend.right, legend.top, legend.bottom],
          title: title && [title.left, title.right, title.top, title.bottom], items};
}"""


@pytest.mark.parametrize(("scenario_id", "kind", "theme"), CASES)
def test_plot_is_drawn_once_with_room_for_its_legend(page, server_url, scenario_id, kind, theme) -> None:
    query = to_query(working_state(scenario_id)) | {"plot": kind, "theme": theme}
    open_ready(page, server_url + "/?" + "&".join(f"{k}={v}" for k, v in query.items()))
    page.wait_for_selector(PLOT + " g.legend g.traces", timeout=30_000)
    frame = page.eval_on_selector(PLOT, FRAME)
    # Plotly widens a margin (and draws the figure a second time) only when it is too small.
    assert {side: round(frame["size"][side]) for side in "lrtb"} == {s: frame["margin"][s] for s in "lrtb"}
    figure = frame["figure"]
    left, right, top, bottom = frame["legend"]
    assert figure["left"] <= left and right <= figure["right"] + 1
    assert bottom <= figure["bottom"] + 1
    if frame["title"]:  # the x-axis title (2D plots) sits above the legend
        assert frame["title"][3] <= top + 1
    rows: dict[int, list[list[float]]] = {}
    for item in frame["items"]:
        rows.setdefault(round(item[2]), []).append(item)
    for row in rows.values():  # entries of one row never overlap
        row.sort()
        for a, b in itertools.pairwise(row):
            assert a[1] <= b[0] + 1, (a, b)


# The narrowest figure of each mode: the page on a phone, presenter mode on a projector and on a
# phone (presenter's larger type).
ROOMS = {
    "page-390x844": (390, 844, {}),
    "present-1024x768": (1024, 768, {"present": "1", "step": "2"}),
    "present-plot-390x844": (390, 844, {"present": "1", "step": "2", "show": "plot"}),
}
WORDS = """gd => { const f = gd.getBoundingClientRect();
  return [...gd.querySelectorAll('.gtitle, g.annotation-text-g text')].map(t => {
    const r = t.getBoundingClientRect();
    return {text: t.textContent, left: r.left - f.left, right: r.right - f.left, width: f.width}; }); }"""


@pytest.mark.parametrize("room", list(ROOMS))
@pytest.mark.parametrize(
    ("scenario_id", "kind"),
    [(s, k) for s in REGISTRY for k in plot_kinds(len(default_state(s).axes))],
)
def test_the_plot_title_and_notes_are_never_cut(browser, server_url, scenario_id, kind, room) -> None:
    """Plotly neither wraps a title nor a note: a line longer than the figure is cut at its edge
    (the network's contour title lost its last word in presenter mode on a projector)."""
    width, height, extra = ROOMS[room]
    context = browser.new_context(viewport={"width": width, "height": height})
    try:
        page = context.new_page()
        query = to_query(working_state(scenario_id)) | {"plot": kind} | extra
        open_ready(page, server_url + "/?" + "&".join(f"{k}={v}" for k, v in query.items()))
        page.wait_for_selector(PLOT + " .gtitle", timeout=30_000)
        settle(page)  # presenter mode: the window's size reaches the server
        words = page.eval_on_selector(PLOT, WORDS)
        assert words
        for w in words:
            assert w["left"] >= -1 and w["right"] <= w["width"] + 1, w
    finally:
        context.close()


SQUARE_AND_BAR = """gd => { const L = gd._fullLayout, f = gd.getBoundingClientRect();
  const ticks = gd.querySelector('.colorbar .cbaxis').getBoundingClientRect();
  const column = gd.closest('[data-testid="stVerticalBlock"]').getBoundingClientRect().width;
  return {right: L.xaxis._offset + L.xaxis._length, side: L.yaxis._length, width: f.width, column,
          height: L._size.h,
          bar: gd.querySelector('.colorbar .cbfills').getBoundingClientRect().left - f.left,
          ticks: ticks.right - f.left}; }"""
CONTOURS = [(s, theme) for s, kind, theme in CASES if kind == "contour"]


SHOWN = [(s, theme, "page") for s, theme in CONTOURS]
SHOWN += [(s, "slide", "presenter") for s in ("logistic_bce", "mlp")]
ALONE = {"present": "1", "show": "plot"}  # presenter mode: a square the screen's height beside a QR code


@pytest.mark.parametrize("size", [(1024, 768), (1920, 1080)], ids=["projector", "laptop"])
@pytest.mark.parametrize(("scenario_id", "theme", "mode"), SHOWN)
def test_a_colour_bar_stands_beside_its_square(browser, server_url, scenario_id, theme, mode, size) -> None:
    """A contour's square is no wider than its height allows: given a projector's whole column
    (860 px at 1024×768), plotly centred it and left the colour bar ~165 px away at the column's
    edge (in presenter mode, the plot alone at 1920×1080: at the screen's far side). The bar now stands beside
    the square, and the square is as large as before."""
    context = browser.new_context(viewport={"width": size[0], "height": size[1]})
    try:
        page = context.new_page()
        query = to_query(working_state(scenario_id)) | {"plot": "contour", "theme": theme}
        query |= ALONE if mode == "presenter" else {}
        open_ready(page, server_url + "/?" + "&".join(f"{k}={v}" for k, v in query.items()))
        page.wait_for_selector(PLOT + " .colorbar .cbfills", timeout=30_000)
        if mode == "presenter":
            settle(page)  # presenter mode: the window's size reaches the server
        m = page.eval_on_selector(PLOT, SQUARE_AND_BAR)
        assert 0 <= m["bar"] - m["right"] <= 40, m  # beside the square
        # and the square as large as before: as tall as the plotting area, or as wide as the column
        assert m["side"] >= m["height"] - 2 or m["width"] >= m["column"] - 1, m
        assert m["ticks"] <= m["width"], m  # the bar's numbers inside the figure
    finally:
        context.close()


TICK_LABELS = """gd => { const L = gd._fullLayout;
  const labels = sel => [...gd.querySelectorAll(sel)].filter(t => t.textContent.trim());
  const overlaps = boxes => boxes.some((a, i) => boxes.slice(i + 1).some(b =>
    a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1));
  const axes = {x: '.xaxislayer-above .xtick text', y: '.yaxislayer-above .ytick text',
                bar: '.colorbar .cbaxis text'};
  const out = {square: Math.min(L.xaxis._length, L.yaxis._length),
               turned: labels(axes.x).some(t => /rotate\\((?!0)/.test(t.getAttribute('transform') || ''))};
  for (const [name, sel] of Object.entries(axes)) {
    const boxes = labels(sel).map(t => t.getBoundingClientRect());
    out[name] = {count: boxes.length, overlap: overlaps(boxes)};
  }
  return out; }"""


@pytest.mark.parametrize("size", [(1024, 768), (900, 600)], ids=["projector", "short"])
@pytest.mark.parametrize("scenario_id", sorted({s for s, _ in CONTOURS}))
def test_a_projector_presenter_contour_is_readable(browser, server_url, scenario_id, size) -> None:
    """Presenter mode beside the graph at 1024×768: the title, three legend rows and the axis left
    a 78 px square, whose 20 px tick labels ran into each other (x turned on its side, the colour
    bar's numbers on top of each other); in a 900×600 window no plot was drawn at all. The
    legend's rows now go to the square, the square is never under 120 px (a short window
    scrolls), and each axis carries only the labels it has room for, at least two (one on the
    short window's colour bar)."""
    context = browser.new_context(viewport={"width": size[0], "height": size[1]})
    try:
        page = context.new_page()
        query = to_query(working_state(scenario_id)) | {"plot": "contour", "present": "1"}
        open_ready(page, server_url + "/?" + "&".join(f"{k}={v}" for k, v in query.items()))
        page.wait_for_selector(PLOT + " .colorbar .cbaxis text", timeout=30_000)
        settle(page)  # the window's size reaches the server, the plot is redrawn to it
        m = page.eval_on_selector(PLOT, TICK_LABELS)
        assert m["square"] >= (150 if size[1] >= 768 else 115) and not m["turned"], m
        for axis in ("x", "y", "bar"):
            fewest = 1 if axis == "bar" and size[1] < 768 else 2  # a 78 px bar: one round number
            assert m[axis]["count"] >= fewest and not m[axis]["overlap"], (axis, m)
    finally:
        context.close()
