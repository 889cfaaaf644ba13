"""What the learned recogniser sees of each character: one definition for training
(``geo.extract.training``, as CRFsuite attribute strings) and for decoding
(``geo.extract.learned``, as table lookups), so the two cannot drift apart.

A character is seen with its neighbours two either side, the pairs around it, their kinds
(Chinese, digit, Latin, punctuation), and its ``Marks``: its part in a place suffix the rules
know (the character before 公园, inside it, its end), in a short quotation, and in the common
word that starts or ends there; and its piece (sentence) is seen with the layers whose
context words it holds. The suffix words say what a name is, the characters before them
where it starts, and the model learns from the annotated articles which names need no suffix
at all.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence

import ahocorasick_rs

from geo.extract.rules import Rules
from geo.textmatch import NameMatcher

PAD = "\x02"  # what lies beyond a piece's ends (not NUL: CRFsuite reads C strings)
UNIGRAMS = (-2, -1, 0, 1, 2)
BIGRAMS = (-2, -1, 0, 1)  # the pair of characters at offsets o and o + 1
KINDS = (-1, 0, 1)
KIND_NAMES = "hdlpo"  # han, digit, latin, punctuation or space, other
MAX_PIECE = 160  # characters; a longer sentence is read in pieces, cut at a comma
PIECE_END = re.compile(r"[。！？!?；;\n]+")
LAYERS = ("park", "transit", "renewal")
LABELS = ("O", *(f"{part}-{layer}" for layer in LAYERS for part in "BI"))


def kind(char: str) -> str:
    if "\u3400" <= char <= "\u9fff":
        return "h"
    if char.isdigit():
        return "d"
    if char.isascii() and char.isalpha():
        return "l"
    if char.isspace() or not char.isalnum():
        return "p"
    return "o"


def pieces(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each sentence, a long one in pieces of at most MAX_PIECE characters
    (cut after the last comma in a piece's second half, where there is one)."""
    start = 0
    for match in [*PIECE_END.finditer(text), None]:
        stop = match.start() if match else len(text)
        while stop - start > MAX_PIECE:
            cut = max(text.rfind(mark, start + MAX_PIECE // 2, start + MAX_PIECE)
                      for mark in "，,、 ")
            cut = cut + 1 if cut > start else start + MAX_PIECE
            yield start, cut
            start = cut
        if stop > start:
            yield start, stop
        start = match.end() if match else len(text)


class Marks:
    """What a text says around each character beyond the characters themselves, as sparse
    marks {offset: value} per template:

    ``s``: its part in a place suffix of the rules: B<layer> just before one, I<layer>
    inside, E<layer> at its last character (公园: Ipark, Epark);
    ``q``: its place in a short quotation (“一江一河”): first, inside, last;
    ``w`` and ``e``: the longest common word (jieba's dictionary) that starts or ends there,
    as its length and part of speech (3ns: a three-character place name);
    and for a whole piece, ``c``: each layer whose context words (rules.toml) it holds.
    """

    def __init__(self, rules: Rules, words: dict[str, int], tags: dict[str, str]):
        self.layer = rules.suffix_layer
        self.suffixes = NameMatcher(rules.suffix_layer)
        # each common word of 2 to 4 characters, with its mark: length and part of speech
        common = sorted(word for word, frequency in words.items()
                        if 2 <= len(word) <= 4 and frequency >= MIN_WORD_FREQ)
        self.word_marks = [f"{len(word)}{tags.get(word, 'x')[:2]}" for word in common]
        self.word_matcher = ahocorasick_rs.AhoCorasick(
            common, matchkind=ahocorasick_rs.MatchKind.Standard)  # every match, overlaps too
        self.context = [(layer, words) for layer, words in rules.context_patterns.items()
                        if layer in LAYERS]

    def marks(self, text: str) -> dict[str, dict[int, str]]:
        return {"s": self._suffix_roles(text), "q": self._quoted(text),
                **self._words(text)}

    def piece_marks(self, text: str, start: int, end: int) -> list[str]:
        return [layer for layer, words in self.context if words.search(text, start, end)]

    def _suffix_roles(self, text: str) -> dict[int, str]:
        roles: dict[int, str] = {}
        for start, end, suffix in self.suffixes.find(text):
            layer = self.layer[suffix]
            if start > 0 and start - 1 not in roles:
                roles[start - 1] = f"B{layer}"
            for position in range(start, end - 1):
                roles[position] = f"I{layer}"
            roles[end - 1] = f"E{layer}"
        return roles

    @staticmethod
    def _quoted(text: str) -> dict[int, str]:
        marks: dict[int, str] = {}
        for match in QUOTED.finditer(text):
            first, last = match.start(1), match.end(1) - 1
            marks.update(dict.fromkeys(range(first + 1, last), "i"))
            marks[first], marks[last] = "b", "e"
        return marks

    def _words(self, text: str) -> dict[str, dict[int, str]]:
        longest: dict[int, tuple[int, int]] = {}  # start: (end, word)
        for index, start, end in self.word_matcher.find_matches_as_indexes(text,
                                                                          overlapping=True):
            if end > longest.get(start, (0, 0))[0]:
                longest[start] = (end, index)
        starts: dict[int, str] = {}
        ends: dict[int, str] = {}
        marks = self.word_marks
        for start in sorted(longest):
            end, index = longest[start]
            starts[start] = marks[index]
            ends.setdefault(end - 1, marks[index])  # the word starting first
        return {"w": starts, "e": ends}


MIN_WORD_FREQ = 100  # jieba frequency for a word to count
QUOTED = re.compile(r"[“\"「『]([^“”\"「」『』]{2,16})[”\"」』]")
MARKS = ("s", "q", "w", "e")  # the templates of Marks.marks, in table order


def attributes(text: str, start: int, end: int, marks: dict[str, dict[int, str]],
               piece: list[str]) -> list[list[str]]:
    """CRFsuite attributes of each character of the piece text[start:end] (``marks`` the
    text's, ``piece`` the piece's)."""
    padded = PAD * 2 + text[start:end] + PAD * 2
    kinds = [kind(char) for char in padded]
    shared = [f"c:{value}" for value in piece]
    rows = []
    for index in range(end - start):
        at = index + 2
        row = [f"u{o}:{padded[at + o]}" for o in UNIGRAMS]
        row += [f"b{o}:{padded[at + o]}{padded[at + o + 1]}" for o in BIGRAMS]
        row += [f"k{o}:{kinds[at + o]}" for o in KINDS]
        for template in MARKS:
            value = marks[template].get(start + index)
            if value:
                row.append(f"{template}:{value}")
        rows.append(row + shared)
    return rows


def label_spans(labels: Sequence[int], positions: Iterable[int]) -> Iterator[tuple[int, int, str]]:
    """``spans`` of labels given as indexes of LABELS, looking only at ``positions``, the
    ones not "O", in order."""
    start, layer, last = None, None, -2
    for position in positions:
        part, _, kind_ = LABELS[labels[position]].partition("-")
        if start is not None and (position != last + 1 or part != "I" or kind_ != layer):
            yield start, last + 1, layer  # type: ignore[misc]
            start = None
        if start is None:
            start, layer = position, kind_
        last = position
    if start is not None:
        yield start, last + 1, layer  # type: ignore[misc]


def spans(labels: list[str] | tuple[str, ...]) -> Iterator[tuple[int, int, str]]:
    """(start, end, layer) of each name in a label sequence (an I- without its B- starts one)."""
    start, layer = None, None
    for index, label in enumerate([*labels, "O"]):
        part, _, kind_ = label.partition("-")
        if start is not None and (part != "I" or kind_ != layer):
            yield start, index, layer  # type: ignore[misc]
            start = None
        if part in "BI" and part and start is None:
            start, layer = index, kind_
