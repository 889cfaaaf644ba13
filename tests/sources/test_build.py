"""The bulk gazetteer's import: bad rows skipped by file and line, bad sources refused."""

import csv
import json
import subprocess
from pathlib import Path

import pytest

from geo.crs import gcj02_to_wgs84
from geo.sources import divisions, metro, railway, wikidata
from geo.sources.rows import DataBuildError, Report, check
from geo.sources.snapshot import Snapshot

HANGZHOU = {"id": "3301", "name": "杭州", "adcode": "3301", "lines": [], "stations": []}


def snapshot(folder: Path, files: dict[str, str]) -> Snapshot:
    """A git repository holding ``files``, at its one commit."""
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    return committed(folder)


def committed(folder: Path) -> Snapshot:
    """The files in ``folder`` committed into a new git repository there."""
    git = ["git", "-C", str(folder), "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "."], check=True)
    subprocess.run([*git, "commit", "-qm", "data"], check=True)
    commit = subprocess.run([*git, "rev-parse", "HEAD"], capture_output=True, text=True,
                            check=True).stdout.strip()
    return Snapshot(folder, commit)


def station(number: int, name: str, lng: float, lat: float) -> dict:
    return {"id": f"33010000{number}", "name": name, "lng": lng, "lat": lat}


def city_file(stations: list[dict], lines: list[dict]) -> str:
    return json.dumps({**HANGZHOU, "stations": stations, "lines": lines}, ensure_ascii=False)


def build_metro(tmp_path: Path, stations: list[dict], lines: list[dict]):
    source = snapshot(tmp_path / "repo", {"data/cities/hangzhou.json": city_file(stations, lines)})
    report = Report()
    written = metro.build(source, "data/cities", tmp_path / "out", {"3301": "杭州市"}, report)
    return written, report


def test_a_station_and_its_line_are_written_in_wgs84(tmp_path):
    stations = [station(1, "湘湖", 120.234391, 30.167585), station(2, "滨康路", 120.231003,
                                                                      30.183864)]
    line = {"id": "l1", "name": "1号线", "fullName": "地铁1号线", "color": "#FC0601",
            "stationIds": ["330100001", "330100002"]}
    written, report = build_metro(tmp_path, stations, [line])
    assert written == {"杭州市": (2, 1)} and report.skipped == []
    with (tmp_path / "out" / "metro" / "3301_stations.csv").open(encoding="utf-8") as handle:
        rows = {row["name"]: row for row in csv.DictReader(handle)}
    lon, lat = gcj02_to_wgs84(120.234391, 30.167585)  # the source is GCJ-02
    assert (rows["湘湖站"]["lon"], rows["湘湖站"]["lat"]) == (f"{lon:.6f}", f"{lat:.6f}")
    assert rows["湘湖站"]["source_datum"] == "GCJ-02" and "地铁湘湖站" in rows["湘湖站"]["aliases"]


def written_rows(tmp_path: Path, kind: str) -> dict[str, dict]:
    with (tmp_path / "out" / "metro" / f"3301_{kind}.csv").open(encoding="utf-8") as handle:
        return {row["name"]: row for row in csv.DictReader(handle)}


@pytest.mark.parametrize(("amap", "railway"), [
    ("火车东站", {"杭州东站"}),  # Amap drops the city, the railway keeps it
    ("火车站", {"杭州站"}),
    ("杭州火车站", {"杭州站"}),
    ("萧山火车站", {"萧山站", "杭州萧山站"}),
    ("火车头广场", set()),  # not a railway station's name
    ("萧山国际机场", {"萧山机场站"}),  # news drops the 国际
])
def test_a_station_named_after_a_railway_station_or_airport_answers_to_its_name(
        tmp_path, amap, railway):
    build_metro(tmp_path, [station(1, amap, 120.21, 30.29)], [])
    aliases = set(written_rows(tmp_path, "stations")[f"{amap}站"]["aliases"].split("|"))
    assert aliases - {f"地铁{amap}站", f"{amap}地铁站", amap} == railway


def test_a_through_line_answers_to_its_number_and_a_branch_does_not(tmp_path):
    stations = [station(n, name, 120.2 + n / 100, 30.2) for n, name in enumerate("甲乙丙", 1)]
    lines = [{"id": "l4", "name": "4号线大兴线", "stationIds": ["330100001", "330100002"]},
             {"id": "l6", "name": "6号线/光明线", "stationIds": ["330100002", "330100003"]},
             {"id": "b6", "name": "6号线支线", "stationIds": ["330100001", "330100003"]}]
    build_metro(tmp_path, stations, lines)
    rows = {name: set(row["aliases"].split("|"))
            for name, row in written_rows(tmp_path, "lines").items()}
    assert {"4号线", "大兴线", "地铁4号线"} <= rows["4号线大兴线"]
    assert {"6号线", "光明线"} <= rows["6号线/光明线"]
    assert "6号线" not in rows["6号线支线"] and "支线" not in rows["6号线支线"]


@pytest.mark.parametrize(("name", "full_name", "numbers"), [
    ("S3号线(宁和线)", "地铁S3号线(宁和线)", {"S3号线", "宁和线"}),
    ("2号线/8号线", "地铁2号线(8号线)", {"2号线", "8号线"}),  # run through as one
    ("8号(环)线", "地铁8号(环)线", {"8号线"}),
    ("阳逻线", "轨道交通21号线(阳逻线)", {"21号线"}),  # the number only in the full name
    ("绍兴1号线", "轨道交通1号线(杭绍线)", set()),  # a neighbour city's line 1
    ("14号线支线(知识城线)", "", set()),  # a branch
])
def test_a_line_answers_to_the_numbers_and_names_news_gives_it(name, full_name, numbers):
    aliases = set(metro.line_aliases(name, full_name, "杭州"))
    prefixed = ("地铁", "轨道", "杭州")
    assert {a for a in aliases if a.endswith("线") and not a.startswith(prefixed)} == numbers


def test_a_lines_number_is_the_line_of_that_name_not_another_line_giving_it(tmp_path):
    """重庆's 3号线 and 轨道交通3号线(空港线) both read as 3号线: the line named so keeps it."""
    stations = [station(n, name, 120.2 + n / 100, 30.2) for n, name in enumerate("甲乙丙", 1)]
    lines = [{"id": "l3", "name": "3号线", "stationIds": ["330100001", "330100002"]},
             {"id": "a3", "name": "轨道交通3号线(空港线)",
              "stationIds": ["330100002", "330100003"]}]
    build_metro(tmp_path, stations, lines)
    rows = {name: set(row["aliases"].split("|"))
            for name, row in written_rows(tmp_path, "lines").items()}
    assert {"地铁3号线", "轨道交通3号线"} <= rows["3号线"]
    assert rows["轨道交通3号线(空港线)"] == {"空港线"}


def test_an_alias_two_stations_share_is_neither_stations(tmp_path):
    """Two stops of one name far apart (a neighbour city's line in the file): 地铁奥体中心站
    could be either, so neither claims it."""
    far = [station(1, "奥体中心", 120.23, 30.23), station(2, "奥体中心", 120.57, 30.06)]
    build_metro(tmp_path, far, [])
    with (tmp_path / "out" / "metro" / "3301_stations.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert [row["aliases"] for row in rows] == ["", ""]


def test_a_station_without_a_coordinate_is_skipped_by_file_and_row(tmp_path):
    stations = [station(1, "湘湖", 120.23, 30.16), {"id": "330100009", "name": "无坐标"}]
    _, report = build_metro(tmp_path, stations, [])
    assert len(report.skipped) == 1
    assert "data/cities/hangzhou.json: stations[2]" in report.skipped[0]


def test_a_station_outside_china_stops_the_build(tmp_path):
    with pytest.raises(DataBuildError, match=r"hangzhou\.json: stations\[1\].*outside China"):
        build_metro(tmp_path, [station(1, "纽约", -74.0, 40.7)], [])


def test_two_rows_with_one_id_stop_the_build():
    with pytest.raises(DataBuildError, match="id 'a' twice"):
        check([{"id": "a"}, {"id": "a"}], "GCJ-02", "f.csv")


def test_rows_in_two_datums_stop_the_build():
    with pytest.raises(DataBuildError, match="row 2 is in BD-09"):
        check([{"id": "a", "source_datum": "GCJ-02"}, {"id": "b", "source_datum": "BD-09"}],
              "GCJ-02", "f.csv")


ADCODE_ROWS = [
    "330000000000,100000000000,浙江省,province,1,330000,,,,f,f,f,120.152585,30.266597,,浙江省,,,,",
    "330100000000,330000000000,杭州市,city,2,330100,,0571,,f,f,f,120.209789,30.24692,,浙江省,杭州市,,,",
    "330102000000,330100000000,上城区,county,3,330102,,0571,,f,f,f,120.171465,30.250236,,浙江省,杭州市,上城区,,",
    "330102001000,330102000000,清波街道,town,4,330102,,0571,,f,f,f,120.162,30.2428,,浙江省,杭州市,上城区,清波街道,",
    "330102002000,330102000000,湖滨街道办事处,town,4,330102,,0571,,f,f,f,,,,浙江省,杭州市,上城区,湖滨街道,",
    "330102003000,330102000000,坏行,town",
]
SQUARE = {"type": "Polygon", "coordinates": [[[120.15, 30.23], [120.19, 30.23], [120.19, 30.27],
                                              [120.15, 30.27], [120.15, 30.23]]]}


def test_divisions_and_towns_are_written_and_a_short_row_is_skipped(tmp_path):
    source = snapshot(tmp_path / "repo", {
        "data/adcode/330000.csv": ADCODE_ROWS[0] + "\n",
        "data/adcode/330100.csv": ADCODE_ROWS[1] + "\n",
        "data/adcode/330102.csv": "\n".join(ADCODE_ROWS[2:]) + "\n",
        "data/fences/330102.json": json.dumps(SQUARE)})
    report = Report()
    cities = divisions.build(source, "data/adcode", "data/fences", tmp_path / "out", report)
    assert cities == {"3301": "杭州市"}
    assert any("330102.csv:4" in line for line in report.skipped)
    with (tmp_path / "out" / "towns" / "3301.csv").open(encoding="utf-8") as handle:
        towns = {row["name"]: row for row in csv.DictReader(handle)}
    assert towns["湖滨街道"]["aliases"] == "湖滨街道办事处" and towns["湖滨街道"]["lon"] == ""
    # two towns share the district's 4 km × 4.4 km: twice the radius of a circle of 8.6 km²
    assert 3000 < int(towns["清波街道"]["precision_m"]) < 3600


def test_a_districts_precision_reaches_the_farthest_corner_of_its_outline(tmp_path):
    source = snapshot(tmp_path / "repo", {
        "data/adcode/330102.csv": ADCODE_ROWS[2] + "\n",
        "data/fences/330102.json": json.dumps(SQUARE)})
    divisions.build(source, "data/adcode", "data/fences", tmp_path / "out", Report())
    with (tmp_path / "out" / "divisions.csv").open(encoding="utf-8") as handle:
        (district,) = csv.DictReader(handle)
    # from the centre (120.171465, 30.250236) to the corner (120.15, 30.27): about 3 km
    assert 2900 < int(district["precision_m"]) < 3100


def test_a_point_is_placed_in_the_city_of_the_county_outline_holding_it(tmp_path):
    source = snapshot(tmp_path / "repo", {
        "data/adcode/330102.csv": ADCODE_ROWS[2] + "\n",
        "data/fences/330102.json": json.dumps(SQUARE)})
    locate = divisions.locator(source, "data/adcode", "data/fences")
    # the outline is GCJ-02: a WGS-84 point just inside its west edge is ~500 m east in GCJ-02
    assert locate(120.147, 30.25) == ("杭州市", "3301")
    assert locate(120.10, 30.25) is None


def item(qid: str, label: str, lon: float, lat: float, description: str = "") -> dict:
    return {"type": "Feature", "geometry": {"type": "Point", "coordinates": [lon, lat]},
            "properties": {"item": f"http://www.wikidata.org/entity/{qid}", "itemLabel": label,
                           "itemDescription": description}}


def build_wikidata(tmp_path: Path, items: list[dict], exclude=()):
    source = snapshot(tmp_path / "repo", {"w.geojson": json.dumps(
        {"type": "FeatureCollection", "features": items}, ensure_ascii=False)})
    report = Report()
    count = wikidata.build(source, "w.geojson", "上海市", "3100", tmp_path / "out", report,
                           exclude)
    with (tmp_path / "out" / "places" / "3100.csv").open(encoding="utf-8") as handle:
        return count, {row["id"]: row for row in csv.DictReader(handle)}, report


def test_wikidata_items_become_places_named_as_articles_write_them(tmp_path):
    items = [item("Q1", "上海人民公园", 121.4678, 31.2339, "public park in Shanghai"),
             item("Q1", "上海人民公园", 121.4678, 31.2339, "public park in Shanghai"),
             item("Q2", "Some Hall", 121.4, 31.2),
             item("Q3", "南码头路街道", 121.5, 31.2, "subdistrict in Pudong")]
    count, rows, report = build_wikidata(tmp_path, items)
    assert count == 1 and rows["wikidata-Q1"]["aliases"] == "人民公园"
    assert rows["wikidata-Q1"]["kind"] == "park" and len(report.skipped) == 1


def test_a_wikidata_point_outside_china_stops_the_build_unless_excluded(tmp_path):
    lyon = [item("Q9", "里昂商学院", 4.84, 45.74)]
    with pytest.raises(DataBuildError, match="outside China"):
        build_wikidata(tmp_path / "a", lyon)
    assert build_wikidata(tmp_path / "b", lyon, exclude=("Q9",))[0] == 0


def test_a_wikidata_item_outside_its_city_is_skipped(tmp_path):
    source = snapshot(tmp_path / "repo", {"w.geojson": json.dumps({"features": [
        item("Q10867748", "上海农场", 120.533889, 33.323611, "farm")]}, ensure_ascii=False)})
    report = Report()
    count = wikidata.build(source, "w.geojson", "上海市", "3100", tmp_path / "out", report,
                           within=(121.47, 31.23, 76_000))
    assert count == 0 and "lies outside 上海市" in report.skipped[0]


def railway_snapshot(tmp_path: Path, records: list[tuple[str, str, float, float]]) -> Snapshot:
    """A snapshot holding a zipped shapefile of (name, station, lon, lat) records."""
    import zipfile

    import geopandas
    from shapely.geometry import Point

    frame = geopandas.GeoDataFrame(
        {"name": [r[0] for r in records], "station": [r[1] for r in records]},
        geometry=[Point(r[2], r[3]) for r in records], crs="EPSG:4326")
    shapes = tmp_path / "shp"
    shapes.mkdir()
    frame.to_file(shapes / "stations.shp", encoding="utf-8")
    repo = tmp_path / "railway"
    repo.mkdir()
    with zipfile.ZipFile(repo / "stations.zip", "w") as archive:
        for part in shapes.iterdir():
            archive.write(part, part.name)
    return committed(repo)


def in_hangzhou(lon: float, lat: float):
    return ("杭州市", "3301") if 119.0 < lon < 121.0 and 29.0 < lat < 31.0 else None


def build_railway(tmp_path: Path, records, metro_rows: list[dict] = ()):
    if metro_rows:
        write_csv_rows = metro.STATION_COLUMNS
        path = tmp_path / "out" / "metro" / "3301_stations.csv"
        path.parent.mkdir(parents=True)
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, write_csv_rows)
            writer.writeheader()
            writer.writerows(metro_rows)
    report = Report()
    written, offsets = railway.build(railway_snapshot(tmp_path, records), "stations.zip",
                                     "stations.shp", tmp_path / "out", in_hangzhou, report)
    rows = {}
    if (tmp_path / "out" / "railway" / "3301.csv").is_file():
        with (tmp_path / "out" / "railway" / "3301.csv").open(encoding="utf-8") as handle:
            rows = {row["name"]: row for row in csv.DictReader(handle)}
    return written, offsets, rows, report


def test_a_railway_station_is_named_as_news_writes_it_in_the_city_that_holds_it(tmp_path):
    records = [("杭州南", "train", 120.29, 30.17), ("湘湖", "subway", 120.23, 30.16),
               ("屏東", "train", 120.49, 22.67)]  # a metro stop; a station beyond the outlines
    written, _, rows, report = build_railway(tmp_path, records)
    assert written == {"杭州市": 1} and list(rows) == ["杭州南站"]
    assert rows["杭州南站"]["aliases"] == "杭州南火车站"
    assert (rows["杭州南站"]["lon"], rows["杭州南站"]["source_datum"]) == ("120.290000", "WGS-84")
    assert "1 stations outside every county outline" in report.skipped[0]


def test_a_railway_station_the_metro_names_is_left_to_the_metro_and_measured(tmp_path):
    metro_row = {"id": "m1", "name": "杭州东站", "aliases": "火车东站", "city": "杭州市",
                 "lon": "120.2100", "lat": "30.2900"}
    _, offsets, rows, _ = build_railway(tmp_path, [("杭州东", "train", 120.2110, 30.2900)],
                                        [metro_row])
    assert rows == {} and len(offsets) == 1 and 90 < offsets[0] < 110


def test_one_name_for_two_stations_far_apart_in_a_city_is_skipped(tmp_path):
    records = [("新塘", "train", 120.10, 30.10), ("新塘", "train", 120.50, 30.10)]
    _, _, rows, report = build_railway(tmp_path, records)
    assert rows == {} and any("新塘: 2 stations" in line for line in report.skipped)
