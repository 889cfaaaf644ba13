import pytest

from geo.crs import (
    bd09_to_gcj02,
    distance_m,
    gcj02_to_bd09,
    gcj02_to_wgs84,
    to_wgs84,
    wgs84_to_gcj02,
)

# Amap's GCJ-02 coordinate for Line 1 友谊西路 station (raw_subway_info.json in
# JoJoJoJoJoJoJo/ShanghaiSubwayFilter@6c3a716) and the WGS-84 one English Wikipedia prints for it.
AMAP_YOUYI_XILU = (121.427953, 31.381296)


def test_gcj02_inverse_round_trips_to_under_half_a_metre():
    wgs = gcj02_to_wgs84(*AMAP_YOUYI_XILU)
    assert distance_m(*wgs84_to_gcj02(*wgs), *AMAP_YOUYI_XILU) < 0.5


def test_gcj02_shift_in_shanghai_is_hundreds_of_metres():
    wgs = gcj02_to_wgs84(*AMAP_YOUYI_XILU)
    assert 300 < distance_m(*wgs, *AMAP_YOUYI_XILU) < 700


def test_converted_amap_station_matches_wikipedias_wgs84_coordinate():
    from json import loads
    from pathlib import Path

    stations = Path(__file__).parent / "data" / "wikipedia_stations.json"
    for station in loads(stations.read_text(encoding="utf-8")):
        wgs = gcj02_to_wgs84(*station["amap_gcj02"])
        assert distance_m(*wgs, *station["wikipedia_wgs84"]) < 150, station["name"]


def test_bd09_round_trip():
    gcj = (121.4375, 31.3397)
    assert distance_m(*bd09_to_gcj02(*gcj02_to_bd09(*gcj)), *gcj) < 1


def test_points_outside_china_are_unchanged():
    assert gcj02_to_wgs84(2.35, 48.85) == (2.35, 48.85)


def test_unknown_datum_is_an_error():
    with pytest.raises(ValueError, match="unknown datum"):
        to_wgs84(121.0, 31.0, "EPSG:900913")
