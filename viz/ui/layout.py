"""Fixed CSS (never user text) that keeps the page usable from a phone to a lecture hall:
the graph and the plot stack below 1100 px, wide formulas and tables scroll inside
themselves instead of the page, and presenter mode fits one screen."""

from __future__ import annotations

from viz.graph_style import PRESENTER_GRAPH, THEMES

STACK_BELOW_PX = 1100
PHONE_BELOW_PX = 640  # formulas, tables and the graph take their phone form below this width
PAGE_CSS = f"""<style>
@media (max-width: {STACK_BELOW_PX}px) {{
  [class*="st-key-view_row"] > div > [data-testid="stHorizontalBlock"] {{ flex-direction: column; }}
  [class*="st-key-view_row"] > div > [data-testid="stHorizontalBlock"] > [data-testid="stColumn"] {{
    width: 100% !important; flex: 1 1 auto !important; }}
}}
.katex-display {{ overflow-x: auto; overflow-y: hidden; }}
.gl-whole {{ white-space: nowrap; }}
[data-testid="stMetricValue"], [data-testid="stMetricValue"] * {{ white-space: normal !important;
  overflow: visible !important; text-overflow: clip !important; overflow-wrap: anywhere; }}
[data-testid="stTable"], [data-testid="stMarkdownContainer"] table {{
  display: block; overflow-x: auto; max-width: 100%; }}
@media (max-width: {PHONE_BELOW_PX}px) {{
  .katex-display > .katex {{ font-size: min(1.21em, 3.4vw); }}
  [data-testid="stTable"] table, [data-testid="stMarkdownContainer"] table {{ min-width: 0 !important; }}
  [data-testid="stTable"] th, [data-testid="stTable"] td, [data-testid="stMarkdownContainer"] td,
  [data-testid="stMarkdownContainer"] th {{ padding: 0.2rem 0.25rem; font-size: 0.8rem; }}
  /* headers wrap between words, numbers never break: a table wider than that scrolls. A markdown
     table's cell also wraps between the numbers of a vector, each kept whole in a .gl-whole span */
  [data-testid="stTable"] th, [data-testid="stTable"] th *, [data-testid="stMarkdownContainer"] th,
  [data-testid="stMarkdownContainer"] td {{ white-space: normal; overflow-wrap: normal !important; }}
  [data-testid="stTable"] td, [data-testid="stTable"] td * {{ white-space: nowrap !important; }}
}}
.st-key-view_row_dark [data-testid="stGraphVizChart"], .st-key-view_row_dark [data-testid="stPlotlyChart"],
.st-key-view_row_dark [data-testid="stBidiComponentRegular"] {{
  background: #0e1117; border-radius: 0.5rem; padding: 0.4rem; }}
</style>"""

# Below the width where the graph and the plot stack, a projector or a tablet needs the room more
# than the sidebar: collapse it when the page loads (the user can open it again, and it stays open).
# A formula or a table wider than the screen scrolls inside itself: such a region must be reachable
# by keyboard (tabindex).
PAGE_JS = f"""(() => {{
  if (window.glScrollables) return;  // once per page load
  const collapse = () => {{  // a narrow window's sidebar starts closed, once per page load
    if (window.glCollapsed || innerWidth > {STACK_BELOW_PX}) return;
    const bar = document.querySelector('[data-testid="stSidebar"]');
    if (!bar || !bar.getClientRects().length) return;  // not drawn yet, or hidden (presenter mode)
    const button = document.querySelector('[data-testid="stSidebarCollapseButton"] button');
    if (bar.dataset.collapsed === "true") window.glCollapsed = true;
    else if (button) {{ window.glCollapsed = true; button.click(); }}
  }};
  const wide = '.katex-display, [data-testid="stTable"], [data-testid="stTable"] > div, ' +
    '[data-testid="stMarkdownContainer"] table';  // st.table scrolls in its inner div
  const mark = () => document.querySelectorAll(wide).forEach((e) => {{
    if (e.scrollWidth > e.clientWidth + 1) {{ e.tabIndex = 0; e.setAttribute("role", "region");
      e.setAttribute("aria-label", e.classList.contains("katex-display") ? "formula" : "table"); }} }});
  let queued = false;  // once a frame: a run's render changes the page in many batches, and each
  const watch = () => {{ queued = false; collapse(); mark(); }};  // check measures the page's layout
  const later = () => {{ if (!queued) {{ queued = true; requestAnimationFrame(watch); }} }};
  window.glScrollables = new MutationObserver(later);
  window.glScrollables.observe(document.body, {{ childList: true, subtree: true }});
  window.addEventListener("resize", later);
  watch();
}})();
"""


SIDES_PX = 32  # the main column's paddings, left and right, on a phone and in presenter mode
CHROME_PX = 182  # the control row, the step line and the paddings: the rest is the graph's and the plot's
# Fixed CSS, no user text: hide Streamlit's chrome, let the graph scale into the space left.
PRESENTER_CSS = f"""<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"],
[data-testid="stToolbar"], [data-testid="stDecoration"] {{ display: none !important; }}
[data-testid="stMainBlockContainer"] {{ padding: 0.4rem 1rem 0 1rem; max-width: 100%; }}
.st-key-present_row [data-testid="stGraphVizChart"] svg {{
  width: 100%; height: auto; max-height: calc(100vh - {CHROME_PX}px); }}
.st-key-present_bar [data-testid="stSlider"] {{ padding-top: 0; }}
.st-key-present_step p {{ margin: 0; font-size: 1.05rem; }}
.st-key-present_bar h3 {{ font-size: 1.35rem; padding: 0; }}
</style>"""


# Streamlit's graph frame sets ``font-size: 0.6rem`` on everything inside it, which overrides the
# SVG's own font-size attributes: every graph's text was drawn at 9.6 units whatever its DOT asked
# (presenter mode's 18 included), in boxes laid out for the size asked. These rules (one per size a
# graph uses; legend and cue boxes are one point smaller) draw the text at the size it was laid out for.
_SIZES = {t.fontsize for t in THEMES.values()} | {PRESENTER_GRAPH.fontsize}
GRAPH_TEXT_CSS = "\n".join(
    f'[data-testid="stGraphVizChart"] svg text[font-size="{n}.00"] {{ font-size: {n}px; }}'
    for n in range(min(_SIZES) - 1, max(_SIZES) + 1)
)

# Every page: captions dark enough for 4.5:1 on white (Streamlit fades #31333f to 60 %: 3.9:1), and
# a focus ring on everything the keyboard reaches (some widgets only change a border colour).
BASE_CSS = f"""<style>
{GRAPH_TEXT_CSS}
[data-testid="stCaptionContainer"] {{ color: #5f6368; opacity: 1; }}
div:has(> .st-key-lens_scripts) {{ display: none; }}
a:focus-visible, button:focus-visible, input:focus-visible, summary:focus-visible, textarea:focus-visible,
[role="slider"]:focus-visible, [role="radio"]:focus-visible, [tabindex]:focus-visible {{
  outline: 3px solid #1a56db !important; outline-offset: 2px; }}
.st-key-step_buttons > div {{ flex: 1 1 0; min-width: 0; }}  /* ◀ ▶ of one width, one row on a phone too */
@media (max-width: {PHONE_BELOW_PX}px) {{  /* a phone stacks columns */
  .st-key-present_bar [data-testid="stColumn"]:has(.st-key-leave_present),
  .st-key-present_bar [data-testid="stColumn"]:has([data-testid="stPopover"]) {{
    min-width: calc(50% - 0.5rem) !important; }}
}}
</style>"""


# Presenter mode in a dark theme projects a dark screen: the slide-dark graph is light on transparent.
DARK_SCREEN_CSS = """<style>
[data-testid="stApp"], [data-testid="stAppViewContainer"], [data-testid="stMain"] {
  background: #0e1117 !important; }
[data-testid="stMain"] h3, [data-testid="stMain"] p, [data-testid="stMain"] label,
[data-testid="stMain"] [data-testid="stWidgetLabel"] { color: #f0f3f6; }
[data-testid="stMain"] button p { color: inherit; }
</style>"""
DARK_THEMES = ("dark", "slide_dark")


def stylesheet(present: bool, theme: str) -> str:
    """The page's fixed CSS, sent with the first element of every run so that it applies from the
    first paint (a CSS-only ``st.html`` is drawn after the content: captions and frames flickered)."""
    parts = [
        BASE_CSS,
        *([PRESENTER_CSS, *([DARK_SCREEN_CSS] * (theme in DARK_THEMES))] if present else [PAGE_CSS]),
    ]
    rules = "".join(p.removeprefix("<style>").removesuffix("</style>") for p in parts)
    return f"<style>{rules}</style>"  # one block: markdown folds a second one into the first
