"""The review files: places to check by hand, in a CSV the user fills in and passes back.

``review.csv`` lists the places shown only approximately or with low confidence, and
``unresolved.csv`` those that could not be placed at all. Each row says how the place is located
now; a user fills in ``lon``, ``lat`` and ``source`` (optionally ``precision_m``, and ``datum``
when the coordinate comes from a Chinese map: GCJ-02 or BD-09), then passes the file back with
``geo build --overrides layers/review.csv``; the next build uses those coordinates.
"""

from __future__ import annotations

import csv
from pathlib import Path

from geo import layerspec
from geo.csvcells import neutral
from geo.geocode.resolvers import LOW_CONFIDENCE_M
from geo.records import Place

COLUMNS = [
    "id", "name", "layer", "city", "district", "reason", "located_by", "located_precision_m",
    "located_lon", "located_lat", "located_source", "sentence",
    "lon", "lat", "precision_m", "datum", "source",
]


def needs_review(place: Place) -> str | None:
    """Why a placed feature should be checked by hand, or None."""
    if place.kind == "line":
        return None  # drawn through its stations; each station is reviewed on its own
    if place.approximate:
        return "approximate: shown at its area"
    if place.precision_m is not None and place.precision_m > LOW_CONFIDENCE_M:
        return f"low confidence: ±{place.precision_m:,.0f} m"
    return None


def row(place: Place, reason: str) -> dict:
    point = place.geometry.representative_point() if place.geometry is not None else None
    return {
        "id": place.id, "name": place.name, "layer": place.layer, "city": place.city or "",
        "district": place.district or "", "reason": reason,
        "located_by": place.location_provider or "",
        "located_precision_m": f"{place.precision_m:.0f}" if place.precision_m else "",
        "located_lon": f"{point.x:.6f}" if point else "",
        "located_lat": f"{point.y:.6f}" if point else "",
        "located_source": place.location_source,
        "sentence": place.mentions[0].sentence if place.mentions else "",
        "lon": "", "lat": "", "precision_m": "", "datum": "", "source": "",
    }


def write_review(places: list[Place], folder: Path) -> list[Path]:
    """``review.csv`` and ``unresolved.csv`` in ``folder`` (map layers only)."""
    on_map = [place for place in places if place.layer in layerspec.names()]
    review = [row(p, reason) for p in on_map if p.resolved and (reason := needs_review(p))]
    unresolved = [row(p, "not located") for p in on_map if not p.resolved]
    return [_write(review, folder / "review.csv"), _write(unresolved, folder / "unresolved.csv")]


def _write(rows: list[dict], path: Path) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows({key: neutral(value) for key, value in row.items()} for row in rows)
    return path
