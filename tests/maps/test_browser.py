"""The maps in a real browser: Debian's Chromium driven by Playwright, with the network cut off.

Only file:// pages load; CDN scripts and stylesheets are answered from the npm packages in
geo/web/node_modules, and tile requests get an empty answer. Skipped, with the reason, where
Chromium, Playwright or those packages are missing.
"""

import csv
import shutil
from pathlib import Path

import folium
import geopandas as gpd
import pytest
from frames import crowded_frames, place_frames
from mapbrowser import skip_without_browser

from geo import build
from geo.crs import wgs84_to_gcj02
from geo.maps.browser import open_offline, search
from geo.maps.render import make_map, save_map
from geo.pipeline import Rendering

skip_without_browser()

HOSTILE = ("杨浦区的<script>window.pwned=1</script>公园开园。"
           "<img src=x onerror=\"window.pwned=2\">长阳创谷改造，"
           "`${window.pwned=3}` 'quoted' \"twice\"。")


@pytest.fixture(scope="module")
def seed_maps(tmp_path_factory):
    root = Path(__file__).resolve().parents[2]
    return root / "maps"


def map_name(page) -> str:
    return page.evaluate("Object.keys(window).find(k => k.startsWith('map_'))")


DRAWN = """mapName => {
    let count = 0;
    window[mapName].eachLayer(layer => {
        if (layer.raPlace || layer.raCluster !== undefined) count += 1;
    });
    return count;
}"""


def basemap(page, name: str):
    """The layer control's button for the basemap whose label holds ``name``."""
    return page.locator(".leaflet-control-layers-base label", has_text=name).locator("input")


def features(page) -> int:
    """How many features the map itself draws (not the minimap): lines, points in view, and
    the icons of clusters."""
    return page.evaluate(DRAWN, map_name(page))


OPEN_POPUP = """([mapName, name]) => {
    const groups = [];
    window[mapName].eachLayer(layer => { if (layer.raPlaces) groups.push(layer); });
    for (const group of groups) {
        const place = group.raPlaces.find(p => p.name.includes(name));
        if (place) return group.raOpen(place);  // drawn or not: it is brought into view
    }
    throw new Error("no place named " + name);
}"""


def test_index_map_draws_every_layer_and_toggles_them(browser, seed_maps):
    page, errors = open_offline(browser, seed_maps / "index.html")
    overlays = page.locator(".leaflet-control-layers-overlays label",
                            has_not_text="Outlines").locator("input")
    assert overlays.count() == 3
    drawn = features(page)
    assert drawn > 5
    for index in range(3):
        overlays.nth(index).uncheck()
    assert features(page) == 0
    for index in range(3):
        overlays.nth(index).check()
    assert features(page) == drawn
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


@pytest.mark.parametrize("gaode", ["Gaode street", "Gaode satellite"])
def test_a_gaode_basemap_moves_features_to_gcj02_for_display(browser, seed_maps, gaode):
    page, errors = open_offline(browser, seed_maps / "index.html")
    lon, lat = 121.5, 31.25
    shifted = page.evaluate("([lon, lat]) => { const p = raToGcj02(L.latLng(lat, lon));"
                            " return [p.lng, p.lat]; }", [lon, lat])
    assert shifted == pytest.approx(wgs84_to_gcj02(lon, lat), abs=1e-9)
    basemap(page, gaode).check()
    assert page.evaluate(f"{map_name(page)}.raDatum") == "GCJ-02"
    assert errors == []


TILE_URLS = """mapName => {
    const urls = [];
    window[mapName].eachLayer(layer => { if (layer._url) urls.push(layer._url); });
    return urls;
}"""


def test_tianditu_shows_its_base_and_labels_credited_and_unmoved(browser, tmp_path):
    fmap = make_map(place_frames("长阳创谷。", name="长阳创谷"), "t", tianditu_key="k0")
    page, errors = open_offline(browser, save_map(fmap, tmp_path / "m.html"))
    name = map_name(page)
    basemap(page, "Tianditu imagery").check()
    urls = [url for url in page.evaluate(TILE_URLS, name) if "tianditu" in url]
    assert sorted(url.split("/")[3] for url in urls) == ["cia_w", "img_w"]
    assert "天地图 Tianditu" in page.locator(".leaflet-control-attribution").inner_text()
    assert page.evaluate(f"{name}.raDatum") == "WGS-84"
    basemap(page, "OpenStreetMap").check()
    assert "天地图" not in page.locator(".leaflet-control-attribution").inner_text()
    assert errors == []


def test_the_attribution_control_credits_the_basemap_shown(browser, seed_maps):
    page, errors = open_offline(browser, seed_maps / "index.html")
    credit = page.locator(".leaflet-control-attribution")
    assert "OpenStreetMap" in credit.inner_text()
    basemap(page, "Esri World Imagery").check()
    assert "Esri" in credit.inner_text() and "OpenStreetMap contributors" not in credit.inner_text()
    basemap(page, "Gaode satellite").check()
    assert "Gaode.com" in credit.inner_text()
    assert errors == []


LINE_SPOT = """mapName => {
    const map = window[mapName], box = map.getContainer().getBoundingClientRect();
    let found = null;
    map.eachLayer(layer => {
        if (found || !layer.raPlace || !layer.getLatLngs) return;
        const line = layer.getLatLngs();
        for (let i = 1; i < line.length && !found; i += 1) {
            const a = map.latLngToContainerPoint(line[i - 1]);
            const b = map.latLngToContainerPoint(line[i]);
            const x = box.left + (2 * a.x + b.x) / 3, y = box.top + (2 * a.y + b.y) / 3;
            // a spot where the line itself is the topmost thing under the pointer
            if (document.elementFromPoint(x, y) === layer.getElement()) {
                found = [x, y, layer.raPlace.name];
            }
        }
    });
    return found;
}"""


def test_lines_under_the_points_still_take_the_pointer(browser, seed_maps):
    page, errors = open_offline(browser, seed_maps / "index.html")
    x, y, name = page.evaluate(LINE_SPOT, map_name(page))
    page.mouse.move(x, y)
    assert page.locator(".leaflet-tooltip:not(.ra-outline-label)").inner_text() == name
    assert errors == []


def test_points_are_drawn_in_gcj02_on_gaode_and_back_in_wgs84_elsewhere(browser, tmp_path):
    path = save_map(make_map(place_frames("长阳创谷。", name="长阳创谷"), "t"), tmp_path / "m.html")
    page, errors = open_offline(browser, path)
    assert page.evaluate(PLACE, [map_name(page), "长阳创谷"])["drawn"] == [121.53, 31.27]
    basemap(page, "Gaode street").check()
    shifted = page.evaluate(PLACE, [map_name(page), "长阳创谷"])["drawn"]
    assert shifted == pytest.approx(wgs84_to_gcj02(121.53, 31.27), abs=1e-9)
    basemap(page, "OpenStreetMap").check()
    assert page.evaluate(PLACE, [map_name(page), "长阳创谷"])["drawn"] == [121.53, 31.27]
    assert errors == []


PLACE = """([mapName, name]) => {
    let found = null;
    window[mapName].eachLayer(layer => {
        const place = layer.raPlaces && layer.raPlaces.find(p => p.name === name);
        if (place) found = place;
    });
    const drawn = found.marker ? found.marker.getLatLng() : null;
    return {drawn: drawn && [drawn.lng, drawn.lat], wgs: [found.wgs.lng, found.wgs.lat],
            zoom: window[mapName].getZoom()};
}"""


def test_a_place_hidden_in_a_cluster_is_found_by_search_and_its_popup_opened(browser, tmp_path):
    hidden = "藏在簇里的目标地块"
    path = save_map(make_map(crowded_frames(300, hidden), "t"), tmp_path / "m.html")
    page, errors = open_offline(browser, path)
    assert page.locator(".ra-cluster").count() >= 1
    assert page.evaluate(PLACE, [map_name(page), hidden])["drawn"] is None
    search(page, "目标").filter(has_text=hidden).first.click()
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for()
    assert popup.locator("h4").inner_text() == hidden
    assert popup.locator("mark").first.inner_text() == hidden
    place = page.evaluate(PLACE, [map_name(page), hidden])
    assert place["zoom"] >= 15 and place["drawn"] == pytest.approx(place["wgs"])
    assert errors == []


def test_each_popup_quotes_its_own_place_across_chunks_of_popup_fields(
        browser, tmp_path, monkeypatch):
    monkeypatch.setattr("geo.maps.placelayer.DETAIL_CHUNK", 4)  # 25 places: seven chunks
    frames = crowded_frames(25)
    page, errors = open_offline(browser, save_map(make_map(frames, "t"), tmp_path / "m.html"))
    for name in frames["renewal"]["name"]:
        page.evaluate(OPEN_POPUP, [map_name(page), name])
        # the popup closed before fades out for a moment: the new one is the one headed name
        popup = page.locator(".leaflet-popup-content",
                             has=page.get_by_role("heading", name=name, exact=True))
        popup.wait_for()
        assert popup.locator("mark").first.inner_text() == name
    assert errors == []


def test_clicking_a_cluster_zooms_in_and_the_first_clusters_come_back_on_zooming_out(
        browser, tmp_path):
    path = save_map(make_map(crowded_frames(300), "t"), tmp_path / "m.html")
    page, errors = open_offline(browser, path)
    name = map_name(page)
    clusters = "[...document.querySelectorAll('.ra-cluster')].map(c => c.textContent).sort()"
    zoom, first = page.evaluate(f"{name}.getZoom()"), page.evaluate(clusters)
    # The zoom is animated: the map says its new zoom at once, and has moved at moveend.
    page.evaluate(f"window.moved = new Promise(done => {name}.once('moveend', done)), 0")
    page.locator(".ra-cluster").first.click()
    page.evaluate("window.moved.then(() => true)")
    assert page.evaluate(f"{name}.getZoom()") > zoom
    page.evaluate(f"{name}.setZoom({zoom}, {{animate: false}})")
    assert page.evaluate(clusters) == first
    assert errors == []


def test_pointing_at_a_point_shows_its_name_and_clicking_opens_its_popup(browser, tmp_path):
    path = save_map(make_map(place_frames("长阳创谷。", name="长阳创谷"), "t"), tmp_path / "m.html")
    page, errors = open_offline(browser, path)
    # The point is drawn on a canvas: the pointer goes where the map draws it.
    x, y = page.evaluate(f"""(() => {{
        const map = {map_name(page)}, box = map.getContainer().getBoundingClientRect();
        const at = map.latLngToContainerPoint([31.27, 121.53]);
        return [box.left + at.x, box.top + at.y];
    }})()""")
    page.mouse.move(x, y)
    assert page.locator(".leaflet-tooltip:not(.ra-outline-label)").inner_text() == "长阳创谷"
    page.mouse.click(x, y)
    assert page.locator(".leaflet-popup-content h4").inner_text() == "长阳创谷"
    assert errors == []


def test_article_text_is_shown_literally_and_never_runs(browser, tmp_path):
    article = tmp_path / "hostile.txt"
    article.write_text(HOSTILE, encoding="utf-8")
    build([article], tmp_path / "layers", tmp_path / "maps",
          rendering=Rendering(inline_assets=True))
    page, errors = open_offline(browser, tmp_path / "maps" / "index.html")
    page.evaluate(OPEN_POPUP, [map_name(page), "长阳创谷"])
    text = page.locator(".leaflet-popup-content").first.inner_text()
    assert '<img src=x onerror="window.pwned=2">长阳创谷' in text
    assert "`${window.pwned=3}` 'quoted' \"twice\"" in text
    assert page.evaluate("window.pwned") is None
    assert errors == []


def test_metadata_and_file_names_are_shown_literally_and_never_run(browser, tmp_path):
    """Issue 18: the hostile-article test, extended to what metadata.csv and the file name
    bring: a title, a publisher, a date and a city full of markup."""
    name = '<img src=x onerror="window.pwned=4">.txt'
    (tmp_path / name).write_text("杨浦区的长阳创谷改造。", encoding="utf-8")
    with (tmp_path / "metadata.csv").open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerow(["file", "title", "publisher", "date", "city"])
        csv.writer(handle).writerow([
            name, '<script>window.pwned=5</script>标题', '<b onmouseover="window.pwned=6">报</b>',
            '"><img src=x onerror="window.pwned=7">', "上海市"])
    build([tmp_path], tmp_path / "layers", tmp_path / "maps",
          rendering=Rendering(inline_assets=True))
    for page_path in (tmp_path / "maps" / "index.html",
                      next((tmp_path / "maps" / "articles").glob("*.html"))):
        page, errors = open_offline(browser, page_path)
        page.evaluate(OPEN_POPUP, [map_name(page), "长阳创谷"])
        text = page.locator(".leaflet-popup-content").first.inner_text()
        assert "<script>window.pwned=5</script>标题" in text
        assert page.evaluate("window.pwned") is None
        assert errors == []


def test_inline_maps_need_no_network_at_all(browser, tmp_path):
    shutil.copy(Path(__file__).resolve().parents[2] / "seeds" / "metadata.csv", tmp_path)
    article = tmp_path / "a.txt"
    article.write_text("杨浦区的长阳创谷改造。", encoding="utf-8")
    build([article], tmp_path / "layers", tmp_path / "maps",
          rendering=Rendering(inline_assets=True))
    page, errors = open_offline(browser, tmp_path / "maps" / "index.html")
    assert page.evaluate("typeof L") == "object"
    assert features(page) >= 1
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
    assert inner.locator(".leaflet-control-layers-overlays label",
                         has_not_text="Outlines").count() == 3
    assert page.evaluate("window.pwned") is None
    assert errors == []


def test_a_folium_popup_added_through_the_api_still_opens(browser, tmp_path):
    # The atlas's own popups need no jQuery, so it is loaded only for folium's Popup.
    fmap = make_map(place_frames("长阳创谷。", name="长阳创谷"), "t")
    folium.Marker([31.272, 121.532], popup=folium.Popup("用户自己的标注")).add_to(fmap)
    page, errors = open_offline(browser, save_map(fmap, tmp_path / "m.html"))
    page.locator(".leaflet-marker-pane img.leaflet-marker-icon").first.click()
    assert page.locator(".leaflet-popup-content").inner_text() == "用户自己的标注"
    assert errors == []


CIRCLES = """mapName => {
    const paths = [];
    window[mapName].eachLayer(layer => {
        if (layer instanceof raPlaceLayer.Circles) paths.push(layer._path.getAttribute("d"));
    });
    return paths;
}"""


def test_a_precision_circle_is_drawn_only_when_wider_than_its_point(browser, tmp_path):
    frames = place_frames("长阳创谷。", name="长阳创谷")
    frames["renewal"].loc[0, ["approximate", "location_method"]] = [True, "approximate"]
    frames["renewal"].loc[0, "precision_m"] = 800.0
    page, errors = open_offline(browser, save_map(make_map(frames, "t"), tmp_path / "m.html"))
    name = map_name(page)
    assert page.evaluate(CIRCLES, name)[0].count("M") == 1  # hundreds of pixels wide
    page.evaluate(f"{name}.setZoom(9, {{animate: false}})")  # 800 m is about 3 px
    assert page.evaluate(CIRCLES, name) == ["M0 0"]
    assert errors == []


def _one_spot_map(tmp_path):
    """Two places at one point, as places shown at their district's centre are."""
    one = place_frames("长阳创谷。", name="长阳创谷")["renewal"].iloc[0].to_dict()
    rows = [dict(one, id=f"x{n}", name=name) for n, name in enumerate(["甲<b>地块", "乙地块"])]
    renewal = gpd.GeoDataFrame(rows, geometry="geometry", crs="EPSG:4326")
    frames = {"park": renewal.iloc[0:0], "transit": renewal.iloc[0:0], "renewal": renewal}
    return save_map(make_map(frames, "t"), tmp_path / "m.html")


def test_a_cluster_of_places_at_one_spot_opens_as_a_list(browser, tmp_path):
    page, errors = open_offline(browser, _one_spot_map(tmp_path))
    page.evaluate(f"{map_name(page)}.setView([31.27, 121.53], 11, {{animate: false}})")
    page.locator(".ra-cluster").first.click()
    assert page.locator(".ra-stack li").count() == 2
    assert errors == []


def test_places_at_one_spot_open_as_a_list_of_them_all(browser, tmp_path):
    path = _one_spot_map(tmp_path)
    page, errors = open_offline(browser, path)
    name = map_name(page)
    page.evaluate(f"{name}.setView([31.27, 121.53], 17, {{animate: false}})")
    x, y = page.evaluate(f"""(() => {{
        const map = {name}, box = map.getContainer().getBoundingClientRect();
        const at = map.latLngToContainerPoint([31.27, 121.53]);
        return [box.left + at.x, box.top + at.y];
    }})()""")
    page.mouse.click(x, y)
    items = page.locator(".ra-stack li a")
    assert sorted(items.all_inner_texts()) == ["乙地块", "甲<b>地块"]  # as text, never HTML
    items.filter(has_text="乙地块").click()
    assert page.locator(".leaflet-popup-content h4").inner_text() == "乙地块"
    assert errors == []
