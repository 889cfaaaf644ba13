"""China's administrative divisions from the pinned ``adcode`` source: every province, city
and county (district) with its centre and area, and every town and street (乡镇, 街道) with
its centre, all GCJ-02 in the source and WGS-84 here.

A division's precision is the radius of a circle of its area: the county's area comes from
its outline (``data/fences/<adcode>.json``); a town has no outline, so its precision is that
of an equal share of its county's area. The codes are those of 2016: districts created since
(杭州 2021: 临平区, 钱塘区) are not here, and their towns stand under the district they were in.
"""

from __future__ import annotations

import csv
import io
import json
import math
from collections.abc import Callable
from pathlib import Path

import numpy as np
from pyproj import Geod
from shapely import STRtree
from shapely.geometry import Point, shape

from geo.crs import wgs84_to_gcj02
from geo.sources.rows import DataBuildError, Report, check, wgs84, write_csv
from geo.sources.snapshot import Snapshot

TOWN_COLUMNS = ["id", "name", "aliases", "level", "province", "city", "district", "lon",
                "lat", "precision_m", "source", "source_id"]
COLUMNS = [*TOWN_COLUMNS, "city_code"]
MUNICIPALITIES = {"11", "12", "31", "50"}  # Beijing, Tianjin, Shanghai, Chongqing
FIELDS = ["code", "parent", "name", "level", "rank", "adcode", "post_code", "area_code",
          "ur_code", "municipality", "virtual", "dummy", "longitude", "latitude", "center",
          "province", "city", "county", "town", "village"]
GEOD = Geod(ellps="WGS84")
DIRECT = ("省直辖县级行政区划", "自治区直辖县级行政区划")  # counties under no city


def city_code(code: str) -> str:
    """The four-digit code a city's files go by: a municipality's is its province's (3100)."""
    return f"{code[:2]}00" if code[:2] in MUNICIPALITIES else code[:4]


def city_of(row: dict) -> str | None:
    """The city a division is in (itself, for a city): a municipality's is the municipality,
    a county-level city under its province is its own."""
    if row["code"][:2] in MUNICIPALITIES:
        return row["province"]
    if row["level"] == "province":
        return None
    if row["level"] == "city":
        return row["name"]
    if row["city"] in DIRECT:
        return row["county"] or None
    return row["city"] or None


def share_of_city(code: str, area: dict[str, float], counties: list[dict]) -> float | None:
    """An equal share of the city's area among its counties, for a county with no outline."""
    prefix = code[:2] if code[:2] in MUNICIPALITIES else code[:4]
    siblings = [row["code"] for row in counties if row["code"].startswith(prefix)]
    total = sum(area.get(sibling, 0.0) for sibling in siblings)
    return total / len(siblings) if total else None


def level_of(row: dict, name: str) -> str:
    """province, city, district, subdistrict (街道) or town; a municipality is a city."""
    if row["level"] == "province" and row["code"][:2] in MUNICIPALITIES:
        return "city"
    return {"county": "district", "town": "subdistrict" if "街道" in name else "town"}.get(
        row["level"], row["level"])


def area_km2(outline: bytes) -> float:
    geometry = shape(json.loads(outline))
    area, _ = GEOD.geometry_area_perimeter(geometry)
    return abs(area) / 1e6


def vertices(outline: bytes) -> np.ndarray:
    """Every vertex of an outline's rings, as an array of (lon, lat)."""
    geometry = shape(json.loads(outline))
    polygons = getattr(geometry, "geoms", [geometry])
    return np.concatenate([np.asarray(ring.coords) for polygon in polygons
                           for ring in (polygon.exterior, *polygon.interiors)])


def reach_m(points: list[np.ndarray], lon: float, lat: float) -> int:
    """The distance from a centre to the farthest vertex of its outlines: every point of the
    division lies within it, however irregular its shape (both in the source's datum)."""
    coords = np.concatenate(points)
    lon1, lat1 = np.radians(lon), np.radians(lat)
    lon2, lat2 = np.radians(coords[:, 0]), np.radians(coords[:, 1])
    h = (np.sin((lat2 - lat1) / 2) ** 2
         + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2)
    return math.ceil(float(np.max(2 * 6371008.8 * np.arcsin(np.sqrt(h)))))


def radius_m(area_km2_value: float) -> int:
    """The radius of a circle of that area, to the metre above."""
    return math.ceil(math.sqrt(area_km2_value * 1e6 / math.pi))


def town_name(name: str) -> tuple[str, list[str]]:
    """东华门街道办事处 is written 东华门街道; the registry's form stays as an alias."""
    for ending in ("办事处", "人民政府"):
        if name.endswith(ending) and len(name) > len(ending) + 2:
            return name[:-len(ending)], [name]
    return name, []


def read_rows(raw: bytes, where: str, report: Report) -> list[dict]:
    rows = []
    for number, values in enumerate(csv.reader(io.StringIO(raw.decode("utf-8"))), start=1):
        if len(values) != len(FIELDS):
            report.skip(f"{where}:{number}", f"{len(values)} fields, not {len(FIELDS)}")
            continue
        rows.append({"line": number, **dict(zip(FIELDS, values, strict=True))})
    return rows


def division_rows(snapshot: Snapshot, folder: str, report: Report) -> list[dict]:
    """Every row of the source's division files, in file order; short rows reported."""
    names = [name for name in snapshot.names(folder) if name.endswith(".csv")]
    files = snapshot.read([f"{folder}/{name}" for name in names])
    return [row for path, raw in sorted(files.items())
            for row in read_rows(raw, f"{snapshot}:{path}", report)]


def build(snapshot: Snapshot, folder: str, outlines: str, out: Path, report: Report,
          slugs: dict[str, str] | None = None) -> dict[str, str]:
    """Write ``divisions.csv`` and ``towns/<city code>.csv``; the city names by their code.
    ``slugs`` (pinyin by city code: 5101 chengdu) become cities' ids, and so the names of
    their maps."""
    rows = [dict(row, where=f"{snapshot}:{folder}/{row['adcode'] or '?'}.csv:{row['line']}")
            for row in division_rows(snapshot, folder, report)]
    counties = [row for row in rows if row["level"] == "county"]
    # a city with no counties (东莞, 中山) has an outline of its own
    outlined = counties + [row for row in rows if row["level"] in ("city", "province")]
    fences = snapshot.read([f"{outlines}/{row['adcode']}.json" for row in outlined])
    area, shapes = {}, {}
    for row in outlined:
        outline = fences.get(f"{outlines}/{row['adcode']}.json")
        if outline is None:
            if row["level"] == "county":
                report.skip(row["where"], f"{row['name']}: no outline, so no area")
            continue
        shapes[row["code"]] = vertices(outline)
        if row["level"] == "county":
            area[row["code"]] = area_km2(outline)
    towns_in = {}
    for row in rows:
        if row["level"] == "town":
            towns_in[row["parent"]] = towns_in.get(row["parent"], 0) + 1

    divisions, towns, city_names = [], {}, {}
    for row in rows:
        level, code = row["level"], row["code"]
        if level not in ("province", "city", "county", "town") or row["dummy"] == "t":
            continue
        if row["virtual"] == "t":
            continue  # 市辖区, 县, 省直辖县级行政区划: no place of their own
        city = city_of(row)
        if city and (level == "city" or (level == "province" and code[:2] in MUNICIPALITIES)):
            city_names[city_code(code)] = city
        lon = lat = None  # a town without a centre still names its district and city
        if row["longitude"] or row["latitude"] or level != "town":
            try:
                lon, lat = wgs84(row["longitude"], row["latitude"], "GCJ-02", row["where"])
            except ValueError as error:
                if isinstance(error, DataBuildError):
                    raise
                report.skip(row["where"], f"{row['name']}: no usable centre")
                continue
        gcj = (float(row["longitude"]), float(row["latitude"])) if lon is not None else None
        if level == "county":  # its outline's reach; without one, twice an equal share's
            km2 = share_of_city(code, area, counties)
            precision = (reach_m([shapes[code]], *gcj) if code in shapes and gcj
                         else 2 * radius_m(km2) if km2 else None)
            name, aliases = row["name"], []
        elif level == "town":  # no outline: twice the radius of an equal share of its county
            km2 = area.get(row["parent"]) or share_of_city(row["parent"], area, counties)
            shares = towns_in.get(row["parent"], 1)
            precision = 2 * radius_m(km2 / shares) if km2 else None
            name, aliases = town_name(row["name"])
        else:  # a province or city: the reach of its counties' outlines, or of its own
            prefix = code[:2] if level == "province" or code[:2] in MUNICIPALITIES else code[:4]
            parts = [points for county, points in shapes.items()
                     if county.startswith(prefix) and county in area] or (
                [shapes[code]] if code in shapes else [])
            precision = reach_m(parts, *gcj) if parts and gcj else None
            name, aliases = row["name"], []
        slug = (slugs or {}).get(city_code(code)) if level_of(row, name) == "city" else None
        out_row = {
            "id": slug or f"cn-{code}", "name": name, "aliases": "|".join(aliases),
            "level": level_of(row, name),
            "province": row["province"], "city": city or "",
            "district": row["county"] if level in ("county", "town") else "",
            "lon": f"{lon:.6f}" if lon is not None else "",
            "lat": f"{lat:.6f}" if lat is not None else "",
            "precision_m": precision if precision is not None and lon is not None else "",
            "source": "adcode", "source_id": code,
            # a city's: the code its towns, metro and places files go by
            "city_code": city_code(code) if level_of(row, name) == "city" else ""}
        if level == "town":
            towns.setdefault(city_code(code[:6]), []).append(out_row)
        else:
            divisions.append(out_row)
    write_csv(out / "divisions.csv", COLUMNS, check(divisions, "GCJ-02", "divisions"))
    for code, town_rows in towns.items():
        write_csv(out / "towns" / f"{code}.csv", TOWN_COLUMNS,
                  check(town_rows, "GCJ-02", f"towns of {code}"))
    return city_names


def reach_of(divisions_csv: Path, city: str) -> tuple[float, float, float] | None:
    """A city's centre and reach (lon, lat, metres; WGS-84) from a built ``divisions.csv``."""
    with divisions_csv.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["level"] == "city" and row["name"] == city and row["precision_m"]:
                return float(row["lon"]), float(row["lat"]), float(row["precision_m"])
    return None


def locator(snapshot: Snapshot, folder: str, outlines: str
            ) -> Callable[[float, float], tuple[str, str] | None]:
    """A function from a WGS-84 point to (city, city code) of the county whose outline holds
    it (or of a city without counties: 东莞, 中山), None outside every outline."""
    rows = [row for row in division_rows(snapshot, folder, Report())
            if row["virtual"] != "t" and row["dummy"] != "t"
            and (row["level"] == "county" or row["level"] == "city")]
    fences = snapshot.read([f"{outlines}/{row['adcode']}.json" for row in rows])
    shapes, places = [], []
    for row in sorted(rows, key=lambda row: row["level"] != "county"):  # counties first
        outline = fences.get(f"{outlines}/{row['adcode']}.json")
        city = city_of(row)
        if outline is None or city is None:
            continue
        shapes.append(shape(json.loads(outline)))
        places.append((city, city_code(row["code"])))
    tree = STRtree(shapes)

    def locate(lon: float, lat: float) -> tuple[str, str] | None:
        point = Point(*wgs84_to_gcj02(lon, lat))  # the outlines are GCJ-02
        hits = sorted(int(i) for i in tree.query(point, predicate="intersects"))
        return places[hits[0]] if hits else None

    return locate
