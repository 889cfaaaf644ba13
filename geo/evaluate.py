"""Score extraction against gold annotations: precision, recall and F1 per layer and overall.

A gold place counts as found when the document has a mention of it in the same layer. Names
are compared through the gazetteer, so an alias or a list item (1、3号线) finds its place; a
name the gazetteer does not know is compared as written (or as completed: 越界智汇园).
A second annotation of the same articles can stand in for the extraction
(``annotated_mentions``): the score is then the annotators' agreement, which tells how well
the task is defined.

Locations are scored the same way against public coordinates (``score_locations``): how far
from the true point the map puts each place, and whether the circle it claims holds it.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from shapely.geometry import Point
from shapely.geometry.base import BaseGeometry
from shapely.ops import nearest_points

from geo import layerspec
from geo.crs import distance_m, to_wgs84
from geo.extract.rules import rules
from geo.gazetteer import Gazetteer
from geo.records import Document, Mention, Place
from geo.textmatch import line_name


@dataclass
class Score:
    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0
    missed: list[str] = field(default_factory=list)
    spurious: list[str] = field(default_factory=list)
    causes: Counter[str] = field(default_factory=Counter)  # errors by CAUSES

    @property
    def precision(self) -> float:
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 1.0

    @property
    def recall(self) -> float:
        gold = self.true_positives + self.false_negatives
        return self.true_positives / gold if gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


# Why a place was missed or a find was false, so the next change is chosen by evidence.
CAUSES = {
    "layer": "the name was found, in another layer",
    "boundary": "a find overlaps the name where the text writes it, with other bounds",
    "missed with suffix": "not found; the name ends in a place suffix the rules know",
    "missed without suffix": "not found; no place suffix ends the name",
    "false find": "a find that is no gold place and overlaps none",
}


def load_gold(path: Path) -> dict[str, list[tuple[str, str]]]:
    """Gold places per document id (file stem): [(name as written, layer)]."""
    data = json.loads(path.read_text(encoding="utf-8"))
    gold: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for place in data["places"]:
        gold[place["document"]].append((place["name"], place["layer"]))
    return gold


def annotated_mentions(documents: list[Document], annotation: dict[str, list[tuple[str, str]]],
                       gazetteer: Gazetteer) -> list[Mention]:
    """An annotation's places as mentions, under the names it gives them; each spans the
    name's first occurrence, or nothing where the text writes it otherwise (3号线 of 3、7号线)."""
    mentions = []
    for document in documents:
        for name, layer in annotation.get(document.id, []):
            start = max(document.text.find(name), 0)
            end = start + len(name) if document.text.startswith(name, start) else start
            entry = gazetteer.lookup(name, document.city)
            mentions.append(Mention(
                document=document.id, name=document.text[start:end], start=start, end=end,
                sentence="", sentence_start=start, place_id=entry.id if entry else None,
                canonical=name, layer=layer))  # type: ignore[arg-type]
    return mentions


def evaluate(documents: list[Document], mentions: list[Mention],
             gold: dict[str, list[tuple[str, str]]], gazetteer: Gazetteer) -> dict[str, Score]:
    layers = layerspec.names()
    scores = {layer: Score() for layer in (*layers, "overall")}
    by_document: dict[str, list[Mention]] = defaultdict(list)
    for mention in mentions:
        by_document[mention.document].append(mention)
    for document in documents:
        # One predicted item per place (or unknown name) and layer, with every name it went by.
        predicted: dict[tuple[str, str], set[str]] = defaultdict(set)
        written: dict[tuple[str, str], str] = {}  # the name a false find is reported by
        spans: dict[tuple[str, str], list[tuple[int, int]]] = defaultdict(list)
        for mention in by_document[document.id]:
            key = (mention.place_id or mention.full_name, mention.layer or "other")
            predicted[key] |= {key[0], mention.name, line_name(mention.full_name)}
            written.setdefault(key, mention.name or mention.full_name)
            spans[key].append((mention.start, mention.end))
        used: set[tuple[str, str]] = set()
        wrong_layer: set[tuple[str, str]] = set()
        gold_items = sorted(set(gold.get(document.id, [])))
        gold_spans = [span for name, _ in gold_items for span in _occurrences(document.text,
                                                                               name)]
        for name, layer in gold_items:
            keys = _keys(name, layer, document.city, gazetteer)
            named = [item for item, names in predicted.items() if keys & names]
            hit = next((item for item in named if item[1] == layer), None)
            for score in (scores[layer], scores["overall"]):
                if hit:
                    score.true_positives += 1
                else:
                    score.false_negatives += 1
                    score.missed.append(f"{document.id}: {name}")
                    score.causes[_miss_cause(document.text, name, named, spans)] += 1
            if hit:
                used.add(hit)
            else:
                wrong_layer.update(named)  # a find in another layer: a false one as well
        for item in sorted(set(predicted) - used):
            if item[1] not in layers:
                continue
            overlaps = any(s < ge and gs < e for s, e in spans[item] for gs, ge in gold_spans)
            for score in (scores[item[1]], scores["overall"]):
                score.false_positives += 1
                score.spurious.append(f"{document.id}: {written[item]}")
                score.causes["layer" if item in wrong_layer else
                             "boundary" if overlaps else "false find"] += 1
    return scores


def _keys(name: str, layer: str, city: str | None, gazetteer: Gazetteer) -> set[str]:
    """What a gold place may be found as: its name, its line (三号线 is 3号线), its gazetteer
    entry; and a station written without 站 (清河营、勇士营) as the station with it."""
    names = {name, line_name(name)}
    if layer == "transit" and not name.endswith(("站", "线")):
        names.add(f"{name}站")
    entries = {gazetteer.lookup(each, city) for each in names}
    return names | {entry.id for entry in entries if entry is not None}


def _occurrences(text: str, name: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(re.escape(name), text)] if name else []


def _miss_cause(text: str, name: str, named: list[tuple[str, str]],
                spans: dict[tuple[str, str], list[tuple[int, int]]]) -> str:
    """Why the gold ``name`` was missed: found in another layer, found with other bounds, or
    not found (with or without a suffix the rules know)."""
    if named:
        return "layer"
    occurrences = _occurrences(text, name)
    if any(s < oe and os < e for found in spans.values() for s, e in found
           for os, oe in occurrences):
        return "boundary"
    suffixed = name.endswith(tuple(rules().suffixes))
    return "missed with suffix" if suffixed else "missed without suffix"


def report(scores: dict[str, Score]) -> str:
    lines = [f"{'layer':<10}{'precision':>10}{'recall':>8}{'F1':>7}{'TP':>5}{'FP':>5}{'FN':>5}"]
    for layer, s in scores.items():
        lines.append(f"{layer:<10}{s.precision:>10.3f}{s.recall:>8.3f}{s.f1:>7.3f}"
                     f"{s.true_positives:>5}{s.false_positives:>5}{s.false_negatives:>5}")
    overall = scores.get("overall")
    if overall is not None and overall.causes:
        lines.append("errors by cause:")
        for cause in CAUSES:
            lines.append(f"  {cause:<22}{overall.causes[cause]:>5}  {CAUSES[cause]}")
    return "\n".join(lines)


@dataclass(frozen=True)
class Located:
    """One place with a public location, and how far the map puts it from there."""

    document: str
    name: str
    layer: str
    place_id: str | None  # the map's place, None when extraction missed it
    error_m: float | None  # from the true point to the mapped geometry; None: not on the map
    precision_m: float | None  # the circle the map claims
    method: str | None

    @property
    def honest(self) -> bool | None:
        """Whether the true location lies inside the claimed circle (None: not on the map)."""
        if self.error_m is None:
            return None
        return self.error_m <= (self.precision_m or 0.0)


def load_truth(path: Path) -> list[dict]:
    """Public locations ({"places": [{document, name, layer, lon, lat, datum, source}]}),
    in WGS-84."""
    rows = json.loads(path.read_text(encoding="utf-8"))["places"]
    for row in rows:
        row["lon"], row["lat"] = to_wgs84(float(row["lon"]), float(row["lat"]),
                                          row.get("datum") or "WGS-84")
    return rows


def error_m(geometry: BaseGeometry, lon: float, lat: float) -> float:
    """Metres from the point to the nearest part of the geometry."""
    nearest, _ = nearest_points(geometry, Point(lon, lat))
    return distance_m(nearest.x, nearest.y, lon, lat)


def score_locations(documents: list[Document], places: list[Place], truth: list[dict],
                    gazetteer: Gazetteer) -> list[Located]:
    """Each true location against the place the map shows for it in its article."""
    cities = {document.id: document.city for document in documents}
    in_document: dict[str, list[tuple[set[str], Place]]] = defaultdict(list)
    for place in places:
        for document in {mention.document for mention in place.mentions}:
            names = {place.id, place.name}
            for mention in place.mentions:
                if mention.document == document:
                    names |= {mention.name, mention.full_name, line_name(mention.full_name)}
            in_document[document].append((names, place))
    results = []
    for row in truth:
        entry = gazetteer.lookup(row["name"], cities.get(row["document"]))
        keys = {row["name"], line_name(row["name"])} | ({entry.id} if entry else set())
        place = next((p for names, p in in_document[row["document"]]
                      if keys & names and p.layer == row["layer"]), None)
        mapped = place is not None and place.geometry is not None
        results.append(Located(
            row["document"], row["name"], row["layer"], place.id if place else None,
            error_m(place.geometry, row["lon"], row["lat"]) if mapped else None,
            place.precision_m if mapped else None,
            place.location_method if mapped else None))
    return results


def location_report(results: list[Located]) -> str:
    """The share within 250 m, 1 km and 5 km (of every place with a public location), the
    median error and the share of honest circles (of the places on the map)."""
    total = len(results)
    mapped = [r for r in results if r.error_m is not None]
    missed = sum(1 for r in results if r.place_id is None)
    errors = sorted(r.error_m for r in mapped if r.error_m is not None)
    lines = [f"places with a public location: {total}; on the map: {len(mapped)}; "
             f"not on the map: {total - len(mapped)} ({missed} not found in the text)"]
    for limit in (250, 1000, 5000):
        within = sum(1 for e in errors if e <= limit)
        lines.append(f"within {limit:>4} m: {within:>4} = {within / total if total else 0:.0%}")
    if errors:
        middle = len(errors) // 2
        median = errors[middle] if len(errors) % 2 else (errors[middle - 1] + errors[middle]) / 2
        honest = sum(1 for r in mapped if r.honest)
        lines.append(f"median error: {median:,.0f} m; honest (true point inside the claimed "
                     f"circle): {honest} of {len(mapped)} = {honest / len(mapped):.0%}")
    return "\n".join(lines)
