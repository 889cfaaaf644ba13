"""Coordinates the user supplies: a filled-in ``review.csv`` (or any CSV with its columns)
passed back with ``--overrides``, read row by row, each bad row reported with file and line."""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Callable, Iterable
from pathlib import Path

from geo.crs import DATUMS, distance_m, outside_china, to_wgs84
from geo.csvcells import restored
from geo.geocode.resolvers import Answer, Query
from geo.textfiles import TextFileError, decode, printable, read_bytes

MAX_OVERRIDES_BYTES = 50 * 1024 * 1024
# A city's centre and the distance within which all of it lies (lon, lat, metres), if known.
Area = Callable[[str], "tuple[float, float, float] | None"]


class OverrideError(ValueError):
    """A row of an overrides file that cannot be used; the message names file and line."""


class OverridesResolver:
    """Coordinates a user supplied: ``review.csv`` with lon, lat and source filled in."""

    name = "overrides"

    def __init__(self, rows: dict[str, Answer]):
        self.rows = rows

    @classmethod
    def load(cls, paths: Iterable[str | Path], area: Area = lambda city: None
             ) -> tuple[OverridesResolver, list[str]]:
        """The overrides in ``paths``, and a message for each row that cannot be used;
        ``area`` gives a city's extent, outside which a row's point is refused."""
        rows: dict[str, Answer] = {}
        errors: list[str] = []
        for path in paths:
            if not Path(path).is_file():
                errors.append(f"{path}: no such overrides file")
                continue
            try:  # saved by Excel on Chinese Windows: GBK or UTF-16, not UTF-8
                text = decode(read_bytes(Path(path), MAX_OVERRIDES_BYTES), Path(path))
            except TextFileError as error:
                errors.append(str(error))
                continue
            reader = csv.DictReader(io.StringIO(text))
            for raw in reader:
                row = {key: restored(value) if isinstance(value, str) else value
                       for key, value in raw.items()}  # as review.csv wrote it
                try:
                    answer = override(row)
                    problem = answer and outside_its_city(row, answer, area)
                    if problem:
                        raise OverrideError(problem)
                except OverrideError as error:
                    errors.append(f"{printable(str(path))}:{reader.line_num}: {error}")
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
    if not (-180 <= lon <= 180 and -90 <= lat <= 90):  # also nan
        raise OverrideError(f"lon/lat {lon}, {lat} out of range (lon first, then lat)")
    if outside_china(lon, lat):
        raise OverrideError(f"lon/lat {lon}, {lat} lie outside China (lon first, then lat)")
    source = (row.get("source") or "").strip()
    if not source:
        raise OverrideError("a coordinate needs its source (a URL or how it was placed)")
    datum = (row.get("datum") or "WGS-84").strip() or "WGS-84"
    if datum not in DATUMS:
        raise OverrideError(f"datum {datum!r}; expected one of {', '.join(DATUMS)}")
    lon, lat = to_wgs84(lon, lat, datum)
    return Answer(lon, lat, _precision(row.get("precision_m")), "overrides", "override",
                  f"Set by the user: {source}" + (f" (converted from {datum})"
                                                   if datum != "WGS-84" else ""),
                  row.get("name") or "")


def _precision(text: str | None) -> float:
    """The row's precision in metres: a positive, finite number, or 50 m when left blank."""
    text = (text or "").strip()
    if not text:
        return 50.0
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not math.isfinite(value) or value <= 0:
        raise OverrideError(f"precision_m {text!r}: give a positive number of metres")
    return value


def outside_its_city(row: dict, answer: Answer, area: Area) -> str | None:
    """Why the row's point cannot be its place's, if it lies outside the city the row names
    (a row with ``force`` set to yes is kept anyway)."""
    city = (row.get("city") or "").strip()
    reach = area(city) if city else None
    if reach is None or (row.get("force") or "").strip().lower() in ("yes", "true", "1"):
        return None
    lon, lat, radius = reach
    off = distance_m(lon, lat, answer.lon, answer.lat)
    if off <= radius:
        return None
    return (f"lon/lat {answer.lon:.5f}, {answer.lat:.5f} lie {off / 1000:,.0f} km from {city}, "
            f"outside it; fix the coordinate, or set force to yes to keep it")
