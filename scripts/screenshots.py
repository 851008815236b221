"""Full-page screenshots of every page, at 1280 px and 390 px wide, light and dark.

    python scripts/screenshots.py OUTPUT_FOLDER [--site BUILT_SITE] [--pages "" relu/ ...]

Builds the site (or takes an already built one with ``--site``), serves it under
``/activation-functions/`` as GitHub Pages would, and writes
``<page>-<width>-<light|dark>.png`` for each page with Debian's Chromium, so a person
can look at what readers see: figures legible in both schemes, tables inside the
column, nothing wider than a phone.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from lighthouse import free_port, pages_of
from site_server import CHROMIUM, CHROMIUM_ARGS, SUBPATH, serve_site

ROOT = Path(__file__).resolve().parents[1]

WIDTHS = {1280: 900, 390: 844}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("output", type=Path)
    parser.add_argument("--site", type=Path, help="an already built site (default: build one)")
    parser.add_argument("--pages", nargs="*", help="pages relative to the site root (default: all)")
    args = parser.parse_args()
    args.output.mkdir(parents=True, exist_ok=True)
    port = free_port()
    with tempfile.TemporaryDirectory(prefix="screenshots-site-") as folder:
        site = args.site
        if site is None:
            site = Path(folder)
            env = {**os.environ, "SITE_URL": f"http://127.0.0.1:{port}{SUBPATH}", "NO_MKDOCS_2_WARNING": "1"}
            subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
                           cwd=ROOT, env=env, check=True, capture_output=True)
        from playwright.sync_api import sync_playwright

        with serve_site(site, port=port) as base, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            for scheme in ("light", "dark"):
                for width, height in WIDTHS.items():
                    context = browser.new_context(viewport={"width": width, "height": height}, color_scheme=scheme)
                    for page in args.pages if args.pages is not None else pages_of(site):
                        tab = context.new_page()
                        tab.goto(base + page, wait_until="networkidle")
                        name = (page.rstrip("/") or "home").replace("/", "_").replace(".html", "")
                        path = args.output / f"{name}-{width}-{scheme}.png"
                        tab.screenshot(path=str(path), full_page=True)
                        tab.close()
                        print(path)
                    context.close()
            browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
