"""Recognise place names that no gazetteer entry knows, from their shape.

A name is a run of name characters ending in a place suffix (公园, 站, 科创园, 街道 …; adjacent
suffixes join: 桂林公园站). It starts after the last stop word before the suffix (的, 位于, 打造
…), unless that word is really the start of a longer dictionary word (同 in 同济). Items of
lists share their kind (``geo.extract.lists``). Regular expressions find the candidates, so
this runs over large corpora; jieba's dictionary is consulted only at candidate boundaries.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterable
from functools import lru_cache

from geo.extract.admin import DIVISION_ENDINGS, registry
from geo.extract.lists import Candidate, ListReader, NamePatterns, Runs
from geo.extract.rules import Rules, rules

MIN_WORD_FREQ = 100  # jieba dictionary frequency for a word to count at a boundary
COMMON_VERB_FREQ = 1000  # rarer "verbs" are often names (申新 in 上海申新纺织第九厂)
START_VERB_FREQ = 2000  # and a name's first word may be a verb that is not much more common
LINE_END = "号线"


@lru_cache(maxsize=1)
def dictionary() -> tuple[dict[str, int], dict[str, str]]:
    """jieba's word frequencies and part-of-speech tags, loaded once; its segmenter never runs."""
    import logging

    import jieba
    import jieba.posseg

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return jieba.dt.FREQ, jieba.posseg.dt.word_tag_tab


class Recognizer:
    def __init__(self, rules: Rules):
        names = rules.names
        patterns = NamePatterns.compile(rules)
        self.suffixes = patterns.suffixes
        self.suffix_layer = patterns.suffix_layer
        self.suffix_matcher = patterns.suffix_matcher
        self.suffix_tuple = patterns.suffix_tuple
        self.name_runs = patterns.name_runs
        self.max_length = patterns.max_length
        self.stop_re = patterns.stop_re
        self.lists = ListReader(patterns, rules, self._has_verb)
        self.soft_stops = frozenset(names.soft_stop_words)
        self.side_words = frozenset(names.side_words)
        self.unjoined = frozenset(names.unjoined_suffixes)
        self.locatives = names.locatives
        self.word_final_suffixes = names.word_final_suffixes
        self.verb_tags = set(names.verb_tags)
        self.start_verb_tags = set(names.start_verb_tags)
        self.clause_tags = set(names.clause_tags)
        self.proper_tags = frozenset(names.proper_tags)
        self.descriptive = re.compile(f"[{''.join(names.descriptive_endings)}]")
        self.name_followers = names.name_followers
        self.common_words = frozenset(names.common_words)
        self.not_places = set(names.not_places)
        self.not_place_endings = names.not_place_endings
        self.not_after = names.not_after
        self.district_areas = names.district_area_words
        self.strip_prefixes = names.strip_prefixes
        self.modifiers = set(names.modifier_chars)
        self.station_word = names.station_word
        self.keep_district = frozenset(names.district_kept_by)
        self.keep_district_if_common = frozenset(names.district_kept_by_common_names)
        self.line_station_layers = frozenset(rules.lines.station_layers)
        self.bullets = rules.lists.bullets
        self.words, self.tags = dictionary()
        self.divisions = registry().full_names
        self.division_ending = re.compile(f"[{DIVISION_ENDINGS}]")

    def candidates(self, text: str, taken: list[tuple[int, int]] = (),
                   districts: frozenset[str] = frozenset()) -> list[Candidate]:
        """Place-shaped names in ``text`` that do not overlap the ``taken`` spans.
        ``districts`` are the short names of the article's city's districts (上城): a name
        that starts with one is the place after it (上城始版桥社区 is 始版桥社区), except a
        station's, and a park's whose other words are common ones: those names keep their
        district (浦东大道站, 静安雕塑公园; but 徐汇华泾公园 is 华泾公园)."""
        # This loop runs for every suffix in a corpus: the cheap tests that only look at the
        # suffix come first, and no test runs twice.
        found: list[tuple[int, int, str]] = []  # (start, end, last suffix)
        common: list[tuple[int, int, str]] = []  # names made only of common words
        prefixes: dict[str, tuple[int, str]] = {}  # an article repeats its names
        spans = Spans(taken)
        runs = Runs(text, self.name_runs)
        ends = sorted(end for _, end in taken)
        words, not_places, size = self.words, self.not_places, len(text)
        for start, end, first, last_suffix in self._suffix_chains(text):
            # The suffix's last character begins a longer word (站点, 湾区, 路线).
            if end < size and text[end] not in self.locatives and (
                    words.get(text[end - 1:end + 1], 0) >= MIN_WORD_FREQ or (
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
            name_start, kind = self._start_and_kind(text, runs, start, floor, first, end, last,
                                                    prefixes)
            if kind != "name" and found and found[-1][1] == floor and self._named_after(
                    text, runs, found[-1], start, last_suffix):
                # 湘湖亚太路 + 沿线公园: a park named after the road it runs along
                road_start = found[-1][0]
                merged = self._start_and_kind(text, runs, start, road_start, first, end, last,
                                              prefixes)
                if merged == (road_start, "name"):
                    found.pop()
                    name_start, kind = merged
            if name_start is None:
                continue
            layer = self.suffix_layer[last_suffix]
            if districts and layer not in self.keep_district:
                after = self._after_short_district(text, name_start, start, districts)
                # a park keeps the district unless the rest is a name of its own (华泾公园)
                if after != name_start and (layer not in self.keep_district_if_common
                                            or self._read_once(text[after:last], prefixes)[1]
                                            == "name"):
                    name_start = after
            if kind == "description" or start - name_start < (2 if end - start == 1 else 1):
                continue
            name = text[name_start:end]
            if name in not_places or name.endswith(self.not_place_endings):
                continue
            if text[name_start:start] in self.divisions:
                continue  # 下城区公园: the district's parks, not one park
            if spans.overlaps(name_start, end) or text.endswith(self.not_after, 0, name_start):
                continue
            if kind == "common" and not (text.startswith(self.name_followers, end)
                                         or self._station_of_line(text, name_start, last_suffix)
                                         or _whole_line(text, name_start, end, self.bullets)):
                common.append((name_start, end, last_suffix))
                continue
            found.append((name_start, end, last_suffix))
        found.extend(self.lists.listed_with_names(text, found, common))
        found.sort()
        kinds, kind_of = self.lists.listed_kinds(text, runs, found, taken)
        candidates = [Candidate(start, end, self._station_name(text, start, end),
                                kind_of.get((start, end))) for start, end, _ in found]
        candidates.extend(kinds)
        # A station the gazetteer knows leads a list of stations written without 站 as a
        # recognised one does (上桥、沙坪坝、冉家坝、重庆北站); other known names do not, as a
        # list of other places is seldom all of one kind (5个老年食堂、南光坊小区).
        stations = [(start, end, "站") for start, end in taken
                    if text.endswith("站", start, end) and "站" in self.suffix_layer]
        candidates.extend(self.lists.list_items(text, runs, sorted(found + stations),
                                           [*taken, *((c.start, c.end) for c in kinds)]))
        return sorted(candidates, key=lambda c: c.start)

    def _start_and_kind(self, text: str, runs: Runs, start: int, floor: int, first: str,
                        end: int, last: int, prefixes: dict[str, tuple[int, str]]
                        ) -> tuple[int | None, str]:
        """Where the name ending in the suffix chain start:end begins, and what its words are
        (see ``_read_prefix``); ``last`` is where the chain's last suffix starts."""
        name_start = self._name_start(text, runs, start, floor, first, end)
        if name_start is None:
            return None, ""
        cut, kind = self._read_once(text[name_start:last], prefixes)
        return name_start + cut, kind

    def _read_once(self, prefix: str, read: dict[str, tuple[int, str]]) -> tuple[int, str]:
        """``_read_prefix(prefix)``, kept in ``read`` (one document's readings)."""
        found = read.get(prefix)
        if found is None:
            found = read[prefix] = self._read_prefix(prefix)
        return found

    def _after_short_district(self, text: str, name_start: int, suffix_start: int,
                              districts: frozenset[str]) -> int:
        """Past a district's short name at ``name_start`` when the name keeps two characters
        of its own before its suffix, they do not name an area of the district, and the short
        name does not begin a longer word (钱塘江金融港湾 is no place in 钱塘区)."""
        for length in (3, 2):
            rest = name_start + length
            if (text[name_start:rest] in districts and suffix_start - rest >= 2
                    and not text.startswith(self.district_areas, rest)
                    and self.words.get(text[name_start:rest + 1], 0) < MIN_WORD_FREQ):
                return rest
        return name_start

    def _named_after(self, text: str, runs: Runs, before: tuple[int, int, str], start: int,
                     suffix: str) -> bool:
        """Whether the name ``before`` (start, end, suffix) is a road or square in the same
        run of name characters as a place suffix at ``start``."""
        layer = self.suffix_layer
        return (layer[before[2]] == "other" and layer[suffix] != "other"
                and runs.start_of(start, start - before[0]) <= before[0])

    def _station_of_line(self, text: str, name_start: int, suffix: str) -> bool:
        """A station named right after its line (1号线姑娘桥站): a name whatever its words."""
        return (self.suffix_layer[suffix] in self.line_station_layers
                and text.endswith(LINE_END, 0, name_start))

    def _station_name(self, text: str, start: int, end: int) -> str | None:
        """爱辉路地铁站 is the station 爱辉路站."""
        word = self.station_word
        if text.endswith(word, start, end) and end - start > len(word):
            return text[start:end - len(word)] + "站"
        return None

    def _suffix_chains(self, text: str):
        """(start, end, first suffix, last suffix) of each run of adjacent suffixes."""
        chain: list | None = None
        for start, end, suffix in self.suffix_matcher.find(text):
            if chain and chain[1] == start:
                if chain[3] + suffix in self.unjoined:
                    continue  # neither part of the name nor a name's end
                chain[1], chain[3] = end, suffix  # 公园 + 站: one name
                continue
            if chain:
                yield tuple(chain)
            chain = [start, end, suffix, suffix]
        if chain:
            yield tuple(chain)

    def _name_start(self, text: str, runs: Runs, suffix_start: int, floor: int, suffix: str,
                    chain_end: int) -> int | None:
        """Where the name ending in the suffix at ``suffix_start`` begins, or None if nowhere.
        ``suffix`` is the first of the suffixes that end at ``chain_end`` (浜 in 封浜站)."""
        joined = chain_end - suffix_start > len(suffix)  # 封 + 浜 + 站: the name is long enough
        start = max(floor, runs.start_of(suffix_start, self.max_length))
        if start >= suffix_start:
            return None
        # The name starts after the last stop word that is not the start of a longer word.
        for stop in reversed(list(self.stop_re.finditer(text, start, suffix_start))):
            if (stop.end() == suffix_start and stop.group() in self.soft_stops
                    and stop.start() - start >= 2):
                continue
            if self.lists.starts_item(text, start, stop):
                continue
            if stop.group() in self.side_words and (
                    stop.end() == suffix_start
                    or text[stop.end():suffix_start] in self.common_words):
                continue
            # after digits a stop word always counts: a measure word there is a count
            # (3个体育公园, 2020年老旧小区) whatever word it would begin (个体, 年老)
            if text[stop.start() - 1:stop.start()].isdigit() or not self._starts_word(
                    text, stop.start(), stop.end(), suffix_start):
                start = stop.end()
                break
        if suffix_start - start > 2 and text.startswith(self.strip_prefixes, start):
            start += 1
        district_end = self._district_end(text, start, suffix_start)
        if district_end is not None and suffix_start - district_end >= (1 if joined else 2):
            start = district_end  # 浦东新区航头站 is 航头站, 嘉定区封浜站 is 封浜站
        prefix_length = suffix_start - start
        if prefix_length < (2 if len(suffix) == 1 and not joined else 1):
            return None
        if len(suffix) == 1 and text[suffix_start - 1].isdigit():
            return None  # a count (闸口5站: five stations), or a bus route (71路)
        return start

    def _district_end(self, text: str, start: int, stop: int) -> int | None:
        """The end of the longest run of division names at ``start`` that ends by ``stop``,
        if any (江苏省昆山市 before 花桥站)."""
        endings = [m.start() for m in self.division_ending.finditer(text, start, stop)]
        while endings:
            end = endings.pop()
            names = text[start:end + 1]
            if self.words.get(text[end:end + 2], 0) >= MIN_WORD_FREQ * 10:
                continue  # 上海市民: the 市 of 市民, not of 上海市
            if names in self.divisions or self._division_run(names):
                return end + 1
        return None

    def _division_run(self, names: str) -> bool:
        """Whether ``names`` is division names one after another (江苏省昆山市)."""
        for cut in range(2, len(names) - 1):
            if names[:cut] in self.divisions and (names[cut:] in self.divisions
                                                  or self._division_run(names[cut:])):
                return True
        return False

    def _starts_word(self, text: str, position: int, stop_end: int, limit: int) -> bool:
        """True when a dictionary word starts at ``position`` and runs past the stop word
        there (``stop_end``)."""
        words = self.words
        for end in range(stop_end + 1, min(limit, position + 4) + 1):
            if words.get(text[position:end], 0) >= MIN_WORD_FREQ:
                return True
        return False

    def _ends_word(self, text: str, position: int) -> bool:
        """True when the character at ``position`` ends a common word (乡村), so a suffix
        there (村) is no suffix."""
        word = text[position - 1:position + 1]
        return word in self.common_words or (self.words.get(word, 0) >= MIN_WORD_FREQ * 10
                                             and self.tags.get(word) not in self.proper_tags)

    def _inside_word(self, text: str, suffix_start: int) -> bool:
        """True when a one-character suffix ends an ordinary word (思路, 道路, 车站, 乡村)."""
        return (text[suffix_start] in self.word_final_suffixes
                and self._ends_word(text, suffix_start))

    def _read_prefix(self, prefix: str) -> tuple[int, str]:
        """Read the words before the suffix: (offset where the name starts within them, kind).

        The name starts after the last common verb or adverb that has more words after it
        (开始尝试改建旧 -> 旧); its first word goes only if it is a very common verb (连接).
        A place suffix at the end of the words counts unless it ends a common word (乡村).
        Kind is "description" when a word describes a type (开放式, 综合性); "common"
        when every word is a common one (社区活力, 印象): a description unless the context
        says otherwise; else "name": a place word or proper noun (长阳, 纽约), an unknown
        word, two or more lone characters in a row (梦清), letters or digits (LOFT49), or a
        place suffix at the end (蝴蝶湾 + 公园)."""
        tokens = self._tokens(prefix)
        cut = 0
        for index in range(len(tokens) - 1):
            _, token, tag = tokens[index]
            # a name may start with a verb (振兴, 临空), but not with a very common one (连接)
            tags, frequent = ((self.verb_tags, COMMON_VERB_FREQ) if index
                              else (self.start_verb_tags, START_VERB_FREQ))
            if len(token) > 1 and self._common(token, tag, tags, frequent):
                cut = index + 1
        start = tokens[cut][0] if cut else 0
        words = tokens[cut:]
        if self.descriptive.search(prefix, start + 1):
            return start, "description"
        if prefix.endswith(self.suffix_tuple) and not self._ends_word(prefix, len(prefix) - 1):
            return start, "name"
        lone_run = 0
        for _, token, tag in words:
            if len(token) > 1 and (tag is None or tag in self.proper_tags):
                return start, "name"
            lone_run = lone_run + 1 if len(token) == 1 and token not in self.modifiers else 0
            if lone_run >= 2 or (len(token) == 1 and tag in self.proper_tags):
                return start, "name"
        return start, "common"

    def _tokens(self, prefix: str) -> list[tuple[int, str, str | None]]:
        """(offset, word, jieba tag) by longest dictionary match; letters and digits are
        tagged "eng"."""
        tokens = []
        position, words, tags = 0, self.words, self.tags
        while position < len(prefix):
            if prefix[position].isascii() and prefix[position].isalnum():
                tokens.append((position, prefix[position], "eng"))
                position += 1
                continue
            for length in (4, 3, 2, 1):
                token = prefix[position:position + length]
                # jieba also stores every word's prefixes, with frequency 0
                if len(token) == length and (length == 1 or words.get(token, 0) > 0
                                             or token in self.common_words):
                    break
            tokens.append((position, token,
                           "n" if token in self.common_words else tags.get(token)))
            position += len(token)
        return tokens

    def _has_verb(self, words: str) -> bool:
        """Whether the words hold a common verb or an adverb: a clause, not a name."""
        return any(self._common(token, tag, self.clause_tags)
                   for _, token, tag in self._tokens(words))

    def _common(self, token: str, tag: str | None, tags: set[str],
                least: int = COMMON_VERB_FREQ) -> bool:
        """A frequent word with one of ``tags``; rarer ones are often names (申新 is a v)."""
        return tag in tags and self.words.get(token, 0) >= least


def _whole_line(text: str, start: int, end: int, bullets: str) -> bool:
    """Whether ``start:end`` is a line of its own, as the items of a list set out one per
    line are, with or without a bullet (● 如心公园)."""
    blank = " \t\r\u3000"
    before, after = start - 1, end
    while before >= 0 and (text[before] in blank or text[before] in bullets):
        before -= 1
    while after < len(text) and text[after] in blank:
        after += 1
    return (before < 0 or text[before] == "\n") and (after == len(text) or text[after] == "\n")


def recognizer() -> Recognizer:
    """The recognizer of the rules in force (its dictionary and patterns take a second to
    build, so each is built once)."""
    return _recognizer_for(rules())


@lru_cache(maxsize=4)
def _recognizer_for(rules: Rules) -> Recognizer:
    return Recognizer(rules)


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
