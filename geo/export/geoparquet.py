"""The layers, mentions and articles as Parquet, for big-data tools (geopandas,
dask-geopandas, DuckDB, GDAL, Spark).

``places.parquet`` and ``mentions.parquet`` are GeoParquet 1.1: WGS-84 geometry as WKB, a
``bbox`` covering column that lets a reader skip row groups outside a window, rows sorted
along a Hilbert curve so that near places share row groups, zstd compression, row groups of
ROW_GROUP_ROWS. ``articles.parquet`` has no geometry (an article has no place of its own),
so it is a plain Parquet table, joined to the others by ``document``. Lists (documents,
sentences) are Parquet lists. Text is stored as written: Parquet is no spreadsheet, so no
cell is neutralised as in the CSV files.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
from shapely.geometry import Point

from geo.export.articles import ARTICLE_COLUMNS
from geo.export.tables import MENTION_COLUMNS, mention_rows
from geo.layers import COLUMNS, CRS, hilbert_order
from geo.records import Mention, Place

SCHEMA_VERSION = "1.1.0"
COMPRESSION = "zstd"
ROW_GROUP_ROWS = 50_000
TEXT_COLUMNS = [
    "id", "name", "layer", "kind", "status", "city", "district", "location_method",
    "location_source", "location_provider", "location_query", "first_date", "last_date",
    "colour", "status_note",
]


def write_geoparquet(frame: gpd.GeoDataFrame, path: Path) -> Path:
    """``frame`` as GeoParquet 1.1, its rows in Hilbert order (see the module's docstring)."""
    ordered = frame.iloc[hilbert_order(frame.geometry)].reset_index(drop=True)
    ordered.to_parquet(path, index=False, compression=COMPRESSION, write_covering_bbox=True,
                       schema_version=SCHEMA_VERSION, row_group_size=ROW_GROUP_ROWS)
    return path


def places_frame(frames: dict[str, gpd.GeoDataFrame]) -> gpd.GeoDataFrame:
    """Every feature of every layer, with its attributes and geometry (as places.csv)."""
    parts = [frame[[*COLUMNS, "geometry"]] for frame in frames.values()]
    rows = (pd.concat(parts, ignore_index=True) if parts
            else pd.DataFrame(columns=[*COLUMNS, "geometry"]))
    places = gpd.GeoDataFrame(rows, geometry="geometry", crs=CRS)
    # typed even where every value is empty, so each build has the same schema
    places[TEXT_COLUMNS] = places[TEXT_COLUMNS].astype("string")
    places["precision_m"] = places["precision_m"].astype("float64")
    places["mentions"] = places["mentions"].astype("int64")
    places["approximate"] = places["approximate"].astype("bool")
    return places


def mentions_frame(mentions: list[Mention], places: Iterable[Place]) -> gpd.GeoDataFrame:
    """The rows of mentions.csv, each with the point of its place where it has one (a line
    has none; nor has a place not located, or a name kept as context)."""
    places = list(places)
    points = {place.id: place.geometry for place in places
              if isinstance(place.geometry, Point)}
    rows = list(mention_rows(mentions, places))
    frame = gpd.GeoDataFrame(
        pd.DataFrame(rows, columns=MENTION_COLUMNS),
        geometry=[points.get(row["place_id"]) for row in rows], crs=CRS)
    text = [c for c in MENTION_COLUMNS if c not in ("start", "end")]
    frame[text] = frame[text].astype("string").replace("", pd.NA)  # null where CSV is empty
    frame[["start", "end"]] = frame[["start", "end"]].astype("int64")
    return frame


def write_articles_parquet(articles: list[dict], path: Path) -> Path:
    """The rows of articles.csv (``geo.export.articles.article_rows``) as plain Parquet."""
    schema = pa.schema([(c, pa.int64() if c == "places" else pa.string())
                        for c in ARTICLE_COLUMNS])
    rows = [{key: None if value == "" else value for key, value in row.items()}
            for row in articles]  # null where articles.csv is empty
    table = pa.Table.from_pylist(rows, schema=schema)
    pq.write_table(table, path, compression=COMPRESSION, row_group_size=ROW_GROUP_ROWS)
    return path
