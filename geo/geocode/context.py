"""Locating from context: what an article's sentences say about where a place they name is.

Evidence is taken only where the article states it, and never read as more precise than it
is: a station the sentence puts the place beside (X站旁, 靠近X站; ``[near]`` in rules.toml),
the one town or street the sentence names (a sentence naming several, as a line through them
does, says not which is whose), the district the sentence names or the only one the article
names (a district named sentences before, among others, is no evidence).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from geo.extract.rules import rules
from geo.gazetteer import Gazetteer
from geo.records import Mention

Sentence = tuple[str, int]  # (document, sentence offset)


@dataclass(frozen=True)
class Context:
    towns: dict[Sentence, str]  # the one town or street a sentence names
    stations: dict[Sentence, tuple[str, str]]  # a station a sentence puts something beside
    districts: dict[str, set[str]]  # the districts each document names

    @classmethod
    def of(cls, mentions: list[Mention], gazetteer: Gazetteer) -> Context:
        near = rules().near
        towns: dict[Sentence, set[str]] = defaultdict(set)
        stations: dict[Sentence, tuple[str, str]] = {}
        districts: dict[str, set[str]] = defaultdict(set)
        for mention in mentions:
            entry = gazetteer.entries.get(mention.place_id or "")
            if entry is None:
                continue
            sentence = (mention.document, mention.sentence_start)
            if entry.kind in ("subdistrict", "town"):
                towns[sentence].add(entry.name)
            elif entry.kind == "district":
                districts[mention.document].add(entry.name)
            elif entry.kind == "station":
                words = _beside(mention, near.after, near.before)
                if words:
                    stations.setdefault(sentence, (entry.id, words))
        return cls({key: next(iter(names)) for key, names in towns.items() if len(names) == 1},
                   stations, dict(districts))

    def town_of(self, mentions: list[Mention]) -> str | None:
        named = Counter(self.towns.get((m.document, m.sentence_start)) for m in mentions)
        named.pop(None, None)
        return named.most_common(1)[0][0] if named else None

    def station_beside(self, mentions: list[Mention]) -> tuple[str, str] | None:
        """(station id, the words that say so) of the first sentence that puts it beside one."""
        return next((self.stations[(m.document, m.sentence_start)] for m in mentions
                     if (m.document, m.sentence_start) in self.stations), None)

    def district_of(self, mentions: list[Mention]) -> str | None:
        stated = Counter(m.district for m in mentions if m.district and self._stated(m))
        return stated.most_common(1)[0][0] if stated else None

    def _stated(self, mention: Mention) -> bool:
        """Whether the article states the mention's district: its sentence names it (宝山区 or
        宝山), or it is the only district the article names."""
        name = mention.district or ""
        short = name[:-2] if name.endswith("新区") else name[:-1]
        if name in mention.sentence or (len(short) >= 2 and short in mention.sentence):
            return True
        named = self.districts.get(mention.document)
        return named is None or named == {name}


def _beside(mention: Mention, after: tuple[str, ...], before: tuple[str, ...]) -> str:
    """The words that put something beside the station ``mention`` names (江苏路站旁), or ""."""
    start = mention.start - mention.sentence_start
    end = start + len(mention.name)
    sentence = mention.sentence
    cue = next((word for word in after if sentence.startswith(word, end)), "")
    lead = next((word for word in before if sentence.endswith(word, 0, start)), "")
    return sentence[start - len(lead):end + len(cue)] if cue or lead else ""
