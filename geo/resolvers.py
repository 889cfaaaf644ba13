"""The resolver chain: gazetteer → overrides → cache → online geocoders → admin fallback.

Each resolver answers a ``Query`` (a name in a city and district) with an ``Answer`` (a WGS-84
point, its precision and where it came from) or passes it on. The chain tries them in order and
counts who answered what, so a run can end with a summary.
"""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from geo.crs import DATUMS, to_wgs84
from geo.gazetteer import Entry, Gazetteer

# Precision above which a located place is listed for review.
LOW_CONFIDENCE_M = 500.0


@dataclass(frozen=True)
class Query:
    name: str
    city: str | None = None
    district: str | None = None
    place_id: str | None = None  # the gazetteer entry, or a stable id for an unknown name
    note: str = "Not in the gazetteer."  # what is known of the place, for the answer's source
    subdistrict: str | None = None  # the street or town its sentence names: 张庙街道, 大场镇

    @property
    def context(self) -> str:
        return f"{self.city or ''}|{self.district or ''}"


@dataclass(frozen=True)
class Answer:
    lon: float
    lat: float
    precision_m: float
    provider: str  # which resolver answered: gazetteer, overrides, nominatim, amap, admin …
    method: str  # cited, address, override, geocoded, approximate
    source: str
    query: str = ""

    @property
    def approximate(self) -> bool:
        return self.method == "approximate"


class Resolver(Protocol):
    name: str

    def resolve(self, query: Query) -> Answer | None: ...


@dataclass
class Chain:
    resolvers: list[Resolver]
    answered: Counter[str] = field(default_factory=Counter)

    def locate(self, query: Query) -> Answer | None:
        for resolver in self.resolvers:
            answer = resolver.resolve(query)
            if answer is not None:
                self.answered[resolver.name] += 1
                return answer
        self.answered["unresolved"] += 1
        return None

    def summary(self) -> str:
        parts = [f"{name} {self.answered[name]}" for name in
                 [*(r.name for r in self.resolvers), "unresolved"] if self.answered[name]]
        failures = [f"{r.name}: {n} failed" for r in self.resolvers
                    if (n := getattr(r, "failures", 0))]
        return ", ".join(parts + failures) or "nothing to locate"


class GazetteerResolver:
    """An entry's own sourced coordinate; entries only placed at their area pass on."""

    name = "gazetteer"

    def __init__(self, gazetteer: Gazetteer):
        self.gazetteer = gazetteer

    def entry(self, query: Query) -> Entry | None:
        if query.place_id in self.gazetteer.entries:
            return self.gazetteer[query.place_id]  # type: ignore[index]
        return self.gazetteer.lookup(query.name, query.city)

    def resolve(self, query: Query) -> Answer | None:
        entry = self.entry(query)
        if entry is None or not entry.located or entry.method == "approximate":
            return None
        return Answer(entry.lon, entry.lat, entry.precision_m or 0.0,  # type: ignore[arg-type]
                      self.name, entry.method or "cited", entry.source, query.name)


class AdminResolver:
    """The last resort: the area the place lies within, its town or street, district or city."""

    name = "admin"

    def __init__(self, gazetteer: Gazetteer):
        self.gazetteer = gazetteer
        self.entries = GazetteerResolver(gazetteer)

    def resolve(self, query: Query) -> Answer | None:
        entry = self.entries.entry(query) or Entry(
            id=query.place_id or query.name, name=query.name, aliases=(), layer="other",
            kind="site", city=query.city, district=query.district,
            subdistrict=query.subdistrict, source=query.note)
        for area in fallbacks(entry, self.gazetteer):
            if area.located:
                return Answer(area.lon, area.lat, area.precision_m or 0.0,  # type: ignore[arg-type]
                              self.name, "approximate",
                              f"{entry.source} Shown at {area.name}: {area.source}", query.name)
        return None


def fallbacks(entry: Entry, gazetteer: Gazetteer) -> list[Entry]:
    """The areas an entry lies within, smallest first."""
    chain: list[Entry] = []
    if entry.within and entry.within in gazetteer.entries:
        container = gazetteer[entry.within]
        chain.append(container)
        chain.extend(fallbacks(container, gazetteer))
    for name in (entry.subdistrict, entry.district, entry.city):
        admin = gazetteer.admin(name, entry.city)
        if admin is not None and admin.id != entry.id:
            chain.append(admin)
    return chain


class OverrideError(ValueError):
    """A row of an overrides file that cannot be used; the message names file and line."""


class OverridesResolver:
    """Coordinates a user supplied: ``review.csv`` with lon, lat and source filled in."""

    name = "overrides"

    def __init__(self, rows: dict[str, Answer]):
        self.rows = rows

    @classmethod
    def load(cls, paths: Iterable[str | Path]) -> tuple[OverridesResolver, list[str]]:
        """The overrides in ``paths``, and a message for each row that cannot be used."""
        rows: dict[str, Answer] = {}
        errors: list[str] = []
        for path in paths:
            if not Path(path).is_file():
                errors.append(f"{path}: no such overrides file")
                continue
            with open(path, encoding="utf-8-sig", newline="") as handle:
                for line, row in enumerate(csv.DictReader(handle), start=2):
                    try:
                        answer = override(row)
                    except OverrideError as error:
                        errors.append(f"{path}:{line}: {error}")
                        continue
                    if answer is not None:
                        for key in override_keys(row):
                            rows[key] = answer
        return cls(rows), errors

    def resolve(self, query: Query) -> Answer | None:
        for key in (query.place_id, f"{query.name}|{query.city or ''}", query.name):
            if key and key in self.rows:
                return self.rows[key]
        return None


def override_keys(row: dict) -> list[str]:
    name, city = (row.get("name") or "").strip(), (row.get("city") or "").strip()
    keys = [row.get("id", "").strip()]
    if name:
        keys += [f"{name}|{city}"] if city else [name]
    return [key for key in keys if key]


def override(row: dict) -> Answer | None:
    """The answer a row gives, None for a row left blank."""
    lon_text, lat_text = (row.get("lon") or "").strip(), (row.get("lat") or "").strip()
    if not lon_text and not lat_text:
        return None
    try:
        lon, lat = float(lon_text), float(lat_text)
    except ValueError:
        raise OverrideError(f"lon/lat {lon_text!r}, {lat_text!r} are not numbers") from None
    if not (-180 <= lon <= 180 and -90 <= lat <= 90):
        raise OverrideError(f"lon/lat {lon}, {lat} out of range (lon first, then lat)")
    source = (row.get("source") or "").strip()
    if not source:
        raise OverrideError("a coordinate needs its source (a URL or how it was placed)")
    datum = (row.get("datum") or "WGS-84").strip() or "WGS-84"
    if datum not in DATUMS:
        raise OverrideError(f"datum {datum!r}; expected one of {', '.join(DATUMS)}")
    precision = (row.get("precision_m") or "").strip()
    lon, lat = to_wgs84(lon, lat, datum)
    return Answer(lon, lat, float(precision) if precision else 50.0, "overrides", "override",
                  f"Set by the user: {source}" + (f" (converted from {datum})"
                                                   if datum != "WGS-84" else ""),
                  row.get("name") or "")
