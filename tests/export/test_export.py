import csv
import json

import geopandas as gpd
import pyogrio
import pytest

from geo import layerspec
from geo.export import staged
from geo.layers import COLUMNS


def test_each_layer_file_holds_only_its_layer(seed_build):
    out, _ = seed_build
    for layer, stem in ((spec.name, spec.table) for spec in layerspec.layers()):
        data = json.loads((out / "layers" / f"{stem}.geojson").read_text(encoding="utf-8"))
        assert data["features"]
        assert {f["properties"]["layer"] for f in data["features"]} == {layer}


def test_geojson_follows_rfc7946(seed_build):
    out, _ = seed_build
    data = json.loads((out / "layers" / "transit.geojson").read_text(encoding="utf-8"))
    assert "crs" not in data and data["type"] == "FeatureCollection"
    for feature in data["features"]:
        coords = feature["geometry"]["coordinates"]
        points = [coords] if feature["geometry"]["type"] == "Point" else coords
        for lon, lat in points:
            assert 73 < lon < 135 and 18 < lat < 54  # lon/lat order, in China
            assert round(lon, 6) == lon and round(lat, 6) == lat


def test_features_carry_the_documented_attributes(seed_build):
    out, _ = seed_build
    data = json.loads((out / "layers" / "parks.geojson").read_text(encoding="utf-8"))
    park = next(f for f in data["features"] if f["properties"]["name"] == "汶绣园")
    assert list(park["properties"]) == COLUMNS
    assert park["properties"]["approximate"] is True
    assert any("汶水东路690弄" in s for s in park["properties"]["sentences"])


def test_geopackage_holds_the_three_layers_with_chinese_intact(seed_build):
    out, _ = seed_build
    renewal = gpd.read_file(out / "layers" / "atlas.gpkg", layer="renewal")
    assert "长阳创谷" in set(renewal["name"])
    assert renewal.crs.to_epsg() == 4326
    for layer in ("parks", "transit_lines", "transit_points"):
        assert len(gpd.read_file(out / "layers" / "atlas.gpkg", layer=layer))


def test_geopackage_gives_each_geometry_type_its_own_table(seed_build):
    # QGIS opens a table of mixed lines and points as two sublayers, asking which to load.
    out, _ = seed_build
    tables = dict(pyogrio.list_layers(out / "layers" / "atlas.gpkg"))
    assert tables["transit_lines"] == "LineString" and tables["transit_points"] == "Point"
    assert "transit" not in tables and tables["parks"] == "Point"


def test_mentions_csv_has_one_row_per_place_a_sentence_names(seed_build):
    out, report = seed_build
    with (out / "layers" / "mentions.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    # the seeds name a district twice in one sentence 15 times: one row each
    assert 0.8 * report.mentions < len(rows) < report.mentions
    assert {"place_id", "document", "sentence"} <= set(rows[0])


def test_a_failed_build_publishes_nothing(tmp_path):
    final = tmp_path / "layers"
    final.mkdir()
    (final / "parks.geojson").write_text("old", encoding="utf-8")
    with pytest.raises(RuntimeError), staged(final) as (stage,):
        (stage / "parks.geojson").write_text("half", encoding="utf-8")
        raise RuntimeError("interrupted")
    assert (final / "parks.geojson").read_text(encoding="utf-8") == "old"
    # no staging left behind (the lock stays, for the next build)
    assert sorted(p.name for p in tmp_path.iterdir()) == [".layers.lock", "layers"]
    assert [p.name for p in final.iterdir()] == ["parks.geojson"]


def test_geopackage_stores_a_default_qgis_style_per_layer(seed_build):
    import sqlite3
    import xml.etree.ElementTree as ET

    out, _ = seed_build
    db = sqlite3.connect(out / "layers" / "atlas.gpkg")
    rows = db.execute("SELECT f_table_name, useAsDefault, styleQML FROM layer_styles").fetchall()
    assert sorted(r[0] for r in rows) == ["parks", "renewal", "transit_lines", "transit_points"]
    for table, default, qml in rows:
        root = ET.fromstring(qml.split("\n", 1)[1])  # after the DOCTYPE line
        symbol = root.find("renderer-v2/symbols/symbol")
        assert default == 1
        assert symbol.get("type") == ("line" if table == "transit_lines" else "marker")
    assert db.execute("SELECT data_type FROM gpkg_contents WHERE table_name = 'layer_styles'"
                      ).fetchone() == ("attributes",)


def test_places_csv_holds_every_feature_with_wkt(seed_build):
    from shapely import wkt

    out, report = seed_build
    with (out / "layers" / "places.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == sum(report.places.values())
    lines = [r for r in rows if r["kind"] == "line"]
    assert {wkt.loads(r["wkt"]).geom_type for r in lines} == {"LineString", "Point"}  # 19: a point
    assert "长阳创谷" in {r["name"] for r in rows}


def test_geojson_polygons_follow_the_right_hand_rule():
    from shapely.geometry import Polygon

    from geo.export.geojson import feature_collection

    clockwise = Polygon([(121.0, 31.0), (121.0, 31.1), (121.1, 31.1), (121.1, 31.0)],
                        holes=[[(121.02, 31.02), (121.08, 31.02), (121.08, 31.08),
                                (121.02, 31.08)]])
    row = {column: None for column in COLUMNS} | {"id": "p", "geometry": clockwise}
    frame = gpd.GeoDataFrame([row], geometry="geometry", crs="EPSG:4326")
    rings = feature_collection(frame)["features"][0]["geometry"]["coordinates"]
    assert Polygon(rings[0]).exterior.is_ccw
    assert not Polygon(rings[1]).exterior.is_ccw


def test_every_mention_of_a_mapped_place_joins_to_its_feature(seed_build):
    out, _ = seed_build
    with (out / "layers" / "mentions.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    with (out / "layers" / "places.csv").open(encoding="utf-8", newline="") as handle:
        features = {row["id"] for row in csv.DictReader(handle)}
    mapped = [row for row in rows if row["layer"] in layerspec.names()]
    assert any(row["place_id"].startswith("found-") for row in mapped)  # unknown names too
    assert all(row["place_id"] in features for row in mapped)


def test_each_style_names_its_table_s_real_geometry_column(seed_build):
    import sqlite3

    out, _ = seed_build
    db = sqlite3.connect(out / "layers" / "atlas.gpkg")
    columns = dict(db.execute("SELECT table_name, column_name FROM gpkg_geometry_columns"))
    styles = dict(db.execute("SELECT f_table_name, f_geometry_column FROM layer_styles"))
    assert styles == columns


def test_no_line_style_draws_an_empty_dash_pattern(seed_build):
    import sqlite3

    out, _ = seed_build
    db = sqlite3.connect(out / "layers" / "atlas.gpkg")
    for (qml,) in db.execute("SELECT styleQML FROM layer_styles"):
        assert "customDash" not in qml and "''" not in qml.replace("&quot;", '"')


def _rows(path):
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_articles_csv_lists_every_article_with_its_metadata(seed_build):
    out, report = seed_build
    rows = _rows(out / "layers" / "articles.csv")
    assert len(rows) == report.documents
    assert all(row["title"] and int(row["places"]) > 0 for row in rows)
    assert any(row["publisher"] and row["date"] for row in rows)  # from metadata.csv


def test_facts_csv_joins_each_fact_to_a_feature(seed_build):
    out, _ = seed_build
    facts = _rows(out / "layers" / "facts.csv")
    features = {row["id"] for row in _rows(out / "layers" / "places.csv")}
    assert facts and all(row["place_id"] in features for row in facts)
    assert {"area", "count"} <= {row["kind"] for row in facts}
    assert all(row["value"] for row in facts if row["kind"] in ("area", "money"))


def test_the_geopackage_holds_the_articles_and_facts_tables(seed_build):
    out, report = seed_build
    path = out / "layers" / "atlas.gpkg"
    assert {"articles", "facts"} <= {name for name, _ in pyogrio.list_layers(path)}
    articles = pyogrio.read_dataframe(path, layer="articles")
    assert len(articles) == report.documents and "publisher" in articles.columns


def test_each_feature_carries_the_dates_of_its_first_and_last_article(seed_build):
    out, _ = seed_build
    articles = {row["document"]: row["date"] for row in _rows(out / "layers" / "articles.csv")}
    mentions = _rows(out / "layers" / "mentions.csv")
    for row in _rows(out / "layers" / "places.csv"):
        dates = sorted({articles[m["document"]] for m in mentions
                        if m["place_id"] == row["id"] and articles[m["document"]]})
        assert (row["first_date"], row["last_date"]) == ((dates[0], dates[-1]) if dates
                                                         else ("", "")), row["name"]
