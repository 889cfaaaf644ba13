"""Outlines of every city and county (district) from the pinned ``adcode`` source, for context:
maps and report images draw them faintly under the places, so a map reads without tiles.

Each outline (``data/fences/<adcode>.json``, GCJ-02) is simplified to 1% of its own extent
(about 100 m for a district of Shanghai, 1 km for a county of Xinjiang), moved to WGS-84
vertex by vertex, and rounded to 4 decimals (about 10 m). A city's file
``outlines/<city code>.geojson.gz`` holds its own outline and its counties'; each feature
names its division (``id`` as in ``divisions.csv``, ``name``, ``level``). Outlines are
simplified one by one, so neighbours' shared borders may part by up to that tolerance: they
are context, never used to place anything.
"""

from __future__ import annotations

import gzip
import json
import math
from pathlib import Path

import numpy as np
import shapely
from shapely.geometry import shape

from geo.crs import gcj02_to_wgs84, outside_china
from geo.sources.divisions import city_code, city_of, division_rows, level_of
from geo.sources.rows import DataBuildError, Report
from geo.sources.snapshot import Snapshot

SHARE = 0.01  # of an outline's extent: its simplification tolerance
TOLERANCE_DEG = (0.0003, 0.01)  # at least about 30 m, at most about 1 km
GRID_DEG = 1e-4  # the vertices' rounding, about 10 m


def simplified(outline: bytes, where: str) -> shapely.Geometry:
    """The outline simplified (in its own datum) and moved to WGS-84."""
    geometry = shape(json.loads(outline))
    minx, miny, maxx, maxy = geometry.bounds
    if outside_china(minx, miny) or outside_china(maxx, maxy):
        raise DataBuildError(f"{where}: an outline reaching outside China")
    extent = math.sqrt((maxx - minx) * (maxy - miny))
    tolerance = min(TOLERANCE_DEG[1], max(TOLERANCE_DEG[0], SHARE * extent))
    geometry = geometry.simplify(tolerance, preserve_topology=True)
    geometry = shapely.transform(geometry, lambda coords: np.array(
        [gcj02_to_wgs84(x, y) for x, y in coords]))
    return shapely.set_precision(geometry, GRID_DEG)


def build(snapshot: Snapshot, folder: str, outlines: str, out: Path, report: Report) -> int:
    """Write ``outlines/<city code>.geojson.gz`` for every city; the number of outlines."""
    rows = [row for row in division_rows(snapshot, folder, report)
            if level_of(row, row["name"]) in ("city", "district") and row["virtual"] != "t"
            and row["dummy"] != "t" and row["adcode"]]
    fences = snapshot.read([f"{outlines}/{row['adcode']}.json" for row in rows])
    by_city: dict[str, list[dict]] = {}
    for row in rows:
        path = f"{outlines}/{row['adcode']}.json"
        if path not in fences:
            report.skip(f"{snapshot}:{path}", f"{row['name']}: no outline")
            continue
        if city_of(row) is None:
            continue
        geometry = simplified(fences[path], f"{snapshot}:{path}")
        if geometry.is_empty:
            report.skip(f"{snapshot}:{path}", f"{row['name']}: nothing left once simplified")
            continue
        by_city.setdefault(city_code(row["code"]), []).append({
            "type": "Feature",
            "properties": {"id": f"cn-{row['code']}", "name": row["name"],
                           "level": level_of(row, row["name"])},
            "geometry": json.loads(shapely.to_geojson(geometry)),
        })
    folder_out = out / "outlines"
    folder_out.mkdir(parents=True, exist_ok=True)
    for code, features in by_city.items():
        features.sort(key=lambda feature: feature["properties"]["id"])
        write_gzip(folder_out / f"{code}.geojson.gz",
                   {"type": "FeatureCollection", "features": features})
    return sum(len(features) for features in by_city.values())


def write_gzip(path: Path, value: dict) -> None:
    """Compact JSON, gzipped with no time stamp (the same bytes on every build); written
    whole or not at all."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    scratch = path.with_name(f".{path.name}.tmp")
    scratch.write_bytes(gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0))
    scratch.replace(path)
