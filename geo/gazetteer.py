"""The embedded gazetteer: named places with sourced coordinates, read from ``geo/data/gazetteer``.

Coordinates are stored exactly as their source prints them, with the source's datum; they are
converted to WGS-84 here, on the way in, so every later stage sees WGS-84 only.

- ``places.csv``: parks, renewal sites and other named places;
- ``stations.csv``: metro stations;
- ``lines.toml``: metro lines as ordered station ids, with colour, status and sources;
- ``admin.csv``: cities, districts, subdistricts and towns, the fallback for unsourced places.

Beside these hand-curated files, the bulk files that ``make gazetteer`` builds from pinned
public sources (``geo.sources``; ``sources.toml`` names them): ``divisions.csv``, every
province, city and district, read at once; and per city, read when an article is first about
that city, ``towns/<code>.csv`` (towns and streets) and ``metro/<code>_stations.csv``,
``metro/<code>_lines.csv``, ``railway/<code>.csv`` (railway stations) and ``places/<code>.csv``
(named places). A hand-curated entry wins over a bulk one of the same name in the
same city.
"""

from __future__ import annotations

import contextlib
import csv
import tomllib
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from geo import data, layerspec
from geo.crs import to_wgs84
from geo.textmatch import line_name


@dataclass(frozen=True)
class Entry:
    """One gazetteer entry. ``lon``/``lat`` are WGS-84, or None when no source gives them."""

    id: str
    name: str
    aliases: tuple[str, ...]
    layer: str  # park, transit, renewal, other
    kind: str  # park, site, line, station, city, district, subdistrict, town
    city: str | None
    district: str | None = None
    subdistrict: str | None = None
    within: str | None = None  # id of the entry this one lies inside, its first fallback
    lon: float | None = None
    lat: float | None = None
    precision_m: float | None = None
    method: str | None = None  # cited, address, approximate
    status: str | None = None
    source: str = ""
    colour: str | None = None
    stations: tuple[str, ...] = ()  # for lines: station ids in order (the first branch)
    status_note: str = ""
    branches: tuple[tuple[str, ...], ...] = ()  # for lines with branches: each in order

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)

    @property
    def located(self) -> bool:
        return self.lon is not None and self.lat is not None


class Gazetteer:
    """All entries, indexed by id and by every name and alias; a city's bulk entries join
    the first time the city is asked about (``ensure``)."""

    def __init__(self, entries: list[Entry], bulk: Bulk | None = None):
        self.entries: dict[str, Entry] = {}
        self.by_name: dict[str, list[Entry]] = defaultdict(list)
        self.bulk = bulk
        self._cities_read: set[str] = set()
        self._asked: dict[str, None] | None = None  # see cities_asked
        self.curated: frozenset[str] = frozenset()
        self.add(entries)
        self.curated = frozenset(self.entries)  # the hand-curated entries' ids

    def add(self, entries: list[Entry], bulk: bool = False) -> None:
        """Index ``entries``. With ``bulk``, an entry that shares a name or alias with a
        curated entry of the same kind and city (the bulk 上海南站站, also written 上海南站, and
        the curated 上海南站) is left out, and a line's stations are taken as that one."""
        same: dict[str, str] = {}  # bulk id -> the known entry's id
        for entry in entries:
            if bulk:
                known = next((e for name in entry.names for e in self.by_name.get(name, ())
                              if e.id in self.curated and e.city == entry.city
                              and e.kind == entry.kind), None)
                if known is not None:
                    same[entry.id] = known.id
                    continue
                if entry.branches and same:
                    entry = _with_stations(entry, same)
            if entry.id in self.entries:
                raise ValueError(f"duplicate gazetteer id {entry.id!r}")
            self.entries[entry.id] = entry
            for name in dict.fromkeys(entry.names):
                self.by_name[name].append(entry)

    def ensure(self, city: str | None) -> None:
        """Read the city's bulk entries (towns, metro) if they are not read yet."""
        if city and self._asked is not None and city not in self._asked:
            self._asked[city] = None
        if city and self.bulk is not None and city not in self._cities_read:
            self._cities_read.add(city)
            self.add(self.bulk.city_entries(city), bulk=True)

    @contextlib.contextmanager
    def cities_asked(self) -> Iterator[dict[str, None]]:
        """The cities whose bulk entries are asked for inside the block (read then or
        before), in the order first asked. Another gazetteer that reads the same cities in
        that order knows the same entries: how extraction done elsewhere (geo.corpusrun)
        leaves this one as extracting here would."""
        self._asked = asked = {}
        try:
            yield asked
        finally:
            self._asked = None

    def names_in(self, city: str | None) -> set[str]:
        """The names an article about ``city`` may use (its bulk entries read): those of
        curated entries and of provinces and cities anywhere, and of every entry in the city."""
        self.ensure(city)
        return {name for name, entries in self.by_name.items()
                if any(e.id in self.curated or e.city == city or e.kind in ("province", "city")
                       for e in entries)}

    def __getitem__(self, entry_id: str) -> Entry:
        return self.entries[entry_id]

    def __len__(self) -> int:
        return len(self.entries)

    def lookup(self, name: str, city: str | None = None) -> Entry | None:
        """The entry a name means in a city; a name used in several cities needs the city."""
        self.ensure(city)
        candidates = self.by_name.get(name) or self.by_name.get(line_name(name), [])
        if city is not None:
            candidates = [e for e in candidates if e.city in (city, None)]
        return candidates[0] if len(candidates) == 1 else None

    def admin(self, name: str | None, city: str | None = None) -> Entry | None:
        if not name:
            return None
        self.ensure(city)
        for entry in self.by_name.get(name, []):
            if entry.kind in ADMIN_KINDS and (city is None or entry.city in (city, None)):
                return entry
        return None

    def cities(self) -> list[Entry]:
        return [e for e in self.entries.values() if e.kind == "city"]

    def city_named(self, text: str) -> Entry | None:
        """The city a person means: its name (上海市), its name without 市, 地区, 盟 or 自治州
        (上海), or, for the cities with a slug, that slug in Latin letters (Shanghai)."""
        wanted = text.strip()
        latin = wanted.replace(" ", "").replace("-", "").lower()
        for entry in self.cities():
            if wanted in (entry.name, *entry.aliases) or latin == entry.id:
                return entry
        short = [e for e in self.cities() if _short(e.name, CITY_ENDINGS) == wanted]
        return short[0] if len(short) == 1 else None

    def district_named(self, text: str, city: str | None) -> Entry | None:
        """The district a person means in ``city``: its name (虹口区) or its name without 区,
        县 or 市 (虹口), where only one district of the city has it."""
        wanted = text.strip()
        self.ensure(city)
        found = [e for e in self.entries.values() if e.kind == "district"
                 and (city is None or e.city == city)
                 and wanted in (e.name, *e.aliases, _short(e.name, DISTRICT_ENDINGS))]
        return found[0] if len(found) == 1 else None

    @classmethod
    def load(cls, folder: Path | None = None) -> Gazetteer:
        base = folder or data.path("gazetteer")
        files = [
            (base / "admin.csv", _read_csv(base / "admin.csv", layer="other")),
            (base / "places.csv", _read_csv(base / "places.csv")),
            (base / "stations.csv",
             _read_csv(base / "stations.csv", layer="transit", kind="station")),
            (base / "lines.toml", _read_lines(base / "lines.toml")),
        ]
        kinds = {spec.name: spec.kinds for spec in layerspec.layers()}
        for path, entries in files:
            for entry in entries:
                if entry.layer != layerspec.OTHER and entry.kind not in kinds.get(entry.layer, ()):
                    raise data.DataError(
                        f"{path}: {entry.id}: a {entry.kind!r} in layer {entry.layer!r}, which "
                        f"layers.toml does not define with that kind")
        gazetteer = cls([entry for _, entries in files for entry in entries])
        if (base / "divisions.csv").is_file():
            bulk = Bulk(base)
            gazetteer.add(bulk.divisions(), bulk=True)
            gazetteer.bulk = bulk
        return gazetteer


ADMIN_KINDS = ("province", "city", "district", "subdistrict", "town")


def _with_stations(line: Entry, same: dict[str, str]) -> Entry:
    branches = tuple(tuple(same.get(s, s) for s in branch) for branch in line.branches)
    return replace(line, branches=branches, stations=branches[0])


class Bulk:
    """The bulk files of a gazetteer folder, with the provenance ``sources.toml`` gives."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.sources = data.read_toml(data.path("sources.toml"))
        self.city_codes: dict[str, str] = {}
        self._station_cities: dict[str, frozenset[str]] | None = None

    def provenance(self, row: dict[str, str], path: Path) -> str:
        pin = self.sources[row["source"]]
        fact = (f"https://www.wikidata.org/wiki/{row['source_id']}" if row["source"] == "wikidata"
                else f"{pin.get('id_label', 'id')} {row['source_id']}")
        converted = ("" if pin["datum"] == "WGS-84"
                     else f"; published in {pin['datum']}, converted to WGS-84")
        return (f"{fact}. {pin['title']}: {pin['repository']}@{pin['commit'][:12]} "
                f"{pin['path']}{converted}, by `make gazetteer` into "
                f"{path.parent.name}/{path.name}. Licence: {pin['licence']}.")

    def _rows(self, path: Path) -> list[dict[str, str]]:
        if not path.is_file():
            return []
        with path.open(encoding="utf-8", newline="") as handle:
            return list(csv.DictReader(handle))

    def _admin(self, row: dict[str, str], path: Path) -> Entry:
        return Entry(id=row["id"], name=row["name"], aliases=_split(row["aliases"]),
                     layer="other", kind=row["level"], city=row["city"] or None,
                     district=row["district"] or None, lon=_float(row["lon"]),
                     lat=_float(row["lat"]), precision_m=_float(row["precision_m"]),
                     method="cited" if row["lon"] else None,
                     source=self.provenance(row, path))

    def divisions(self) -> list[Entry]:
        """Every province, city and district; the codes of the cities' files."""
        path = self.folder / "divisions.csv"
        entries = []
        for row in self._rows(path):
            if row["city_code"]:
                self.city_codes[row["city"]] = row["city_code"]
            entries.append(self._admin(row, path))
        return entries

    def station_cities(self) -> dict[str, frozenset[str]]:
        """Every metro and railway station name and alias (湘湖站, 地铁湘湖站), with the cities
        that have a station of that name: evidence of an article's city when nothing else
        names it. Read from the files' name columns only, once."""
        if self._station_cities is None:
            cities: dict[str, set[str]] = {}
            names = {code: city for city, code in self.city_codes.items()}
            for path in sorted([*self.folder.glob("metro/*_stations.csv"),
                                *self.folder.glob("railway/*.csv")]):
                city = names.get(path.stem.split("_")[0])
                for row in self._rows(path) if city else ():
                    for name in (row["name"], *_split(row["aliases"])):
                        cities.setdefault(name, set()).add(city)
            self._station_cities = {n: frozenset(c) for n, c in cities.items()}
        return self._station_cities

    def city_entries(self, city: str) -> list[Entry]:
        """The city's towns and streets, named places, metro stations and lines."""
        code = self.city_codes.get(city)
        if code is None:
            return []
        towns = self.folder / "towns" / f"{code}.csv"
        entries = [self._admin(row, towns) for row in self._rows(towns)]
        for stations in (self.folder / "metro" / f"{code}_stations.csv",
                         self.folder / "railway" / f"{code}.csv"):
            for row in self._rows(stations):
                entries.append(Entry(
                    id=row["id"], name=row["name"], aliases=_split(row["aliases"]),
                    layer="transit", kind="station", city=city, lon=float(row["lon"]),
                    lat=float(row["lat"]), precision_m=_float(row["precision_m"]),
                    method=row["method"], status=row["status"],
                    source=self.provenance(row, stations)))
        places = self.folder / "places" / f"{code}.csv"
        for row in self._rows(places):  # no layer: the article's words decide it
            entries.append(Entry(
                id=row["id"], name=row["name"], aliases=_split(row["aliases"]), layer="",
                kind=row["kind"], city=city, lon=float(row["lon"]), lat=float(row["lat"]),
                precision_m=_float(row["precision_m"]), method="cited",
                source=self.provenance(row, places)))
        lines = self.folder / "metro" / f"{code}_lines.csv"
        for row in self._rows(lines):
            branches = tuple(tuple(branch.split("|")) for branch in row["branches"].split(";"))
            entries.append(Entry(
                id=row["id"], name=row["name"], aliases=_split(row["aliases"]),
                layer="transit", kind="line", city=city, status=row["status"],
                colour=row["colour"] or None, stations=branches[0], branches=branches,
                source=self.provenance(row, lines)))
        return entries


def _split(value: str | None) -> tuple[str, ...]:
    return tuple(a.strip() for a in (value or "").split("|") if a.strip())


def _float(value: str | None) -> float | None:
    return float(value) if value not in (None, "") else None


CITY_ENDINGS = ("自治州", "地区", "市", "盟")
DISTRICT_ENDINGS = ("自治县", "新区", "区", "县", "市", "旗")


def _short(name: str, endings: tuple[str, ...]) -> str:
    """A division's name without its ending (上海市 -> 上海), where two characters remain."""
    for ending in endings:
        if name.endswith(ending) and len(name) - len(ending) >= 2:
            return name[:-len(ending)]
    return name


def _read_csv(path: Path, layer: str | None = None, kind: str | None = None) -> list[Entry]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [_entry(row, path, layer, kind) for row in csv.DictReader(handle)]


def _entry(row: dict[str, str], path: Path, layer: str | None, kind: str | None) -> Entry:
    lon, lat = _float(row.get("lon")), _float(row.get("lat"))
    if (lon is None) != (lat is None):
        raise ValueError(f"{path}: {row['id']} has only one of lon/lat")
    source = row.get("source", "")
    datum = row.get("datum") or "WGS-84"
    if lon is not None and lat is not None:
        lon, lat = to_wgs84(lon, lat, datum)
        if datum != "WGS-84":
            source += f" [published in {datum}; converted to WGS-84]"
    else:
        source = source or "No published location."

    if lon is not None and not row.get("source"):
        raise ValueError(f"{path}: {row['id']} has a coordinate but no source")
    return Entry(
        id=row["id"],
        name=row["name"],
        aliases=_split(row.get("aliases")),
        layer=row.get("layer") or layer or "other",
        kind=row.get("kind") or row.get("level") or kind or "site",
        city=row.get("city") or None,
        district=row.get("district") or None,
        subdistrict=row.get("subdistrict") or None,
        within=row.get("within") or None,
        lon=lon,
        lat=lat,
        precision_m=_float(row.get("precision_m")),
        method=row.get("method") or ("cited" if lon is not None else None),
        status=row.get("status") or None,
        source=source,
    )


def _read_lines(path: Path) -> list[Entry]:
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    return [
        Entry(
            id=line["id"],
            name=line["name"],
            aliases=tuple(line.get("aliases", ())),
            layer="transit",
            kind="line",
            city=line.get("city"),
            status=line.get("status"),
            status_note=line.get("status_note", ""),
            source=f"{line['route_source']} Colour: {line['colour_source']}",
            colour=line.get("colour"),
            stations=tuple(line["stations"]),
        )
        for line in data["line"]
    ]
