from geo.crs import distance_m

CITY_BOXES = {"上海市": (120.85, 30.67, 122.2, 31.88), "杭州市": (118.3, 29.18, 120.75, 30.57)}


def test_every_located_entry_has_a_source_and_a_precision(gazetteer):
    for entry in gazetteer.entries.values():
        if entry.located:
            assert entry.source.strip(), entry.id
            assert entry.precision_m and entry.precision_m > 0, entry.id


def test_every_coordinate_lies_in_its_city(gazetteer):
    for entry in gazetteer.entries.values():
        if entry.located and entry.city in CITY_BOXES:
            west, south, east, north = CITY_BOXES[entry.city]
            assert west < entry.lon < east and south < entry.lat < north, entry.id


def test_places_placed_from_an_address_claim_at_least_300_m(gazetteer):
    for entry in gazetteer.entries.values():
        if entry.method == "address":
            assert entry.precision_m >= 300, entry.id


def test_lines_list_known_stations(gazetteer):
    lines = [e for e in gazetteer.entries.values() if e.kind == "line"]
    assert {line.name for line in lines} >= {f"上海轨道交通{n}号线" for n in (1, 3, 7, 15, 19, 20)}
    for line in lines:
        for station in line.stations:
            assert gazetteer[station].kind == "station", (line.id, station)


def test_consecutive_open_line_stations_are_close(gazetteer):
    """Catches swapped lon/lat, a wrong datum or a station out of order."""
    for line in (e for e in gazetteer.entries.values() if e.kind == "line" and e.status == "open"):
        stops = [gazetteer[s] for s in line.stations]
        for a, b in zip(stops, stops[1:], strict=False):
            assert 300 < distance_m(a.lon, a.lat, b.lon, b.lat) < 7000, (line.id, a.name, b.name)


def test_gcj02_entries_are_converted_on_the_way_in(gazetteer):
    station = gazetteer["shanghai-metro-station-富锦路"]  # Amap prints 121.424661,31.392260
    assert 400 < distance_m(station.lon, station.lat, 121.424661, 31.392260) < 600
    assert "converted to WGS-84" in station.source


def test_lookup_needs_the_city_for_a_name_two_cities_could_use(gazetteer):
    assert gazetteer.lookup("1号线", "上海市").id == "shanghai-metro-line-1"
    assert gazetteer.lookup("1号线", "杭州市") is None


def test_lookup_reads_a_line_number_in_chinese_numerals(gazetteer):
    assert gazetteer.lookup("十五号线", "上海市").id == "shanghai-metro-line-15"
