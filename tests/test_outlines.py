"""District and city outlines: read and checked from the package, chosen for each view."""

import gzip
import json

import geopandas as gpd
import pytest
from shapely.geometry import Point

from geo import data
from geo.crs import gcj02_to_wgs84
from geo.gazetteer import Gazetteer
from geo.outlines import city_outlines, for_view
from geo.sources.outlines import simplified


@pytest.fixture(scope="module")
def shanghai_hangzhou():
    codes = Gazetteer.load().bulk.city_codes
    return city_outlines(["上海市", "杭州市"], codes)


def frames_in(*cities: str) -> dict[str, gpd.GeoDataFrame]:
    frame = gpd.GeoDataFrame({"city": list(cities)},
                             geometry=[Point(121.5, 31.2)] * len(cities), crs="EPSG:4326")
    return {"renewal": frame}


def test_a_citys_outline_and_its_districts_are_read(shanghai_hangzhou):
    shanghai = shanghai_hangzhou[shanghai_hangzhou["city"] == "上海市"]
    assert set(shanghai["level"]) == {"city", "district"}
    assert {"杨浦区", "宝山区", "浦东新区"} <= set(shanghai["name"])
    assert shanghai_hangzhou.crs.to_epsg() == 4326


def test_outlines_are_moved_from_the_sources_gcj02_to_wgs84_and_rounded():
    square = [[121.5, 31.3], [121.51, 31.3], [121.51, 31.31], [121.5, 31.31], [121.5, 31.3]]
    outline = json.dumps({"type": "Polygon", "coordinates": [square]}).encode()
    moved = list(simplified(outline, "test").exterior.coords)
    expected = [tuple(round(value, 4) for value in gcj02_to_wgs84(*corner)) for corner in square]
    assert sorted(set(moved)) == sorted(set(expected))


def test_one_citys_view_draws_its_districts_and_several_cities_view_their_outlines(
        shanghai_hangzhou):
    one = for_view(shanghai_hangzhou, frames_in("上海市"))
    assert set(one["level"]) == {"district"} and set(one["city"]) == {"上海市"}
    both = for_view(shanghai_hangzhou, frames_in("上海市", "杭州市"))
    assert sorted(both["name"]) == ["上海市", "杭州市"]


def test_a_view_without_outlines_draws_none():
    assert for_view(None, frames_in("上海市")).empty


def test_a_city_without_a_file_has_no_outlines():
    assert city_outlines(["不存在市"], {"不存在市": "9999"}).empty


def test_a_broken_outline_file_is_an_error_naming_it(tmp_path):
    feature = {"type": "Feature", "properties": {"name": "某区", "level": "village"},
               "geometry": {"type": "Point", "coordinates": [121, 31]}}
    path = tmp_path / "3100.geojson.gz"
    path.write_bytes(gzip.compress(json.dumps(
        {"type": "FeatureCollection", "features": [feature]}).encode()))
    with pytest.raises(data.DataError, match=r"3100\.geojson\.gz: feature 1"):
        city_outlines(["上海市"], {"上海市": "3100"}, tmp_path)
