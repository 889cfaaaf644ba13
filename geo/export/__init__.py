"""Output: the layers as GIS files. GeoJSON (RFC 7946) per layer, one GeoPackage styled for
QGIS, a CSV of features and one of mentions (``write_layers``); the review files a user fills
in (``review``). Every build writes through ``staging``, so no output is ever half-written.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import geopandas as gpd

from geo import layerspec
from geo.export.geojson import write_geojson
from geo.export.gpkg import write_gpkg
from geo.export.review import write_review
from geo.export.staging import staged
from geo.export.tables import write_mentions_csv, write_places_csv
from geo.records import Mention, Place

__all__ = ["staged", "write_layers", "write_review"]


def write_layers(
    frames: dict[str, gpd.GeoDataFrame], mentions: list[Mention], folder: Path,
    places: Iterable[Place] = (),
) -> list[Path]:
    """``<table>.geojson`` per layer, ``atlas.gpkg``, ``places.csv`` and ``mentions.csv``
    (each mention with the id of its feature among ``places``)."""
    folder.mkdir(parents=True, exist_ok=True)
    written = [write_geojson(frame, folder / f"{layerspec.spec(layer).table}.geojson")
               for layer, frame in frames.items()]
    written.append(write_gpkg(frames, folder / "atlas.gpkg"))
    written.append(write_places_csv(frames, folder / "places.csv"))
    written.append(write_mentions_csv(mentions, folder / "mentions.csv", places))
    return written
