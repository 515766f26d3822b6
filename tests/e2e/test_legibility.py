"""Legible in every room, measured in Chromium: presenter mode fits the screen (and an embedded
frame) with the graph's text at least 16 px at 1920×1080; the page's graph text at least 13 px;
the BCE's current step, its buttons and its explanation on one screen; a 1024×768 projector with
nothing clipped; a phone with nothing running off the right edge and the graph's text at least
12 px, page and presenter; ∇ on equal axis scales. Text sizes are the sizes drawn on screen."""

import contextlib
import re
from urllib.parse import urlencode

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.samples import working_state
from tools.browser import open_ready, wait_ready
from tools.measure import box, graph_font_px, page_overflow
from viz.display_options import TABS
from viz.scenario import REGISTRY
from viz.state import to_query

pytestmark = pytest.mark.e2e
ROOMS = [(1920, 1080), (1280, 720), (1024, 768), (900, 600)]  # the last: a laptop's window, a slide's frame
PLOT = '[data-testid="stMain"] .js-plotly-plot'  # st.plotly_chart, or the 3D scene's component
INSIDE = """(s) => [...document.querySelectorAll(s)].every(e => { const r = e.getBoundingClientRect();
  return r.width === 0
    || (r.left >= -1 && r.top >= -1 && r.right <= innerWidth + 1 && r.bottom <= innerHeight + 1); })"""
PRESENTER_PARTS = ['[data-testid="stGraphVizChart"] svg', PLOT, '[data-testid="stSlider"]',
                   '[data-testid="stButton"]', ".st-key-present_step"]  # fmt: skip


def link(scenario_id: str, **extra: str) -> str:
    return "/?" + urlencode(to_query(working_state(scenario_id)) | extra)


def sized(browser, width: int, height: int):
    context = browser.new_context(viewport={"width": width, "height": height})
    return context, context.new_page()


@pytest.mark.parametrize("size", ROOMS, ids=[f"{w}x{h}" for w, h in ROOMS])
@pytest.mark.parametrize("scenario_id", list(REGISTRY))
def test_presenter_mode_fits_the_screen(
    browser, server_url: str, scenario_id: str, size: tuple[int, int]
) -> None:
    context, page = sized(browser, *size)
    try:
        open_ready(page, server_url + link(scenario_id, present="1", step="2"))
        page.wait_for_selector(PLOT + " .main-svg")
        page.wait_for_timeout(800)  # the window's size reaches the server, the plot is sized to it
        wait_ready(page)
        assert page_overflow(page) == {"x": 0, "y": 0}
        for part in PRESENTER_PARTS:
            assert page.evaluate(INSIDE, part), part
        if size == (1920, 1080):
            assert min(graph_font_px(page)) >= 16, scenario_id
    finally:
        context.close()


def test_a_projector_shows_the_graph_or_the_plot_alone_in_larger_type(browser, server_url: str) -> None:
    """Side by side at 1024×768 the network's graph text is 9 px and its plot small: either one
    alone (``&show=graph|plot``) fills the screen, which still does not scroll."""
    context, page = sized(browser, 1024, 768)
    area = "gd => gd._fullLayout._size.w * gd._fullLayout._size.h"
    try:
        seen = {}
        for show in ("both", "graph", "plot"):
            open_ready(page, server_url + link("mlp", present="1", step="2", show=show))
            page.wait_for_selector(
                PLOT + " .main-svg" if show == "plot" else '[data-testid="stGraphVizChart"] svg'
            )
            page.wait_for_timeout(800)
            wait_ready(page)
            assert page_overflow(page) == {"x": 0, "y": 0}
            for part in PRESENTER_PARTS:
                assert page.evaluate(INSIDE, part), part
            drawn = page.locator(PLOT).count(), page.locator('[data-testid="stGraphVizChart"]').count()
            assert drawn == {"both": (1, 1), "graph": (0, 1), "plot": (1, 0)}[show]
            seen[show] = (
                min(graph_font_px(page)) if show != "plot" else 0,
                page.eval_on_selector(PLOT, area) if show != "graph" else 0,
            )
        assert seen["graph"][0] >= 14 > seen["both"][0], seen
        assert seen["plot"][1] >= 2 * seen["both"][1], seen
    finally:
        context.close()


def test_presenter_mode_fits_an_embedded_frame(browser, server_url: str) -> None:
    context, page = sized(browser, 1300, 800)
    try:
        src = server_url + link("logistic_bce", present="1", step="4", embed="true")
        page.goto(server_url + "/_stcore/health")  # a page of the app's origin: frame-ancestors 'self'
        page.set_content(f'<iframe src="{src}" width="1200" height="680" style="border:0"></iframe>')
        frame = page.frame_locator("iframe")
        frame.locator(PLOT).wait_for(timeout=60_000)
        inner = page.frames[1]
        inner.wait_for_timeout(1500)
        assert inner.evaluate("() => [innerWidth, innerHeight]") == [1200, 680]
        assert page_overflow(inner) == {"x": 0, "y": 0}
        for part in PRESENTER_PARTS:
            assert inner.evaluate(INSIDE, part), part
    finally:
        context.close()


@pytest.mark.parametrize("scenario_id", list(REGISTRY))
def test_the_page_graph_is_at_least_13_px_at_1920(browser, server_url: str, scenario_id: str) -> None:
    context, page = sized(browser, 1920, 1080)
    try:
        open_ready(page, server_url + link(scenario_id))
        assert min(graph_font_px(page)) >= 13
    finally:
        context.close()


def test_the_bce_step_its_buttons_and_its_chain_rule_fit_one_screen(browser, server_url: str) -> None:
    context, page = sized(browser, 1920, 1080)
    try:
        open_ready(page, server_url + link("logistic_bce", step="4"))
        page.locator('[data-testid="stGraphVizChart"]').scroll_into_view_if_needed()
        page.evaluate("() => document.querySelector('.st-key-view_row').scrollIntoView({block: 'start'})")
        page.wait_for_timeout(300)
        current = "g.node:has(polygon[stroke-width='4'])"
        page.wait_for_selector(f'[data-testid="stGraphVizChart"] {current}')
        for part in (f'[data-testid="stGraphVizChart"] {current}', ".st-key-step_next", ".st-key-step_prev"):
            assert page.evaluate(INSIDE, part), part
        explanation = page.get_by_text(re.compile(r"Step 4 of 13"))
        r = explanation.bounding_box()
        assert r is not None and r["y"] >= 0 and r["y"] + r["height"] <= 1080
    finally:
        context.close()


@pytest.mark.parametrize("scenario_id", list(REGISTRY))
def test_a_1024_projector_clips_nothing(browser, server_url: str, scenario_id: str) -> None:
    context, page = sized(browser, 1024, 768)
    try:
        open_ready(page, server_url + link(scenario_id))
        page.wait_for_selector(PLOT + " .main-svg")
        page.wait_for_function(
            "() => document.querySelector('[data-testid=stSidebar]').getBoundingClientRect().right < 50"
        )
        assert page_overflow(page)["x"] == 0
        width = page.eval_on_selector(PLOT, "gd => gd._fullLayout._size.w")
        assert width >= 300  # the plotting area, not a 60 px sliver
        clipped = page.evaluate("""() => [...document.querySelectorAll('[data-testid=stMain] button')]
            .filter(b => b.offsetParent && b.scrollWidth > b.clientWidth + 1).map(b => b.innerText)""")
        assert clipped == []
    finally:
        context.close()


@pytest.mark.parametrize("scenario_id", list(REGISTRY))
def test_a_phone_scrolls_nothing_sideways(browser, server_url: str, scenario_id: str) -> None:
    context, page = sized(browser, 390, 844)
    try:
        open_ready(page, server_url + link(scenario_id, tab="three_ways"))
        page.wait_for_selector(PLOT + " .main-svg")
        page.wait_for_timeout(500)
        assert page.evaluate("() => document.documentElement.scrollWidth") <= 390
        assert page_overflow(page)["x"] == 0
        off_edge = page.evaluate(OFF_EDGE)
        assert off_edge == 0  # fits, or scrolls inside itself and can be reached by keyboard
        assert_graph_readable_on_a_phone(page)
    finally:
        context.close()


CELLS_RUNNING_OVER = """() => [...document.querySelectorAll("[data-testid=stTable] :is(th, td)")]
  .filter(c => c.offsetParent && c.scrollWidth > c.clientWidth + 1).map(c => c.innerText)"""


TABLES = "[data-testid=stTable], [data-testid=stMarkdownContainer] table"
NUMBERS_BROKEN = r"""sel => [...document.querySelectorAll(sel)].filter(t => t.offsetParent)
  .flatMap(table => [...table.querySelectorAll("td")]).flatMap(cell => {
    const found = [], walk = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let t = walk.nextNode(); t; t = walk.nextNode())
      for (const m of t.data.matchAll(/[-−]?\d+(\.\d+)?(e[-+]?\d+)?/g)) {
        const r = document.createRange(); r.setStart(t, m.index); r.setEnd(t, m.index + m[0].length);
        if (new Set([...r.getClientRects()].map(q => Math.round(q.top))).size > 1) found.push(m[0]); }
    return found; })"""


@pytest.mark.parametrize("tab", list(TABS))
@pytest.mark.parametrize("scenario_id", ["softmax", "logistic_bce"])
def test_a_phone_table_cell_holds_its_text(browser, server_url: str, scenario_id: str, tab: str) -> None:
    """A long header ("x.grad after backward(gradient=v)") ran over the next column's header on a
    phone: its text did not wrap inside the cell. A number is never broken across lines."""
    context, page = sized(browser, 390, 844)
    try:
        open_ready(page, server_url + link(scenario_id, tab=tab))
        page.wait_for_timeout(500)
        assert page.evaluate(CELLS_RUNNING_OVER) == []
        assert page.evaluate(NUMBERS_BROKEN, TABLES) == []
    finally:
        context.close()


MARKDOWN_TABLES_SCROLLING = """() => [...document.querySelectorAll("[data-testid=stMarkdownContainer] table")]
  .filter(t => t.offsetParent && t.scrollWidth > t.clientWidth + 1).map(t => t.scrollWidth - t.clientWidth)"""


@pytest.mark.parametrize("scenario_id", list(REGISTRY))
def test_a_phone_shows_every_tensor_without_scrolling_sideways(browser, server_url: str, scenario_id) -> None:
    """The tensor table ran up to 153 px past a phone's column (vectors on one line): a cell now
    wraps between a vector's numbers and a backward function's words, never inside a number, and
    the text a student copies is the text torch prints."""
    context, page = sized(browser, 390, 844)
    try:
        open_ready(page, server_url + link(scenario_id, tab="tensors"))
        page.wait_for_selector("[data-testid=stMarkdownContainer] table td")
        page.wait_for_timeout(300)
        assert page.evaluate(MARKDOWN_TABLES_SCROLLING) == []
        assert page.evaluate(NUMBERS_BROKEN, TABLES) == []
        functions = page.evaluate(
            "() => [...document.querySelectorAll('[data-testid=stMarkdownContainer] table td:nth-child(2)')]"
            ".map(c => c.innerText)"
        )
        kinds = page.evaluate(
            "() => [...document.querySelectorAll('[data-testid=stMarkdownContainer] table tbody tr')]"
            ".map(r => r.lastElementChild.innerText)"
        )
        assert "" not in kinds  # every tensor's row whole (a vector printed on two lines split one)
        assert any(f.endswith("Backward0") for f in functions)
        assert all(" " not in f.strip("— ()") for f in functions)  # a copy reads as torch's name
    finally:
        context.close()


GRAPH_FRAME = '[data-testid="stGraphVizChart"]'


def assert_graph_readable_on_a_phone(page) -> None:
    """Text of 12 px at least; a graph wider than the screen scrolls inside its frame, which the
    keyboard reaches, and the frame stays on the screen."""
    assert min(graph_font_px(page)) >= 12
    assert box(page, GRAPH_FRAME)["width"] <= 390
    frame = page.eval_on_selector(GRAPH_FRAME, "f => [f.scrollWidth, f.clientWidth, f.tabIndex]")
    assert frame[0] <= frame[1] + 1 or frame[2] >= 0, frame


def test_a_phone_keeps_the_graph_where_it_was_scrolled_to(browser, server_url: str) -> None:
    """A slider move redraws the graph in a new frame, which scrolled back to its left edge: the
    student reading the loss end of a wide graph lost their place on every move."""
    context, page = sized(browser, 390, 844)
    try:
        open_ready(page, server_url + link("logistic_bce", w="1"))
        page.wait_for_function(f"() => document.querySelector('{GRAPH_FRAME}')?.tabIndex === 0")
        page.eval_on_selector(GRAPH_FRAME, "f => { f.scrollLeft = 150; }")
        page.wait_for_timeout(300)
        for step in ("1.1", "1.2"):
            page.eval_on_selector(".st-key-logistic_bce-w-slider input[type='range']", "e => e.focus()")
            page.keyboard.press("ArrowRight")
            page.wait_for_url(re.compile(rf"[?&]w={step}(&|$)"))
            wait_ready(page)
            page.wait_for_timeout(500)
            assert page.eval_on_selector(GRAPH_FRAME, "f => f.scrollLeft") == 150, step
    finally:
        context.close()


@pytest.mark.parametrize("scenario_id", ["logistic_bce", "mlp"])
def test_a_phone_presenter_graph_is_readable(browser, server_url: str, scenario_id: str) -> None:
    context, page = sized(browser, 390, 844)
    try:
        open_ready(page, server_url + link(scenario_id, present="1"))
        page.wait_for_timeout(800)
        wait_ready(page)
        assert page_overflow(page)["x"] == 0
        assert_graph_readable_on_a_phone(page)
    finally:
        context.close()


def test_a_phone_presenter_plot_keeps_the_page_type(browser, server_url: str) -> None:
    """A phone is held at arm's length: presenter mode's projector type (20 px) left the contour a
    92 px square (measured) under its wrapped title; with the page's type it fills the row."""
    context, page = sized(browser, 390, 844)
    try:
        open_ready(page, server_url + link("logistic_bce", present="1", plot="contour"))
        page.wait_for_selector(PLOT + " .contour")
        # The window's width reaches the server; the plot is drawn again meanwhile (gone for a moment).
        with contextlib.suppress(PlaywrightTimeout):
            page.wait_for_function(
                f"() => document.querySelector(`{PLOT}`)?._fullLayout?.font.size < 20", timeout=8000
            )
        wait_ready(page)
        square = page.wait_for_function(  # once the plot drawn by the last run is on the page
            f"() => {{ const L = document.querySelector(`{PLOT}`)?._fullLayout;"
            " return L?.yaxis && [L.xaxis._length, L.yaxis._length]; }"
        ).json_value()
        assert min(square) >= 180, square
    finally:
        context.close()


BAR_AND_PLOT = """gd => { const L = gd._fullLayout, s = L._size, f = gd.getBoundingClientRect();
  const box = sel => { const r = gd.querySelector(sel).getBoundingClientRect();
    return {left: r.left - f.left, top: r.top - f.top, right: r.right - f.left, bottom: r.bottom - f.top}; };
  return {square: Math.min(L.xaxis._length, L.yaxis._length), plot: {right: s.l + s.w, bottom: s.t + s.h},
          bar: box('.colorbar .cbfills'), barText: box('.colorbar .cbtitleunshift'),
          barTicks: box('.colorbar .cbaxis'), xTitle: box('g.g-xtitle'), legend: box('g.legend')}; }"""


@pytest.mark.parametrize("size", [(390, 844), (1280, 800)], ids=["phone", "laptop"])
def test_a_phone_contour_has_its_colour_bar_under_the_plot(browser, server_url: str, size) -> None:
    """Beside the plot on a phone, the colour bar and its ticks took ~100 px of a 358 px figure:
    the square was ~190 px across and the bar stood above and below it. Under the plot (between
    the x axis's title and the legend) the square is as wide as the figure allows; a laptop
    keeps the bar beside the plot."""
    context, page = sized(browser, *size)
    try:
        open_ready(page, server_url + link("logistic_bce", plot="contour"))
        page.wait_for_selector(PLOT + " .colorbar")
        page.wait_for_timeout(800)  # a phone's width reaches the server, the plot is redrawn for it
        wait_ready(page)
        m = page.eval_on_selector(PLOT, BAR_AND_PLOT)
        if size[0] < 640:
            assert m["square"] >= 0.7 * size[0], m
            assert m["xTitle"]["bottom"] <= m["barText"]["top"] and m["bar"]["top"] >= m["plot"]["bottom"], m
            assert m["barTicks"]["bottom"] <= m["legend"]["top"] + 1, m
            assert m["bar"]["right"] <= m["plot"]["right"] + 1, m
            assert m["bar"]["bottom"] - m["bar"]["top"] < 20, m
        else:
            assert m["bar"]["left"] >= m["plot"]["right"] and m["bar"]["bottom"] - m["bar"]["top"] > 100, m
        assert page_overflow(page)["x"] == 0
    finally:
        context.close()


ROW_TOPS = """sel => [...document.querySelectorAll(sel)].filter(e => e.offsetParent !== null)  // shown
  .map(e => Math.round(e.getBoundingClientRect().top))"""


@pytest.mark.parametrize("present", ["0", "1"])
def test_a_phone_keeps_the_step_buttons_in_one_row(browser, server_url: str, present: str) -> None:
    """A phone stacks columns: ◀ previous, next ▶, ▶ play, show and exit took a screen's height,
    one under another, and presenter mode's graph began 490 px down an 844 px screen."""
    context, page = sized(browser, 390, 844)
    try:
        open_ready(page, server_url + link("logistic_bce", step="2", present=present))
        page.wait_for_selector(GRAPH_FRAME + " svg")
        page.wait_for_selector(".st-key-step_buttons button >> visible=true")
        wait_ready(page)
        steps = page.evaluate(ROW_TOPS, ".st-key-step_buttons button")
        assert len(steps) == 3 and max(steps) - min(steps) <= 1, steps
        if present == "1":
            ends = page.evaluate(
                ROW_TOPS, ".st-key-present_bar [data-testid=stPopover] button, .st-key-leave_present button"
            )
            assert len(ends) == 2 and ends[0] == ends[1], ends
            assert box(page, GRAPH_FRAME)["y"] < 844 / 2  # the graph on the first half of the screen
        assert page_overflow(page)["x"] == 0
    finally:
        context.close()


METRIC_BOXES = """() => [...document.querySelectorAll('[data-testid=stMetricValue]')].map(e => {
  const r = e.getBoundingClientRect();
  return {top: Math.round(r.top), right: r.right, cut: e.scrollWidth > e.clientWidth + 1}; })"""


def test_a_phone_shows_the_output_and_its_gradients_side_by_side(browser, server_url: str) -> None:
    """Stacked columns put loss, w.grad and b.grad one under another on a phone, 270 px of its
    screen before the graph; side by side, each number whole."""
    context, page = sized(browser, 390, 844)
    try:
        open_ready(page, server_url + link("logistic_bce"))
        page.wait_for_selector("[data-testid=stMetricValue] >> nth=2")
        metrics = page.evaluate(METRIC_BOXES)
        assert len(metrics) == 3 and max(m["top"] for m in metrics) - min(m["top"] for m in metrics) <= 1, (
            metrics
        )
        assert all(m["right"] <= 390 and not m["cut"] for m in metrics), metrics
    finally:
        context.close()


OFF_EDGE = """() => [...document.querySelectorAll('.katex-display, [data-testid=stTable], table')]
  .filter(e => !e.parentElement.closest('[role=region][tabindex="0"]'))  // inside a region that scrolls
  .filter(e => e.getBoundingClientRect().right > innerWidth + 1
               || (e.scrollWidth > e.clientWidth + 1 && e.tabIndex < 0)).length"""
PX_PER_UNIT = """gd => { const L = gd._fullLayout; const span = a => Math.abs(a.range[1] - a.range[0]);
  return [L.xaxis._length / span(L.xaxis), L.yaxis._length / span(L.yaxis)]; }"""
CONTOURS = [("logistic_bce", {}), ("vector_mean", {"xs": "1,-2,3", "axes": "2,0"}),
            ("custom", {"expr": "x**2 + 3*y**2", "x": "1.5", "y": "1"})]  # fmt: skip


@pytest.mark.parametrize("present", ["0", "1"])
@pytest.mark.parametrize(("scenario_id", "extra"), CONTOURS, ids=[c[0] for c in CONTOURS])
def test_contours_have_equal_scales_on_screen(browser, server_url, scenario_id, extra, present) -> None:
    context, page = sized(browser, 1920, 1080)
    try:
        query = {**extra, "plot": "contour"} | ({"present": "1"} if present == "1" else {})
        open_ready(page, server_url + link(scenario_id, **query))
        page.wait_for_selector(PLOT + " .main-svg")
        page.wait_for_timeout(800)  # the window's size reaches the server, the plot is redrawn to it
        wait_ready(page)
        x_px, y_px = page.eval_on_selector(PLOT, PX_PER_UNIT)
        assert abs(x_px - y_px) <= 0.02 * max(x_px, y_px), (x_px, y_px)
    finally:
        context.close()


@pytest.mark.parametrize("plot", ["contour", "surface3d"])
def test_a_title_naming_the_held_inputs_fits_a_projector(browser, server_url: str, plot: str) -> None:
    """ "y over (x[0], x[1]): surface at x[2] = 3.0000" in presenter mode at 1024×768: the held
    values go on a second line instead of running off the plot's right edge."""
    context, page = sized(browser, 1024, 768)
    try:
        open_ready(page, server_url + link("vector_mean", plot=plot, present="1"))
        page.wait_for_selector(PLOT + " .gtitle")
        page.wait_for_timeout(800)  # the window's size reaches the server, the plot is redrawn to it
        wait_ready(page)
        # title and its own plot in one call: a plot being replaced has no size for a moment
        text, title, right = page.eval_on_selector(
            PLOT + " .gtitle",
            """e => [e.textContent, e.getBoundingClientRect().right,
                     e.closest('.js-plotly-plot').getBoundingClientRect().right]""",
        )
        assert "x[2] = 3.0000" in text and 0 < title <= right
    finally:
        context.close()
