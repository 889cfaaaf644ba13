"""Whether the browser tests can run here."""

import pytest

from geo.maps.browser import CHROMIUM
from geo.maps.inline import AssetError, asset_paths, local_file


def skip_without_browser() -> None:
    """Skip the calling module, with the reason, where Playwright, Chromium or the pinned map
    assets (make assets) are missing."""
    pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")
    if not CHROMIUM.exists():
        pytest.skip("no Chromium at /usr/bin/chromium (apt-get install chromium)",
                    allow_module_level=True)
    try:
        for url in asset_paths():
            local_file(url)
    except AssetError as missing:
        pytest.skip(str(missing), allow_module_level=True)
