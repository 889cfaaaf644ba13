"""A corpus cut into partitions: runs of ``size`` documents in input order, so a partition's
number names the same documents in every run over the same inputs (and over inputs that only
grew at the end)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass

from geo.records import Document


@dataclass(frozen=True)
class Partition:
    number: int  # from 0, in input order
    documents: tuple[Document, ...]

    @property
    def ids(self) -> list[str]:
        return [document.id for document in self.documents]

    def digest(self) -> str:
        """What extraction reads of its documents (ids, texts, metadata), hashed: a partition
        whose articles changed is extracted again."""
        hasher = hashlib.sha256()
        for document in self.documents:
            fields = [document.id, document.text, document.title, document.date,
                      document.publisher, document.city, document.url]
            hasher.update(json.dumps(fields, ensure_ascii=False).encode("utf-8"))
            hasher.update(b"\n")
        return hasher.hexdigest()


def split(documents: Sequence[Document], size: int) -> list[Partition]:
    """The documents in partitions of ``size`` (the last may hold fewer), in input order."""
    if size < 1:
        raise ValueError(f"a partition holds at least one document, not {size}")
    return [Partition(number, tuple(documents[first:first + size]))
            for number, first in enumerate(range(0, len(documents), size))]
