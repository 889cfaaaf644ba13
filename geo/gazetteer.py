"""The embedded gazetteer: named places with sourced coordinates, read from ``geo/data/gazetteer``.

Coordinates are stored exactly as their source prints them, with the source's datum; they are
converted to WGS-84 here, on the way in, so every later stage sees WGS-84 only.

- ``places.csv``: parks, renewal sites and other named places;
- ``stations.csv``: metro stations;
- ``lines.toml``: metro lines as ordered station ids, with colour, status and sources;
- ``admin.csv``: cities, districts, subdistricts and towns, the fallback for unsourced places.
"""

from __future__ import annotations

import csv
import tomllib
from collections import defaultdict
from dataclasses import dataclass
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
    stations: tuple[str, ...] = ()  # for lines: station ids in order
    status_note: str = ""

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)

    @property
    def located(self) -> bool:
        return self.lon is not None and self.lat is not None


class Gazetteer:
    """All entries, indexed by id and by every name and alias."""

    def __init__(self, entries: list[Entry]):
        self.entries: dict[str, Entry] = {}
        self.by_name: dict[str, list[Entry]] = defaultdict(list)
        for entry in entries:
            if entry.id in self.entries:
                raise ValueError(f"duplicate gazetteer id {entry.id!r}")
            self.entries[entry.id] = entry
            for name in dict.fromkeys(entry.names):
                self.by_name[name].append(entry)

    def __getitem__(self, entry_id: str) -> Entry:
        return self.entries[entry_id]

    def __len__(self) -> int:
        return len(self.entries)

    def lookup(self, name: str, city: str | None = None) -> Entry | None:
        """The entry a name means in a city; a name used in several cities needs the city."""
        candidates = self.by_name.get(name) or self.by_name.get(line_name(name), [])
        if city is not None:
            candidates = [e for e in candidates if e.city in (city, None)]
        return candidates[0] if len(candidates) == 1 else None

    def admin(self, name: str | None, city: str | None = None) -> Entry | None:
        if not name:
            return None
        for entry in self.by_name.get(name, []):
            if entry.kind in ADMIN_KINDS and (city is None or entry.city in (city, None)):
                return entry
        return None

    def cities(self) -> list[Entry]:
        return [e for e in self.entries.values() if e.kind == "city"]

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
        return cls([entry for _, entries in files for entry in entries])


ADMIN_KINDS = ("city", "district", "subdistrict", "town")


def _split(value: str | None) -> tuple[str, ...]:
    return tuple(a.strip() for a in (value or "").split("|") if a.strip())


def _float(value: str | None) -> float | None:
    return float(value) if value not in (None, "") else None


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
