"""explore()'s arguments in a real browser (issue 21, point 6): Debian's Chromium driven by
Playwright, the network cut off (geo.maps.browser). Skipped, with the reason, where Chromium,
Playwright or the pinned map assets are missing."""

import pandas as pd
import pytest
from mapbrowser import skip_without_browser
from test_explore_args import HOSTILE, frames

from geo.crs import wgs84_to_gcj02
from geo.maps.browser import open_offline
from geo.maps.render import make_map, save_map

skip_without_browser()


def open_map(browser, tmp_path, layers=None, **explore):
    page, errors = open_offline(browser, save_map(make_map(layers or frames(), "t", **explore),
                                                  tmp_path / "m.html"))
    name = page.evaluate("Object.keys(window).find(k => k.startsWith('map_'))")
    # close enough that the points, a kilometre or so apart, stand alone, and all in view
    page.evaluate(f"{name}.setView([31.27, 121.53], 14, {{animate: false}})")
    return page, errors, name


def point_at(page, name: str, lon: float, lat: float) -> tuple[float, float]:
    """Where on the page the map draws the point at ``lon``, ``lat``."""
    return page.evaluate(f"""(() => {{
        const map = {name}, box = map.getContainer().getBoundingClientRect();
        const at = map.latLngToContainerPoint([{lat}, {lon}]);
        return [box.left + at.x, box.top + at.y];
    }})()""")


MARKERS = """mapName => {
    const found = {};
    window[mapName].eachLayer(layer => {
        if (layer.raPlace && layer.getRadius) found[layer.raPlace.name] = layer.options;
        if (layer.raPlace && layer.getLatLngs) found[layer.raPlace.name] = layer.options;
    });
    return found;
}"""


def test_the_tooltip_shows_the_columns_asked_for_as_text(browser, tmp_path):
    page, errors, name = open_map(browser, tmp_path, tooltip=["name", "district"])
    page.mouse.move(*point_at(page, name, 121.52, 31.28))
    tooltip = page.locator(".leaflet-tooltip")
    tooltip.wait_for()
    assert tooltip.locator("th").all_inner_texts() == ["name", "district"]
    assert tooltip.locator("td").all_inner_texts() == [HOSTILE, HOSTILE]
    assert tooltip.locator("img").count() == 0 and page.evaluate("window.pwned") is None
    assert errors == []


def test_the_popup_shows_the_columns_asked_for_instead_of_the_quotes(browser, tmp_path):
    page, errors, name = open_map(browser, tmp_path, popup=["status", "mentions"])
    page.mouse.click(*point_at(page, name, 121.54, 31.26))
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for()
    assert popup.locator("td").all_inner_texts() == ["planned", "9"]
    assert popup.locator("blockquote").count() == 0
    assert errors == []


def test_popup_false_opens_no_popup_and_tooltip_false_shows_no_tooltip(browser, tmp_path):
    layers = frames()
    renewal = layers["renewal"]
    stacked = renewal.iloc[[0]].assign(id="d", name="同一处的另一地块")  # where 长阳创谷 is
    layers["renewal"] = type(renewal)(pd.concat([renewal, stacked]), crs=renewal.crs)
    page, errors, name = open_map(browser, tmp_path, layers, popup=False, tooltip=False)
    for lon, lat in ((121.54, 31.26), (121.53, 31.27)):  # a place alone, two at one spot
        x, y = point_at(page, name, lon, lat)
        page.mouse.move(x, y)
        page.mouse.click(x, y)
        assert page.locator(".leaflet-popup-content").count() == 0
        assert page.locator(".leaflet-tooltip").count() == 0
    assert errors == []


def test_places_are_coloured_by_the_column_with_its_legend(browser, tmp_path):
    page, errors, name = open_map(browser, tmp_path, column="status",
                                  cmap=["#aa0000", "#0000aa"])
    drawn = page.evaluate(MARKERS, name)
    assert drawn["长阳创谷"]["fillColor"] == "#aa0000"  # open
    assert drawn["杨浦滨江"]["fillColor"] == "#0000aa"  # planned
    legend = page.locator(".ra-column-legend")
    assert legend.inner_text().split("\n") == ["status", "open", "planned"]
    assert errors == []


def test_the_legend_shows_values_as_text(browser, tmp_path):
    page, errors, _ = open_map(browser, tmp_path, column="district")
    legend = page.locator(".ra-column-legend")
    assert HOSTILE in legend.inner_text() and legend.locator("img").count() == 0
    assert page.evaluate("window.pwned") is None
    assert errors == []


def test_marker_and_style_options_reach_the_points_and_lines(browser, tmp_path):
    page, errors, name = open_map(browser, tmp_path, marker_kwds={"radius": 13},
                                  style_kwds={"weight": 9, "opacity": 0.5})
    drawn = page.evaluate(MARKERS, name)
    assert drawn["长阳创谷"]["radius"] == 13
    assert (drawn["18号线"]["weight"], drawn["18号线"]["opacity"]) == (9, 0.5)
    assert errors == []


def test_a_map_opened_on_gaode_draws_its_features_in_gcj02_at_once(browser, tmp_path):
    page, errors, name = open_map(browser, tmp_path, tiles="Gaode.Normal")
    assert page.evaluate(f"{name}.raDatum") == "GCJ-02"
    drawn = page.evaluate(f"""(() => {{
        let at = null;
        {name}.eachLayer(layer => {{
            if (layer.raPlace && layer.raPlace.name === "长阳创谷" && layer.getRadius) {{
                at = [layer.getLatLng().lng, layer.getLatLng().lat];
            }}
        }});
        return at;
    }})()""")
    assert drawn == pytest.approx(wgs84_to_gcj02(121.53, 31.27), abs=1e-9)
    assert errors == []
