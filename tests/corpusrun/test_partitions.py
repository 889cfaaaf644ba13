"""Issue 22: a corpus cut into partitions of N documents, in input order."""

from dataclasses import replace

import pytest

from geo.corpusrun.partitions import split


def test_partitions_hold_runs_of_n_documents_in_input_order(documents):
    partitions = split(documents, 3)
    assert [p.number for p in partitions] == [0, 1, 2, 3]
    assert [p.ids for p in partitions] == [[d.id for d in documents[i:i + 3]]
                                          for i in range(0, 10, 3)]


def test_a_partition_holds_at_least_one_document(documents):
    with pytest.raises(ValueError, match="at least one document"):
        split(documents, 0)


def test_a_partitions_digest_changes_with_its_articles_text(documents):
    before = split(documents, 3)[1]
    edited = [*documents[:3], replace(documents[3], text=documents[3].text + "又及。"),
              *documents[4:]]
    after = split(edited, 3)[1]
    assert after.ids == before.ids and after.digest() != before.digest()
    assert split(documents, 3)[1].digest() == before.digest()
