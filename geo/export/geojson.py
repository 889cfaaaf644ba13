"""GeoJSON as RFC 7946 asks: WGS-84 lon/lat, no crs member, polygons by the right-hand rule."""

from __future__ import annotations

import json
import math
from pathlib import Path

import geopandas as gpd
from shapely.geometry import MultiPolygon, mapping
from shapely.geometry.polygon import orient

from geo.layers import COLUMNS

PRECISION = 6  # decimal places: about 0.1 m, finer than any source


def plain_value(value):
    """A JSON-ready value: NaN as None, numpy scalars as Python ones, lists item by item."""
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, list | tuple):
        return [plain_value(v) for v in value]
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return value


def _round(coords):
    if isinstance(coords, float | int):
        return round(float(coords), PRECISION)
    return [_round(c) for c in coords]


def right_hand(geometry):
    """Polygons as RFC 7946 wants them: exterior rings anticlockwise, holes clockwise."""
    if geometry.geom_type == "Polygon":
        return orient(geometry, 1.0)
    if geometry.geom_type == "MultiPolygon":
        return MultiPolygon([orient(part, 1.0) for part in geometry.geoms])
    return geometry


def feature_collection(frame: gpd.GeoDataFrame) -> dict:
    """An RFC 7946 FeatureCollection: WGS-84 lon/lat, no crs member, 6 decimals, polygons by
    the right-hand rule."""
    features = []
    for row in frame.to_dict("records"):
        geometry = mapping(right_hand(row["geometry"]))
        features.append({
            "type": "Feature",
            "id": row["id"],
            "geometry": {"type": geometry["type"], "coordinates": _round(geometry["coordinates"])},
            "properties": {column: plain_value(row[column]) for column in COLUMNS},
        })
    return {"type": "FeatureCollection", "features": features}


def write_geojson(frame: gpd.GeoDataFrame, path: Path) -> Path:
    text = json.dumps(feature_collection(frame), ensure_ascii=False, indent=1)
    path.write_text(text + "\n", encoding="utf-8")
    return path
