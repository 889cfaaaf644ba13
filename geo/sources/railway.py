"""Railway stations from OpenStreetMap (ODbL), as exported with their names and points
(WGS-84) in the pinned ``railway`` source's shapefile.

A passenger station (``station=train``) becomes ``railway/<city code>.csv``: named as news
writes it (OSM's 杭州东 is 杭州东站, also 杭州东火车站), in the city whose county outline holds
its point. A station the city's metro file already names (北京南站, 杭州东站 as the metro's
火车东站) is left to the metro, whose lines run through it; how far the two sources place it
apart is the cross-check the build prints. The export carries no OSM ids: a row cites the
export's record number.
"""

from __future__ import annotations

import csv
import statistics
import tempfile
from collections.abc import Callable
from pathlib import Path

import pyogrio

from geo.crs import distance_m
from geo.sources.metro import RAIL_HUB_PRECISION_M, STATION_COLUMNS
from geo.sources.rows import CJK, Report, check, wgs84, write_csv
from geo.sources.snapshot import Snapshot

# Points of one name this close are one station (OSM maps some stations twice: building and
# platforms); farther apart in one city, the name is two stations and means neither for sure.
SAME_STATION_M = 2000

# (lon, lat) in WGS-84 -> (city, city code) of the county whose outline holds it, or None.
Locate = Callable[[float, float], "tuple[str, str] | None"]


def read_points(raw: bytes, member: str) -> list[tuple[int, str, str, float | None, float | None]]:
    """(record number, name, station, lon, lat) of each record of the zipped shapefile."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "source.zip"
        path.write_bytes(raw)
        frame = pyogrio.read_dataframe(f"/vsizip/{path}/{member}")
    return [(number, str(name or "").strip(), str(station or ""),
             None if point is None or point.is_empty else point.x,
             None if point is None or point.is_empty else point.y)
            for number, (name, station, point) in enumerate(
                zip(frame["name"], frame["station"], frame.geometry, strict=True), start=1)]


def metro_names(out: Path, code: str) -> dict[str, tuple[float, float]]:
    """Every name and alias of the city's metro stations, with the station's point."""
    path = out / "metro" / f"{code}_stations.csv"
    if not path.is_file():
        return {}
    with path.open(encoding="utf-8", newline="") as handle:
        return {name: (float(row["lon"]), float(row["lat"]))
                for row in csv.DictReader(handle)
                for name in (row["name"], *filter(None, row["aliases"].split("|")))}


def build(snapshot: Snapshot, path: str, member: str, out: Path, locate: Locate,
          report: Report) -> tuple[dict[str, int], list[float]]:
    """Write ``railway/<city code>.csv`` for every city with a station the metro lacks; the
    stations written per city, and the offsets (m) from the metro's point of the stations
    both sources have."""
    where = f"{snapshot}:{path}"
    raw = snapshot.read([path]).get(path)
    if raw is None:
        report.skip(where, "not in the snapshot")
        return {}, []
    found: dict[tuple[str, str], list[dict]] = {}  # (city code, name) -> rows
    cities: dict[str, str] = {}
    outside = 0
    for number, name, station, lon, lat in read_points(raw, member):
        here = f"{where}:{member}: record {number}"
        if station != "train" or not CJK.search(name) or name.endswith("站"):
            continue  # a metro or tram stop, an unnamed station, or one named in Latin only
        if lon is None or lat is None:
            report.skip(here, f"{name}: no point")
            continue
        lon, lat = wgs84(lon, lat, "WGS-84", here)
        place = locate(lon, lat)
        if place is None:  # beyond the divisions' outlines: Hong Kong, Macau, Taiwan
            outside += 1
            continue
        city, code = place
        cities[code] = city
        found.setdefault((code, name), []).append({
            "id": f"railway-{code}-{name}", "name": f"{name}站", "aliases": f"{name}火车站",
            "city": city, "lon": f"{lon:.6f}", "lat": f"{lat:.6f}",
            "precision_m": RAIL_HUB_PRECISION_M, "method": "cited", "status": "open",
            "source": "railway", "source_id": str(number), "source_datum": "WGS-84"})
    if outside:
        report.skip(where, f"{outside} stations outside every county outline")
    rows: dict[str, list[dict]] = {}
    offsets: list[float] = []
    metro: dict[str, dict[str, tuple[float, float]]] = {}
    for (code, name), points in sorted(found.items()):
        first = points[0]
        if any(distance_m(*_point(first), *_point(p)) > SAME_STATION_M for p in points[1:]):
            report.skip(where, f"{name}: {len(points)} stations of this name in {cities[code]}, "
                               "far apart")
            continue
        known = metro.setdefault(code, metro_names(out, code)).get(first["name"])
        if known is not None:
            offset = distance_m(*_point(first), *known)
            if offset <= SAME_STATION_M:
                offsets.append(offset)
            else:
                report.skip(where, f"{name}: {cities[code]}'s metro has a station of this "
                                   f"name {offset / 1000:.0f} km away")
            continue
        rows.setdefault(code, []).append(first)
    for code, city_rows in rows.items():
        write_csv(out / "railway" / f"{code}.csv", STATION_COLUMNS,
                  check(city_rows, "WGS-84", f"railway stations of {code}"))
    return {cities[code]: len(city_rows) for code, city_rows in rows.items()}, offsets


def _point(row: dict) -> tuple[float, float]:
    return float(row["lon"]), float(row["lat"])


def median_offset(offsets: list[float]) -> str:
    if not offsets:
        return "no station in both sources"
    return (f"{len(offsets)} stations in both, the metro's point a median "
            f"{statistics.median(offsets):.0f} m from OSM's")
