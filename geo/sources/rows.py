"""Checking and writing the rows of the bulk gazetteer.

A source row that cannot be used (no name, a coordinate that is no number) is reported with
its file and line and skipped. What says the source itself is wrong stops the build: two rows
with one id, a coordinate outside China, rows of one source in different datums.
"""

from __future__ import annotations

import csv
import io
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from geo.crs import outside_china, to_wgs84

# A name with Chinese in it: sources also hold names in Latin only, which no article writes.
CJK = re.compile(r"[\u3400-\u9fff]")


class DataBuildError(ValueError):
    """The source cannot be built from: the message names the file and line."""


@dataclass
class Report:
    """What a source's build skipped, by file and line."""

    skipped: list[str] = field(default_factory=list)

    def skip(self, where: str, problem: str) -> None:
        self.skipped.append(f"{where}: {problem}")


def wgs84(lon: object, lat: object, datum: str, where: str) -> tuple[float, float]:
    """A source's coordinate in WGS-84, rounded to 6 decimals (about 0.1 m); a coordinate
    outside China is a ``DataBuildError``; one that is no number a ``ValueError``."""
    lon_f, lat_f = float(lon), float(lat)  # type: ignore[arg-type]
    if outside_china(lon_f, lat_f):
        raise DataBuildError(f"{where}: {lon_f}, {lat_f} lies outside China")
    lon_w, lat_w = to_wgs84(lon_f, lat_f, datum)
    return round(lon_w, 6), round(lat_w, 6)


def check(rows: list[dict], datum: str, where: str) -> list[dict]:
    """The rows of one file: ids unique, one datum."""
    seen: dict[str, int] = {}
    for number, row in enumerate(rows, start=1):
        if row["id"] in seen:
            raise DataBuildError(f"{where}: id {row['id']!r} twice (rows {seen[row['id']]} "
                                 f"and {number})")
        seen[row["id"]] = number
        if row.get("source_datum", datum) != datum:
            raise DataBuildError(f"{where}: row {number} is in {row['source_datum']}, the "
                                 f"source's other rows in {datum}")
    return rows


def write_csv(path: Path, columns: list[str], rows: Iterable[dict]) -> Path:
    """Rows sorted by id, written whole or not at all."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, columns, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    writer.writerows(sorted(rows, key=lambda row: row["id"]))
    path.parent.mkdir(parents=True, exist_ok=True)
    scratch = path.with_name(f".{path.name}.tmp")
    scratch.write_text(buffer.getvalue(), encoding="utf-8")
    os.replace(scratch, path)
    return path
