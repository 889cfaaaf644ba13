"""Issue 22, point 1: a corpus as JSON Lines (plain, gzip, Zstandard) or Parquet files of one
article a record, and globs the program expands."""

import gzip
import json
import os
import sys
import tracemalloc
from datetime import date

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from geo.cli import main
from geo.corpus import CorpusError, find_inputs, read_documents
from geo.pipeline import locate

ARTICLE = {"id": "sh-001", "text": "长阳创谷是老厂房更新载体。", "title": "长阳创谷开园",
           "publisher": "解放日报", "date": "2024-03-07", "city": "上海市",
           "url": "https://example.org/1"}


def jsonl(*records) -> bytes:
    return "".join((r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)) + "\n"
                   for r in records).encode("utf-8")


def compress(data: bytes, suffix: str) -> bytes:
    if suffix == ".jsonl.gz":
        return gzip.compress(data)
    if suffix == ".jsonl.zst":
        zstandard = pytest.importorskip("zstandard")
        return zstandard.ZstdCompressor().compress(data)
    return data


def read(*paths):
    items = list(read_documents(find_inputs(list(paths))))
    return ([i for i in items if not isinstance(i, CorpusError)],
            [str(i) for i in items if isinstance(i, CorpusError)])


@pytest.mark.parametrize("suffix", [".jsonl", ".jsonl.gz", ".jsonl.zst"])
def test_a_json_lines_record_is_a_document_with_its_metadata(tmp_path, suffix):
    path = tmp_path / f"corpus{suffix}"
    path.write_bytes(compress(jsonl(ARTICLE), suffix))
    [document], errors = read(path)
    assert errors == []
    assert (document.id, document.title, document.publisher, document.date, document.city,
            document.url) == ("sh-001", "长阳创谷开园", "解放日报", "2024-03-07", "上海市",
                              "https://example.org/1")
    assert document.text == "长阳创谷是老厂房更新载体。\n"


def test_zstandard_json_lines_are_refused_clearly_without_the_package(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "zstandard", None)  # import zstandard fails
    path = tmp_path / "corpus.jsonl.zst"
    path.write_bytes(b"\x28\xb5\x2f\xfd")
    (tmp_path / "other.jsonl").write_bytes(jsonl(ARTICLE))
    documents, [error] = read(path, tmp_path / "other.jsonl")
    assert "corpus.jsonl.zst" in error and "zstandard package" in error
    assert [d.id for d in documents] == ["sh-001"]


@pytest.mark.parametrize("bad, problem", [
    ("{not json", "line 2: is not JSON"),
    ({"title": "无正文"}, "line 2: has no text"),
    ({"text": 42}, "line 2: its text is int, not a string"),
    ("[1, 2]", "line 2: is not a JSON object"),
])
def test_a_bad_record_is_named_by_file_and_line_and_the_rest_are_read(tmp_path, bad, problem):
    path = tmp_path / "corpus.jsonl"
    path.write_bytes(jsonl({"text": "一"}, bad, {"text": "三"}))
    documents, [error] = read(path)
    assert error.startswith(f"{path}: {problem}")
    assert [d.id for d in documents] == ["corpus:1", "corpus:3"]


def test_a_record_without_a_usable_id_is_named_by_file_stem_and_line(tmp_path):
    path = tmp_path / "2024.jsonl.gz"
    path.write_bytes(compress(jsonl({"text": "一"}, {"id": "a", "text": "二"},
                                    {"id": "a", "text": "三"},  # taken
                                    {"id": "../../x", "text": "四"},  # names no file safely
                                    "", {"id": 7, "text": "六"}), ".jsonl.gz"))
    documents, errors = read(path)
    assert errors == []
    assert [d.id for d in documents] == ["2024:1", "a", "2024:3", "2024:4", "7"]


def test_records_of_two_files_with_one_name_keep_apart(tmp_path):
    for year in ("a", "b"):
        (tmp_path / year).mkdir()
        (tmp_path / year / "news.jsonl").write_bytes(jsonl({"text": year}))
    documents, _ = read(tmp_path / "a" / "news.jsonl", tmp_path / "b" / "news.jsonl")
    assert [d.id for d in documents] == ["a/news:1", "b/news:1"]


def test_a_line_longer_than_a_record_can_be_is_skipped_and_the_next_read(tmp_path):
    path = tmp_path / "corpus.jsonl"
    with path.open("wb") as handle:
        handle.write(jsonl({"text": "一"}))
        handle.truncate(60 * 1024 * 1024)  # a 60 MiB line of NUL bytes, sparse on disk
        handle.seek(0, os.SEEK_END)
        handle.write(b"\n" + jsonl({"text": "三"}))
    documents, errors = read(path)
    assert errors == [f"{path}: line 2: more than the 50 MiB a record can be"]
    assert [d.id for d in documents] == ["corpus:1", "corpus:3"]


def test_json_lines_are_read_a_line_at_a_time(tmp_path):
    path = tmp_path / "big.jsonl"
    path.write_bytes(jsonl(*({"text": f"{n:05d}" + "公园" * 500} for n in range(4000))))
    assert path.stat().st_size > 10_000_000
    tracemalloc.start()
    try:
        count = sum(1 for _ in read_documents([path]))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == 4000 and peak < 2_000_000


def test_a_damaged_gzip_stream_keeps_the_records_before_the_damage(tmp_path):
    path = tmp_path / "cut.jsonl.gz"
    whole = gzip.compress(jsonl(*({"text": f"第{n}篇"} for n in range(2000))))
    path.write_bytes(whole[:len(whole) // 2])
    documents, [error] = read(path)
    assert 0 < len(documents) < 2000
    assert error.startswith(f"{path}: cannot be read after line {len(documents)}")


def test_a_named_pipe_is_refused_not_waited_on(tmp_path):
    path = tmp_path / "pipe.jsonl"
    os.mkfifo(path)
    documents, [error] = read(path)
    assert documents == [] and "not a regular file" in error


def write_parquet(path, columns, row_group_size=None):
    pq.write_table(pa.table(columns), path, row_group_size=row_group_size)


def test_a_parquet_row_is_a_document_with_its_metadata(tmp_path):
    path = tmp_path / "corpus.parquet"
    write_parquet(path, {"text": [ARTICLE["text"], "二"], "id": [101, None],
                         "date": [date(2024, 3, 7), None], "publisher": ["解放日报", None]})
    documents, errors = read(path)
    assert errors == []
    assert [(d.id, d.date, d.publisher) for d in documents] == [
        ("101", "2024-03-07", "解放日报"), ("corpus:2", None, None)]


def test_a_bad_parquet_row_is_named_by_file_and_row(tmp_path):
    path = tmp_path / "corpus.parquet"
    write_parquet(path, {"text": ["一", None, "三"]})
    documents, errors = read(path)
    assert errors == [f"{path}: row 2: has no text"]
    assert [d.id for d in documents] == ["corpus:1", "corpus:3"]


def test_a_parquet_file_without_a_text_column_is_named_and_others_read(tmp_path):
    write_parquet(tmp_path / "a.parquet", {"body": ["一"]})
    write_parquet(tmp_path / "b.parquet", {"text": ["二"]})
    documents, errors = read(tmp_path)
    assert errors == [f"{tmp_path / 'a.parquet'}: has no text column (its columns: body)"]
    assert [d.id for d in documents] == ["b:1"]


def test_parquet_is_read_a_row_group_at_a_time(tmp_path):
    path = tmp_path / "big.parquet"
    rows = 10_000
    write_parquet(path, {"text": [f"{n:06d}" + "x" * 1000 for n in range(rows)]},
                  row_group_size=1000)  # ten row groups of about 1 MB
    pool = pa.default_memory_pool()
    peak, count = 0, 0
    for _ in read_documents([path]):
        count += 1
        peak = max(peak, pool.bytes_allocated())
    assert count == rows and peak < 5_000_000


def test_a_folder_and_a_glob_find_record_files(tmp_path):
    for name in ("b.jsonl.gz", "a.jsonl.gz", "c.parquet", "notes.csv"):
        (tmp_path / name).write_bytes(b"")
    assert [p.name for p in find_inputs([tmp_path / "*.jsonl.gz"])] == ["a.jsonl.gz",
                                                                      "b.jsonl.gz"]
    assert [p.name for p in find_inputs([tmp_path])] == ["a.jsonl.gz", "b.jsonl.gz",
                                                         "c.parquet"]


def test_a_quoted_glob_on_the_command_line_reads_every_file(tmp_path, capsys):
    for n in (1, 2):
        (tmp_path / f"part{n}.jsonl").write_bytes(jsonl({"id": f"d{n}", "text": "长阳创谷开园。"}))
    assert main(["extract", str(tmp_path / "part*.jsonl"), "--json", "--fast"]) == 0
    documents = {json.loads(line)["document"] for line in capsys.readouterr().out.splitlines()}
    assert documents == {f"{tmp_path / 'part1.jsonl'}#d1", f"{tmp_path / 'part2.jsonl'}#d2"}


def test_locate_maps_the_places_of_a_json_lines_corpus(tmp_path):
    path = tmp_path / "corpus.jsonl.gz"
    path.write_bytes(gzip.compress(jsonl(ARTICLE)))
    atlas = locate(path)
    assert [d.id for d in atlas.documents] == ["sh-001"]
    assert "长阳创谷" in set(atlas.frames["renewal"]["name"])
