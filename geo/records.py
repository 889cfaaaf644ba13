"""The plain records that pass between pipeline stages.

corpus -> Document, extract -> Mention, classify -> Mention (layer, status, facts filled in),
geocode -> Place. Records are frozen so a stage cannot change what an earlier stage produced.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, TypeVar

from shapely.geometry.base import BaseGeometry

# A layer of geo/data/layers.toml (geo.layerspec), or "other": kept as context, not drawn.
Layer = str
Status = Literal["open", "under construction", "planned", "unknown"]
# cited: a public source states the coordinate; address: placed from a published address;
# override: set by the user; geocoded: an online geocoder's answer; approximate: shown at its area
LocationMethod = Literal["cited", "address", "override", "geocoded", "approximate"]

STATUSES: tuple[Status, ...] = ("open", "under construction", "planned", "unknown")


@dataclass(frozen=True)
class Document:
    """One input article, its text cleaned of page furniture."""

    id: str
    path: Path
    text: str
    title: str
    date: str | None = None  # ISO 8601 day when known
    publisher: str | None = None
    city: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class Fact:
    """Something the article states near a mention: a date, an area, a sum of money, a count."""

    kind: Literal["date", "area", "money", "count"]
    text: str
    value: str | float | None = None  # ISO date, square metres, yuan, or the count


@dataclass(frozen=True)
class Mention:
    """A place named in a document. ``document.text[start:end] == name``."""

    document: str
    name: str
    start: int
    end: int
    sentence: str
    sentence_start: int
    place_id: str | None = None  # gazetteer entry, when the name is a known place
    canonical: str | None = None  # the full name when the text shortens it (1、3号线 -> 1号线)
    layer: Layer | None = None
    status: Status = "unknown"
    facts: tuple[Fact, ...] = ()
    province: str | None = None
    city: str | None = None
    district: str | None = None
    like: str | None = None  # a list item without a suffix: the name listed with it (its kind)
    learned_layer: Layer | None = None  # the layer the learned recogniser reads the name in
    project_status: Status | None = None  # works at the place (its renovation), not the place

    @property
    def full_name(self) -> str:
        return self.canonical or self.name


@dataclass(frozen=True)
class Place:
    """A located place with everything the articles said about it."""

    id: str
    name: str
    layer: Layer
    kind: str  # park, line, station, site, ...
    status: Status
    city: str | None
    district: str | None
    geometry: BaseGeometry | None
    precision_m: float | None
    location_method: LocationMethod | None
    location_source: str
    location_provider: str | None = None  # the resolver that answered: gazetteer, nominatim …
    location_query: str | None = None  # what it was asked
    mentions: tuple[Mention, ...] = field(default=())
    colour: str | None = None
    status_note: str = ""

    @property
    def approximate(self) -> bool:
        return self.location_method == "approximate"

    @property
    def resolved(self) -> bool:
        return self.geometry is not None


Record = TypeVar("Record")


def evolve(record: Record, **changes: object) -> Record:
    """A copy of a frozen record with some fields changed. ``dataclasses.replace`` does the
    same through ``__init__``, about ten times slower; it showed in extraction profiles and
    records have no ``__post_init__`` to skip."""
    unknown = changes.keys() - record.__dataclass_fields__.keys()  # type: ignore[attr-defined]
    if unknown:
        raise TypeError(f"{type(record).__name__} has no field {', '.join(sorted(unknown))}")
    copy = object.__new__(type(record))
    copy.__dict__.update(record.__dict__, **changes)
    return copy
