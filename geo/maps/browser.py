"""Open the maps in a real browser with the network cut off: Debian's Chromium, driven by
Playwright (a test extra). Shared by the browser tests, the map benchmark and `make screenshot`.

Only file:// pages load; CDN scripts and stylesheets are answered from the pinned npm copies
(``geo.maps.inline.local_copy``), tile requests get an empty answer, anything else is refused and
reported.
"""

from __future__ import annotations

from pathlib import Path

from geo.maps.inline import local_copy

CHROMIUM = Path("/usr/bin/chromium")
TILE_HINTS = ("tile", "appmaptile", "basemaps.cartocdn.com")


def is_tile(url: str) -> bool:
    """A basemap tile request."""
    return any(hint in url for hint in TILE_HINTS)


def launch(playwright, executable: Path = CHROMIUM, extra_args: tuple[str, ...] = ()):
    # Chromium runs a sandboxed iframe (our embed fragment) in a process of its own, and the
    # first requests of that process could leave before Playwright's routing reached it: a
    # rare "ERR_NAME_NOT_RESOLVED" for a tile in the embed test. One process keeps it routed.
    return playwright.chromium.launch(
        executable_path=str(executable),
        args=["--no-sandbox", "--disable-features=IsolateSandboxedIframes", *extra_args])


def open_offline(browser, path: Path, viewport: tuple[int, int] = (1280, 800),
                 fragment: str = ""):
    """The page at ``path`` (and ``#fragment``) and the list its console errors, page errors
    and refused requests are collected in."""
    page = browser.new_page(viewport={"width": viewport[0], "height": viewport[1]})
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))

    def answer(route):
        url = route.request.url
        if url.startswith(("file://", "about:", "data:")):
            return route.continue_()
        local = local_copy(url)
        if local is not None:  # as the CDN answers: any page may load it (and check its hash)
            return route.fulfill(path=str(local), headers={"Access-Control-Allow-Origin": "*"})
        if url.endswith(".png") or is_tile(url):
            return route.fulfill(status=204, body="")  # tiles: no network here
        errors.append(f"blocked request {url}")
        return route.abort()

    page.route("**/*", answer)
    page.goto(Path(path).resolve().as_uri() + (f"#{fragment}" if fragment else ""))
    page.wait_for_load_state("load")
    return page, errors


def painted(page) -> float:
    """Milliseconds from navigation start until the page's scripts have run and the next frame
    after them is painted."""
    return page.evaluate("new Promise(done => requestAnimationFrame(() =>"
                         " requestAnimationFrame(() => done(performance.now()))))")


def search(page, text: str):
    """Type ``text`` into the map's search box; the list of matches it shows."""
    page.locator(".leaflet-control-search .search-button").click()
    box = page.locator(".leaflet-control-search input")
    box.fill(text)
    box.dispatch_event("keyup")  # as an input method's last keystroke; fill() sends none
    tips = page.locator(".leaflet-control-search .search-tip")
    tips.first.wait_for()
    return tips
