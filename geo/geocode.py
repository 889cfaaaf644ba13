"""Locate the places mentions refer to, from the embedded gazetteer.

A place with its own sourced coordinate is used as it is. One without falls back, in order, to
the place it lies within, its subdistrict or town, its district, then its city, and is flagged
approximate with that area's precision. A metro line becomes a LineString through its stations.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from shapely.geometry import LineString, Point
from shapely.geometry.base import BaseGeometry

from geo.gazetteer import Entry, Gazetteer
from geo.records import Mention, Place, Status

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
    """One Place per gazetteer entry mentioned, in a stable order."""
    grouped: dict[str, list[Mention]] = defaultdict(list)
    for mention in mentions:
        if mention.place_id is not None:
            grouped[mention.place_id].append(mention)
    return [place(gazetteer[place_id], grouped[place_id], gazetteer)
            for place_id in sorted(grouped)]


def place(entry: Entry, mentions: list[Mention], gazetteer: Gazetteer) -> Place:
    geometry: BaseGeometry | None = None
    location: Location | None
    if entry.kind == "line":
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

