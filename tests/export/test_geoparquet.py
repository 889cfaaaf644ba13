"""Issue 22, point 3: places, mentions and articles as GeoParquet 1.1 (--geoparquet)."""

import csv
import json
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyarrow.parquet as pq
import pytest
from shapely.geometry import LineString, Point

from geo.cli import main
from geo.export.geoparquet import write_geoparquet
from geo.layers import COLUMNS
from geo.pipeline import build

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
HOSTILE = ('=HYPERLINK("http://example.org/x","点击") 金沙湾公园开园了。\n'
                 "长阳创谷是老厂房更新载体。地铁12号线宁国路站就在旁边。\n")


@pytest.fixture(scope="module")
def layers(tmp_path_factory):
    """The seeds and an article whose sentence would be a spreadsheet formula, built with the
    GIS layers (for comparison) and the GeoParquet outputs."""
    folder = tmp_path_factory.mktemp("geoparquet")
    (folder / "more").mkdir()
    (folder / "more" / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    build([SEEDS, folder / "more"], folder / "layers", folder / "maps",
          outputs=["layers", "geoparquet"])
    return folder / "layers"


def csv_rows(path):
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_places_read_back_with_geopandas_as_every_feature(layers):
    places = gpd.read_parquet(layers / "places.parquet")
    assert list(places.columns) == [*COLUMNS, "geometry"]  # geopandas hides the bbox column
    assert places.crs.to_epsg() == 4326
    from_csv = {row["id"]: row["wkt"] for row in csv_rows(layers / "places.csv")}
    assert sorted(places["id"]) == sorted(from_csv)
    for place_id, geometry in zip(places["id"], places.geometry, strict=True):
        assert geometry.equals_exact(gpd.GeoSeries.from_wkt([from_csv[place_id]])[0], 1e-6)


@pytest.mark.parametrize("name", ["places.parquet", "mentions.parquet"])
def test_the_geo_metadata_is_geoparquet_1_1_with_a_bbox_covering(layers, name):
    parquet = pq.ParquetFile(layers / name)
    geo = json.loads(parquet.schema_arrow.metadata[b"geo"])
    assert geo["version"] == "1.1.0"
    assert geo["columns"]["geometry"]["covering"]["bbox"]["xmin"] == ["bbox", "xmin"]
    assert "bbox" in parquet.schema_arrow.names
    assert {parquet.metadata.row_group(0).column(i).compression
            for i in range(parquet.metadata.num_columns)} == {"ZSTD"}


def hilbert_key(geometry: gpd.GeoSeries) -> np.ndarray:
    located = geometry[geometry.notna()]
    # (as signed integers: the distances are unsigned, whose differences never go below 0)
    return np.asarray(located.hilbert_distance(total_bounds=located.total_bounds),
                      dtype=np.int64)


@pytest.mark.parametrize("name", ["places.parquet", "mentions.parquet"])
def test_rows_are_in_hilbert_order(layers, name):
    geometry = gpd.read_parquet(layers / name).geometry
    key = hilbert_key(geometry)
    assert len(set(key)) > 5  # places far enough apart for the order to say something
    assert (np.diff(key) >= 0).all()
    located = geometry.notna().to_numpy()
    assert not (located[1:] & ~located[:-1]).any()  # rows without a place come last


def test_list_columns_are_parquet_lists(layers):
    schema = pq.read_schema(layers / "places.parquet")
    assert str(schema.field("documents").type) == "list<element: string>"
    assert str(schema.field("sentences").type) == "list<element: string>"
    places = gpd.read_parquet(layers / "places.parquet").set_index("id")
    row = next(r for r in csv_rows(layers / "places.csv") if "\n" in r["documents"])
    assert list(places.loc[row["id"], "documents"]) == row["documents"].split("\n")


def test_formula_cells_are_stored_as_written(layers):
    sentences = set(gpd.read_parquet(layers / "mentions.parquet")["sentence"])
    assert any(s.startswith('=HYPERLINK("http://example.org/x"') for s in sentences)
    in_csv = {row["sentence"] for row in csv_rows(layers / "mentions.csv")}
    assert any(s.startswith("'=HYPERLINK") for s in in_csv)  # the CSV neutralises it


def test_mentions_are_the_rows_of_mentions_csv_with_their_places_point(layers):
    mentions = gpd.read_parquet(layers / "mentions.parquet")
    from_csv = csv_rows(layers / "mentions.csv")
    assert len(mentions) == len(from_csv)
    key = ["document", "start", "end"]
    assert (sorted(map(tuple, mentions[key].astype(str).to_numpy().tolist()))
            == sorted(tuple(row[k] for k in key) for row in from_csv))
    places = gpd.read_parquet(layers / "places.parquet").set_index("id").geometry
    for place_id, geometry in zip(mentions["place_id"], mentions.geometry, strict=True):
        place = places.get(place_id) if isinstance(place_id, str) else None
        if place is not None and place.geom_type == "Point":
            assert geometry.equals(place)
        elif place is not None:  # a line has no point
            assert geometry is None
    assert any(p.geom_type == "LineString" for p in places)  # the case above is tested


def test_articles_are_the_rows_of_articles_csv(layers):
    articles = pd.read_parquet(layers / "articles.parquet")
    from_csv = csv_rows(layers / "articles.csv")
    assert list(articles["document"]) == [row["document"] for row in from_csv]
    assert list(articles["places"]) == [int(row["places"]) for row in from_csv]
    hostile = articles[articles["document"].str.endswith("more/hostile")]
    assert len(hostile) == 1 and hostile["date"].isna().all()  # no date: null, not ""


def test_duckdb_reads_places_parquet(layers):
    duckdb = pytest.importorskip("duckdb", reason="DuckDB is not installed")
    path = str(layers / "places.parquet")
    [(count, west)] = duckdb.connect().execute(
        "SELECT count(*), min(bbox.xmin) FROM read_parquet(?)", [path]).fetchall()
    places = gpd.read_parquet(path)
    assert count == len(places)
    assert west == pytest.approx(places.total_bounds[0])


def test_row_groups_hold_fifty_thousand_rows(tmp_path):
    rng = np.random.default_rng(0)
    frame = gpd.GeoDataFrame({"n": np.arange(100_001)},
                             geometry=gpd.points_from_xy(rng.uniform(120, 122, 100_001),
                                                         rng.uniform(30, 32, 100_001)),
                             crs="EPSG:4326")
    metadata = pq.ParquetFile(write_geoparquet(frame, tmp_path / "p.parquet")).metadata
    assert [metadata.row_group(i).num_rows for i in range(metadata.num_row_groups)] == [
        50_000, 50_000, 1]


def test_a_line_and_a_missing_geometry_sort_too(tmp_path):
    frame = gpd.GeoDataFrame({"n": [0, 1, 2]},
                             geometry=[None, LineString([(121, 31), (122, 32)]), Point(120, 30)],
                             crs="EPSG:4326")
    written = gpd.read_parquet(write_geoparquet(frame, tmp_path / "p.parquet"))
    assert list(written["n"]) == [2, 1, 0]


def test_a_build_without_the_flag_writes_no_parquet(seed_build):
    out, report = seed_build
    assert not list(out.rglob("*.parquet"))
    assert not [path for path in report.files if path.suffix == ".parquet"]


def test_the_geoparquet_flag_writes_the_three_files(tmp_path):
    assert main(["build", str(SEEDS), "--layers", str(tmp_path / "l"), "--maps",
                 str(tmp_path / "m"), "--geoparquet", "--no-article-maps", "--quiet",
                 "--fast"]) == 0
    assert sorted(p.name for p in (tmp_path / "l").glob("*.parquet")) == [
        "articles.parquet", "mentions.parquet", "places.parquet"]
