from pathlib import Path

import geopandas as gpd
import pytest
from shapely.geometry import Point

from geo.inline import AssetError, inline_assets, remaining_urls
from geo.layers import COLUMNS
from geo.render import escape, make_map, save_map

HOSTILE = "长阳创谷<script>alert(1)</script><img src=x onerror=alert(2)>`${alert(3)}`\\u0041\"'"


def frames_with(sentence: str) -> dict[str, gpd.GeoDataFrame]:
    start = sentence.index("长阳创谷")
    row = dict.fromkeys(COLUMNS)
    row.update({
        "id": "x", "name": "长阳创谷<b>", "layer": "renewal", "kind": "site", "status": "open",
        "city": "上海市", "district": None, "precision_m": 300.0, "location_method": "cited",
        "location_source": "test", "approximate": False, "mentions": 1, "documents": ["d"],
        "sentences": [sentence], "colour": None, "status_note": "",
        "quotes": [{"document": "d", "title": "T<i>", "date": None, "sentence": sentence,
                    "mention_start": start, "mention_end": start + 4, "status": "open",
                    "facts": []}],
        "geometry": Point(121.53, 31.27),
    })
    renewal = gpd.GeoDataFrame([row], columns=[*COLUMNS, "quotes", "geometry"],
                               geometry="geometry", crs="EPSG:4326")
    empty = renewal.iloc[0:0]
    return {"park": empty, "transit": empty, "renewal": renewal}


def test_escape_neutralises_html_and_template_literal_syntax():
    out = escape(HOSTILE)
    for raw in ("<", ">", "`", "${", "\\"):
        assert raw not in out


def test_article_text_is_escaped_in_the_page(tmp_path: Path):
    page = save_map(make_map(frames_with(HOSTILE), "t"), tmp_path / "m.html").read_text("utf-8")
    assert "<script>alert(1)" not in page
    assert "<img src=x" not in page
    assert "${alert(3)}" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_the_mention_is_highlighted_in_the_quote(tmp_path: Path):
    page = save_map(make_map(frames_with("杨浦的长阳创谷开园。"), "t"), tmp_path / "m.html")
    assert "杨浦的<mark>长阳创谷</mark>开园。" in page.read_text("utf-8")


def test_same_input_gives_the_same_bytes(tmp_path: Path):
    first = save_map(make_map(frames_with("长阳创谷。"), "t"), tmp_path / "a.html").read_bytes()
    second = save_map(make_map(frames_with("长阳创谷。"), "t"), tmp_path / "b.html").read_bytes()
    assert first == second


def test_map_has_a_layer_control_and_a_legend(tmp_path: Path):
    page = save_map(make_map(frames_with("长阳创谷。"), "t"), tmp_path / "m.html")
    page = page.read_text("utf-8")
    assert "L.control.layers" in page
    assert "ra-legend" in page and "approximate location" in page


def test_inline_assets_leave_no_cdn_request(seed_build):
    out, _ = seed_build
    page = (out / "maps" / "index.html").read_text(encoding="utf-8")
    assert remaining_urls(page)  # the normal build loads from CDNs
    try:
        inlined = inline_assets(page)
    except AssetError as missing:
        pytest.skip(str(missing))
    assert remaining_urls(inlined) == [] and "L.Map" in inlined


def test_an_asset_without_a_declared_local_copy_is_an_error():
    with pytest.raises(AssetError, match="no local copy"):
        inline_assets('<script src="https://example.org/unknown.js"></script>')


def test_only_the_gaode_basemap_is_marked_gcj02(seed_build):
    out, _ = seed_build
    page = (out / "maps" / "index.html").read_text(encoding="utf-8")
    assert page.count('"gcj02": true') == 1
    assert page.index('"gcj02": true') > page.index("autonavi.com")
