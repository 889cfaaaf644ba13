"""Lists in recognition (``geo.extract.recognize``): what the items of A、B、C share.

An item without a suffix of its own is like the recognised name it is listed with (in
长阳创谷、互联宝地、城市概念园 the middle item is a site too) or like the kind the list ends in
(A、B等园区; 设A、B、C5站 names stations without 站). Two-character items share the last item's
suffix (越界、博济智汇园: 越界智汇园), and names of common words listed next to names of their
kind are names too (苕溪锦绣公园、印象公园).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from geo.extract.rules import Rules
from geo.textmatch import NameMatcher

COUNT = r"(?:[0-9]+|[一二两三四五六七八九十]+)"
# How far before an item's longest name its run is read for stop words (the longest is 4).
ITEM_REACH = 8


@dataclass(frozen=True)
class Candidate:
    start: int
    end: int
    canonical: str | None = None  # the full name, when the text abbreviates it
    like: str | None = None  # for a list item: the name or kind (园区) it is listed like


class Runs:
    """Where the run of name characters before a position starts, read backwards on demand
    (most runs are never asked about)."""

    def __init__(self, text: str, pattern: re.Pattern[str]):
        self.reversed = text[::-1]
        self.size = len(text)
        self.pattern = pattern

    def start_of(self, end: int, reach: int | None = None) -> int:
        """Where the run holding the character before ``end`` starts (``end`` if none does),
        looked for at most ``reach`` characters back: a name is short, and reading a whole
        long run back from each of its names would take quadratic time."""
        position = self.size - end
        run = self.pattern.match(self.reversed, position,
                                 self.size if reach is None else position + reach)
        return self.size - run.end() if run else end


class Known:
    """The spans of names already found, for asking in constant time whether an item starts
    or ends inside one (a search through all of them for each item took quadratic time)."""

    def __init__(self, spans: Iterable[tuple[int, int]]):
        self.spans: set[tuple[int, int]] = set()
        self._inside: set[int] = set()  # positions p with s <= p < e for a span (s, e)
        self._ends_inside: set[int] = set()  # positions p with s < p <= e
        for start, end in spans:
            self.add(start, end)

    def add(self, start: int, end: int) -> None:
        self.spans.add((start, end))
        self._inside.update(range(start, end))
        self._ends_inside.update(range(start + 1, end + 1))

    def cuts(self, start: int, end: int) -> bool:
        """Whether the span start:end begins or ends inside a known one."""
        return start in self._inside or end in self._ends_inside

    def __contains__(self, span: object) -> bool:
        return span in self.spans


@dataclass(frozen=True, eq=False)
class NamePatterns:
    """The rules' vocabulary of names compiled once, for the recognizer and the list reader:
    suffixes and their layers, the characters of a name, and the words that end its start."""

    suffixes: list[str]  # longest first
    suffix_tuple: tuple[str, ...]
    suffix_layer: dict[str, str]
    suffix_matcher: NameMatcher
    name_runs: re.Pattern[str]
    stop_re: re.Pattern[str]
    max_length: int

    @classmethod
    def compile(cls, rules: Rules) -> NamePatterns:
        names = rules.names
        stops = sorted([*names.stop_words, *names.side_words], key=lambda s: (-len(s), s))
        return cls(
            suffixes=rules.suffixes,
            suffix_tuple=tuple(rules.suffixes),
            suffix_layer=rules.suffix_layer,
            suffix_matcher=NameMatcher(rules.suffixes),
            name_runs=re.compile(f"[\u3400-\u9fff{names.extra_chars}]+"),
            # a measure word ends a name's start only after a numeral or a determiner
            stop_re=re.compile("|".join(map(re.escape, stops))
                               + f"|(?<=[{names.counting_chars}])[{names.measure_words}]"),
            max_length=names.max_length,
        )


class ListReader:
    """The list rules, over the recognizer's compiled names; ``has_verb`` tells whether words
    hold a common verb or an adverb (a clause, not an item)."""

    def __init__(self, patterns: NamePatterns, rules: Rules, has_verb: Callable[[str], bool]):
        self.suffixes = patterns.suffixes
        self.suffix_tuple = patterns.suffix_tuple
        self.suffix_layer = patterns.suffix_layer
        self.suffix_matcher = patterns.suffix_matcher
        self.name_runs = patterns.name_runs
        self.stop_re = patterns.stop_re
        self.max_length = patterns.max_length
        self._has_verb = has_verb
        self.organisations = rules.names.organisation_endings
        self.name_stop_chars = rules.names.name_stop_chars  # also in names: 和 in 小和山
        self.station_word = rules.names.station_word
        self.separators = rules.lists.separators
        self.ends = rules.lists.ends  # what may follow an item inside a list
        # The end of a list that says what its items are: A、B等园区, A、B等一批街区, and for
        # stations named without 站 also a count: 设A、B、C5站.
        kinds = "|".join(map(re.escape, self.suffixes))
        amounts = "|".join([COUNT, *map(re.escape, rules.lists.kind_amounts)])
        measures = re.escape(rules.lists.kind_measure_words)
        # The count starts where its numerals start: in a run of digits, each later start
        # would read the rest of the run again (quadratic time on hostile text).
        self.list_end = re.compile(rf"等(?:{amounts})?[{measures}]?(?P<kind>{kinds})"
                                   rf"|(?<![0-9一二两三四五六七八九十]){COUNT}座?(?P<counted>站)")

    def starts_item(self, text: str, item_start: int, stop: re.Match[str]) -> bool:
        """Whether ``stop`` is one of the stop words that are also in names, among the first
        two characters of an item after 、, where it is part of the name (、同协路站,
        、小和山站)."""
        return (stop.group() in self.name_stop_chars and stop.start() - item_start <= 1
                and text[item_start - 1:item_start] == "、")

    def _run_start(self, runs: Runs, item_end: int) -> int:
        """Where the run of name characters before ``item_end`` starts, looked for no further
        back than an item can reach: an item is at most ``max_length`` characters after its
        last stop word, so a longer run (1站1站1站…) is no item either way, and reading it
        whole for each item would take quadratic time."""
        return runs.start_of(item_end, self.max_length + ITEM_REACH)

    def _item_stops(self, text: str, item_start: int, item_end: int) -> list[re.Match[str]]:
        """The stop words inside an item that may cut it: all but those in its name."""
        return [stop for stop in self.stop_re.finditer(text, item_start, item_end)
                if not self.starts_item(text, item_start, stop)]

    def listed_with_names(self, text: str, found: list[tuple[int, int, str]],
                           common: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
        """Names of common words listed right next to a name of the same kind
        (苕溪锦绣公园、溪水石滩公园、印象公园): a list of names, not of descriptions."""
        layer = self.suffix_layer
        ends = {(end, layer[suffix]) for _, end, suffix in found}
        starts = {(start, layer[suffix]) for start, _, suffix in found}
        accepted: list[tuple[int, int, str]] = []
        pending = list(common)
        while pending:
            still = []
            for item in pending:
                start, end, suffix = item
                kind = layer[suffix]
                if (text[start - 1:start] == "、" and (start - 1, kind) in ends) or (
                        text[end:end + 1] == "、" and (end + 1, kind) in starts):
                    accepted.append(item)
                    ends.add((end, kind))
                    starts.add((start, kind))
                else:
                    still.append(item)
            if len(still) == len(pending):
                break
            pending = still
        return accepted

    def list_items(self, text: str, runs: Runs, found: list[tuple[int, int, str]],
                    taken) -> list[Candidate]:
        """Items listed with a recognised name (A、B、C) that have no suffix of their own;
        ``found`` holds the recognised names as (start, end, suffix). Each item is "like" the
        name it is listed with, which gives it its layer."""
        known = Known([*((start, end) for start, end, _ in found), *taken])
        extra: list[Candidate] = []
        for found_start, found_end, suffix in found:
            before = found_start > 0 and text[found_start - 1] in self.separators
            after = text[found_end:found_end + 1] == "、"
            if not (before or after):
                continue
            like = text[found_start:found_end]
            candidate = Candidate(found_start, found_end)
            position = candidate.start
            while position > 0 and text[position - 1] in self.separators:
                item_end = position - 1
                item_start = self._run_start(runs, item_end)
                stops = self._item_stops(text, item_start, item_end)
                if stops:
                    item_start = stops[-1].end()
                if not self._listable(text, item_start, item_end, suffix, known):
                    break
                extra.append(Candidate(item_start, item_end, like=like))
                known.add(item_start, item_end)
                position = item_start
            self._share_suffix(text, candidate, suffix, extra)
            position = found_end
            while text[position:position + 1] == "、":  # items after it: 玉皇村、白沙泉……
                run = self.name_runs.match(text, position + 1)  # too long a run is no item
                if run is None:
                    break
                item_start, item_end = run.start(), run.end()
                stop = self.stop_re.search(text, item_start, item_end)
                if stop:
                    item_end = stop.start()
                    if not text.startswith(self.ends, item_end):
                        break  # 、市民游客纷纷前来: a clause goes on, the list has ended
                item = text[item_start:item_end]
                if self.suffix_matcher.find(item) or self._has_verb(item) or not self._listable(
                        text, item_start, item_end, suffix, known):
                    break  # a suffix of its own: recognised on its own; a verb: a clause
                extra.append(Candidate(item_start, item_end, like=like))
                known.add(item_start, item_end)
                position = item_end
        return extra

    def listed_kinds(self, text: str, runs: Runs, found: list[tuple[int, int, str]],
                      taken) -> tuple[list[Candidate], dict[tuple[int, int], str]]:
        """The items of a list that ends in what they are (A、B等园区; 设A、B5站: stations
        named without 站), each "like" that kind; and the kind of the ``found`` names in such
        a list whose own suffix says nothing (愚园路、武夷路等一批街区: roads, renewed)."""
        known = Known([*((start, end) for start, end, _ in found), *taken])
        own = {(start, end): suffix for start, end, suffix in found}
        listed: list[Candidate] = []
        kind_of: dict[tuple[int, int], str] = {}
        for end_match in self.list_end.finditer(text):
            kind = end_match.group("kind") or end_match.group("counted")
            like = self.station_word if kind == "站" else kind
            items: list[Candidate] = []
            item_end = end_match.start()
            while True:
                item_start = self._run_start(runs, item_end)
                # a stop word that ends the item ends no name (西湘里)
                stops = [stop for stop in self._item_stops(text, item_start, item_end)
                         if stop.end() < item_end]
                if stops:
                    item_start = stops[-1].end()
                span = (item_start, item_end)
                if self._listable(text, item_start, item_end, kind, known):
                    items.append(Candidate(item_start, item_end, like=like))
                elif span not in known:
                    break
                elif span in own and self.suffix_layer[own[span]] == "other":
                    kind_of[span] = like
                if text[item_start - 1:item_start] != "、" or stops:
                    break
                item_end = item_start - 1
            # a count after one name is no list (坐3站); 等 always ends one (西湘里等园区)
            if end_match.group("kind") or item_end < end_match.start():
                listed.extend(items)
                for item in items:
                    known.add(item.start, item.end)
        return listed, kind_of

    def _listable(self, text: str, start: int, end: int, suffix: str, known: Known) -> bool:
        """Whether text[start:end] can be an item listed with a name ending in ``suffix``."""
        if not 2 <= end - start <= self.max_length:
            return False
        if text[start:end].isdigit():
            return False  # a number is the list's numbering (10、富春绿道)
        if known.cuts(start, end):
            return False
        if text[start:end] in self.suffix_layer:  # a bare 公园 is no item
            return False
        if text.endswith(self.organisations, start, end):
            return False
        if not text.endswith(self.suffix_tuple, start, end):
            return True
        own = next(x for x in self.suffixes if text.endswith(x, start, end))  # longest first
        # 人工湿地 listed with 梦清馆: not the same kind of place
        return self.suffix_layer[own] == self.suffix_layer[suffix]

    def _share_suffix(self, text: str, last: Candidate, suffix: str,
                      items: list[Candidate]) -> None:
        """越界、博济、开伦智汇园: when every item is two characters, they share the suffix."""
        chain = []
        position = last.start
        for item in sorted(items, key=lambda c: -c.start):
            if item.end == position - 1 and text[item.end] in self.separators:
                chain.append(item)
                position = item.start
        head = text[last.start:last.end - len(suffix)]
        if chain and len(head) == 2 and all(c.end - c.start == 2 for c in chain):
            for item in chain:
                items[items.index(item)] = Candidate(
                    item.start, item.end, text[item.start:item.end] + suffix, item.like)
