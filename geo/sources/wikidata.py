"""Named places from Wikidata (CC0): each item's label, coordinate (WGS-84) and QID, from a
pinned extract of items with coordinates in one city.

An item becomes a gazetteer entry without a layer of its own: the article's words decide
whether 上海啤酒厂 is a renewal site or context (``geo.extract.classify``); the entry gives its
location and its canonical source, the item (https://www.wikidata.org/wiki/Q…). Stations,
streets and towns are left to the metro and divisions sources.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from geo.crs import distance_m
from geo.sources.rows import CJK, DataBuildError, Report, check, wgs84, write_csv
from geo.sources.snapshot import Snapshot

COLUMNS = ["id", "name", "aliases", "kind", "city", "lon", "lat", "precision_m", "source",
           "source_id"]
# A point stands for a whole park or site, whose extent the item does not give.
PRECISION_M = {"park": 1000, "site": 500}
# Items these describe (in English) or end their label (in Chinese) are left to the divisions
# and metro sources: a park "in Huangpu District" is not a district.
LEFT_BY_DESCRIPTION = ("subdistrict", "town in", "district of", "district in", "station",
                       "street in", "road in")
LEFT_BY_LABEL = ("街道", "镇", "区", "站", "路", "街")
PARK_WORDS = ("park", "garden", "公园", "公園", "花园", "绿地", "green space")


def names(label: str, city: str) -> tuple[str, list[str]]:
    """The label, and the label without its city's name before it (上海人民公园: 人民公园;
    not 上海美术馆: 美术馆, three characters are a kind of place) or with it (滨江森林公园:
    上海滨江森林公园)."""
    short = city[:-1] if city.endswith("市") else city
    aliases = [label[len(prefix):] for prefix in (city, short)
               if label.startswith(prefix) and len(label) - len(prefix) >= 4]
    if not label.startswith(short):
        aliases.append(f"{short}{label}")
    return label, aliases[:1]


def build(snapshot: Snapshot, path: str, city: str, city_code: str, out: Path,
          report: Report, exclude: tuple[str, ...] = (),
          within: tuple[float, float, float] | None = None) -> int:
    """Write ``places/<city code>.csv``; the number of places written. ``exclude``: items
    checked by hand and left out (a coordinate outside China stops the build); ``within``:
    the city's centre and reach (lon, lat, metres), outside which an item is skipped (the
    city's farm in another province, the Yangtze)."""
    raw = snapshot.read([path]).get(path)
    if raw is None:
        raise DataBuildError(f"{snapshot}: no {path}")
    rows: dict[str, dict] = {}
    for number, feature in enumerate(json.loads(raw)["features"], start=1):
        where = f"{snapshot}:{path}: features[{number}]"
        properties = feature.get("properties") or {}
        qid = str(properties.get("item", "")).rsplit("/", 1)[-1]
        label = str(properties.get("itemLabel") or "").strip()
        description = str(properties.get("itemDescription") or "")
        if not re.fullmatch(r"Q\d+", qid) or not CJK.search(label):
            report.skip(where, "no item, or a label without Chinese")
            continue
        if f"wikidata-{qid}" in rows or qid in exclude:
            continue  # the query repeats an item for each of its images
        if label.endswith(LEFT_BY_LABEL) or any(
                description.lower().startswith(word) for word in LEFT_BY_DESCRIPTION):
            continue
        try:
            lon, lat = wgs84(*feature["geometry"]["coordinates"][:2], "WGS-84", where)
        except (KeyError, TypeError, ValueError) as error:
            if isinstance(error, DataBuildError):
                raise
            report.skip(where, f"no usable point ({error})")
            continue
        if within and distance_m(lon, lat, within[0], within[1]) > within[2]:
            report.skip(where, f"{label} ({qid}) lies outside {city}")
            continue
        kind = "park" if any(word in description.lower() or word in label
                             for word in PARK_WORDS) else "site"
        name, aliases = names(label, city)
        rows[f"wikidata-{qid}"] = {
            "id": f"wikidata-{qid}", "name": name, "aliases": "|".join(aliases), "kind": kind,
            "city": city, "lon": f"{lon:.6f}", "lat": f"{lat:.6f}",
            "precision_m": PRECISION_M[kind], "source": "wikidata", "source_id": qid}
    write_csv(out / "places" / f"{city_code}.csv", COLUMNS,
              check(list(rows.values()), "WGS-84", path))
    return len(rows)
