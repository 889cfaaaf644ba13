"""The task each worker runs: extract one partition's mentions. A worker process loads the
gazetteer and the learned recogniser once, on its first partition, and keeps them for the
next (``geo.extract`` caches the extractor for the gazetteer it is given)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from geo.corpusrun.store import mention_lines
from geo.corpusrun.version import version_key
from geo.extract import find_mentions
from geo.gazetteer import Gazetteer
from geo.records import Document, Mention


@lru_cache(maxsize=1)
def worker_gazetteer() -> Gazetteer:
    """The process's gazetteer, loaded on its first partition and kept for the next."""
    return Gazetteer.load()


@dataclass(frozen=True)
class Extracted:
    """A partition's mentions, and the same as partition-file lines; the cities whose
    gazetteer entries extraction asked for (``Gazetteer.cities_asked``), and the version
    that found them.

    The mentions come as objects too, so the client need not parse the lines back: pickled
    together they share their strings (a document's id, a sentence named twice), which
    makes them cheaper to load and to hold than the lines parsed one by one, and the
    client's time is taken from the workers' on a machine of few cores."""

    version: str
    cities: list[str]
    lines: list[str]
    mentions: list[Mention]


def extract_partition(documents: tuple[Document, ...], fast: bool) -> Extracted:
    """The mentions of a partition's documents, exactly as ``find_mentions`` finds them in
    the whole corpus: extraction reads each document on its own."""
    gazetteer = worker_gazetteer()
    with gazetteer.cities_asked() as asked:
        mentions = find_mentions(documents, gazetteer, fast)
    return Extracted(version_key(fast), list(asked), mention_lines(mentions), mentions)
