"""One GeoPackage holding every layer, each table with its default QGIS style."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio

from geo import layerspec
from geo.export.qgis import write_styles
from geo.layers import COLUMNS

# GDAL stamps GeoPackages with the current time; a fixed stamp keeps builds byte-identical.
FIXED_TIMESTAMP = "2000-01-01T00:00:00Z"
# GeoPackage 1.2, which every GDAL since 2.2 reads in full: newer GDALs write 1.4 by default,
# which the GDAL of QGIS 3.22 (Debian 12) opens with a "partially supported" warning.
VERSION = "1.2"


def write_gpkg(frames: dict[str, gpd.GeoDataFrame], path: Path,
               tables: dict[str, pd.DataFrame] | None = None) -> Path:
    """All layers in one GeoPackage, each with its default QGIS style, and the attribute
    ``tables`` (articles, facts); lists become newline-separated text, which QGIS shows."""
    styles = {}
    with _gdal_config(OGR_CURRENT_DATE=FIXED_TIMESTAMP):
        for layer, frame in frames.items():
            flat = frame[[*COLUMNS, "geometry"]].copy()
            for column in ("documents", "sentences"):
                flat[column] = flat[column].map("\n".join)
            spec = layerspec.spec(layer)
            for table, part, symbol in gpkg_tables(spec.table, flat, spec.symbol):
                geometry_types = set(part.geom_type)
                part.to_file(
                    path,
                    layer=table,
                    driver="GPKG",
                    engine="pyogrio",
                    dataset_options={"VERSION": VERSION},
                    geometry_type=geometry_types.pop() if len(geometry_types) == 1 else "Unknown",
                )
                styles[table] = (spec.colour, symbol)
        for name, table in (tables or {}).items():
            pyogrio.write_dataframe(table, path, layer=name, driver="GPKG",
                                    dataset_options={"VERSION": VERSION})
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
