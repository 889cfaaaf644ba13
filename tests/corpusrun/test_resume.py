"""Issue 22, points 2 and 4: a corpus extracted in partitions gives the whole run's result,
and a run killed part way resumes, extracting only the partitions it had not written."""

import gc
from dataclasses import replace

import pytest
from sameresult import assert_same_atlas

from geo.corpusrun import Partitioning, extract_in_partitions, store
from geo.gazetteer import Gazetteer
from geo.pipeline import locate


class Killed(Exception):
    """Stands for the process being killed after some partitions were written."""


def killed_after(partitions: int):
    written = []

    def progress(message: str) -> None:
        if message.startswith("extracted partition"):
            written.append(message)
            if len(written) == partitions:
                raise Killed

    return progress


def stamps(work):
    """Each partition file's inode and modification time: what rewriting it would change."""
    return {path.name: (path.stat().st_ino, path.stat().st_mtime_ns)
            for path in sorted(work.glob(f"*{store.SUFFIX}"))}


@pytest.fixture(scope="module")
def gazetteer():
    return Gazetteer.load()


def test_a_partitioned_run_gives_the_single_process_result(corpus, whole, tmp_path):
    atlas = locate([corpus], partitioning=Partitioning(size=3, work=tmp_path))
    assert_same_atlas(atlas, whole)
    assert len(stamps(tmp_path)) == 4


def test_a_killed_run_resumes_from_the_partitions_it_wrote(corpus, whole, tmp_path):
    with pytest.raises(Killed):
        locate([corpus], partitioning=Partitioning(size=3, work=tmp_path),
               progress=killed_after(2))
    written = stamps(tmp_path)
    assert sorted(written) == ["000000.jsonl.zst", "000001.jsonl.zst"]
    atlas = locate([corpus], partitioning=Partitioning(size=3, work=tmp_path))
    assert_same_atlas(atlas, whole)
    after = stamps(tmp_path)
    assert {name: after[name] for name in written} == written  # not written again
    assert len(after) == 4


def test_partitions_a_worker_could_not_write_are_written_by_the_client(
        corpus, whole, tmp_path, monkeypatch):
    # as when the workers run on machines that do not share the work folder
    monkeypatch.setattr(store.WorkFolder, "reachable", lambda folder: False)
    atlas = locate([corpus], partitioning=Partitioning(size=3, work=tmp_path))
    assert_same_atlas(atlas, whole)
    again = extract_in_partitions(atlas.documents, Partitioning(size=3, work=tmp_path), False,
                                  Gazetteer.load())
    assert again.skipped == [0, 1, 2, 3] and not again.computed


def test_a_resumed_run_extracts_only_the_missing_partitions(documents, gazetteer, tmp_path):
    with pytest.raises(Killed):
        extract_in_partitions(documents, Partitioning(size=3, work=tmp_path), False, gazetteer,
                              killed_after(3))
    run = extract_in_partitions(documents, Partitioning(size=3, work=tmp_path), False,
                                gazetteer)
    assert (run.skipped, run.computed) == ([0, 1, 2], [3])


def test_partitions_of_another_version_or_changed_articles_are_extracted_again(
        documents, gazetteer, tmp_path):
    extract_in_partitions(documents, Partitioning(size=3, work=tmp_path), False, gazetteer)
    path = store.path_of(tmp_path, 0)
    head, rest = store.unpack(path.read_bytes()).split("\n", 1)
    path.write_bytes(store.pack(head.replace('"version": "', '"version": "old-') + "\n" + rest))
    edited = [*documents[:6], replace(documents[6], text=documents[6].text + "又及。"),
              *documents[7:]]
    run = extract_in_partitions(edited, Partitioning(size=3, work=tmp_path), False, gazetteer)
    assert (run.skipped, run.computed) == ([1, 3], [0, 2])


def test_a_damaged_partition_file_is_reported_and_extracted_again(corpus, whole, tmp_path):
    locate([corpus], partitioning=Partitioning(size=3, work=tmp_path))
    path = store.path_of(tmp_path, 2)
    lines = store.unpack(path.read_bytes()).split("\n")
    path.write_bytes(store.pack("\n".join([*lines[:2], "{not json", *lines[3:]])))
    messages = []
    atlas = locate([corpus], partitioning=Partitioning(size=3, work=tmp_path),
                   progress=messages.append)
    assert f"{path}: line 3: not a mention" in "\n".join(messages)
    assert_same_atlas(atlas, whole)


def test_the_partitions_of_a_longer_corpus_are_removed(documents, gazetteer, tmp_path):
    extract_in_partitions(documents, Partitioning(size=3, work=tmp_path), False, gazetteer)
    extract_in_partitions(documents[:5], Partitioning(size=3, work=tmp_path), False, gazetteer)
    assert sorted(stamps(tmp_path)) == ["000000.jsonl.zst", "000001.jsonl.zst"]


def test_a_run_leaves_no_object_set_aside_from_collection(documents, gazetteer, tmp_path):
    # the client sets the mentions aside from cycle collections while they arrive, then
    # gives everything back to the collector
    extract_in_partitions(documents, Partitioning(size=3, work=tmp_path), True, gazetteer)
    assert gc.get_freeze_count() == 0


def test_objects_the_caller_set_aside_stay_set_aside(documents, gazetteer, tmp_path):
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        extract_in_partitions(documents, Partitioning(size=3, work=tmp_path), True, gazetteer)
        assert gc.get_freeze_count() == frozen
    finally:
        gc.unfreeze()
