"""What a student sees, measured in the real page: on-screen text sizes of the graph,
element boxes, and axe-core's accessibility report (axe-core from npm, injected)."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
GRAPH_SVG = '[data-testid="stGraphVizChart"] svg'

# The on-screen height of a text element's font: the font size it is drawn at times the SVG's
# scale on screen. Drawn, not asked for: a page's CSS overrides the SVG's font-size attribute.
FONT_PX = """(selector) => [...document.querySelectorAll(selector + ' text')].map(t => {
    const size = parseFloat(getComputedStyle(t).fontSize);
    const m = t.getScreenCTM();
    return size * Math.sqrt(m.a * m.a + m.b * m.b);
})"""


def graph_font_px(page, selector: str = GRAPH_SVG) -> list[float]:
    """On-screen font sizes (px) of every text in the graph's SVG."""
    page.wait_for_selector(selector + " text", timeout=30_000)
    return page.evaluate(FONT_PX, selector)


def axe_violations(page, impacts: tuple[str, ...] = ("serious", "critical")) -> list[dict]:
    """axe-core's WCAG 2.1 A/AA violations of the given impacts, with the offending nodes."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        # Evaluated through the browser's debugging protocol: the page's Content-Security-Policy
        # (rightly) refuses an injected <script> tag.
        page.evaluate(AXE.read_text(encoding="utf-8") + "\n;0")
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS
    )
    found = [v for v in result["violations"] if v["impact"] in impacts]
    return [_summary(v) for v in found]


def _summary(violation: dict) -> dict:
    targets = [node["target"] for node in violation["nodes"]]
    return {
        "id": violation["id"],
        "impact": violation["impact"],
        "help": violation["help"],
        "targets": targets,
    }


def box(page, selector: str) -> dict | None:
    """The first matching element's box on screen (x, y, width, height), or None."""
    return page.evaluate(
        "(s) => { const e = document.querySelector(s); if (!e) return null;"
        " const r = e.getBoundingClientRect(); return {x: r.x, y: r.y, width: r.width, height: r.height}; }",
        selector,
    )


SCROLLER = '[data-testid="stMain"]'


def page_overflow(page) -> dict:
    """How far the page's content is wider or taller than what shows (0: it fits, no scrolling).

    Streamlit scrolls its main area, not the document, so both are measured."""
    return page.evaluate(
        """(s) => { const m = document.querySelector(s) || document.documentElement;
            const d = document.documentElement;
            return {x: Math.max(m.scrollWidth - m.clientWidth, d.scrollWidth - window.innerWidth),
                    y: Math.max(m.scrollHeight - m.clientHeight, d.scrollHeight - window.innerHeight)}; }""",
        SCROLLER,
    )


def edge_ink(png: bytes, band: int = 5, dark: int = 150) -> dict[str, int]:
    """Dark pixels in each edge band of a screenshot on a light background: a label that
    runs into the edge of a WebGL scene (drawn, not in the DOM) is cut there."""
    import io

    import numpy as np
    from PIL import Image

    a = np.asarray(Image.open(io.BytesIO(png)).convert("L"))
    bands = {"left": a[:, :band], "right": a[:, -band:], "top": a[:band], "bottom": a[-band:]}
    return {side: int((pixels < dark).sum()) for side, pixels in bands.items()}
