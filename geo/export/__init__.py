"""Output: the layers as GIS files. GeoJSON (RFC 7946) per layer, one GeoPackage styled for
QGIS, a CSV of features and one of mentions (``write_layers``); the review files a user fills
in (``review``); places, mentions and articles as (Geo)Parquet for big-data tools
(``write_geoparquet_layers``). Every build writes through ``staging``, so no output is ever
half-written.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import geopandas as gpd

from geo import layerspec
from geo.export.articles import (
    ARTICLE_COLUMNS,
    FACT_COLUMNS,
    article_rows,
    attribute_tables,
    fact_rows,
    write_table_csv,
)
from geo.export.geojson import write_geojson
from geo.export.geoparquet import (
    mentions_frame,
    places_frame,
    write_articles_parquet,
    write_geoparquet,
)
from geo.export.gpkg import write_gpkg
from geo.export.review import write_review
from geo.export.staging import staged
from geo.export.tables import write_mentions_csv, write_places_csv
from geo.records import Document, Mention, Place

__all__ = ["staged", "write_geoparquet_layers", "write_layers", "write_review"]


def write_layers(
    frames: dict[str, gpd.GeoDataFrame], mentions: list[Mention], folder: Path,
    places: Iterable[Place] = (), documents: Iterable[Document] = (),
) -> list[Path]:
    """``<table>.geojson`` per layer, ``atlas.gpkg`` (with the ``articles`` and ``facts``
    tables), ``places.csv``, ``mentions.csv`` (each mention with the id of its feature among
    ``places``), ``articles.csv`` and ``facts.csv``."""
    folder.mkdir(parents=True, exist_ok=True)
    places = list(places)
    articles, facts = article_rows(documents, places), fact_rows(places)
    written = [write_geojson(frame, folder / f"{layerspec.spec(layer).table}.geojson")
               for layer, frame in frames.items()]
    written.append(write_gpkg(frames, folder / "atlas.gpkg", attribute_tables(articles, facts)))
    written.append(write_places_csv(frames, folder / "places.csv"))
    written.append(write_mentions_csv(mentions, folder / "mentions.csv", places))
    written.append(write_table_csv(articles, ARTICLE_COLUMNS, folder / "articles.csv"))
    written.append(write_table_csv(facts, FACT_COLUMNS, folder / "facts.csv"))
    return written


def write_geoparquet_layers(
    frames: dict[str, gpd.GeoDataFrame], mentions: list[Mention], folder: Path,
    places: Iterable[Place] = (), documents: Iterable[Document] = (),
) -> list[Path]:
    """``places.parquet`` and ``mentions.parquet`` (GeoParquet 1.1) and ``articles.parquet``
    (see ``geo.export.geoparquet``)."""
    folder.mkdir(parents=True, exist_ok=True)
    places = list(places)
    return [write_geoparquet(places_frame(frames), folder / "places.parquet"),
            write_geoparquet(mentions_frame(mentions, places), folder / "mentions.parquet"),
            write_articles_parquet(article_rows(documents, places), folder / "articles.parquet")]
