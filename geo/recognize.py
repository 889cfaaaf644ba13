"""Recognise place names that no gazetteer entry knows, from their shape.

A name is a run of name characters ending in a place suffix (公园, 站, 科创园, 街道 …; adjacent
suffixes join: 桂林公园站). It starts after the last stop word before the suffix (的, 位于, 打造
…), unless that word is really the start of a longer dictionary word (同 in 同济). Lists share
their kind: in 长阳创谷、互联宝地、城市概念园 the middle item is a site too, and in 越界、博济智汇园
the short item borrows the suffix (越界智汇园). Regular expressions find the candidates, so this
runs over large corpora; jieba's dictionary is consulted only at candidate boundaries.
"""

from __future__ import annotations

import bisect
import itertools
import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from geo.classify import SUFFIX_KEYS
from geo.textmatch import NameMatcher

LIST_SEPARATORS = "、和及与"
MIN_WORD_FREQ = 100  # jieba dictionary frequency for a word to count at a boundary


@dataclass(frozen=True)
class Candidate:
    start: int
    end: int
    canonical: str | None = None  # the full name, when the text abbreviates it


@lru_cache(maxsize=1)
def _config() -> tuple[dict, dict]:
    data = resources.files("geo.data")
    with data.joinpath("recognize.toml").open("rb") as handle:
        names = tomllib.load(handle)["names"]
    with data.joinpath("rules.toml").open("rb") as handle:
        layers = tomllib.load(handle)["layer"]
    return names, layers


def all_suffixes(layers: dict) -> list[str]:
    found = {s for rule in layers.values() for key in SUFFIX_KEYS for s in rule.get(key, [])}
    return sorted(found, key=lambda s: (-len(s), s))


PROPER_TAGS = {"ns", "nr", "nz", "nt", "nrt", "nrfg", "eng"}


@lru_cache(maxsize=1)
def _dictionary() -> tuple[dict[str, int], dict[str, str]]:
    """jieba's word frequencies and part-of-speech tags, loaded once; its segmenter never runs."""
    import logging

    import jieba
    import jieba.posseg

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return jieba.dt.FREQ, jieba.posseg.dt.word_tag_tab


class Recognizer:
    def __init__(self) -> None:
        names, layers = _config()
        self.suffixes = all_suffixes(layers)
        self.suffix_layer = {suffix: layer for layer, rule in layers.items()
                             for key in SUFFIX_KEYS for suffix in rule.get(key, [])}
        self.suffix_matcher = NameMatcher(self.suffixes)
        self.suffix_tuple = tuple(self.suffixes)
        name_chars = f"[\u3400-\u9fff{names['extra_chars']}]"
        self.name_char = re.compile(name_chars)
        # The run of name characters that ends where the search window ends.
        self.name_tail = re.compile(f"{name_chars}+\\Z")
        self.max_length = int(names["max_length"])
        stops = sorted(names["stop_words"], key=lambda s: (-len(s), s))
        self.stop_re = re.compile("|".join(map(re.escape, stops)))
        self.not_places = set(names["not_places"])
        self.not_place_endings = tuple(names["not_place_endings"])
        self.not_after = tuple(names["not_after"])
        self.strip_prefixes = tuple(names["strip_prefixes"])
        self.modifiers = set(names["modifier_chars"])
        self.words, self.tags = _dictionary()
        self.districts = frozenset(district_names())

    def candidates(self, text: str, taken: list[tuple[int, int]] = ()) -> list[Candidate]:
        """Place-shaped names in ``text`` that do not overlap the ``taken`` spans."""
        # This loop runs for every suffix in a corpus: the cheap tests that only look at the
        # suffix come first, and no test runs twice.
        found: list[tuple[int, int, str]] = []  # (start, end, last suffix)
        spans = Spans(taken)
        ends = sorted(end for _, end in taken)
        words, not_places, size = self.words, self.not_places, len(text)
        for start, end, first, last_suffix in self._suffix_chains(text):
            # The suffix's last character begins a longer word (站点, 湾区, 路线).
            if end < size and (words.get(text[end - 1:end + 1], 0) >= MIN_WORD_FREQ or (
                    end + 1 < size and words.get(text[end - 1:end + 2], 0) >= MIN_WORD_FREQ)):
                continue
            last = end - len(last_suffix)
            if self._inside_word(text, last):
                continue
            # A name never reaches back over an earlier name (18号线上海财经大学站).
            before = bisect.bisect_right(ends, start)
            floor = ends[before - 1] if before else 0
            if found and found[-1][1] > floor:
                floor = found[-1][1]
            name_start = self._name_start(text, start, floor, first)
            if name_start is None or self._generic(text[name_start:last]):
                continue
            name = text[name_start:end]
            if name in not_places or name.endswith(self.not_place_endings):
                continue
            if spans.overlaps(name_start, end) or text.endswith(self.not_after, 0, name_start):
                continue
            found.append((name_start, end, last_suffix))
        candidates = [Candidate(start, end) for start, end, _ in found]
        candidates.extend(self._list_items(text, found, taken))
        return sorted(candidates, key=lambda c: c.start)

    def _suffix_chains(self, text: str):
        """(start, end, first suffix, last suffix) of each run of adjacent suffixes."""
        chain: list | None = None
        for start, end, suffix in self.suffix_matcher.find(text):
            if chain and chain[1] == start:
                chain[1], chain[3] = end, suffix  # 公园 + 站: one name
                continue
            if chain:
                yield tuple(chain)
            chain = [start, end, suffix, suffix]
        if chain:
            yield tuple(chain)

    def _name_start(self, text: str, suffix_start: int, floor: int, suffix: str) -> int | None:
        """Where the name ending in the suffix at ``suffix_start`` begins, or None if nowhere."""
        limit = max(floor, suffix_start - self.max_length)
        run = self.name_tail.search(text, limit, suffix_start)
        if run is None:
            return None
        start = run.start()
        # The name starts after the last stop word that is not the start of a longer word.
        for stop in reversed(list(self.stop_re.finditer(text, start, suffix_start))):
            if not self._starts_word(text, stop.start(), stop.end(), suffix_start):
                start = stop.end()
                break
        if suffix_start - start > 2 and text.startswith(self.strip_prefixes, start):
            start += 1
        district_end = self._district_end(text, start, suffix_start)
        if district_end is not None and suffix_start - district_end >= 2:
            start = district_end  # 浦东新区航头站 is 航头站
        prefix_length = suffix_start - start
        if prefix_length < (2 if len(suffix) == 1 else 1):
            return None
        if len(suffix) == 1 and text[start:suffix_start].isdigit():
            return None
        return start

    def _district_end(self, text: str, start: int, stop: int) -> int | None:
        """The end of the longest district name at ``start`` that ends by ``stop``, if any."""
        end = stop
        while True:
            end = max(text.rfind("区", start, end), text.rfind("县", start, end))
            if end < start:
                return None
            if text[start:end + 1] in self.districts:
                return end + 1

    def _starts_word(self, text: str, position: int, stop_end: int, limit: int) -> bool:
        """True when a dictionary word starts at ``position`` and runs past the stop word
        there (``stop_end``)."""
        words = self.words
        for end in range(stop_end + 1, min(limit, position + 4) + 1):
            if words.get(text[position:end], 0) >= MIN_WORD_FREQ:
                return True
        return False

    def _inside_word(self, text: str, suffix_start: int) -> bool:
        """True when a one-character suffix ends an ordinary word (思路, 道路, 车站)."""
        if text[suffix_start] not in "路街站湾港岛镇坊厂园":
            return False
        word = text[suffix_start - 1:suffix_start + 1]
        return (self.words.get(word, 0) >= MIN_WORD_FREQ * 10
                and self.tags.get(word) not in PROPER_TAGS)

    def _generic(self, prefix: str) -> bool:
        """True when the words before the suffix are all common words (社区活力, 老旧, 健身):
        a description, not a name. A name has a place word or proper noun (长阳, 纽约), an
        unknown word, two or more lone characters in a row (梦清), letters or digits (LOFT49),
        or ends in a place suffix itself (蝴蝶湾 + 公园)."""
        if prefix.endswith(self.suffix_tuple):
            return False
        position, lone_run = 0, 0
        while position < len(prefix):
            if prefix[position].isascii() and prefix[position].isalnum():
                return False
            for length in (4, 3, 2, 1):
                token = prefix[position:position + length]
                # jieba also stores every word's prefixes, with frequency 0
                if len(token) == length and (length == 1 or self.words.get(token, 0) > 0):
                    break
            tag = self.tags.get(token)
            if len(token) > 1 and (tag is None or tag in PROPER_TAGS):
                return False
            lone_run = lone_run + 1 if len(token) == 1 and token not in self.modifiers else 0
            if lone_run >= 2 or (len(token) == 1 and tag in PROPER_TAGS):
                return False
            position += len(token)
        return True

    def _list_items(self, text: str, found: list[tuple[int, int, str]],
                    taken) -> list[Candidate]:
        """Items listed with a recognised name (A、B、C) that have no suffix of their own;
        ``found`` holds the recognised names as (start, end, suffix)."""
        known = {(start, end) for start, end, _ in found} | set(taken)
        extra: list[Candidate] = []
        for found_start, found_end, suffix in found:
            if found_start == 0 or text[found_start - 1] not in LIST_SEPARATORS:
                continue
            candidate = Candidate(found_start, found_end)
            position = candidate.start
            while position > 0 and text[position - 1] in LIST_SEPARATORS:
                item_end = position - 1
                item_start = item_end
                while item_start > 0 and self.name_char.match(text, item_start - 1):
                    item_start -= 1
                stops = list(self.stop_re.finditer(text, item_start, item_end))
                if stops:
                    item_start = stops[-1].end()
                if not 2 <= item_end - item_start <= self.max_length:
                    break
                if any(s <= item_start < e or s < item_end <= e for s, e in known):
                    break
                own = next((x for x in self.suffixes
                            if text.endswith(x, item_start, item_end)), None)
                if own and self.suffix_layer[own] != self.suffix_layer[suffix]:
                    break  # 人工湿地 listed with 梦清馆: not the same kind of place
                extra.append(Candidate(item_start, item_end))
                known.add((item_start, item_end))
                position = item_start
            self._share_suffix(text, candidate, suffix, extra)
        return extra

    def _share_suffix(self, text: str, last: Candidate, suffix: str,
                      items: list[Candidate]) -> None:
        """越界、博济、开伦智汇园: when every item is two characters, they share the suffix."""
        chain = []
        position = last.start
        for item in sorted(items, key=lambda c: -c.start):
            if item.end == position - 1 and text[item.end] in LIST_SEPARATORS:
                chain.append(item)
                position = item.start
        head = text[last.start:last.end - len(suffix)]
        if chain and len(head) == 2 and all(c.end - c.start == 2 for c in chain):
            for item in chain:
                items[items.index(item)] = Candidate(
                    item.start, item.end, text[item.start:item.end] + suffix)


@lru_cache(maxsize=1)
def recognizer() -> Recognizer:
    """The shared recognizer (its dictionary and patterns take a second to build)."""
    return Recognizer()


def district_names() -> list[str]:
    """County-level division names (…区, …县) from the registry."""
    from geo.admin import registry

    return [name for name, divisions in registry().by_name.items()
            if any(d.level == "district" for d in divisions) and name[-1] in "区县"]


class Spans:
    """Taken spans, for asking quickly whether a new span overlaps any of them."""

    def __init__(self, spans: Iterable[tuple[int, int]]):
        ordered = sorted(spans)
        self.starts = [start for start, _ in ordered]
        # reach[i]: the furthest end among the first i + 1 spans
        self.reach = list(itertools.accumulate((end for _, end in ordered), max))

    def overlaps(self, start: int, end: int) -> bool:
        index = bisect.bisect_left(self.starts, end)  # spans from here on start at/after end
        return index > 0 and self.reach[index - 1] > start
