"""Screenshots of the built site, so people can look at it without serving it (``nox -s screenshots``).

    python tests/screenshots.py [SITE_DIR] [OUT_DIR]

Serves SITE_DIR (default docs/_build/html) on 127.0.0.1 and writes PNGs of the home page, the overview,
a how-to page and the glossary, on desktop (1280x800) and mobile (375x812), light and dark, to OUT_DIR
(default docs/_build/screenshots). Uses the same Chromium as the browser tests (tests/browser.py).
"""

from __future__ import annotations

import sys
from pathlib import Path

from browser import DESKTOP, MOBILE, SiteServer, launch_chromium, new_context

ROOT = Path(__file__).resolve().parent.parent
PAGES = {
    "home": "index.html",
    "overview": "about/service/index.html",
    "howto": "admin/howto/new-hub.html",
    "glossary": "reference/glossary.html",
}
VIEWPORTS = {"desktop": DESKTOP, "mobile": MOBILE}
MODES = {"light": False, "dark": True}


def take_screenshots(browser, site: Path, out: Path) -> list[Path]:
    """Write one PNG per page, viewport and colour mode with ``browser``; return their paths."""
    if not (site / "index.html").is_file():
        raise FileNotFoundError(f"no built site in {site}: run `nox -s docs` first")
    out.mkdir(parents=True, exist_ok=True)
    written = []
    with SiteServer(site) as server:
        for viewport_name, viewport in VIEWPORTS.items():
            for mode, dark in MODES.items():
                context = new_context(browser, dark=dark, viewport=viewport)
                page = context.new_page()
                for page_name, path in PAGES.items():
                    page.goto(server.url(path))
                    page.wait_for_load_state("load")
                    target = out / f"{page_name}-{viewport_name}-{mode}.png"
                    page.screenshot(path=target, animations="disabled")
                    written.append(target)
                foreign = context.requests.foreign
                context.close()
                if foreign:
                    raise RuntimeError(f"the pages asked other hosts for {foreign}")
    return written


def main(argv: list[str]) -> int:
    site = Path(argv[0]) if argv else ROOT / "docs" / "_build" / "html"
    out = Path(argv[1]) if len(argv) > 1 else ROOT / "docs" / "_build" / "screenshots"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        for path in take_screenshots(browser, site, out):
            print(path)
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
