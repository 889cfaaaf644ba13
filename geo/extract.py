"""Find the places a document names: gazetteer names and aliases, and lists of metro lines.

``轨道交通1、3、7、15号线`` names four lines and ``19/20号线`` two; each number becomes its own
mention, its span the digits (the last one through 号线), so offsets always slice the text.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from geo.gazetteer import ADMIN_KINDS, Entry, Gazetteer
from geo.records import Document, Mention

SENTENCE_END = re.compile(r"[。！？!?；;\n]+")
LINE_LIST = re.compile(
    r"(?P<prefix>(?:上海)?(?:轨道交通|轨交|地铁))?"
    r"(?P<numbers>\d{1,2}(?:\s*[、/，,和及与]\s*\d{1,2})*)\s*号线"
)
NUMBER = re.compile(r"\d{1,2}")


class Extractor:
    """Reusable matcher over one gazetteer (building the name pattern is the costly part)."""

    def __init__(self, gazetteer: Gazetteer):
        self.gazetteer = gazetteer
        names = {
            name
            for name, entries in gazetteer.by_name.items()
            if any(e.kind != "line" for e in entries)
        }
        # Longest first, so 交运智慧湾科创园 wins over 交运智慧湾 at the same position.
        ordered = sorted(names, key=lambda n: (-len(n), n))
        self.pattern = re.compile("|".join(map(re.escape, ordered))) if ordered else None

    def mentions(self, document: Document) -> list[Mention]:
        city = document.city or self.infer_city(document.text)
        spans = list(self._line_spans(document.text, city))
        taken = [(start, end) for start, end, _ in spans]
        if self.pattern is not None:
            for match in self.pattern.finditer(document.text):
                if any(match.start() < end and start < match.end() for start, end in taken):
                    continue
                entry = self.gazetteer.lookup(match.group(), city)
                if entry is not None:
                    spans.append((match.start(), match.end(), entry))
        spans.sort(key=lambda span: span[0])
        return [self._mention(document, start, end, entry) for start, end, entry in spans]

    def infer_city(self, text: str) -> str | None:
        """The city whose admin names the text uses most, for documents without metadata."""
        if self.pattern is None:
            return None
        votes: Counter[str] = Counter()
        for match in self.pattern.finditer(text):
            for entry in self.gazetteer.by_name.get(match.group(), []):
                if entry.kind in ADMIN_KINDS and entry.city:
                    votes[entry.city] += 1
        return votes.most_common(1)[0][0] if votes else None

    def _line_spans(self, text: str, city: str | None) -> Iterator[tuple[int, int, Entry]]:
        for match in LINE_LIST.finditer(text):
            numbers = list(NUMBER.finditer(match.group("numbers")))
            base = match.start("numbers")
            for index, number in enumerate(numbers):
                entry = self.gazetteer.lookup(f"{number.group()}号线", city)
                if entry is None:
                    continue
                start, end = base + number.start(), base + number.end()
                if len(numbers) == 1:
                    start = match.start()
                if index == len(numbers) - 1:
                    end = match.end()
                yield start, end, entry

    def _mention(self, document: Document, start: int, end: int, entry: Entry) -> Mention:
        sentence_start, sentence = sentence_at(document.text, start)
        district = entry.district or (entry.name if entry.kind == "district" else None)
        return Mention(
            document=document.id,
            name=document.text[start:end],
            start=start,
            end=end,
            sentence=sentence,
            sentence_start=sentence_start,
            place_id=entry.id,
            layer=entry.layer,  # type: ignore[arg-type]
            city=entry.city or document.city,
            district=district,
        )


def sentence_at(text: str, offset: int) -> tuple[int, str]:
    """The sentence holding ``offset``, as (start offset, text without surrounding space)."""
    start = 0
    for boundary in SENTENCE_END.finditer(text, 0, offset):
        start = boundary.end()
    end_match = SENTENCE_END.search(text, offset)
    end = end_match.end() if end_match else len(text)
    raw = text[start:end]
    stripped = raw.strip().rstrip("\n")
    return start + (len(raw) - len(raw.lstrip())), stripped


def extract(documents: list[Document], gazetteer: Gazetteer) -> list[Mention]:
    extractor = Extractor(gazetteer)
    return [mention for document in documents for mention in extractor.mentions(document)]
