"""Screenshot every scenario at lecture sizes, to look at what students see.

python -m tools.screenshots --out shots/ [--url http://127.0.0.1:8501]
"""

from __future__ import annotations

import argparse
import contextlib
from pathlib import Path

import viz.catalog  # noqa: F401
from tools.browser import chromium, open_ready, streamlit_server
from viz.scenario import REGISTRY
from viz.state import default_state, to_query

SIZES = ((1280, 800), (1920, 1080), (1280, 2600))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=Path("shots"))
    parser.add_argument("--url", default="")
    parser.add_argument("--query", action="append", default=[], help="extra query strings")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    queries = ["&".join(f"{k}={v}" for k, v in to_query(default_state(s)).items()) for s in REGISTRY]
    queries += args.query
    server = contextlib.nullcontext(args.url) if args.url else streamlit_server()
    with server as url, chromium() as browser:
        for width, height in SIZES:
            page = browser.new_page(viewport={"width": width, "height": height})
            for i, query in enumerate(queries):
                open_ready(page, f"{url}/?{query}")
                page.wait_for_timeout(1500)
                name = query.split("&")[0].split("=")[1] + (f"_{i}" if i >= len(REGISTRY) else "")
                path = args.out / f"{name}_{width}x{height}.png"
                page.screenshot(path=str(path), full_page=True)
                print(path)
            page.close()


if __name__ == "__main__":
    main()
