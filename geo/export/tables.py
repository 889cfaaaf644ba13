"""CSV tables: every feature with its geometry as WKT, and every mention; text cells that
would start a spreadsheet formula are neutralised (``geo.csvcells``)."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from pathlib import Path

import geopandas as gpd
import shapely

from geo.csvcells import neutral_row
from geo.export.geojson import PRECISION, plain_value
from geo.layers import COLUMNS
from geo.records import Mention, Place

MENTION_COLUMNS = ["place_id", "document", "name", "layer", "status", "start", "end", "sentence"]


def mention_rows(mentions: list[Mention], places: Iterable[Place] = ()) -> Iterator[dict]:
    """One row (MENTION_COLUMNS) per place a sentence names: a place named again in the same
    sentence (a list, a table saved as one line) is one row, its first mention, as each row
    quotes the sentence. ``place_id`` is the id of the feature the mention belongs to
    (``places``), so the table joins to the layers; empty for a name kept as context."""
    feature = {(m.document, m.start, m.end): place.id for place in places
               for m in place.mentions}
    seen: set[tuple[str, str, int]] = set()
    for m in mentions:
        place_id = feature.get((m.document, m.start, m.end)) or m.place_id or ""
        key = (place_id or m.full_name, m.document, m.sentence_start)
        if key in seen:
            continue
        seen.add(key)
        yield dict(zip(MENTION_COLUMNS, [place_id, m.document, m.name, m.layer or "",
                                         m.status, m.start, m.end, m.sentence], strict=True))


def write_mentions_csv(mentions: list[Mention], path: Path,
                       places: Iterable[Place] = ()) -> Path:
    """``mention_rows`` as CSV, text cells neutralised."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(MENTION_COLUMNS)
        for row in mention_rows(mentions, places):
            writer.writerow(neutral_row(row.values()))
    return path


def write_places_csv(frames: dict[str, gpd.GeoDataFrame], path: Path) -> Path:
    """Every feature of every layer, its geometry as WKT (6 decimals), lists one per line."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow([*COLUMNS, "wkt"])
        for frame in frames.values():
            for row in frame.to_dict("records"):
                cells = [plain_value(row[column]) for column in COLUMNS]
                cells = ["\n".join(c) if isinstance(c, list) else "" if c is None else c
                         for c in cells]
                geometry = row["geometry"]
                writer.writerow(neutral_row([
                    *cells, shapely.to_wkt(geometry, rounding_precision=PRECISION)
                    if geometry is not None else ""]))
    return path
