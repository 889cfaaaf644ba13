"""Score extraction against gold annotations: precision, recall and F1 per layer and overall.

A gold place counts as found when the document has a mention of it in the same layer. Names
are compared through the gazetteer, so an alias or a list item (1、3号线) finds its place; a
name the gazetteer does not know is compared as written (or as completed: 越界智汇园).
A second annotation of the same articles can stand in for the extraction
(``annotated_mentions``): the score is then the annotators' agreement, which tells how well
the task is defined.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from geo import layerspec
from geo.gazetteer import Gazetteer
from geo.records import Document, Mention
from geo.textmatch import line_name


@dataclass
class Score:
    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0
    missed: list[str] = field(default_factory=list)
    spurious: list[str] = field(default_factory=list)

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
        if mention.layer in layers:
            by_document[mention.document].append(mention)
    for document in documents:
        # One predicted item per place (or unknown name) and layer, with every name it went by.
        predicted: dict[tuple[str, str], set[str]] = defaultdict(set)
        written: dict[tuple[str, str], str] = {}  # the name a false find is reported by
        for mention in by_document[document.id]:
            key = (mention.place_id or mention.full_name, mention.layer)
            predicted[key] |= {key[0], mention.name, line_name(mention.full_name)}
            written.setdefault(key, mention.name or mention.full_name)
        used: set[tuple[str, str]] = set()
        for name, layer in sorted(set(gold.get(document.id, []))):
            entry = gazetteer.lookup(name, document.city)
            # 三号线 in the gold is 3号线 found
            keys = {name, line_name(name), entry.id if entry else name}
            hit = next((item for item, names in predicted.items()
                        if item[1] == layer and keys & names),
                       None)
            for score in (scores[layer], scores["overall"]):
                if hit:
                    score.true_positives += 1
                else:
                    score.false_negatives += 1
                    score.missed.append(f"{document.id}: {name}")
            if hit:
                used.add(hit)
        for item in sorted(set(predicted) - used):
            for score in (scores[item[1]], scores["overall"]):
                score.false_positives += 1
                score.spurious.append(f"{document.id}: {written[item]}")
    return scores


def report(scores: dict[str, Score]) -> str:
    lines = [f"{'layer':<10}{'precision':>10}{'recall':>8}{'F1':>7}{'TP':>5}{'FP':>5}{'FN':>5}"]
    for layer, s in scores.items():
        lines.append(f"{layer:<10}{s.precision:>10.3f}{s.recall:>8.3f}{s.f1:>7.3f}"
                     f"{s.true_positives:>5}{s.false_positives:>5}{s.false_negatives:>5}")
    return "\n".join(lines)
