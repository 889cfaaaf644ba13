"""Outlines of cities and districts: the context drawn under the places, so that a map or a
report image reads without tiles (宝山 beside 杨浦, the city's edge).

Read from ``geo/data/gazetteer/outlines/<city code>.geojson.gz``, which ``make gazetteer``
builds from the pinned divisions source (``geo/sources/outlines.py``: simplified, WGS-84).
A file is checked when read: a feature without a name, level or polygon is a ``DataError``
naming the file and feature.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterable
from pathlib import Path

import geopandas as gpd
from shapely.geometry import shape

from geo import data

COLUMNS = ["id", "name", "level", "city", "geometry"]
# Their source asks to be credited wherever they are shown (CC BY 4.0; sources.toml, [adcode]).
CREDIT = "Outlines: Vonng/adcode (Amap), CC BY 4.0"
LEVELS = ("city", "district")
POLYGONS = ("Polygon", "MultiPolygon")


def city_outlines(cities: Iterable[str], codes: dict[str, str],
                  folder: Path | None = None) -> gpd.GeoDataFrame:
    """The outlines of the cities named (their own, and their districts'), for the cities
    ``codes`` gives a file code; other cities have none."""
    folder = folder or data.path("gazetteer") / "outlines"
    rows: list[dict] = []
    for city in sorted(set(cities)):
        path = folder / f"{codes.get(city, '')}.geojson.gz"
        if city in codes and path.is_file():
            rows.extend(_read(path, city))
    return gpd.GeoDataFrame(rows, columns=COLUMNS, geometry="geometry", crs="EPSG:4326")


def _read(path: Path, city: str) -> list[dict]:
    try:
        collection = json.loads(gzip.decompress(path.read_bytes()))
        features = collection["features"]
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise data.DataError(f"{path}: not a gzipped GeoJSON feature collection ({error})"
                             ) from None
    rows = []
    for number, feature in enumerate(features, start=1):
        properties = feature.get("properties") or {}
        geometry = feature.get("geometry") or {}
        if (not properties.get("name") or properties.get("level") not in LEVELS
                or geometry.get("type") not in POLYGONS):
            raise data.DataError(f"{path}: feature {number} needs a name, a level "
                                 f"({', '.join(LEVELS)}) and a polygon")
        rows.append({"id": properties.get("id", ""), "name": properties["name"],
                     "level": properties["level"], "city": city, "geometry": shape(geometry)})
    return rows


def for_view(outlines: gpd.GeoDataFrame | None,
             frames: dict[str, gpd.GeoDataFrame]) -> gpd.GeoDataFrame:
    """What a view of ``frames`` draws under its places: a city's districts where its places
    are all in one city (its own outline if it has none); the outlines of the cities where
    they are in several; nothing without outlines."""
    if outlines is None or outlines.empty:
        return gpd.GeoDataFrame(columns=COLUMNS, geometry="geometry", crs="EPSG:4326")
    cities = {city for frame in frames.values() if len(frame) for city in frame["city"] if city}
    shown = outlines[outlines["city"].isin(cities)]
    districts = shown[shown["level"] == "district"]
    if len(cities) == 1 and len(districts):
        return districts.reset_index(drop=True)
    return shown[shown["level"] == "city"].reset_index(drop=True)
