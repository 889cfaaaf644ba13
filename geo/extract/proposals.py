"""The learned recogniser's proposals weighed against the rules' names.

The rules read a name from its suffix and the words before it; the learned recogniser reads
one from the characters around it. Where they agree nothing changes. Where the rules leave a
name as context, the recogniser's layer is kept for it (``Mention.learned_layer``). A name
only the recogniser reads is kept where it is sure of it (MIN_MARGIN) and something else
supports it: the gazetteer knows it, the article names it again, a list sets it beside
other names, or its sentence holds its layer's context words. Where it is surer
still (OVERRIDE_MARGIN), its bounds win: its name holding the rules' names is the longer name
(长兴岛郊野公园 over 长兴岛; 天都城站 over the station 城站), and an unknown name of the
rules' holding its name had words around it (启用金山铁路支线春申站: 春申站). A list of metro
lines is always read by its grammar.

Margins are how far the best reading lies above reading no name there; both were chosen by
cross-validation (benchmarks/crossval_extraction.py, 205 articles: 2 and 4 scored F1 0.759,
5 and 5 0.763 with less recall). On 265 articles each part adds about as many false finds
as places: new names +46 found, +65 false; learned layers +50, +55; bounds +8, +3; the
support test took 12 false finds off for 3 places (F1 0.741 -> 0.742).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from geo.extract.learned import Proposal
from geo.gazetteer import Entry

MIN_MARGIN = 2.0  # how sure the recogniser must be of a name only it reads
OVERRIDE_MARGIN = 4.0  # and of its bounds, to read a name the rules read otherwise

# (start, end, entry, canonical name, like, learned layer), as mentions.py builds them
Span = tuple[int, int, Entry | None, str | None, str | None, str | None]


def weigh(text: str, spans: list[Span], proposals: list[Proposal],
          lookup: Callable[[str], Entry | None],
          context: dict[str, re.Pattern[str]] | None = None) -> list[Span]:
    """The rules' ``spans`` with the ``proposals``; ``lookup`` finds a name's gazetteer
    entry in the article's city; ``context`` holds each layer's context words."""
    exact = {(p.start, p.end): p for p in proposals}
    kept = _Kept((*span[:5], exact[span[0], span[1]].layer)
                 if (span[0], span[1]) in exact and span[2] is None else span
                 for span in spans)
    found = {(span[0], span[1]) for span in spans}
    for proposal in proposals:
        start, end = proposal.start, proposal.end
        if end - start < 2 or (start, end) in found:
            continue
        over = kept.overlapping(start, end)
        if not over:
            if proposal.margin >= MIN_MARGIN and _supported(text, proposal, lookup,
                                                            context or {}):
                kept.add(_proposed(text, proposal, lookup))
            continue
        if proposal.margin < OVERRIDE_MARGIN or any(
                "号线" in text[span[0]:span[1]] for span in over):
            continue
        holds = all(start <= span[0] and span[1] <= end for span in over)
        inside = (len(over) == 1 and over[0][2] is None
                  and over[0][0] <= start and end <= over[0][1])
        if holds or inside:
            for span in over:
                kept.remove(span)
            kept.add(_proposed(text, proposal, lookup))
    return kept.spans()


def _supported(text: str, proposal: Proposal, lookup: Callable[[str], Entry | None],
               context: dict[str, re.Pattern[str]]) -> bool:
    """Whether more than the recogniser's margin says the name is a place: the gazetteer
    knows it, the article names it again, a list sets it beside others, or its sentence
    holds its layer's context words."""
    name = text[proposal.start:proposal.end]
    if lookup(name) is not None or text.find(name, proposal.end) >= 0 or text.rfind(
            name, 0, proposal.start) >= 0:
        return True
    if "、" in (text[proposal.start - 1:proposal.start], text[proposal.end:proposal.end + 1]):
        return True
    words = context.get(proposal.layer)
    if words is None:
        return False
    begin = max(text.rfind(mark, 0, proposal.start) for mark in "。！？；\n") + 1
    stops = [at for mark in "。！？；\n" if (at := text.find(mark, proposal.end)) >= 0]
    return words.search(text, begin, min(stops, default=len(text))) is not None


def _proposed(text: str, proposal: Proposal, lookup: Callable[[str], Entry | None]) -> Span:
    return (proposal.start, proposal.end, lookup(text[proposal.start:proposal.end]), None,
            None, proposal.layer)


class _Kept:
    """The spans kept so far, indexed by the characters they cover: a proposal is a piece of
    a sentence at most, so finding what it overlaps costs its length, not the document's
    count of names."""

    def __init__(self, spans):
        self._spans: dict[int, Span] = {}
        self._at: dict[int, set[int]] = {}
        self._next = 0
        for span in spans:
            self.add(span)

    def add(self, span: Span) -> None:
        key, self._next = self._next, self._next + 1
        self._spans[key] = span
        for position in range(span[0], span[1]):
            self._at.setdefault(position, set()).add(key)

    def remove(self, span: Span) -> None:
        key = next(key for key in self._at[span[0]] if self._spans[key] == span)
        del self._spans[key]
        for position in range(span[0], span[1]):
            self._at[position].discard(key)

    def overlapping(self, start: int, end: int) -> list[Span]:
        keys = set().union(*(self._at.get(position, ()) for position in range(start, end)))
        return [self._spans[key] for key in sorted(keys)]

    def spans(self) -> list[Span]:
        return list(self._spans.values())
