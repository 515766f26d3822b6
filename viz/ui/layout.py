"""Fixed CSS (never user text) that keeps the page usable from a phone to a lecture hall:
the graph and the plot stack below 1100 px, wide formulas and tables scroll inside
themselves instead of the page, and presenter mode fits one screen."""

from __future__ import annotations

import streamlit as st

STACK_BELOW_PX = 1100
PAGE_CSS = f"""<style>
@media (max-width: {STACK_BELOW_PX}px) {{
  [class*="st-key-view_row"] > div > [data-testid="stHorizontalBlock"] {{ flex-direction: column; }}
  [class*="st-key-view_row"] > div > [data-testid="stHorizontalBlock"] > [data-testid="stColumn"] {{
    width: 100% !important; flex: 1 1 auto !important; }}
}}
.katex-display {{ overflow-x: auto; overflow-y: hidden; }}
[data-testid="stTable"], [data-testid="stMarkdownContainer"] table {{
  display: block; overflow-x: auto; max-width: 100%; }}
@media (max-width: 640px) {{
  .katex-display > .katex {{ font-size: min(1.21em, 3.4vw); }}
  [data-testid="stTable"] th, [data-testid="stTable"] td, [data-testid="stMarkdownContainer"] td,
  [data-testid="stMarkdownContainer"] th {{ padding: 0.2rem 0.3rem; font-size: 0.8rem; white-space: normal;
    overflow-wrap: anywhere; }}
}}
.st-key-view_row_dark {{ background: #0e1117; border-radius: 0.5rem; padding: 0.75rem; }}
.st-key-view_row_dark p, .st-key-view_row_dark h3, .st-key-view_row_dark label,
.st-key-view_row_dark [data-testid="stCaptionContainer"] {{ color: #f0f3f6; }}
</style>"""

# Below the width where the graph and the plot stack, a projector or a tablet needs the room more
# than the sidebar: collapse it when the page loads (the user can open it again, and it stays open).
# A formula or a table wider than the screen scrolls inside itself: such a region must be reachable
# by keyboard (tabindex).
PAGE_JS = f"""<script>
(() => {{
  const collapse = (left) => {{
    const button = document.querySelector('[data-testid="stSidebarCollapseButton"] button');
    const bar = document.querySelector('[data-testid="stSidebar"]');
    const open = bar && bar.getBoundingClientRect().right > 50;
    if (button && open) button.click(); else if (left > 0) setTimeout(() => collapse(left - 1), 100);
  }};
  if (window.innerWidth <= {STACK_BELOW_PX} && !window.glCollapsed) {{  // once per page load
    window.glCollapsed = true;
    collapse(30);
  }}
  if (window.glScrollables) return;
  const wide = '.katex-display, [data-testid="stTable"], [data-testid="stMarkdownContainer"] table';
  const mark = () => document.querySelectorAll(wide).forEach((e) => {{
    if (e.scrollWidth > e.clientWidth + 1) {{ e.tabIndex = 0; e.setAttribute("role", "region");
      e.setAttribute("aria-label", e.classList.contains("katex-display") ? "formula" : "table"); }} }});
  window.glScrollables = new MutationObserver(mark);
  window.glScrollables.observe(document.body, {{ childList: true, subtree: true }});
  window.addEventListener("resize", mark);
  mark();
}})();
</script>"""


# Every page: captions dark enough for 4.5:1 on white (Streamlit fades #31333f to 60 %: 3.9:1).
BASE_CSS = """<style>
[data-testid="stCaptionContainer"] { color: #5f6368; opacity: 1; }
</style>"""


def page_layout() -> None:
    st.html(PAGE_CSS)
    st.html(PAGE_JS, unsafe_allow_javascript=True)
