"""Maps people explore (issue 21): filters kept in the address, a table of the places in view
with downloads, and district outlines, in a real browser with the network cut off."""

import json

import geopandas as gpd
import pytest
from frames import place_frames
from mapbrowser import skip_without_browser
from shapely.geometry import Point, Polygon

from geo.maps.browser import open_offline, search
from geo.maps.render import make_map, save_map

skip_without_browser()
from playwright.sync_api import expect  # noqa: E402  (once the skip has found it)

HOSTILE_TITLE = '<img src=x onerror="window.pwned=8">报道'
HOSTILE_DISTRICT = '<b onmouseover="window.pwned=9">区</b>'
FORMULA = '=HYPERLINK("http://example.org","点击")'


def site(name: str, status: str, district: str, docs: list[tuple[str, str, str | None]],
         x: float) -> dict:
    row = place_frames("长阳创谷改造。")["renewal"].iloc[0].to_dict()
    quote = row["quotes"][0]
    row.update({
        "id": name, "name": name, "status": status, "district": district,
        "documents": [doc for doc, _, _ in docs], "mentions": len(docs),
        "quotes": [{**quote, "document": doc, "title": title, "date": date}
                   for doc, title, date in docs],
        "geometry": Point(121.50 + x, 31.27),
    })
    return row


D1 = ("d1", "旧区改造启动", "2023-03-01")
D2 = ("d2", HOSTILE_TITLE, "2024-05-01")


@pytest.fixture(scope="module")
def atlas_map(tmp_path_factory):
    rows = [site("甲地块", "open", "杨浦区", [D1], 0.00),
            site("乙地块", "planned", "虹口区", [D2], 0.01),
            site("丙地块", "under construction", "杨浦区", [D1, D2], 0.02),
            site(FORMULA, "planned", HOSTILE_DISTRICT, [D2], 0.03)]
    renewal = gpd.GeoDataFrame(rows, geometry="geometry", crs="EPSG:4326")
    empty = renewal.iloc[0:0]
    outlines = gpd.GeoDataFrame(
        {"id": ["cn-310110"], "name": ["杨浦区"], "level": ["district"], "city": ["上海市"]},
        geometry=[Polygon([(121.45, 31.22), (121.56, 31.22), (121.56, 31.32),
                           (121.45, 31.32)])], crs="EPSG:4326")
    frames = {"park": empty, "transit": empty, "renewal": renewal}
    folder = tmp_path_factory.mktemp("explore")
    return save_map(make_map(frames, "Explore", context=outlines), folder / "m.html")


def count(page) -> str:
    return page.locator(".ra-filter-count").inner_text()


def shown_names(page) -> list[str]:
    return sorted(page.evaluate("""() => {
        const names = [];
        Object.values(window).forEach(layer => {
            if (layer && layer.raPlaces) layer.raPlaces.forEach(p => p.shown && names.push(p.name));
        });
        return names;
    }"""))


def test_filters_by_status(browser, atlas_map):
    page, errors = open_offline(browser, atlas_map)
    page.locator(".ra-filter summary").click()
    page.locator(".ra-filter input[value='open']").uncheck()
    page.locator(".ra-filter input[value='under construction']").uncheck()
    assert shown_names(page) == sorted(["乙地块", FORMULA])
    assert count(page) == "2 of 4 places"
    assert errors == []


def test_filters_by_district_and_by_article(browser, atlas_map):
    page, errors = open_offline(browser, atlas_map)
    page.locator(".ra-filter summary").click()
    page.get_by_label("District 区").select_option("上海市 杨浦区")
    assert shown_names(page) == ["丙地块", "甲地块"]
    page.get_by_label("District 区").select_option("")
    page.get_by_label("Article 文章").select_option("d1")
    assert shown_names(page) == ["丙地块", "甲地块"]
    assert errors == []


def test_filters_by_a_range_of_article_dates(browser, atlas_map):
    page, errors = open_offline(browser, atlas_map)
    page.locator(".ra-filter summary").click()
    page.get_by_label("Latest date 止").fill("0")  # up to the first date: 2023-03-01
    assert shown_names(page) == ["丙地块", "甲地块"]
    assert "2023-03-01 – 2023-03-01" in page.locator(".ra-filter-dates").inner_text()
    assert errors == []


def test_a_filtered_view_is_kept_in_the_address_and_opens_as_it_was(browser, atlas_map):
    page, _ = open_offline(browser, atlas_map)
    page.locator(".ra-filter summary").click()
    page.locator(".ra-filter input[value='open']").uncheck()
    page.get_by_label("District 区").select_option("上海市 杨浦区")
    page.wait_for_function("location.hash.includes('district=')")  # written after the paint
    fragment = page.evaluate("location.hash").lstrip("#")
    again, errors = open_offline(browser, atlas_map, fragment=fragment)
    assert shown_names(again) == ["丙地块"]
    assert again.get_by_label("District 区").input_value() == "上海市 杨浦区"
    assert not again.locator(".ra-filter input[value='open']").is_checked()
    assert errors == []


def test_the_search_box_and_the_legend_follow_the_filters(browser, atlas_map):
    page, errors = open_offline(browser, atlas_map, fragment="status=open")
    legend = page.locator("[data-ra-layer] .ra-legend-count").last.inner_text()
    assert legend == " (1)"
    tips = search(page, "地块")
    assert [tips.nth(i).inner_text() for i in range(tips.count())] == ["甲地块"]
    assert errors == []


def test_the_table_lists_the_places_in_view_sorts_them_and_opens_one(browser, atlas_map):
    page, errors = open_offline(browser, atlas_map)
    page.locator(".ra-table-toggle a").click()
    rows = page.locator(".ra-table tbody tr")
    assert rows.count() == 4
    page.locator(".ra-table th", has_text="Mentions").click()
    page.locator(".ra-table th", has_text="Mentions").click()  # most mentioned first
    assert rows.first.locator("td").first.inner_text() == "丙地块"
    rows.first.click()
    assert page.locator(".leaflet-popup-content h4").inner_text() == "丙地块"
    assert errors == []


def test_the_table_downloads_its_rows_with_formulas_neutralised_and_wgs84(browser, atlas_map):
    page, errors = open_offline(browser, atlas_map)
    page.locator(".ra-table-toggle a").click()
    page.locator(".leaflet-control-layers-base label", has_text="Gaode street").locator(
        "input").check()  # the places are shown moved to GCJ-02; the downloads stay WGS-84
    with page.expect_download() as download:
        page.locator(".ra-table-bar button", has_text="CSV").click()
    text = download.value.path().read_text(encoding="utf-8-sig")
    assert "'=HYPERLINK" in text and ',=HYPERLINK' not in text
    with page.expect_download() as download:
        page.locator(".ra-table-bar button", has_text="GeoJSON").click()
    collection = json.loads(download.value.path().read_text(encoding="utf-8"))
    points = {f["properties"]["name"]: f["geometry"]["coordinates"]
              for f in collection["features"]}
    assert points["甲地块"] == [121.5, 31.27]
    assert errors == []


def test_filters_table_and_address_show_hostile_text_literally(browser, atlas_map):
    fragment = "district=%3Cimg%20src%3Dx%20onerror%3D%22window.pwned%3D10%22%3E&article=%3Cb%3E"
    page, errors = open_offline(browser, atlas_map, fragment=fragment)
    page.locator(".ra-filter summary").click()
    options = page.get_by_label("Article 文章").locator("option").all_inner_texts()
    assert "2024-05-01 · " + HOSTILE_TITLE in options
    page.get_by_label("District 区").select_option("上海市 " + HOSTILE_DISTRICT)
    page.locator(".ra-table-toggle a").click()
    assert page.locator(".ra-table tbody td", has_text=HOSTILE_DISTRICT).count() == 1
    assert page.locator(".ra-table tbody b, .ra-filter b, .ra-filter img").count() == 0
    page.locator(".ra-table tbody td", has_text=HOSTILE_DISTRICT).hover()
    assert page.evaluate("window.pwned") is None
    assert errors == []


def test_district_outlines_are_drawn_and_named_at_a_citys_zoom(browser, atlas_map):
    page, errors = open_offline(browser, atlas_map)
    name = page.evaluate("Object.keys(window).find(k => k.startsWith('map_'))")
    # expect() waits for the page: a zoom the map is still making when asked finishes first
    page.evaluate(f"window['{name}'].setZoom(9, {{animate: false}})")
    expect(page.locator(".ra-outline-label")).to_have_count(0)
    page.evaluate(f"window['{name}'].setZoom(11, {{animate: false}})")
    expect(page.locator(".ra-outline-label")).to_have_text("杨浦区")
    assert "CC BY 4.0" in page.locator(".leaflet-control-attribution").inner_text()
    assert errors == []


COVERED = """() => {
    // The share of the map under a control: sampled every 5 px.
    const map = document.querySelector('.folium-map').getBoundingClientRect();
    const boxes = [...document.querySelectorAll('.leaflet-control, .ra-legend')]
        .map(e => e.getBoundingClientRect()).filter(r => r.width && r.height);
    let covered = 0, all = 0;
    for (let x = map.left; x < map.right; x += 5) {
        for (let y = map.top; y < map.bottom; y += 5) {
            all += 1;
            if (boxes.some(r => x >= r.left && x < r.right && y >= r.top && y < r.bottom)) {
                covered += 1;
            }
        }
    }
    return covered / all;
}"""


def test_on_a_phone_the_controls_fold_into_a_menu_and_popups_fit(browser, atlas_map):
    page, errors = open_offline(browser, atlas_map, viewport=(390, 844))
    assert page.evaluate(COVERED) <= 0.30  # at least 70% of the map is visible
    assert not page.locator(".leaflet-control-layers").is_visible()
    page.locator(".ra-menu a").click()
    assert page.locator(".leaflet-control-layers").is_visible()
    assert page.locator(".ra-legend").is_visible()
    page.locator(".ra-menu a").click()
    page.locator(".ra-table-toggle a").click()
    page.locator(".ra-table tbody tr").first.click()
    popup = page.locator(".leaflet-popup-content-wrapper").bounding_box()
    assert popup["width"] <= 390 and popup["x"] >= 0 and popup["x"] + popup["width"] <= 390
    assert errors == []


def test_a_wide_screen_shows_every_control_and_no_menu(browser, atlas_map):
    page, errors = open_offline(browser, atlas_map, viewport=(1280, 800))
    assert page.locator(".leaflet-control-layers").is_visible()
    assert not page.locator(".ra-menu").is_visible()
    assert errors == []
