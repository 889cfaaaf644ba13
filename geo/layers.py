"""Turn located places into one GeoDataFrame per map layer (parks, transit, renewal)."""

from __future__ import annotations

import geopandas as gpd
import numpy as np

from geo import layerspec
from geo.records import Document, Fact, Place

# The attributes every feature carries, in the order GIS users see them.
COLUMNS = [
    "id", "name", "layer", "kind", "status", "city", "district", "precision_m",
    "location_method", "location_source", "location_provider", "location_query", "approximate",
    "mentions", "documents", "first_date", "last_date", "sentences", "colour", "status_note",
]
CRS = "EPSG:4326"


UNITS = {"area": "m²", "money": "yuan"}


def fact_label(fact: Fact) -> str:
    """``area: 118亩 (78,667 m²)``: the text as written, and its normalised value."""
    label = f"{fact.kind}: {fact.text}"
    if isinstance(fact.value, float) and fact.kind in UNITS:
        label += f" ({fact.value:,.0f} {UNITS[fact.kind]})"
    elif isinstance(fact.value, str) and fact.value != fact.text:
        label += f" ({fact.value})"
    return label


# A place's quotes in the popups, the GeoJSON and the tables: the first sentences of each
# article that name it, and no more than so many in all (a long list or a table saved as one
# line named one place thousands of times: a 33-million-character popup). Its ``mentions``
# count says how many there were.
QUOTES_PER_ARTICLE = 10
QUOTES_PER_PLACE = 100


def quotes(place: Place, documents: dict[str, Document]) -> list[dict]:
    """Each distinct sentence that mentions the place, with its article and the mention's
    span, up to QUOTES_PER_ARTICLE of an article and QUOTES_PER_PLACE in all."""
    seen: set[tuple[str, str]] = set()
    per_article: dict[str, int] = {}
    out: list[dict] = []
    for mention in place.mentions:
        key = (mention.document, mention.sentence)
        if key in seen or per_article.get(mention.document, 0) >= QUOTES_PER_ARTICLE:
            continue
        if len(out) >= QUOTES_PER_PLACE:
            break
        seen.add(key)
        per_article[mention.document] = per_article.get(mention.document, 0) + 1
        document = documents.get(mention.document)
        start = mention.start - mention.sentence_start
        out.append({
            "document": mention.document,
            "title": document.title if document else mention.document,
            "date": document.date if document else None,
            "sentence": mention.sentence,
            "mention_start": start,
            "mention_end": start + (mention.end - mention.start),
            "status": mention.status,
            # works at the place (its renovation) have a status of their own
            "facts": [fact_label(fact) for fact in mention.facts]
                     + ([f"works: {mention.project_status}"] if mention.project_status else []),
        })
    # A heading that is only the name says nothing; keep it only when nothing else quotes it.
    informative = [q for q in out
                   if q["sentence"] != q["sentence"][q["mention_start"]:q["mention_end"]]]
    return informative or out


def _date_range(place: Place, documents: dict[str, Document]) -> tuple[str | None, str | None]:
    """The dates of the first and the last article naming the place (ISO days; None where no
    article's date is known), for filtering features by time."""
    dates = sorted(date for m in place.mentions
                   if (date := getattr(documents.get(m.document), "date", None)))
    return (dates[0], dates[-1]) if dates else (None, None)


def feature_row(place: Place, documents: dict[str, Document]) -> dict:
    place_quotes = quotes(place, documents)
    return {
        "id": place.id,
        "name": place.name,
        "layer": place.layer,
        "kind": place.kind,
        "status": place.status,
        "city": place.city,
        "district": place.district,
        "precision_m": place.precision_m,
        "location_method": place.location_method,
        "location_source": place.location_source,
        "location_provider": place.location_provider,
        "location_query": place.location_query,
        "approximate": place.approximate,
        "mentions": len(place.mentions),
        "documents": sorted({m.document for m in place.mentions}),
        **dict(zip(("first_date", "last_date"), _date_range(place, documents), strict=True)),
        "sentences": [q["sentence"] for q in place_quotes],
        "colour": place.colour,
        "status_note": place.status_note,
        "quotes": place_quotes,
        "geometry": place.geometry,
    }


def build_layers(places: list[Place], documents: list[Document]) -> dict[str, gpd.GeoDataFrame]:
    """One GeoDataFrame per layer of ``geo.layerspec``, in its order; places that could not be
    located are left out."""
    by_id = {document.id: document for document in documents}
    frames: dict[str, gpd.GeoDataFrame] = {}
    for layer in layerspec.names():
        rows = [
            feature_row(place, by_id)
            for place in places
            if place.layer == layer and place.resolved
        ]
        rows.sort(key=lambda row: row["id"])
        frame = gpd.GeoDataFrame(rows, columns=[*COLUMNS, "quotes", "geometry"],
                                 geometry="geometry", crs=CRS)
        frames[layer] = frame
    return frames


def hilbert_order(geometry: gpd.GeoSeries) -> np.ndarray:
    """The positions of the rows along a Hilbert curve over the geometries' extent (of each
    geometry, the centre of its bounding box); rows without a geometry last, each group in
    its given order."""
    present = (geometry.notna() & ~geometry.is_empty).to_numpy()
    key = np.full(len(geometry), np.iinfo(np.int64).max, dtype=np.int64)
    if present.any():
        located = geometry[present]
        key[present] = located.hilbert_distance(total_bounds=located.total_bounds)
    return np.argsort(key, kind="stable")
