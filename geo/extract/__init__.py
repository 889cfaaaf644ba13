"""Stage 2, extract: every place a document names, with its layer, status and facts.

``mentions`` finds names (the gazetteer's, metro line lists, and place-shaped names from
``recognize`` and ``lists``) and the administrative context each is in (``admin``);
``classify`` gives each its layer and status, ``facts`` the dates, areas and sums near it;
``document`` settles each name's layer over the whole document and finds its repetitions.
Word lists come from ``rules``, which reads and checks ``geo/data/recognize.toml`` and
``geo/data/rules.toml``.
"""

from __future__ import annotations

from collections.abc import Iterable

from geo.extract.classify import classify
from geo.extract.document import carry_names, settle_layers
from geo.extract.mentions import Extractor, extract, extract_with, extractor_for
from geo.gazetteer import Gazetteer
from geo.records import Document, Mention

__all__ = ["classify", "extract", "find_mentions", "mentions_by"]


def find_mentions(documents: Iterable[Document], gazetteer: Gazetteer,
                  fast: bool = False) -> list[Mention]:
    """Every place each document names, with layer, status and facts; ``fast``: with the
    rules alone, without the learned recogniser (about twice the speed)."""
    return mentions_by(extractor_for(gazetteer, fast), documents)


def mentions_by(extractor: Extractor, documents: Iterable[Document]) -> list[Mention]:
    """``find_mentions`` with an extractor of one's own (a recogniser trained on some of the
    articles, to score it on the others: benchmarks/crossval_extraction.py)."""
    documents = list(documents)
    mentions = settle_layers(classify(extract_with(extractor, documents), documents))
    return carry_names(mentions, documents)
