"""Find the places a document names: gazetteer names and aliases, lists of metro lines, and
place-shaped names the gazetteer does not know (``geo.extract.recognize``).

``轨道交通1、3、7、15号线`` names four lines and ``19/20号线`` two; each number becomes its own
mention, its span the digits (the last one through 号线), so offsets always slice the text.
Each mention carries the province, city and district the article places it in.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Iterator
from functools import lru_cache

from geo.extract.admin import AdminContext, registry
from geo.extract.learned import LearnedRecognizer, Proposal, learned
from geo.extract.proposals import weigh
from geo.extract.recognize import recognizer
from geo.extract.rules import rules
from geo.gazetteer import ADMIN_KINDS, Entry, Gazetteer
from geo.records import Document, Mention
from geo.textmatch import LINE_NUMBER, NameMatcher, alternation, line_number, simplified

SENTENCE_END = re.compile(r"[。！？!?；;\n]+")
DOCUMENTS_READ_TOGETHER = 256  # by the learned recogniser: its steps are shared, memory flat
DIVISION_WORDS = ("新区", "区", "街道", "镇", "乡", "县", "市")
MAX_SENTENCE = 400  # characters of a quoted sentence; longer ones are cut into pieces
# Starts at the numerals, so the regex engine can skip ahead to them; a prefix such as 轨交 is
# looked for just before.
LINE_LIST = re.compile(rf"(?P<numbers>{LINE_NUMBER}(?:\s*[、/，,和及与]\s*{LINE_NUMBER})*)\s*号线")
NUMBER = re.compile(LINE_NUMBER)


class Extractor:
    """Reusable matcher over one gazetteer (building the name pattern is the costly part)."""

    def __init__(self, gazetteer: Gazetteer, model: LearnedRecognizer | None = None):
        self.gazetteer = gazetteer
        self.model = model
        self._matchers: dict[str | None, NameMatcher] = {}
        self.names = self._matcher(None)
        self.recognizer = recognizer()
        self.registry = registry()
        model = rules()
        lines = model.lines
        self.line_prefix = re.compile(
            f"(?:{alternation(lines.city_prefixes)})?(?:{alternation(lines.prefixes)})$")
        self.longer_name_endings = model.names.longer_name_endings
        self.named_after = (*self.longer_name_endings, *model.names.named_after_words)
        self.suffixes = tuple(model.suffixes)
        self._stations: NameMatcher | None = None  # built when a text names no division
        self._bare: dict[str, NameMatcher] = {}  # per city: its station names without 站
        self.list_separators = model.lists.separators
        self.context_words = model.context_patterns

    def _matcher(self, city: str | None) -> NameMatcher:
        """The names an article about ``city`` may use, matched at once (one per city)."""
        if city not in self._matchers:
            names = self.gazetteer.names_in(city)
            # numbered lines are read from their numbers (1、3号线); named ones by name (磁浮线)
            self._matchers[city] = NameMatcher(n for n in names if "号线" not in n or any(
                e.kind != "line" for e in self.gazetteer.by_name[n]))
        return self._matchers[city]

    def mentions(self, document: Document,
                 proposals: list[Proposal] | None = None) -> list[Mention]:
        """The document's mentions; ``proposals``, the learned recogniser's reading of it,
        where it was read with others (``LearnedRecognizer.propose_all``)."""
        text = simplified(document.text)  # for matching; names and quotes as written
        known = self.names.find(text)
        hint = document.city or self._city_of(known) or self._city_of_stations(text)
        context = self.registry.context(text, hint,
                                        self.named_after)
        city = context.city
        if city is not None:
            known = self._matcher(city).find(text)  # with the city's districts, towns, metro
        # (start, end, entry, canonical name, like, learned layer)
        spans: list[tuple[int, int, Entry | None, str | None, str | None, str | None]] = [
            (start, end, entry, f"{entry_number}号线", None, None)
            for start, end, entry, entry_number in self._line_spans(text, city)
        ]
        taken = [(start, end) for start, end, *_ in spans]
        for start, end, name in known:
            if taken and any(start < e and s < end for s, e in taken):
                continue
            if end < len(text) and text[end] in self.longer_name_endings:
                continue  # 吴淞江, 凉城路: a river or road named after the place, not the place
            if text.startswith(self.suffixes, end):
                continue  # 长兴岛站, 东滩湿地公园: a longer name, for recognition to read
            entry = self.gazetteer.lookup(name, city)
            if entry is not None:
                spans.append((start, end, entry, None, None, None))
        spans.extend(self._listed_stations(text, city, spans))
        taken = [(start, end) for start, end, *_ in spans]
        districts = self.registry.short_district_names(city)
        for candidate in self.recognizer.candidates(text, taken, districts):
            station = self._station_listed(text, candidate.start, candidate.end,
                                           candidate.like, city)
            spans.append((candidate.start, candidate.end, station,
                          candidate.canonical or (station.name if station else None),
                          candidate.like, None))
        if self.model is not None:
            if proposals is None:
                proposals = self.model.propose(text)
            spans = weigh(text, spans, proposals,
                          lambda name: self.gazetteer.lookup(name, city), self.context_words)
        spans.sort(key=lambda span: span[0])
        sentences = Sentences(document.text)
        return [self._mention(document, context, sentences, *span) for span in spans]

    def _listed_stations(self, text: str, city: str | None, spans: list) -> list:
        """The article's city's stations listed without 站 (清河营、勇士营、望京西): a bare
        station name counts only as an item next to another station in a list, so that a
        two-character one (沙田, 中大) does not fire in every sentence."""
        if city is None:
            return []
        bare = self._bare_stations(city)
        found = bare.find(text)
        if not found:
            return []
        covered = {position for start, end, *_ in spans for position in range(start, end)}
        found = [(start, end, name) for start, end, name in found
                 if not any(position in covered for position in range(start, end))]
        if not found:
            return []
        stations = [(start, end) for start, end, entry, *_ in spans
                    if entry is not None and entry.kind == "station"]
        items = sorted([*((start, end) for start, end, _ in found), *stations])
        linked = set()
        for (start, end), (next_start, next_end) in zip(items, items[1:], strict=False):
            if next_start == end + 1 and text[end] in self.list_separators:
                linked |= {(start, end), (next_start, next_end)}
        return [(start, end, self.gazetteer.lookup(f"{name}站", city), f"{name}站", None, None)
                for start, end, name in found if (start, end) in linked]

    def _bare_stations(self, city: str) -> NameMatcher:
        """The names without 站 of the city's stations (one matcher per city), but those
        that are also a division's (昌平 of 昌平站 and 昌平区, 布吉 of 布吉街道): a list of them
        is a list of districts."""
        if city not in self._bare:
            names = self.gazetteer.names_in(city)
            divisions = {name[:-len(ending)] for name in names for ending in DIVISION_WORDS
                         if name.endswith(ending) and any(
                             e.kind in ADMIN_KINDS for e in self.gazetteer.by_name[name])}
            self._bare[city] = NameMatcher(
                name[:-1] for name in names
                if name.endswith("站") and len(name) >= 3 and name[:-1] not in divisions
                and (entry := self.gazetteer.lookup(name, city)) is not None
                and entry.kind == "station")
        return self._bare[city]

    def _station_listed(self, text: str, start: int, end: int, like: str | None,
                        city: str | None) -> Entry | None:
        """The station a list item written without 站 names (前门站、复兴门、车公庄; 设A、B3站):
        the gazetteer's station of that name and 站 in the article's city."""
        if not like or not like.endswith("站") or text.endswith("站", start, end):
            return None
        entry = self.gazetteer.lookup(f"{text[start:end]}站", city)
        return entry if entry is not None and entry.kind == "station" else None

    def infer_city(self, text: str) -> str | None:
        """The city whose admin names the text uses most, for documents without metadata."""
        return self._city_of(self.names.find(text))

    def _city_of(self, known: list[tuple[int, int, str]]) -> str | None:
        votes: Counter[str] = Counter()
        for _, _, name in known:
            for entry in self.gazetteer.by_name.get(name, []):
                if entry.kind in ADMIN_KINDS and entry.city:
                    votes[entry.city] += 1
        return votes.most_common(1)[0][0] if votes else None

    def _city_of_stations(self, text: str) -> str | None:
        """The city whose stations the text names, for a text that names no division: a
        station name only one city has (湘湖站: 杭州) is a vote for it; 人民广场站, which
        several cities have, is none."""
        if self.gazetteer.bulk is None or "站" not in text:
            return None
        if self._stations is None:
            self._stations = NameMatcher(self.gazetteer.bulk.station_cities())
        index = self.gazetteer.bulk.station_cities()
        votes = Counter(next(iter(index[name])) for _, _, name in self._stations.find(text)
                        if len(index[name]) == 1)
        ranked = votes.most_common(2)
        if not ranked or len(ranked) == 2 and ranked[0][1] == ranked[1][1]:
            return None  # no station, or as many for another city
        return ranked[0][0]

    def _line_spans(self, text: str, city: str | None
                    ) -> Iterator[tuple[int, int, Entry | None, str]]:
        if "号线" not in text:
            return
        for match in LINE_LIST.finditer(text):
            before = text[match.start() - 1:match.start()]
            if before.isascii() and before.isalpha():
                continue  # S3号线 is not 3号线: a name for the gazetteer to know
            numbers = list(NUMBER.finditer(match.group("numbers")))
            base = match.start("numbers")
            for index, number in enumerate(numbers):
                value = line_number(number.group())
                if value is None:
                    continue
                # A line no gazetteer entry knows (another city's) is still a transit mention.
                entry = self.gazetteer.lookup(f"{value}号线", city)
                start, end = base + number.start(), base + number.end()
                if len(numbers) == 1:
                    prefix = self.line_prefix.search(text, max(0, match.start() - 6), match.start())
                    start = prefix.start() if prefix else match.start()
                if index == len(numbers) - 1:
                    end = match.end()
                yield start, end, entry, str(value)

    def _mention(self, document: Document, context: AdminContext, sentences: Sentences,
                 start: int, end: int, entry: Entry | None, canonical: str | None,
                 like: str | None, learned_layer: str | None) -> Mention:
        sentence_start, sentence = sentences.at(start, end)
        district = context.district_at(start)
        if entry is not None:
            district = entry.district or (entry.name if entry.kind == "district" else None)
        return Mention(
            document=document.id,
            name=document.text[start:end],
            start=start,
            end=end,
            sentence=sentence,
            sentence_start=sentence_start,
            place_id=entry.id if entry else None,
            canonical=canonical,
            layer=entry.layer if entry else None,  # type: ignore[arg-type]
            province=context.province,
            city=(entry.city if entry else None) or context.city,
            district=district,
            like=like,
            learned_layer=learned_layer,  # type: ignore[arg-type]
        )


class Sentences:
    """A document's sentence boundaries, found once, for looking up many offsets.

    A "sentence" with no end for more than ``MAX_SENTENCE`` characters (a page saved as one
    line, a table) is cut into pieces of about that length, at a comma where there is one:
    every mention quotes its sentence in four outputs and a popup, and a 100 KB line quoted
    by each of its thousands of mentions made a 520 MB mentions.csv."""

    def __init__(self, text: str):
        self.text = text
        self.ends = [match.end() for match in SENTENCE_END.finditer(text)]
        self._found: dict[int, tuple[int, str]] = {}  # several mentions share a sentence
        self._cuts: dict[int, list[int]] = {}  # where each long sentence is cut

    def at(self, offset: int, end: int | None = None) -> tuple[int, str]:
        """The sentence holding ``offset`` (and ``end``, where a mention ends): (start offset,
        text without surrounding space)."""
        index = bisect.bisect_right(self.ends, offset)
        start = self.ends[index - 1] if index else 0
        stop = self.ends[index] if index < len(self.ends) else len(self.text)
        if stop - start > MAX_SENTENCE:
            start, stop = self._piece(start, stop, offset, end or offset)
        key = start
        found = self._found.get(key)
        if found is None:
            raw = self.text[start:stop]
            found = self._found[key] = (start + len(raw) - len(raw.lstrip()), raw.strip())
        return found

    def _piece(self, start: int, stop: int, offset: int, end: int) -> tuple[int, int]:
        """The piece of the long sentence start:stop that holds offset:end (reaching on to
        ``end`` when a name crosses a cut)."""
        cuts = self._cuts.get(start)
        if cuts is None:  # once per long sentence, however many mentions it has
            cuts = self._cuts[start] = self._cut(start, stop)
        index = bisect.bisect_right(cuts, offset)
        first = cuts[index - 1] if index else start
        last = cuts[index] if index < len(cuts) else stop
        return first, max(last, end)

    def _cut(self, start: int, stop: int) -> list[int]:
        """Where a long sentence is cut: about every MAX_SENTENCE characters, after a comma
        where one falls in the last quarter of a piece."""
        cuts = []
        while stop - start > MAX_SENTENCE:
            cut = start + MAX_SENTENCE
            comma = max(self.text.rfind(mark, cut - MAX_SENTENCE // 4, cut) for mark in "，,、 ")
            start = comma + 1 if comma > start else cut
            cuts.append(start)
        return cuts


def sentence_at(text: str, offset: int) -> tuple[int, str]:
    """The sentence holding ``offset``, as (start offset, text without surrounding space)."""
    return Sentences(text).at(offset)


def extractor_for(gazetteer: Gazetteer, fast: bool = False) -> Extractor:
    """One extractor per gazetteer and rules: building its patterns takes a second, matching
    does not. ``fast``: without the learned recogniser."""
    return _extractor(gazetteer, recognizer(), None if fast else learned())


@lru_cache(maxsize=4)
def _extractor(gazetteer: Gazetteer, _recognizer: object,
               model: LearnedRecognizer | None) -> Extractor:
    return Extractor(gazetteer, model)


def extract(documents: list[Document], gazetteer: Gazetteer,
            fast: bool = False) -> list[Mention]:
    return extract_with(extractor_for(gazetteer, fast), documents)


def extract_with(extractor: Extractor, documents: list[Document]) -> list[Mention]:
    """The documents' mentions by ``extractor``; its learned recogniser, if it has one, reads
    DOCUMENTS_READ_TOGETHER documents at a time."""
    if extractor.model is None:
        return [mention for document in documents for mention in extractor.mentions(document)]
    found = []
    for first in range(0, len(documents), DOCUMENTS_READ_TOGETHER):
        chunk = documents[first:first + DOCUMENTS_READ_TOGETHER]
        proposals = extractor.model.propose_all([simplified(document.text)
                                                 for document in chunk])
        for document, proposed in zip(chunk, proposals, strict=True):
            found.extend(extractor.mentions(document, proposed))
    return found
