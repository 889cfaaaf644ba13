"""Stage 2, extract: every place a document names, with its layer, status and facts.

``mentions`` finds names (the gazetteer's, metro line lists, and place-shaped names from
``recognize`` and ``lists``) and the administrative context each is in (``admin``);
``classify`` gives each its layer and status, ``facts`` the dates, areas and sums near it.
Word lists come from ``rules``, which reads and checks ``geo/data/recognize.toml`` and
``geo/data/rules.toml``.
"""

from __future__ import annotations

from collections.abc import Iterable

from geo.extract.classify import classify
from geo.extract.mentions import extract
from geo.gazetteer import Gazetteer
from geo.records import Document, Mention

__all__ = ["classify", "extract", "find_mentions"]


def find_mentions(documents: Iterable[Document], gazetteer: Gazetteer) -> list[Mention]:
    """Every place each document names, with layer, status and facts."""
    documents = list(documents)
    return classify(extract(documents, gazetteer), documents)
