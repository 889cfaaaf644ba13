"""The browser the map tests drive: Debian's Chromium through Playwright, one per module."""

import pytest

from geo.maps.browser import launch


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = launch(p)
        yield chromium
        chromium.close()
