"""Screenshot every scenario as a class would see it: page and presenter mode, light and the
dark-slide theme, on a 1920×1080 screen, a 1024×768 projector and a 390×844 phone.

python -m tools.screenshots --out shots/ [--url http://127.0.0.1:8501] [--query "scenario=…"]
"""

from __future__ import annotations

import argparse
import contextlib
from pathlib import Path
from urllib.parse import urlencode

import viz.catalog  # noqa: F401
from tools.browser import chromium, open_ready, streamlit_server, wait_ready
from viz.scenario import REGISTRY
from viz.state import default_state, to_query

SIZES = ((1920, 1080), (1024, 768), (390, 844))
MODES = (("page", {}), ("present", {"present": "1", "step": "2"}))
THEMES = ("light", "slide_dark")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=Path("shots"))
    parser.add_argument("--url", default="")
    parser.add_argument("--query", action="append", default=[], help="extra query strings (page, light)")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    views = [
        (f"{sid}_{mode}_{theme}", urlencode(to_query(default_state(sid)) | extra | {"theme": theme}))
        for sid in REGISTRY for mode, extra in MODES for theme in THEMES
    ]  # fmt: skip
    views += [(f"extra{i}", query) for i, query in enumerate(args.query)]
    server = contextlib.nullcontext(args.url) if args.url else streamlit_server()
    with server as url, chromium() as browser:
        for width, height in SIZES:
            context = browser.new_context(viewport={"width": width, "height": height})
            page = context.new_page()
            for name, query in views:
                open_ready(page, f"{url}/?{query}")
                page.wait_for_timeout(1200)
                wait_ready(page)
                path = args.out / f"{name}_{width}x{height}.png"
                page.screenshot(path=str(path))  # what the screen shows
                print(path)
                if (
                    "present" not in name
                ):  # and the whole page: Streamlit scrolls its main area, not the document
                    tall = page.evaluate("() => document.querySelector('[data-testid=stMain]').scrollHeight")
                    page.set_viewport_size({"width": width, "height": min(tall + 40, 8000)})
                    page.wait_for_timeout(1200)
                    page.screenshot(path=str(path.with_name(path.stem + "_full.png")))
                    page.set_viewport_size({"width": width, "height": height})
            context.close()


if __name__ == "__main__":
    main()
