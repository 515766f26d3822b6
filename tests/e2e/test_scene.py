"""The 3D surface is kept between slider moves: the same plot is updated in place (no new
WebGL scene), its arrow follows the gradient, the camera stays where the student turned it,
and the toolbar's camera saves the view the page shows now."""

import re

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

import viz.catalog  # noqa: F401
from tests.e2e.test_browser import PLOT, current_query, link, metric_texts
from tools.browser import open_ready, wait_ready
from tools.measure import edge_ink
from viz.export import file_name
from viz.scenario import REGISTRY
from viz.state import default_state, normalise, parse_query, plot_kinds

pytestmark = pytest.mark.e2e
W_SLIDER = ".st-key-logistic_bce-w-slider input[type='range']"
ARROW = """gd => gd && gd.data && gd.data.filter(t => t.meta && t.meta.role === 'gradient')
                                      .map(t => t.meta.gradient)[0]"""


def test_the_surface_is_updated_in_place_and_keeps_the_camera(page, server_url: str) -> None:
    open_ready(page, server_url + link("logistic_bce", plot="surface3d", w="1"))
    page.wait_for_function(f"() => document.querySelector(`{PLOT}`)?._fullLayout?.scene")
    page.eval_on_selector(
        PLOT, "gd => { gd.lensMark = 'first'; gd.querySelector('canvas').lensMark = 'first'; }"
    )
    box = page.locator(PLOT).bounding_box()
    cx, cy = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(cx, cy)  # the student turns the surface with the mouse
    page.mouse.down()
    page.mouse.move(cx + 120, cy + 40, steps=8)
    page.mouse.up()
    turned = page.eval_on_selector(PLOT, "gd => gd._fullLayout.scene.camera.eye")
    assert round(turned["x"], 3) != 1.3
    before = page.eval_on_selector(PLOT, ARROW)
    page.locator(W_SLIDER).focus()
    page.keyboard.press("ArrowRight")  # w: 1.0 -> 1.1
    moved = f"b => {{ const a = ({ARROW})(document.querySelector(`{PLOT}`)); return a && a[0] !== b[0]; }}"
    page.wait_for_function(moved, arg=before)
    wait_ready(page)
    assert page.eval_on_selector(PLOT, "gd => gd.lensMark") == "first"  # the same plot, not a new one
    assert page.eval_on_selector(PLOT, "gd => gd.querySelector('canvas').lensMark") == "first"  # same scene
    assert page.eval_on_selector(PLOT, "gd => gd._fullLayout.scene.camera.eye") == turned
    arrow = page.eval_on_selector(PLOT, ARROW)
    assert f"{arrow[0]:.4f}" == metric_texts(page, 3)[1]  # the arrow is w.grad as the page shows it
    now = normalise(parse_query({k: v[0] for k, v in current_query(page).items()})[0])
    assert now.values["w"] == 1.1
    page.mouse.move(cx, cy)  # the toolbar shows on hover
    with page.expect_download(timeout=60_000) as download:
        page.locator(PLOT + " .modebar-btn[data-title^='Download plot']").click()
    assert download.value.suggested_filename == file_name(now, "surface3d", "svg")


SURFACE_Z = "gd => JSON.stringify(gd.data.find(t => t.type === 'surface').z)"


def _move(page, key: str) -> None:
    before = page.eval_on_selector(PLOT, ARROW)
    page.locator(W_SLIDER).focus()
    page.keyboard.press(key)
    moved = f"b => {{ const a = ({ARROW})(document.querySelector(`{PLOT}`)); return a && a[0] !== b[0]; }}"
    page.wait_for_function(moved, arg=before)
    wait_ready(page)


def test_a_move_does_not_send_the_unchanged_surface_again(page, server_url: str) -> None:
    """The surface (~140 kB) reaches the browser once; a move sends the point and arrows. Should
    the page lack a trace the server thinks it holds, the page asks and gets the whole figure."""
    frames: list[int] = []
    page.on("websocket", lambda ws: ws.on("framereceived", lambda f: frames.append(len(f))))
    open_ready(page, server_url + link("logistic_bce", plot="surface3d", w="1"))
    page.wait_for_function(f"() => document.querySelector(`{PLOT}`)?._fullLayout?.scene")
    wait_ready(page)
    surface = page.eval_on_selector(PLOT, SURFACE_Z)
    assert sum(frames) > 100_000  # the first view brings the surface
    frames.clear()
    _move(page, "ArrowRight")
    assert sum(frames) < 60_000, sum(frames)  # the move: no surface
    assert page.eval_on_selector(PLOT, SURFACE_Z) == surface  # still drawn, the same numbers
    page.eval_on_selector(PLOT, "gd => { gd.lensStore = new Map(); }")  # the page lost its traces
    frames.clear()
    _move(page, "ArrowLeft")
    assert sum(frames) > 100_000  # asked for, and sent again
    assert page.eval_on_selector(PLOT, SURFACE_Z) == surface
    arrow = page.eval_on_selector(PLOT, ARROW)
    assert f"{arrow[0]:.4f}" == metric_texts(page, 3)[1]  # the arrow is w.grad at w = 1 again


def _surface_without_traces(page, server_url: str) -> dict[str, int]:
    """The 3D plot shown through a websocket link that loses the message after ``after`` more
    (counted in ``sent``, ``dropped``), with the page's traces forgotten: its next figure asks."""
    link_ = {"after": -1, "dropped": 0, "sent": 0}

    def between(ws) -> None:
        server = ws.connect_to_server()

        def upstream(message) -> None:
            link_["sent"] += 1
            link_["after"] -= 1
            if link_["after"] == -1:
                link_["dropped"] += 1
                return
            server.send(message)

        ws.on_message(upstream)
        server.on_message(ws.send)

    page.route_web_socket(re.compile(r".*/_stcore/stream"), between)
    open_ready(page, server_url + link("logistic_bce", plot="surface3d", w="1"))
    page.wait_for_function(f"() => document.querySelector(`{PLOT}`)?._fullLayout?.scene")
    wait_ready(page)
    page.eval_on_selector(PLOT, "gd => { gd.lensStore = new Map(); }")
    return link_


def test_a_lost_ask_for_the_surface_is_asked_again(page, server_url: str) -> None:
    """The page asks for the traces it lacks; an ask lost in a rerun that started meanwhile left
    the plot as it was, its arrow no longer following the sliders."""
    link_ = _surface_without_traces(page, server_url)
    link_["after"] = 1  # the move goes through; the ask after it is lost
    _move(page, "ArrowRight")
    assert link_["dropped"] == 1
    arrow = page.eval_on_selector(PLOT, ARROW)
    assert f"{arrow[0]:.4f}" == metric_texts(page, 3)[1]  # the arrow is w.grad at w = 1.1


def test_a_plot_switched_away_asks_no_more(page, server_url: str) -> None:
    """Should the page leave the 3D plot while its ask goes unanswered, the plot asks no more: each
    ask is a rerun of the class's server for a plot no longer on the page."""
    link_ = _surface_without_traces(page, server_url)
    link_["after"] = 1
    page.locator(W_SLIDER).focus()
    page.keyboard.press("ArrowRight")
    for _ in range(40):
        if link_["dropped"]:
            break
        page.wait_for_timeout(50)
    assert link_["dropped"] == 1
    page.locator(".st-key-plot_kind button", has_text="contour").click()  # the teacher switches plots
    page.wait_for_selector(f"{PLOT} .contour")
    wait_ready(page)
    switched = link_["sent"]
    page.wait_for_timeout(9000)  # the old plot asked again 2, 6 and 12 s after its first ask
    assert link_["sent"] == switched, f"{link_['sent'] - switched} asks after the plot left the page"


def test_a_failed_load_of_plotly_js_is_tried_again(browser, page, server_url: str) -> None:
    """A network blip as plotly.js (3.5 MB) loads left the 3D plot blank until a reload. Presenter
    mode: no other plot on the page, whose plotly bundle would serve the 3D plot too (as would the
    server's first visit, which draws a throwaway plot while torch loads: made by another tab)."""
    first = browser.new_page()
    open_ready(first, server_url + link("square"))
    first.close()
    asked: list[str] = []

    def blip(route) -> None:
        asked.append(route.request.url)
        route.abort() if len(asked) == 1 else route.continue_()

    page.route("**/static/plotly-*.min.js", blip)
    page.on("pageerror", lambda e: None)
    open_ready(page, server_url + link("logistic_bce", plot="surface3d", w="1", present="1"))
    page.wait_for_function(f"() => document.querySelector(`{PLOT}`)?._fullLayout?.scene")
    assert len(asked) == 2  # the first failed, the second drew the plot
    assert page.eval_on_selector(PLOT, "gd => gd.data.map(t => t.type).includes('surface')")
    assert page.eval_on_selector(PLOT, ARROW) is not None


def _blank_plot_report(page, logged: list[str]) -> str:
    """What the page knew when a plot never came: a failure in CI must say why."""
    state = page.evaluate(
        """() => ({kept: document.querySelectorAll('.lens-kept').length, plotly: !!window.Plotly,
                  notices: [...document.querySelectorAll('[data-testid="stAlert"]')].map(e => e.innerText),
                  running: document.querySelector('[data-testid="stApp"]')?.dataset.testScriptState})"""
    )
    return f"no 3D plot: {state}; console: {logged[-10:]}"


SURFACES = [(s, {}) for s in REGISTRY if "surface3d" in plot_kinds(len(default_state(s).axes))]
SURFACES += [("custom", {"expr": "x*y"})]
SCREENS = [
    (1920, 1080, "0"),
    (390, 844, "0"),
    (1920, 1080, "1"),
    (1280, 720, "1"),
    (1024, 768, "1"),
    (390, 844, "1"),
]


@pytest.mark.parametrize(
    ("width", "height", "present"), SCREENS, ids=[f"{w}x{h}-present{p}" for w, h, p in SCREENS]
)
@pytest.mark.parametrize(("scenario_id", "extra"), SURFACES, ids=[s for s, _ in SURFACES])
def test_the_scene_cuts_no_label_and_the_note_fits(
    browser, server_url, scenario_id, extra, width, height, present
) -> None:
    """Tick labels and axis titles are drawn inside the WebGL canvas: on a narrow or small plot
    (a phone, presenter mode on a projector) they ran past its edges and were cut ("ss" for
    "loss"). The red note under the title stays inside the plot too."""
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    logged: list[str] = []
    page.on("console", lambda m: logged.append(f"{m.type}: {m.text}"))
    page.on("pageerror", lambda e: logged.append(f"pageerror: {e}"))
    try:
        open_ready(page, server_url + link(scenario_id, **extra, plot="surface3d", present=present))
        try:
            page.wait_for_function(f"() => document.querySelector(`{PLOT}`)?._fullLayout?.scene")
        except PlaywrightTimeout:
            pytest.fail(_blank_plot_report(page, logged))
        wait_ready(page)
        canvas = page.locator(PLOT + " .gl-container canvas").first
        canvas.scroll_into_view_if_needed()
        page.wait_for_timeout(1500)  # the first WebGL frame
        assert edge_ink(canvas.screenshot()) == {"left": 0, "right": 0, "top": 0, "bottom": 0}
        right = page.eval_on_selector(PLOT, "e => e.getBoundingClientRect().right")
        notes = page.eval_on_selector_all(
            PLOT + " .annotation", "es => es.map(e => e.getBoundingClientRect().right)"
        )
        assert all(r <= right + 1 for r in notes), (notes, right)
    finally:
        context.close()
