"""Locate the places mentions refer to, from the embedded gazetteer.

A place with its own sourced coordinate is used as it is. One without falls back, in order, to
the place it lies within, its subdistrict or town, its district, then its city, and is flagged
approximate with that area's precision. A metro line becomes a LineString through its stations.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from dataclasses import dataclass

from shapely.geometry import LineString, Point
from shapely.geometry.base import BaseGeometry

from geo.gazetteer import Entry, Gazetteer
from geo.records import LAYERS, Mention, Place, Status

STATUS_ORDER: tuple[Status, ...] = ("open", "under construction", "planned")
METHOD_ORDER = ("cited", "address", "approximate")


@dataclass(frozen=True)
class Location:
    lon: float
    lat: float
    precision_m: float
    method: str
    source: str


def locate(entry: Entry, gazetteer: Gazetteer) -> Location | None:
    """Where an entry is: its own coordinate, else the first located area it falls within."""
    if entry.located and entry.method != "approximate":
        return Location(entry.lon, entry.lat, entry.precision_m or 0.0, entry.method or "cited",
                        entry.source)  # type: ignore[arg-type]
    for container in fallbacks(entry, gazetteer):
        if container.located:
            return Location(
                container.lon,  # type: ignore[arg-type]
                container.lat,  # type: ignore[arg-type]
                container.precision_m or 0.0,
                "approximate",
                f"{entry.source} Shown at {container.name}: {container.source}",
            )
    return None


def fallbacks(entry: Entry, gazetteer: Gazetteer) -> list[Entry]:
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


def line_location(entry: Entry, gazetteer: Gazetteer) -> tuple[BaseGeometry, Location] | None:
    stops = [locate(gazetteer[station], gazetteer) for station in entry.stations]
    located = [stop for stop in stops if stop is not None]
    if not located:
        return None
    coords = [(stop.lon, stop.lat) for stop in located]
    geometry = LineString(coords) if len(coords) > 1 else Point(coords[0])
    method = max((stop.method for stop in located), key=METHOD_ORDER.index)
    approximate = [gazetteer[s].name for s, stop in zip(entry.stations, stops, strict=True)
                   if stop is not None and stop.method == "approximate"]
    source = f"Through {len(located)} stations located from their sources. {entry.source}"
    if approximate:
        source += f" Approximate: {', '.join(approximate)}."
    precision = max(stop.precision_m for stop in located)
    return geometry, Location(coords[0][0], coords[0][1], precision, method, source)


def status_of(entry: Entry, mentions: list[Mention]) -> Status:
    """The gazetteer's status when it states one; else the most advanced one the articles state."""
    if entry.status:
        return entry.status  # type: ignore[return-value]
    stated = {mention.status for mention in mentions}
    return next((status for status in STATUS_ORDER if status in stated), "unknown")


def resolve(mentions: list[Mention], gazetteer: Gazetteer) -> list[Place]:
    """One Place per gazetteer entry mentioned, and one per unknown name of a map layer
    (per city), in a stable order."""
    known: dict[str, list[Mention]] = defaultdict(list)
    unknown: dict[tuple[str, str | None], list[Mention]] = defaultdict(list)
    for mention in mentions:
        if mention.place_id is not None:
            known[mention.place_id].append(mention)
        elif mention.layer in LAYERS:
            unknown[(mention.full_name, mention.city)].append(mention)
    places = [place(gazetteer[place_id], known[place_id], gazetteer) for place_id in known]
    places += [unknown_place(name, city, group, gazetteer)
               for (name, city), group in unknown.items()]
    return sorted(places, key=lambda p: p.id)


def unknown_place(name: str, city: str | None, mentions: list[Mention],
                  gazetteer: Gazetteer) -> Place:
    """A name no gazetteer entry knows: shown at the district or city its article gives."""
    layer = Counter(m.layer for m in mentions).most_common(1)[0][0]
    district = Counter(m.district for m in mentions if m.district).most_common(1)
    district_name = district[0][0] if district else None
    digest = hashlib.sha1(f"{city}|{name}".encode()).hexdigest()[:10]
    entry = Entry(id=f"found-{digest}", name=name, aliases=(), layer=layer, kind="site",
                  city=city, district=district_name,
                  source="Found by its name's shape; not in the gazetteer.")
    return place(entry, mentions, gazetteer)


def place(entry: Entry, mentions: list[Mention], gazetteer: Gazetteer) -> Place:
    geometry: BaseGeometry | None = None
    location: Location | None
    if entry.kind == "line" and entry.stations:
        found = line_location(entry, gazetteer)
        geometry, location = found if found else (None, None)
    else:
        location = locate(entry, gazetteer)
        if location is not None:
            geometry = Point(location.lon, location.lat)
    layer = mentions[0].layer if mentions and mentions[0].layer else entry.layer
    return Place(
        id=entry.id,
        name=entry.name,
        layer=layer,  # type: ignore[arg-type]
        kind=entry.kind,
        status=status_of(entry, mentions),
        city=entry.city,
        district=entry.district or (entry.name if entry.kind == "district" else None),
        geometry=geometry,
        precision_m=location.precision_m if location else None,
        location_method=location.method if location else None,  # type: ignore[arg-type]
        location_source=location.source if location else f"{entry.source} Not located.",
        mentions=tuple(mentions),
        colour=entry.colour,
        status_note=entry.status_note,
    )

