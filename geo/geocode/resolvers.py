"""The resolver chain: gazetteer → overrides → cache → online geocoders → admin fallback.

This module holds the chain and the two offline resolvers; ``overrides`` and ``online`` the
others.

Each resolver answers a ``Query`` (a name in a city and district) with an ``Answer`` (a WGS-84
point, its precision and where it came from) or passes it on. The chain tries them in order and
counts who answered what, so a run can end with a summary.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Protocol

from geo.gazetteer import Entry, Gazetteer
from geo.geocode.cache import GeocodeCache
from geo.records import Place

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
    near: str | None = None  # a station its sentence puts it beside (id), and how: 江苏路站旁
    near_text: str = ""

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
    """The resolvers in order. A chain opened by ``geo.geocode.options.open_chain`` owns its
    answer cache: use it as a context manager, which closes the cache on the way out."""

    resolvers: list[Resolver]
    answered: Counter[str] = field(default_factory=Counter)
    cache: GeocodeCache | None = None
    errors: list[str] = field(default_factory=list)  # override rows that could not be used

    def __enter__(self) -> Chain:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        if self.cache is not None:
            self.cache.close()
            self.cache = None

    def locate(self, query: Query) -> Answer | None:
        for resolver in self.resolvers:
            answer = resolver.resolve(query)
            if answer is not None:
                self.answered[resolver.name] += 1
                return answer
        self.answered["unresolved"] += 1
        return None

    def summary(self, places: Iterable[Place] | None = None) -> str:
        """Who located how many places: of ``places`` where given (the mapped ones, so the
        figures add up to the count of places a build reports), else of every query; then
        what failed."""
        if places is None:
            answered = self.answered
        else:
            answered = Counter(p.location_provider or "unresolved" for p in places)
        parts = [f"{name} {answered[name]}" for name in
                 [*(r.name for r in self.resolvers), "unresolved"] if answered[name]]
        return ", ".join(parts + self.problems()) or "nothing to locate"

    def problems(self) -> list[str]:
        """The resolvers' failures and the queries their time budget left unasked."""
        failures = [f"{r.name}: {n} failed" for r in self.resolvers
                    if (n := getattr(r, "failures", 0))]
        unasked = [f"{r.name}: {n} not asked, the time budget spent" for r in self.resolvers
                   if (n := getattr(r, "unasked", 0))]
        return failures + unasked


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


class NearResolver:
    """A place its sentence puts beside a station (天山污水厂位于江苏路站旁): shown at the
    station, approximately, within walking distance of it."""

    name = "context"
    precision_m = 1000.0  # 附近: within a walk of the station, not at it

    def __init__(self, gazetteer: Gazetteer):
        self.gazetteer = gazetteer

    def resolve(self, query: Query) -> Answer | None:
        station = self.gazetteer.entries.get(query.near or "")
        if station is None or not station.located:
            return None
        return Answer(station.lon, station.lat,  # type: ignore[arg-type]
                      max(self.precision_m, station.precision_m or 0.0), self.name,
                      "approximate",
                      f"{query.note} Shown beside {station.name}: its sentence says "
                      f"“{query.near_text}”. {station.name}: {station.source}", query.name)


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
