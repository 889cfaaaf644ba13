"""Write the layers for GIS users: GeoJSON (RFC 7946), one GeoPackage, and a CSV of mentions.

Everything is written into a staging folder first and moved into place file by file with
``os.replace``, so a build that fails or is interrupted never leaves a half-written output.
"""

from __future__ import annotations

import contextlib
import csv
import json
import math
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import geopandas as gpd
import shapely
from shapely.geometry import MultiPolygon, mapping
from shapely.geometry.polygon import orient

from geo.layers import COLUMNS, LAYER_COLOURS
from geo.qgis import write_styles
from geo.records import Mention

LAYER_FILES = {"park": "parks", "transit": "transit", "renewal": "renewal"}
PRECISION = 6  # decimal places: about 0.1 m, finer than any source
# GDAL stamps GeoPackages with the current time; a fixed stamp keeps builds byte-identical.
FIXED_TIMESTAMP = "2000-01-01T00:00:00Z"


def _clean(value):
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, list | tuple):
        return [_clean(v) for v in value]
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


def geojson(frame: gpd.GeoDataFrame) -> dict:
    """An RFC 7946 FeatureCollection: WGS-84 lon/lat, no crs member, 6 decimals, polygons by
    the right-hand rule."""
    features = []
    for row in frame.to_dict("records"):
        geometry = mapping(right_hand(row["geometry"]))
        features.append({
            "type": "Feature",
            "id": row["id"],
            "geometry": {"type": geometry["type"], "coordinates": _round(geometry["coordinates"])},
            "properties": {column: _clean(row[column]) for column in COLUMNS},
        })
    return {"type": "FeatureCollection", "features": features}


def write_geojson(frame: gpd.GeoDataFrame, path: Path) -> Path:
    text = json.dumps(geojson(frame), ensure_ascii=False, indent=1)
    path.write_text(text + "\n", encoding="utf-8")
    return path


def write_gpkg(frames: dict[str, gpd.GeoDataFrame], path: Path) -> Path:
    """All layers in one GeoPackage, each with its default QGIS style; lists become
    newline-separated text, which QGIS shows."""
    styles = {}
    with _gdal_config(OGR_CURRENT_DATE=FIXED_TIMESTAMP):
        for layer, frame in frames.items():
            flat = frame[[*COLUMNS, "geometry"]].copy()
            for column in ("documents", "sentences"):
                flat[column] = flat[column].map("\n".join)
            for table, part, symbol in gpkg_tables(LAYER_FILES[layer], flat,
                                                   "line" if layer == "transit" else "marker"):
                geometry_types = set(part.geom_type)
                part.to_file(
                    path,
                    layer=table,
                    driver="GPKG",
                    engine="pyogrio",
                    geometry_type=geometry_types.pop() if len(geometry_types) == 1 else "Unknown",
                )
                styles[table] = (LAYER_COLOURS[layer], symbol)
    write_styles(path, styles)
    return path


def gpkg_tables(name: str, frame: gpd.GeoDataFrame, symbol: str
                ) -> list[tuple[str, gpd.GeoDataFrame, str]]:
    """(table, rows, QGIS symbol type) for a layer: a QGIS layer has one geometry type, so
    a layer of lines and points (transit: lines, and stations or lines only placed at a
    point) becomes ``<name>_lines`` and ``<name>_points``. ``symbol`` styles an empty layer.
    The pipeline makes points and lines only."""
    lines = frame.geom_type.str.contains("LineString").to_numpy()
    parts = [(f"{name}_lines", frame[lines], "line"), (f"{name}_points", frame[~lines], "marker")]
    present = [part for part in parts if len(part[1])]
    if len(present) == 2:
        return present
    if present:
        return [(name, frame, present[0][2])]
    return [(name, frame, symbol)]


@contextlib.contextmanager
def _gdal_config(**options: str) -> Iterator[None]:
    from pyogrio import get_gdal_config_option, set_gdal_config_options

    previous = {key: get_gdal_config_option(key) for key in options}
    set_gdal_config_options(options)
    try:
        yield
    finally:
        set_gdal_config_options(previous)


MENTION_COLUMNS = ["place_id", "document", "name", "layer", "status", "start", "end", "sentence"]


def write_mentions_csv(mentions: list[Mention], path: Path) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(MENTION_COLUMNS)
        for m in mentions:
            writer.writerow([m.place_id or "", m.document, m.name, m.layer or "", m.status,
                             m.start, m.end, m.sentence])
    return path


def write_places_csv(frames: dict[str, gpd.GeoDataFrame], path: Path) -> Path:
    """Every feature of every layer, its geometry as WKT (6 decimals), lists one per line."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow([*COLUMNS, "wkt"])
        for frame in frames.values():
            for row in frame.to_dict("records"):
                cells = [_clean(row[column]) for column in COLUMNS]
                cells = ["\n".join(c) if isinstance(c, list) else "" if c is None else c
                         for c in cells]
                geometry = row["geometry"]
                writer.writerow([*cells, shapely.to_wkt(geometry, rounding_precision=PRECISION)
                                 if geometry is not None else ""])
    return path


def write_layers(
    frames: dict[str, gpd.GeoDataFrame], mentions: list[Mention], folder: Path
) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = [write_geojson(frame, folder / f"{LAYER_FILES[layer]}.geojson")
               for layer, frame in frames.items()]
    written.append(write_gpkg(frames, folder / "atlas.gpkg"))
    written.append(write_places_csv(frames, folder / "places.csv"))
    written.append(write_mentions_csv(mentions, folder / "mentions.csv"))
    return written


@contextlib.contextmanager
def staged(*finals: Path) -> Iterator[list[Path]]:
    """Scratch folders beside each final folder; only when the block succeeds do their files
    replace those in the final folders, so a failed build publishes nothing."""
    stages: list[Path] = []
    try:
        for final in finals:
            final.parent.mkdir(parents=True, exist_ok=True)
            stage = tempfile.mkdtemp(prefix=f".{final.name}.staging-", dir=final.parent)
            stages.append(Path(stage))
        yield stages
        for stage, final in zip(stages, finals, strict=True):
            for path in sorted(stage.rglob("*")):
                if path.is_file():
                    target = final / path.relative_to(stage)
                    target.parent.mkdir(parents=True, exist_ok=True)
                    os.replace(path, target)
    finally:
        for stage in stages:
            shutil.rmtree(stage, ignore_errors=True)
