"""The articles and the facts they state, as tables that join to the layers.

``articles``: one row per article read, with its metadata and how many mapped places it
names, so a GIS user can filter features by publisher or date through ``mentions.csv``.
``facts``: one row per date, area, sum of money or count an article states in a sentence
naming a place, keyed by the feature's ``id`` (``place_id``) and the article (``document``):
the numbers the popups quote, for QGIS and pandas to filter and sum.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from geo import layerspec
from geo.csvcells import neutral_row
from geo.records import Document, Place

ARTICLE_COLUMNS = ["document", "file", "title", "publisher", "date", "city", "url", "places"]
FACT_COLUMNS = ["place_id", "document", "kind", "text", "value", "sentence"]


def article_rows(documents: Iterable[Document], places: Iterable[Place]) -> list[dict]:
    """Each article with its metadata and the number of mapped places it names."""
    mapped = set(layerspec.names())
    named: dict[str, set[str]] = {}
    for place in places:
        if place.layer in mapped:
            for mention in place.mentions:
                named.setdefault(mention.document, set()).add(place.id)
    return [{"document": d.id, "file": d.path.name, "title": d.title,
             "publisher": d.publisher or "", "date": d.date or "", "city": d.city or "",
             "url": d.url or "", "places": len(named.get(d.id, ()))} for d in documents]


def fact_rows(places: Iterable[Place]) -> list[dict]:
    """Each fact stated in a sentence naming a mapped place, once per place, article and
    fact; ``value`` is the normalised one (ISO date, square metres, yuan, count) as text."""
    mapped = set(layerspec.names())
    rows, seen = [], set()
    for place in sorted(places, key=lambda p: p.id):
        if place.layer not in mapped:
            continue
        for mention in place.mentions:
            for fact in mention.facts:
                key = (place.id, mention.document, fact.kind, fact.text)
                if key in seen:
                    continue
                seen.add(key)
                value = fact.value
                if isinstance(value, float):
                    value = f"{value:.0f}" if value.is_integer() else f"{value:g}"
                rows.append({"place_id": place.id, "document": mention.document,
                             "kind": fact.kind, "text": fact.text,
                             "value": "" if value is None else str(value),
                             "sentence": mention.sentence})
    return rows


def write_table_csv(rows: list[dict], columns: list[str], path: Path) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow(neutral_row([row[column] for column in columns]))
    return path


def attribute_tables(articles: list[dict], facts: list[dict]) -> dict[str, pd.DataFrame]:
    """The attribute tables of the GeoPackage, from ``article_rows`` and ``fact_rows``."""
    return {"articles": pd.DataFrame(articles, columns=ARTICLE_COLUMNS),
            "facts": pd.DataFrame(facts, columns=FACT_COLUMNS)}
