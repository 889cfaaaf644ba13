"""Locate the places mentions refer to, from the embedded gazetteer.

A place with its own sourced coordinate is used as it is. One without falls back, in order, to
the place it lies within, its subdistrict or town, its district, then its city, and is flagged
approximate with that area's precision; a name the gazetteer does not know is first placed by
what its sentences say (``geo.geocode.context``). A metro line becomes a LineString (with
branches, a MultiLineString) through its stations.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from dataclasses import replace

from shapely.geometry import LineString, MultiLineString, Point
from shapely.geometry.base import BaseGeometry

from geo import layerspec
from geo.gazetteer import Entry, Gazetteer
from geo.geocode.context import Context
from geo.geocode.resolvers import (
    AdminResolver,
    Answer,
    Chain,
    GazetteerResolver,
    NearResolver,
    Query,
)
from geo.progress import QUIET, Progress
from geo.records import Mention, Place, Status

STATUS_ORDER: tuple[Status, ...] = ("open", "under construction", "planned")
METHOD_ORDER = ("cited", "address", "override", "geocoded", "approximate")


def locate(entry: Entry, gazetteer: Gazetteer) -> Answer | None:
    """Where an entry is from the gazetteer alone: its own coordinate, else its area."""
    return offline_chain(gazetteer).locate(query_for(entry))


def offline_chain(gazetteer: Gazetteer) -> Chain:
    return Chain([GazetteerResolver(gazetteer), NearResolver(gazetteer),
                  AdminResolver(gazetteer)])


def query_for(entry: Entry) -> Query:
    return Query(entry.name, entry.city, entry.district, entry.id, entry.source,
                 entry.subdistrict)


def line_location(entry: Entry, gazetteer: Gazetteer) -> tuple[BaseGeometry, Answer] | None:
    """A line through its located stations, in order: a LineString, a MultiLineString for a
    line with branches, a Point when only one station is located."""
    branches = entry.branches or (entry.stations,)
    stops = {station: locate(gazetteer[station], gazetteer)
             for branch in branches for station in branch}
    located = {station: stop for station, stop in stops.items() if stop is not None}
    if not located:
        return None
    paths = [[(located[s].lon, located[s].lat) for s in branch if s in located]
             for branch in branches]
    paths = [path for path in paths if path]
    if len(paths) > 1 and all(len(path) > 1 for path in paths):
        geometry: BaseGeometry = MultiLineString(paths)
    elif len(paths[0]) > 1:
        geometry = LineString(paths[0])
    else:
        geometry = Point(paths[0][0])
    method = max((stop.method for stop in located.values()), key=METHOD_ORDER.index)
    approximate = [gazetteer[s].name for s, stop in located.items()
                   if stop.method == "approximate"]
    source = f"Through {len(located)} stations located from their sources. {entry.source}"
    if approximate:
        source += f" Approximate: {', '.join(approximate)}."
    precision = max(stop.precision_m for stop in located.values())
    first = paths[0][0]
    return geometry, Answer(first[0], first[1], precision, "gazetteer", method, source,
                            entry.name)


def status_of(entry: Entry, mentions: list[Mention]) -> Status:
    """The gazetteer's status when it states one; else the most advanced one the articles state."""
    if entry.status:
        return entry.status  # type: ignore[return-value]
    stated = {mention.status for mention in mentions}
    return next((status for status in STATUS_ORDER if status in stated), "unknown")


def resolve(mentions: list[Mention], gazetteer: Gazetteer, chain: Chain | None = None,
            progress: Progress = QUIET) -> list[Place]:
    """One Place per gazetteer entry mentioned, and one per unknown name of a map layer
    (per city), in a stable order, each located by the first resolver in ``chain`` that can
    (by default the gazetteer, then the area it lies in); ``progress`` counts them."""
    chain = chain or offline_chain(gazetteer)
    layers = layerspec.names()
    known: dict[str, list[Mention]] = defaultdict(list)
    unknown: dict[tuple[str, str | None], list[Mention]] = defaultdict(list)
    for mention in mentions:
        if mention.place_id is not None:
            known[mention.place_id].append(mention)
        elif mention.layer in layers:
            unknown[(mention.full_name, mention.city)].append(mention)
    places: list[Place] = []
    with progress.stage("geocoding", len(known) + len(unknown), "places") as stage:
        for place_id in sorted(known):
            places.append(place(gazetteer[place_id], known[place_id], gazetteer, chain))
            stage.advance()
        context = Context.of(mentions, gazetteer)
        for (name, city), group in sorted(unknown.items(), key=lambda kv: str(kv[0])):
            places.append(unknown_place(name, city, group, gazetteer, chain, context))
            stage.advance()
    return sorted(places, key=lambda p: p.id)


def unknown_place(name: str, city: str | None, mentions: list[Mention],
                  gazetteer: Gazetteer, chain: Chain, context: Context | None = None) -> Place:
    """A name no gazetteer entry knows, located by the best evidence its articles give
    (``geo.geocode.context``): a station its sentence puts it beside, the one town or street
    its sentence names, the district its article states, else its city."""
    context = context or Context.of(mentions, gazetteer)
    layer = Counter(m.layer for m in mentions).most_common(1)[0][0]
    digest = hashlib.sha1(f"{city}|{name}".encode()).hexdigest()[:10]
    entry = Entry(id=f"found-{digest}", name=name, aliases=(), layer=layer, kind="site",
                  city=city, district=context.district_of(mentions),
                  subdistrict=context.town_of(mentions),
                  source="Found by its name's shape; not in the gazetteer.")
    return place(entry, mentions, gazetteer, chain, context.station_beside(mentions))


def place(entry: Entry, mentions: list[Mention], gazetteer: Gazetteer, chain: Chain,
          beside: tuple[str, str] | None = None) -> Place:
    """The entry located by the first resolver of ``chain`` that can; ``beside`` is a station
    its sentence puts it near (id, words)."""
    geometry: BaseGeometry | None = None
    location: Answer | None
    if entry.kind == "line" and entry.stations:
        found = line_location(entry, gazetteer)
        geometry, location = found if found else (None, None)
    else:
        query = query_for(entry)
        if beside is not None:
            query = replace(query, near=beside[0], near_text=beside[1])
        location = chain.locate(query)
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
        location_provider=location.provider if location else None,
        location_query=location.query if location else None,
        mentions=tuple(mentions),
        colour=entry.colour,
        status_note=entry.status_note,
    )

