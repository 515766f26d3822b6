"""The graph on a phone: readable text, scrolled sideways inside its own frame.

Fitted to a 390 px screen, a graph of ten boxes or more was drawn with text of 5–7 px (the
network's 5.1 px), which nobody reads on a phone held at arm's length. Below 640 px of window the
graph is drawn wide enough that its smallest text is 12 px; when that is wider than the
page, its frame scrolls sideways (as wide formulas and tables do) and takes keyboard focus,
so the page itself never scrolls sideways; a slider move keeps the place the student
scrolled to (a rerun may draw the graph in a new frame, scrolled back to its left edge).
Wider windows keep the graph fitted to its column. The browser lays the graph out, so its
width is known only there: this script reads it from the drawn SVG (its ``viewBox`` and the
size its text is drawn at, in its units).
"""

from __future__ import annotations

from viz.ui.layout import PHONE_BELOW_PX

READABLE_PX = 12
PHONE_GRAPH_JS = f"""(() => {{
  if (window.lensPhoneGraphs) return;  // once per page load
  let queued = false;
  const kept = new Map();  // scrolled to, per graph: a rerun may draw the graph in a new frame
  const keep = (frame, spot) => {{
    frame.lensSpot = spot;
    frame.scrollLeft = kept.get(spot) ?? 0;
    if (frame.lensKept) return;
    frame.lensKept = true;
    const mark = () => {{  // not while a redrawn graph is still fitted to the frame (scrolled to 0)
      const scrolled = frame.isConnected && frame.querySelector("svg")?.style.width;
      if (scrolled) kept.set(frame.lensSpot, frame.scrollLeft);
    }};
    frame.addEventListener("scroll", mark, {{ passive: true }});
  }};
  const fit = () => {{
    queued = false;
    const phone = innerWidth <= {PHONE_BELOW_PX};
    const frames = document.querySelectorAll('[data-testid="stGraphVizChart"]');
    for (const [i, frame] of frames.entries()) {{
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
      if (scroll) {{
        frame.tabIndex = 0;
        keep(frame, `${{i}}:${{svg.querySelectorAll("g.node").length}}`);  // the same graph, moved on
      }} else frame.removeAttribute("tabindex");
    }}
  }};
  const later = () => {{ if (!queued) {{ queued = true; requestAnimationFrame(fit); }} }};
  window.lensPhoneGraphs = new MutationObserver(later);
  window.lensPhoneGraphs.observe(document.body, {{ childList: true, subtree: true }});
  window.addEventListener("resize", later);
  later();
}})();
"""
