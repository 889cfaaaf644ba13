import csv
import tomllib
from pathlib import Path

import pytest

from geo import data
from geo.crs import distance_m
from geo.gazetteer import Entry, Gazetteer

REAL = data.PACKAGE / "gazetteer"
FIXTURE = Path(__file__).parent / "data" / "gazetteer"
CITY_BOXES = {"上海市": (120.85, 30.67, 122.2, 31.88), "杭州市": (118.3, 29.18, 120.75, 30.57)}


def test_every_located_entry_has_a_source_and_a_precision(real_gazetteer):
    for entry in real_gazetteer.entries.values():
        if entry.located:
            assert entry.source.strip(), entry.id
            assert entry.precision_m and entry.precision_m > 0, entry.id


def test_every_coordinate_lies_in_its_city(real_gazetteer):
    for entry in real_gazetteer.entries.values():
        if entry.located and entry.city in CITY_BOXES:
            west, south, east, north = CITY_BOXES[entry.city]
            assert west < entry.lon < east and south < entry.lat < north, entry.id


def test_places_placed_from_an_address_claim_at_least_300_m(real_gazetteer):
    for entry in real_gazetteer.entries.values():
        if entry.method == "address":
            assert entry.precision_m >= 300, entry.id


def test_lines_list_known_stations(real_gazetteer):
    lines = [e for e in real_gazetteer.entries.values() if e.kind == "line"]
    assert {line.name for line in lines} >= {f"上海轨道交通{n}号线" for n in (1, 3, 7, 15, 19, 20)}
    for line in lines:
        for station in line.stations:
            assert real_gazetteer[station].kind == "station", (line.id, station)


def test_consecutive_open_line_stations_are_close(real_gazetteer):
    """Catches swapped lon/lat, a wrong datum or a station out of order."""
    for line in (e for e in real_gazetteer.entries.values()
                 if e.kind == "line" and e.status == "open" and e.id in real_gazetteer.curated):
        stops = [real_gazetteer[s] for s in line.stations]
        for a, b in zip(stops, stops[1:], strict=False):
            assert 300 < distance_m(a.lon, a.lat, b.lon, b.lat) < 7000, (line.id, a.name, b.name)


def test_gcj02_entries_are_converted_on_the_way_in(real_gazetteer):
    station = real_gazetteer["shanghai-metro-station-富锦路"]  # Amap prints 121.424661,31.392260
    assert 400 < distance_m(station.lon, station.lat, 121.424661, 31.392260) < 600
    assert "converted to WGS-84" in station.source


def test_lookup_needs_the_city_for_a_name_two_cities_could_use(gazetteer):
    assert gazetteer.lookup("1号线", "上海市").id == "shanghai-metro-line-1"
    assert gazetteer.lookup("1号线", "杭州市") is None


def test_the_cities_asked_for_are_told_in_the_order_first_asked(gazetteer):
    # what a Dask worker tells the client, so that its gazetteer reads the same cities
    gazetteer.ensure("北京市")  # outside the block: not told
    with gazetteer.cities_asked() as asked:
        gazetteer.lookup("中山公园", "杭州市")
        gazetteer.names_in("上海市")
        gazetteer.lookup("人民广场站", "杭州市")
        gazetteer.ensure(None)
    gazetteer.ensure("广州市")
    assert list(asked) == ["杭州市", "上海市"]


def test_lookup_reads_a_line_number_in_chinese_numerals(gazetteer):
    assert gazetteer.lookup("十五号线", "上海市").id == "shanghai-metro-line-15"


def csv_rows(path: Path) -> tuple[list[str], dict[str, dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or ()), {row["id"]: row for row in reader}


def toml_lines(path: Path) -> dict[str, dict]:
    with path.open("rb") as handle:
        return {line["id"]: line for line in tomllib.load(handle)["line"]}


def test_the_fixture_gazetteer_copies_its_rows_from_the_real_one(gazetteer):
    """Unit tests run on tests/data/gazetteer; its rows are the real rows of the same id (a
    line may keep a consecutive run of its stations), so it never drifts into invented data."""
    rows = 0
    for name in ("admin.csv", "places.csv", "stations.csv"):
        columns, fixture = csv_rows(FIXTURE / name)
        real_columns, real = csv_rows(REAL / name)
        assert columns == real_columns, name
        rows += len(fixture)
        for entry_id in fixture.keys() & real.keys():
            assert fixture[entry_id] == real[entry_id], (name, entry_id)
    lines, real_lines = toml_lines(FIXTURE / "lines.toml"), toml_lines(REAL / "lines.toml")
    for line_id in lines.keys() & real_lines.keys():
        line, shipped = dict(lines[line_id]), dict(real_lines[line_id])
        stations, shipped_stations = line.pop("stations"), shipped.pop("stations")
        assert line == shipped, line_id
        assert stations and stations[0] in shipped_stations, line_id
        start = shipped_stations.index(stations[0])
        assert shipped_stations[start:start + len(stations)] == stations, line_id
    assert len(gazetteer) == rows + len(lines)
    for entry in gazetteer.entries.values():
        assert all(gazetteer[s].kind == "station" for s in entry.stations), entry.id
        assert entry.within is None or entry.within in gazetteer.entries, entry.id


@pytest.fixture(scope="module")
def every_city():
    """The real gazetteer with every city's bulk files read."""
    gazetteer = Gazetteer.load()
    for city in gazetteer.bulk.city_codes:
        gazetteer.ensure(city)
    return gazetteer


def test_the_bulk_metro_covers_forty_cities(every_city):
    lines = [e for e in every_city.entries.values()
             if e.kind == "line" and e.id not in every_city.curated]
    assert len({line.city for line in lines}) == 40 and len(lines) >= 300


def test_bulk_line_stations_follow_each_other(every_city):
    """Swapped lon/lat, a wrong datum or a station out of order would leave a gap or a jump:
    consecutive stations of Amap's lines are 0.3 to 25 km apart (磁浮线, 大兴机场线)."""
    for line in every_city.entries.values():
        if line.kind != "line" or line.id in every_city.curated:
            continue
        for branch in line.branches:
            stops = [every_city[s] for s in branch]
            for a, b in zip(stops, stops[1:], strict=False):
                assert 200 < distance_m(a.lon, a.lat, b.lon, b.lat) < 30_000, (
                    line.city, line.name, a.name, b.name)


def test_every_bulk_entry_is_located_with_a_precision_and_a_pinned_source(every_city):
    for entry in every_city.entries.values():
        if entry.id in every_city.curated or entry.kind == "line":
            continue
        assert "@" in entry.source and "Licence:" in entry.source, entry.id
        if entry.located:
            assert entry.precision_m and entry.precision_m > 0, entry.id


def test_a_bulk_station_written_as_a_curated_ones_name_is_that_station():
    """The bulk 上海南站站, also written 上海南站, and the curated 上海南站 are one station:
    the name is not left ambiguous between them."""
    curated = Entry(id="curated", name="上海南站", aliases=(), layer="transit", kind="station",
                    city="上海市", lon=121.43, lat=31.15)
    bulk = Entry(id="bulk", name="上海南站站", aliases=("上海南站",), layer="transit",
                 kind="station", city="上海市", lon=121.42, lat=31.15)
    gazetteer = Gazetteer([curated])
    gazetteer.add([bulk], bulk=True)
    assert "bulk" not in gazetteer.entries
    assert gazetteer.lookup("上海南站", "上海市").id == "curated"
