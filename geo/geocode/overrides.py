"""Coordinates the user supplies: a filled-in ``review.csv`` (or any CSV with its columns)
passed back with ``--overrides``, read row by row, each bad row reported with file and line."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from pathlib import Path

from geo.crs import DATUMS, to_wgs84
from geo.csvcells import restored
from geo.geocode.resolvers import Answer, Query
from geo.textfiles import TextFileError, decode, printable, read_bytes

MAX_OVERRIDES_BYTES = 50 * 1024 * 1024


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
