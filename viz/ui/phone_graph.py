"""The graph on a phone: readable text, scrolled sideways inside its own frame.

Fitted to a 390 px screen, a graph of ten boxes or more was drawn with text of 5–7 px (the
network's 5.1 px), which nobody reads on a phone held at arm's length. Below 640 px of window the
graph is drawn wide enough that its smallest text is 12 px; when that is wider than the
page, its frame scrolls sideways (as wide formulas and tables do) and takes keyboard focus,
so the page itself never scrolls sideways. Wider windows keep the graph fitted to its
column. The browser lays the graph out, so its width is known only there: this script
reads it from the drawn SVG (its ``viewBox`` and the size its text is drawn at, in its units).
"""

from __future__ import annotations

import streamlit as st

from viz.ui.layout import PHONE_BELOW_PX

READABLE_PX = 12
PHONE_GRAPH_JS = f"""<script>
(() => {{
  if (window.lensPhoneGraphs) return;  // once per page load
  let queued = false;
  const fit = () => {{
    queued = false;
    const phone = innerWidth <= {PHONE_BELOW_PX};
    for (const frame of document.querySelectorAll('[data-testid="stGraphVizChart"]')) {{
      const svg = frame.querySelector("svg"), view = svg && svg.viewBox.baseVal;
      if (!view || (!phone && !svg.style.width)) continue;  // wider windows: fitted, nothing to undo
      const sizes = [...svg.querySelectorAll("text")]
        .map((t) => parseFloat(getComputedStyle(t).fontSize)).filter((s) => s > 0);
      if (!view.width || !sizes.length) continue;
      const width = Math.ceil((view.width * {READABLE_PX}) / Math.min(...sizes));
      const scroll = phone && width > frame.parentElement.clientWidth;
      const wanted = scroll ? width + "px" : "";
      if (svg.style.width === wanted) continue;
      const free = scroll ? "none" : "", auto = scroll ? "auto" : "";
      Object.assign(svg.style, {{ width: wanted, height: auto, maxWidth: free, maxHeight: free }});
      Object.assign(frame.style, {{ maxWidth: scroll ? "100%" : "", overflowX: scroll ? "auto" : "" }});
      if (scroll) frame.tabIndex = 0;
      else frame.removeAttribute("tabindex");
    }}
  }};
  const later = () => {{ if (!queued) {{ queued = true; requestAnimationFrame(fit); }} }};
  window.lensPhoneGraphs = new MutationObserver(later);
  window.lensPhoneGraphs.observe(document.body, {{ childList: true, subtree: true }});
  window.addEventListener("resize", later);
  later();
}})();
</script>"""


def readable_graph_on_phones() -> None:
    st.html(PHONE_GRAPH_JS, unsafe_allow_javascript=True)
