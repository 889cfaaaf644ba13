"""Metro stations and lines of 41 cities from Amap's subway data (GCJ-02), as collected in
``data/cities/<pinyin>.json`` of the pinned ``metro`` source.

Each city gives ``metro/<adcode>_stations.csv`` (a station once, however many lines stop
there, named as news writes it: 湘湖站, also 地铁湘湖站 and 湘湖地铁站) and
``metro/<adcode>_lines.csv`` (each line's stations in order; a line with branches, which the
source lists as two lines of one name, keeps each branch).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

from geo.crs import distance_m
from geo.sources.rows import DataBuildError, Report, check, wgs84, write_csv
from geo.sources.snapshot import Snapshot

STATION_COLUMNS = ["id", "name", "aliases", "city", "lon", "lat", "precision_m", "method",
                   "status", "source", "source_id", "source_datum"]
LINE_COLUMNS = ["id", "name", "aliases", "city", "colour", "status", "branches", "source",
                "source_id"]
# A station's point stands for platforms and exits around it. A claim must hold for 19 in 20
# stations: against the public coordinates of tests/data/articles/tuning/locations.json,
# Amap's points of stations on one line lie a median 23 m off, but 540 m at the 90th and
# 580 m at the 95th percentile (30 stations).
STATION_PRECISION_M = 600
# An interchange's platforms and passages spread further: 25 of them lie a median 55 m off,
# up to 750 m (嘉禾望岗, three lines).
INTERCHANGE_PRECISION_M = 800
# A station named after the railway station it serves (北京站, 火车南站) lies in a hub whose
# halls, squares and platforms span a kilometre; sources place it anywhere in it.
RAIL_HUB_PRECISION_M = 1000
# Stops of one name closer than this are one station; farther apart, two stations of one name
# (a city's file may hold a neighbour's line: 杭州's holds 绍兴1号线 and its 奥体中心).
SAME_STATION_M = 1000


# A numbered line as a line's name or full name begins with it: 1号线, S3号线(宁和线), 8号(环)线,
# 2号线/8号线 (two numbers run through), 4号线大兴线 and 7号线/西丽线 (a number and a name).
NUMBERED = re.compile(r"(?P<number>[A-Z]?\d+)号(?:[(（][^()（）]*[)）])?线")
# The other name of a line after its number: 大兴线, 西丽线, 宁和线.
OTHER_NAME = re.compile(r"[^\d()（）/／A-Z号]+线")
# A branch or a section of a line (6号线支线, 6号线东站段) does not answer to the line's number.
PART_OF_LINE = ("支线", "段")
PREFIXES = ("轨道交通", "地铁")


def station_names(name: str, city_short: str) -> tuple[str, list[str]]:
    """The station's name as news writes it, and its other written forms. A station named
    after a railway station (火车南站) is written 火车南站站, or 火车南站 as the railway's."""
    aliases = [f"地铁{name}站", f"{name}地铁站"] + ([name] if name.endswith("站") else [])
    if "国际机场" in name:  # news drops the 国际: 萧山国际机场站 is 萧山机场站
        aliases.append(f"{name.replace('国际机场', '机场')}站")
    return f"{name}站", aliases + railway_names(name, city_short)


def railway_names(name: str, city_short: str) -> list[str]:
    """The names of the railway station a metro station is named after, as the railway
    writes them: Amap's 火车东站 in 杭州 is 杭州东站, 虹桥火车站 in 上海 is 上海虹桥站 and 虹桥站,
    上海火车站 is 上海站. Names with brackets (唯亭(苏州新区火车站)) are left alone."""
    if "火车" not in name or not name.endswith("站") or re.search(r"[()（）]", name):
        return []
    railway = name.replace("火车", "", 1)
    names = [railway] if len(railway) > 2 else []  # not a bare 东站 or 站
    if not railway.startswith(city_short):
        names.append(f"{city_short}{railway}")
    return names


def line_aliases(name: str, full_name: str, city_short: str) -> list[str]:
    """The names news gives a line: its full name; its number or numbers (4号线 for
    4号线大兴线, 2号线 and 8号线 for 2号线/8号线, S3号线 for S3号线(宁和线), 21号线 for 阳逻线,
    whose full name is 轨道交通21号线(阳逻线)) and its other name (大兴线); each number also
    as 地铁N号线, 轨道交通N号线 and <city>地铁N号线. A neighbour's line (绍兴1号线) keeps its
    city's name before its number, and a branch or section none."""
    aliases = [full_name] if full_name and full_name != name else []
    numbers: list[str] = []
    neighbours = re.search(r"\d", name) and not NUMBERED.match(name)  # 绍兴1号线, 佛山2号线
    for form in filter(None, (name, None if neighbours else full_name)):
        form = form.removeprefix(f"{city_short}地铁")
        form = next((form[len(p):] for p in PREFIXES if form.startswith(p)), form)
        first = NUMBERED.match(form)
        if first is None or any(part in form for part in PART_OF_LINE):
            continue
        rest = form[first.end():]
        numbers += [f"{m.group('number')}号线" for m in (first, *NUMBERED.finditer(rest))]
        aliases += OTHER_NAME.findall(rest)
    if not numbers and name.endswith("号线"):
        numbers = [name]  # 坪山云巴1号线
    for number in dict.fromkeys(numbers):
        aliases += [number, f"地铁{number}", f"轨道交通{number}", f"{city_short}地铁{number}"]
    return sorted(set(aliases) - {name})


def without_clashes(rows: list[dict], city_short: str) -> list[dict]:
    """Each row without the aliases that another row of the city has too, unless the alias
    is this row's own name written with a prefix (地铁3号线 is the line named 3号线, not the
    airport line 3号线(空港线)); an alias another row has as its name is that row's alone."""
    holders: dict[str, list[str]] = {}
    for row in rows:
        for name in {row["name"], *filter(None, row["aliases"].split("|"))}:
            holders.setdefault(name, []).append(row["id"])
    names = Counter(row["name"] for row in rows)
    for row in rows:
        own = names[row["name"]] == 1  # two stations of one name own none of its forms
        kept = [alias for alias in row["aliases"].split("|")
                if alias and alias not in names
                and (len(holders[alias]) == 1 or own and _base(alias, city_short) == row["name"])]
        row["aliases"] = "|".join(kept)
    return rows


def _base(alias: str, city_short: str) -> str:
    """The name an alias writes with news' prefix or suffix: 地铁3号线 and 杭州地铁3号线 are
    3号线, 湘湖地铁站 and 地铁湘湖站 are 湘湖站."""
    for prefix in (f"{city_short}地铁", *PREFIXES):
        if alias.startswith(prefix):
            return alias[len(prefix):]
    return alias.removesuffix("地铁站") + "站" if alias.endswith("地铁站") else alias


def build_city(data: dict, where: str, city: str, report: Report
               ) -> tuple[list[dict], list[dict]]:
    """(station rows, line rows) of one city's file."""
    adcode, city_short = str(data["adcode"]), data["name"]
    stations: dict[str, dict] = {}
    by_name: dict[str, list[tuple[str, float, float]]] = {}  # lines share a station
    renamed: dict[str, str] = {}  # source id -> the id kept for its name
    for number, item in enumerate(data.get("stations", []), start=1):
        here = f"{where}: stations[{number}]"
        name = str(item.get("name") or "").strip()
        if not name or not item.get("id"):
            report.skip(here, "no name or id")
            continue
        try:
            lon, lat = wgs84(item["lng"], item["lat"], "GCJ-02", here)
        except (KeyError, TypeError, ValueError) as error:
            if isinstance(error, DataBuildError):
                raise
            report.skip(here, f"no usable coordinate ({error})")
            continue
        station_id = f"metro-{adcode}-{item['id']}"
        full, aliases = station_names(name, city_short)
        same = next((kept for kept in by_name.get(full, ())
                     if distance_m(lon, lat, *kept[1:]) < SAME_STATION_M), None)
        if same is not None:  # the stop of another line at the same station
            renamed[str(item["id"])] = same[0]
            continue
        by_name.setdefault(full, []).append((station_id, lon, lat))
        renamed[str(item["id"])] = station_id
        stations[station_id] = {
            "id": station_id, "name": full, "aliases": "|".join(aliases), "city": city,
            "lon": f"{lon:.6f}", "lat": f"{lat:.6f}",
            "precision_m": RAIL_HUB_PRECISION_M if name.endswith("站") else STATION_PRECISION_M,
            "method": "cited", "status": "open", "source": "metro",
            "source_id": item["id"], "source_datum": "GCJ-02"}
    lines: dict[str, dict] = {}
    for number, item in enumerate(data.get("lines", []), start=1):
        here = f"{where}: lines[{number}]"
        name = str(item.get("name") or "").strip()
        stops = [renamed[str(s)] for s in item.get("stationIds", []) if str(s) in renamed]
        if not name or len(stops) < 2:
            report.skip(here, "no name, or fewer than two known stations")
            continue
        branch = "|".join(dict.fromkeys(stops))  # a loop line lists its first stop again
        if name in lines:  # a branch of a line listed before
            lines[name]["branches"] += f";{branch}"
            continue
        lines[name] = {
            "id": f"metro-{adcode}-line-{item['id']}", "name": name,
            "aliases": "|".join(line_aliases(name, str(item.get("fullName") or ""),
                                             city_short)),
            "city": city, "colour": str(item.get("color") or ""), "status": "open",
            "branches": branch, "source": "metro", "source_id": item["id"]}
    with_interchanges(stations, lines)
    return (check(without_clashes(list(stations.values()), city_short), "GCJ-02", where),
            check(without_clashes(list(lines.values()), city_short), "GCJ-02", where))


def with_interchanges(stations: dict[str, dict], lines: dict[str, dict]) -> None:
    """A station on two lines or more claims the interchange's wider precision."""
    served: dict[str, int] = {}
    for line in lines.values():
        for station in set(line["branches"].replace(";", "|").split("|")):
            served[station] = served.get(station, 0) + 1
    for station_id, row in stations.items():
        if served.get(station_id, 0) > 1:
            row["precision_m"] = max(row["precision_m"], INTERCHANGE_PRECISION_M)


def slugs(snapshot: Snapshot, folder: str) -> dict[str, str]:
    """Each metro city's pinyin (chengdu) by its code (5101), from the source's city list."""
    index = f"{folder.rsplit('/', 1)[0]}/cities.json"
    raw = snapshot.read([index]).get(index)
    return {str(city["adcode"]): str(city["pinyin"]) for city in json.loads(raw or "[]")
            if city.get("adcode") and city.get("pinyin")}


def build(snapshot: Snapshot, folder: str, out: Path, city_names: dict[str, str],
          report: Report) -> dict[str, tuple[int, int]]:
    """Write every city's station and line files; (stations, lines) per city written."""
    paths = [f"{folder}/{name}" for name in snapshot.names(folder) if name.endswith(".json")]
    written: dict[str, tuple[int, int]] = {}
    for path, raw in sorted(snapshot.read(paths).items()):
        where = f"{snapshot}:{path}"
        try:
            data = json.loads(raw)
        except json.JSONDecodeError as error:
            report.skip(f"{where}:{error.lineno}", f"not JSON ({error.msg})")
            continue
        adcode = str(data.get("adcode") or "")
        city = city_names.get(adcode)
        if city is None:
            report.skip(where, f"city {data.get('name')!r} (adcode {adcode!r}) is not a "
                               "division the divisions source knows")
            continue
        stations, lines = build_city(data, where, city, report)
        write_csv(out / "metro" / f"{adcode}_stations.csv", STATION_COLUMNS, stations)
        write_csv(out / "metro" / f"{adcode}_lines.csv", LINE_COLUMNS, lines)
        written[city] = (len(stations), len(lines))
    return written
