"""What a document says about a name, read once for the whole document.

A name the gazetteer does not know is classified sentence by sentence (its suffix and the
words around it); an article that calls 新业坊 a renewal site in one sentence means the same
place in the next, where nothing says so. Here each name gets one layer per document, the one
most of its sentences give it, and a name accepted as a place is found again wherever the
document repeats it bare, with its short form after a · (上生·新所 → 新所).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable

from geo import layerspec
from geo.extract.classify import classify
from geo.extract.mentions import Sentences
from geo.records import Document, Mention, evolve
from geo.textmatch import NameMatcher

MIN_CARRIED = 3  # characters of a name found again bare: a 2-character one is too often a word
SHORT_FORM = re.compile(r"[·・•]")


def _key(mention: Mention) -> str:
    return mention.place_id or mention.full_name


def settle_layers(mentions: list[Mention]) -> list[Mention]:
    """Each unknown name's layer, the same in every sentence of a document: the mapped layer
    most of its mentions have (the first, on a tie), or "other" if none has one."""
    mapped = set(layerspec.names())
    votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for mention in mentions:
        if mention.place_id is None and mention.layer in mapped:
            votes[mention.document, _key(mention)][mention.layer] += 1
    settled = {key: counts.most_common(1)[0][0] for key, counts in votes.items()}
    return [evolve(mention, layer=settled[key])
            if mention.place_id is None and (key := (mention.document, _key(mention))) in settled
            and mention.layer != settled[key] else mention
            for mention in mentions]


def carry_names(mentions: list[Mention], documents: Iterable[Document]) -> list[Mention]:
    """The mentions, with every later bare repetition of a name accepted as a mapped place."""
    mapped = set(layerspec.names())
    by_document: dict[str, list[Mention]] = defaultdict(list)
    for mention in mentions:
        by_document[mention.document].append(mention)
    documents = list(documents)
    carried: list[Mention] = []
    for document in documents:
        found = by_document.get(document.id, [])
        forms: dict[str, Mention] = {}  # each form, and the first accepted mention it is of
        for mention in sorted(found, key=lambda m: m.start):
            if mention.layer in mapped:
                for form in _forms(mention.name):
                    forms.setdefault(form, mention)
        if not forms:
            continue
        taken = _Taken((m.start, m.end) for m in found)
        sentences = Sentences(document.text)
        # one scan for all the names: a long article names thousands
        for start, end, form in NameMatcher(forms).find(document.text):
            if taken.overlaps(start, end):
                continue
            mention = forms[form]
            sentence_start, sentence = sentences.at(start, end)
            carried.append(evolve(
                mention, name=form, start=start, end=end, sentence=sentence,
                sentence_start=sentence_start,
                canonical=mention.full_name if form != mention.name else mention.canonical,
                status="unknown", facts=()))
            taken.add(start, end)
    if not carried:
        return mentions
    for mention in classify(carried, documents):
        by_document[mention.document].append(mention)
    return [mention for document in documents
            for mention in sorted(by_document.pop(document.id, []), key=lambda m: m.start)]


def _forms(name: str) -> list[str]:
    """The name, and its part after a · where it has one (上生·新所: 新所)."""
    forms = [name] if len(name) >= MIN_CARRIED else []
    parts = SHORT_FORM.split(name)
    if len(parts) > 1 and len(parts[-1]) >= 2:
        forms.append(parts[-1])
    return forms


class _Taken:
    """The characters already in a mention: a name is short, so asking is cheap however many
    mentions a long document has."""

    def __init__(self, spans: Iterable[tuple[int, int]]):
        self.covered: set[int] = set()
        for start, end in spans:
            self.add(start, end)

    def overlaps(self, start: int, end: int) -> bool:
        return any(position in self.covered for position in range(start, end))

    def add(self, start: int, end: int) -> None:
        self.covered.update(range(start, end))
