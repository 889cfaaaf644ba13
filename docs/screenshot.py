"""Regenerate the README's screenshot of the overview map (`make screenshot`).

Opens maps/index.html in Debian's Chromium with the network cut off (so no basemap tiles), types
a name into the search box and captures the page with the popup open. Chinese text needs a CJK
font (Debian: fonts-noto-cjk). Kept out of `make maps`: a screenshot depends on the browser and
its fonts, and `make maps` must give the same bytes every time.

    .venv/bin/python docs/screenshot.py [--map maps/index.html] [--out docs/index.png]
"""

from __future__ import annotations

import argparse
from pathlib import Path

from playwright.sync_api import sync_playwright

from geo.maps.browser import launch, open_offline, search

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--map", type=Path, default=ROOT / "maps" / "index.html")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "index.png")
    parser.add_argument("--search", default="长阳创谷", help="the place whose popup is shown")
    args = parser.parse_args()
    with sync_playwright() as playwright:
        browser = launch(playwright)
        page, errors = open_offline(browser, args.map, viewport=(1280, 800))
        search(page, args.search).first.click()
        page.locator(".leaflet-popup-content").wait_for()
        # One step out, where points still stand alone, shows the lines around the place.
        page.evaluate("name => window[name].setZoom(15, {animate: false})",
                      page.evaluate("Object.keys(window).find(k => k.startsWith('map_'))"))
        page.wait_for_timeout(300)  # let the popup finish its fade-in
        args.out.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(args.out))
        browser.close()
    if errors:
        raise SystemExit("the page reported errors:\n" + "\n".join(errors))
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
