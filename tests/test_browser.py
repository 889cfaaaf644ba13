"""The maps in a real browser: Debian's Chromium driven by Playwright, with the network cut off.

Only file:// pages load; CDN scripts and stylesheets are answered from the npm packages in
geo/web/node_modules, and tile requests get an empty answer. Skipped, with the reason, where
Chromium, Playwright or those packages are missing.
"""

import shutil
from pathlib import Path

import pytest
from frames import place_frames

from geo import build
from geo.browser import CHROMIUM, launch, open_offline, search
from geo.crs import wgs84_to_gcj02
from geo.inline import AssetError, asset_paths, local_file
from geo.render import make_map, save_map

playwright_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")

if not CHROMIUM.exists():
    pytest.skip("no Chromium at /usr/bin/chromium (apt-get install chromium)",
                allow_module_level=True)
try:
    for url in asset_paths():
        local_file(url)
except AssetError as missing:
    pytest.skip(str(missing), allow_module_level=True)

HOSTILE = ("杨浦区的<script>window.pwned=1</script>公园开园。"
           "<img src=x onerror=\"window.pwned=2\">长阳创谷改造，"
           "`${window.pwned=3}` 'quoted' \"twice\"。")


@pytest.fixture(scope="module")
def browser():
    with playwright_api.sync_playwright() as p:
        chromium = launch(p)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def seed_maps(tmp_path_factory):
    root = Path(__file__).resolve().parent.parent
    return root / "maps"


def map_name(page) -> str:
    return page.evaluate("Object.keys(window).find(k => k.startsWith('map_'))")


def features(page):
    """The features drawn on the map itself (not in the minimap): lines and points, and the
    icons of clustered points."""
    main = f"#{map_name(page)} > .leaflet-pane"
    return page.locator(f"{main} .leaflet-overlay-pane path, {main} .ra-cluster")


OPEN_POPUP = """([mapName, name]) => {
    const map = window[mapName];
    const found = [];
    const walk = l => l.getLayers ? l.getLayers().forEach(walk) : found.push(l);
    map.eachLayer(walk);
    const layer = found.find(l => l.raPlace && l.raPlace.name.includes(name));
    if (layer.getLatLng) map.setView(layer.getLatLng(), 16);  // below it, nothing clusters
    layer.raGroup.raOpen(layer);
}"""


def test_index_map_draws_every_layer_and_toggles_them(browser, seed_maps):
    page, errors = open_offline(browser, seed_maps / "index.html")
    overlays = page.locator(".leaflet-control-layers-overlays input")
    assert overlays.count() == 3
    drawn = features(page).count()
    assert drawn > 5
    for index in range(3):
        overlays.nth(index).uncheck()
    assert features(page).count() == 0
    for index in range(3):
        overlays.nth(index).check()
    assert features(page).count() == drawn
    assert errors == []


def test_searching_a_name_opens_its_popup_quoting_the_article(browser, seed_maps):
    page, errors = open_offline(browser, seed_maps / "index.html")
    search(page, "长阳").filter(has_text="长阳创谷").first.click()
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for()
    assert "长阳创谷" in popup.locator("h4").inner_text()
    assert "长阳创谷" in popup.locator("mark").first.inner_text()
    assert errors == []


def test_a_popup_quotes_the_article(browser, seed_maps):
    page, errors = open_offline(browser, seed_maps / "index.html")
    page.evaluate(OPEN_POPUP, [map_name(page), "长阳创谷"])
    popup = page.locator(".leaflet-popup-content")
    assert "长阳创谷" in popup.locator("mark").first.inner_text()
    assert popup.locator("blockquote").count() >= 1
    assert errors == []


def test_a_gaode_basemap_moves_features_to_gcj02_for_display(browser, seed_maps):
    page, errors = open_offline(browser, seed_maps / "index.html")
    lon, lat = 121.5, 31.25
    shifted = page.evaluate("([lon, lat]) => { const p = raToGcj02(L.latLng(lat, lon));"
                            " return [p.lng, p.lat]; }", [lon, lat])
    assert shifted == pytest.approx(wgs84_to_gcj02(lon, lat), abs=1e-9)
    page.locator(".leaflet-control-layers-base input").nth(2).check()
    assert page.evaluate(f"{map_name(page)}.raDatum") == "GCJ-02"
    assert errors == []


def test_article_text_is_shown_literally_and_never_runs(browser, tmp_path):
    article = tmp_path / "hostile.txt"
    article.write_text(HOSTILE, encoding="utf-8")
    build([article], tmp_path / "layers", tmp_path / "maps", inline_assets=True)
    page, errors = open_offline(browser, tmp_path / "maps" / "index.html")
    page.evaluate(OPEN_POPUP, [map_name(page), "长阳创谷"])
    text = page.locator(".leaflet-popup-content").first.inner_text()
    assert '<img src=x onerror="window.pwned=2">长阳创谷' in text
    assert "`${window.pwned=3}` 'quoted' \"twice\"" in text
    assert page.evaluate("window.pwned") is None
    assert errors == []


def test_inline_maps_need_no_network_at_all(browser, tmp_path):
    shutil.copy(Path(__file__).resolve().parent.parent / "seeds" / "metadata.csv", tmp_path)
    article = tmp_path / "a.txt"
    article.write_text("杨浦区的长阳创谷改造。", encoding="utf-8")
    build([article], tmp_path / "layers", tmp_path / "maps", inline_assets=True)
    page, errors = open_offline(browser, tmp_path / "maps" / "index.html")
    assert page.evaluate("typeof L") == "object"
    assert features(page).count() >= 1
    assert errors == []


def test_the_search_box_lists_names_as_text(browser, tmp_path):
    name = "长阳创谷<b>x</b><img src=x onerror=\"window.pwned=1\">"
    path = save_map(make_map(place_frames("长阳创谷。", name=name), "t"), tmp_path / "m.html")
    page, errors = open_offline(browser, path)
    tips = search(page, "长阳")
    assert tips.first.inner_text() == name
    assert tips.first.locator("b, img").count() == 0
    assert page.evaluate("window.pwned") is None
    assert errors == []


def test_the_embed_fragment_draws_the_map_inside_a_host_page(browser, tmp_path):
    from geo import locate

    article = tmp_path / "a.txt"
    article.write_text(HOSTILE, encoding="utf-8")
    host = tmp_path / "host.html"
    fragment = locate([article]).embed_html(inline_assets=True)
    host.write_text(f"<!doctype html><meta charset=utf-8><h1>Report</h1>{fragment}", "utf-8")
    page, errors = open_offline(browser, host)
    inner = page.frame_locator("iframe")
    assert inner.locator(".leaflet-control-layers-overlays input").count() == 3
    assert page.evaluate("window.pwned") is None
    assert errors == []
