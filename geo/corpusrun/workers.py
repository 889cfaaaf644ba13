"""The task each worker runs: extract one partition's mentions and write its file. A worker
process loads the gazetteer and the learned recogniser once, on its first partition, and
keeps them for the next (``geo.extract`` caches the extractor for the gazetteer it is given).
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from functools import lru_cache

from geo.corpusrun import store
from geo.corpusrun.version import version_key
from geo.extract import find_mentions
from geo.gazetteer import Gazetteer
from geo.records import Document, Mention

MENTION_FIELDS = tuple(field.name for field in fields(Mention))


@lru_cache(maxsize=1)
def worker_gazetteer() -> Gazetteer:
    """The process's gazetteer, loaded on its first partition and kept for the next."""
    return Gazetteer.load()


@dataclass(frozen=True)
class Extracted:
    """A partition's mentions; the cities whose gazetteer entries extraction asked for
    (``Gazetteer.cities_asked``); the version that found them; and whether the worker wrote
    the partition's file itself (it does where it sees the run's work folder).

    The mentions travel field by field (a list for each of ``MENTION_FIELDS``): an eighth
    of the bytes of the file's lines, and a third less time to load than the objects, since
    the client takes that time from the workers on a machine of few cores."""

    version: str
    cities: list[str]
    columns: tuple[list, ...]
    written: bool

    @property
    def mentions(self) -> list[Mention]:
        # made as pickle makes an object, its fields set at once: a frozen dataclass's
        # __init__ sets them one by one, which took as long again as loading the columns
        mentions = []
        for values in zip(*self.columns, strict=True):
            mention = object.__new__(Mention)
            mention.__dict__.update(zip(MENTION_FIELDS, values, strict=True))
            mentions.append(mention)
        return mentions


def extract_partition(documents: tuple[Document, ...], manifest: store.Manifest, fast: bool,
                      work: store.WorkFolder) -> Extracted:
    """The mentions of a partition's documents, exactly as ``find_mentions`` finds them in
    the whole corpus (extraction reads each document on its own), written to the partition's
    file when this process sees ``work`` and runs the version ``manifest`` asks for."""
    gazetteer = worker_gazetteer()
    with gazetteer.cities_asked() as asked:
        mentions = find_mentions(documents, gazetteer, fast)
    version, cities = version_key(fast), list(asked)
    written = version == manifest.version and work.reachable()
    if written:
        store.write(work.path, manifest, store.mention_lines(mentions), cities)
    columns = tuple([getattr(mention, name) for mention in mentions] for name in MENTION_FIELDS)
    return Extracted(version, cities, columns, written)
