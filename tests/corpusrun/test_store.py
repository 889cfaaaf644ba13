"""Issue 22: a partition's mentions written whole or not at all, with a manifest that says
which documents and which version they are of."""

import json
import os

import pytest

from geo.corpusrun import store
from geo.corpusrun.partitions import split
from geo.corpusrun.version import version_key
from geo.corpusrun.workers import extract_partition


@pytest.fixture
def partition(documents):
    return split(documents, 3)[0]


def test_mentions_read_back_equal_those_written(tmp_path, whole, partition):
    mentions = [m for m in whole.mentions if m.document in partition.ids]
    assert any(m.facts for m in mentions)  # facts, with their values, come back as written
    manifest = store.Manifest.of(partition, version_key(False))
    store.write(tmp_path, manifest, store.mention_lines(mentions), ["上海市"])
    assert store.read(tmp_path, manifest) == store.Stored(mentions, ["上海市"])


@pytest.mark.parametrize("change", ["version", "documents", "digest"])
def test_a_file_of_other_documents_or_another_version_is_not_read(tmp_path, partition, change):
    manifest = store.Manifest.of(partition, version_key(False))
    store.write(tmp_path, manifest, [], [])
    other = {"version": {"version": "another"}, "documents": {"documents": ("x", "y", "z")},
             "digest": {"digest": "0" * 64}}[change]
    assert store.read(tmp_path, store.Manifest(**{**manifest.__dict__, **other})) is None
    assert store.read(tmp_path, manifest) == store.Stored([], [])


def test_a_damaged_file_is_an_error_naming_the_file_and_line(tmp_path, whole, partition):
    manifest = store.Manifest.of(partition, version_key(False))
    lines = store.mention_lines(m for m in whole.mentions if m.document in partition.ids)
    path = store.write(tmp_path, manifest, [*lines[:2], '{"document": "cut', *lines[3:]], [])
    with pytest.raises(store.PartitionFileError, match=f"{path}: line 4: not a mention"):
        store.read(tmp_path, manifest)


def test_a_file_is_a_zstd_stream_opening_with_the_manifest(tmp_path, partition):
    manifest = store.Manifest.of(partition, "v")
    path = store.write(tmp_path, manifest, ['{"a": 1}'], ["上海市"])
    data = path.read_bytes()
    assert data[:4] == b"\x28\xb5\x2f\xfd"  # zstd's magic number: any zstd reader opens it
    head = json.loads(store.unpack(data).split("\n", 1)[0])
    assert (head["partition"], head["version"], head["mentions"]) == (manifest.number, "v", 1)


def test_the_files_are_a_fraction_of_their_lines(tmp_path, whole, partition):
    lines = store.mention_lines(m for m in whole.mentions if m.document in partition.ids)
    path = store.write(tmp_path, store.Manifest.of(partition, "v"), lines, [])
    assert path.stat().st_size < sum(len(line.encode("utf-8")) for line in lines) / 3


def test_a_cut_file_is_an_error_naming_the_file(tmp_path, whole, partition):
    manifest = store.Manifest.of(partition, "v")
    lines = store.mention_lines(m for m in whole.mentions if m.document in partition.ids)
    path = store.write(tmp_path, manifest, lines, [])
    path.write_bytes(path.read_bytes()[:-8])
    with pytest.raises(store.PartitionFileError,
                       match=f"{path}: not a whole zstd-compressed partition file"):
        store.read(tmp_path, manifest)


def test_uncompressed_files_of_earlier_versions_are_removed(tmp_path):
    for name in ["000000.jsonl", "000007.jsonl", "notes.jsonl", "000000.jsonl.zst"]:
        (tmp_path / name).write_bytes(b"")
    store.remove_beyond(tmp_path, 1)
    assert sorted(path.name for path in tmp_path.iterdir()) == ["000000.jsonl.zst",
                                                               "notes.jsonl"]


def test_a_write_that_fails_leaves_the_file_there_was_and_no_other(tmp_path, partition,
                                                                   monkeypatch):
    manifest = store.Manifest.of(partition, "v")
    store.write(tmp_path, manifest, [], ["上海市"])
    before = sorted(tmp_path.iterdir())

    def full_disk(descriptor):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(OSError):
        store.write(tmp_path, manifest, ['{"a": 1}'], ["杭州市"])
    assert sorted(tmp_path.iterdir()) == before
    assert store.read(tmp_path, manifest) == store.Stored([], ["上海市"])


def test_a_worker_that_sees_the_work_folder_writes_the_mentions_it_sends(tmp_path, partition):
    # the client keeps the mentions sent: a run that reads the file back later must find
    # the same
    manifest = store.Manifest.of(partition, version_key(True))
    with store.WorkFolder.marked(tmp_path) as work:
        extracted = extract_partition(partition.documents, manifest, True, work)
    assert extracted.written and extracted.mentions
    assert store.read(tmp_path, manifest) == store.Stored(extracted.mentions, extracted.cities)


def test_a_worker_that_does_not_see_the_work_folder_writes_nothing(tmp_path, partition):
    # a worker on a machine of its own: the folder named is not the client's
    manifest = store.Manifest.of(partition, version_key(True))
    with store.WorkFolder.marked(tmp_path / "client") as work:
        elsewhere = store.WorkFolder(tmp_path / "worker", work.token)
        extracted = extract_partition(partition.documents, manifest, True, elsewhere)
    assert not extracted.written and extracted.mentions
    assert not (tmp_path / "worker").exists()


def test_a_worker_of_another_version_writes_nothing(tmp_path, partition):
    manifest = store.Manifest.of(partition, "another version")
    with store.WorkFolder.marked(tmp_path) as work:
        extracted = extract_partition(partition.documents, manifest, True, work)
    assert not extracted.written
    assert not list(tmp_path.glob(f"*{store.SUFFIX}"))


def test_the_run_token_is_removed_when_the_run_ends(tmp_path):
    with store.WorkFolder.marked(tmp_path) as work:
        assert work.reachable()
    assert not work.reachable() and not list(tmp_path.iterdir())


def test_a_token_left_by_a_killed_run_is_removed_by_the_next(tmp_path):
    (tmp_path / ".run-0123456789abcdef").write_text("0123456789abcdef", encoding="utf-8")
    with store.WorkFolder.marked(tmp_path) as work:
        assert [path.name for path in tmp_path.iterdir()] == [f".run-{work.token}"]
