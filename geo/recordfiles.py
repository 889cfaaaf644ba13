"""Reading a corpus stored as records: JSON Lines (``.jsonl``, ``.jsonl.gz``, ``.jsonl.zst``)
and Parquet (``.parquet``) files of one article a record, with a ``text`` and optionally an
``id``, ``url``, ``title``, ``publisher``, ``date`` and ``city``.

Files are streamed: JSON Lines a line at a time (no line longer than MAX_RECORD_BYTES),
Parquet a batch of a row group at a time, so a corpus of any size reads in bounded memory. A
record that cannot be read (not JSON, no text, a text that is no string) is an error naming
the file and its line (or row), and the next records are read. The records are untrusted:
what they hold is checked here, and turned into Documents by ``geo.corpus``.
"""

from __future__ import annotations

import datetime as dt
import gzip
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from geo.textfiles import TextFileError, check_regular

JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".jsonl.zst")
PARQUET_SUFFIXES = (".parquet",)
SUFFIXES = JSONL_SUFFIXES + PARQUET_SUFFIXES
FIELDS = ("id", "url", "title", "publisher", "date", "city")  # besides the text
MAX_RECORD_BYTES = 50 * 1024 * 1024  # as for an article file: a longer line is something else
BATCH_ROWS = 1024  # Parquet rows decoded at a time

Record = dict[str, str]  # "text" and those of FIELDS the record gives


def record_suffix(path: Path) -> str | None:
    """The record suffix ``path`` ends in (``.jsonl.gz``), or None for any other file."""
    name = path.name.lower()
    return next((suffix for suffix in SUFFIXES if name.endswith(suffix)), None)


def is_record_file(path: Path) -> bool:
    return record_suffix(path) is not None


def without_suffix(path: Path) -> Path:
    """``corpus/2024.jsonl.gz`` -> ``corpus/2024``."""
    suffix = record_suffix(path)
    return path.with_name(path.name[:-len(suffix)]) if suffix else path


def unit(path: Path) -> str:
    """What a record is called in messages: a ``line`` of JSON Lines, a ``row`` of Parquet."""
    return "row" if record_suffix(path) in PARQUET_SUFFIXES else "line"


def read_records(path: Path, links: bool = True) -> Iterator[tuple[int, Record] | TextFileError]:
    """Each record of the file with its line (JSON Lines) or row (Parquet) number, from 1; a
    TextFileError for a record, or a file, that cannot be read."""
    try:
        check_regular(path, links)
    except TextFileError as error:
        yield error
        return
    if record_suffix(path) in PARQUET_SUFFIXES:
        yield from _parquet_records(path)
    else:
        yield from _jsonl_records(path)


def _jsonl_records(path: Path) -> Iterator[tuple[int, Record] | TextFileError]:
    number = 0
    try:
        with _open_jsonl(path) as handle:
            for number, line in _lines(handle):
                if line is None:
                    yield TextFileError(path, f"line {number}: more than the "
                                              f"{MAX_RECORD_BYTES // 2**20} MiB a record can be")
                    continue
                if not line.strip():
                    continue
                record = _json_record(line, number == 1)
                yield ((number, record) if isinstance(record, dict)
                       else TextFileError(path, f"line {number}: {record}"))
    except TextFileError as error:
        yield error
    except _stream_errors() as error:  # a damaged or cut compressed stream
        yield TextFileError(path, f"cannot be read after line {number} ({str(error)[:200]})")


def _stream_errors() -> tuple[type[Exception], ...]:
    """What reading a damaged file raises: gzip's and Zstandard's errors among them."""
    try:
        from zstandard import ZstdError
    except ImportError:
        return OSError, EOFError, ValueError
    return OSError, EOFError, ValueError, ZstdError


def _open_jsonl(path: Path) -> BinaryIO:
    suffix = record_suffix(path)
    if suffix == ".jsonl.gz":
        return gzip.open(path, "rb")  # type: ignore[return-value]
    if suffix == ".jsonl.zst":
        try:
            import zstandard
        except ImportError:
            raise TextFileError(path, "is compressed with Zstandard, which needs the "
                                      "zstandard package (pip install zstandard); not read"
                                ) from None
        reader = zstandard.ZstdDecompressor().stream_reader(path.open("rb"),
                                                            read_across_frames=True,
                                                            closefd=True)
        return io.BufferedReader(reader)  # type: ignore[arg-type]
    return path.open("rb")


def _lines(handle: BinaryIO) -> Iterator[tuple[int, bytes | None]]:
    """Each line with its number; None for a line longer than MAX_RECORD_BYTES, which is
    skipped without being held."""
    number = 0
    while line := handle.readline(MAX_RECORD_BYTES + 1):
        number += 1
        if len(line) > MAX_RECORD_BYTES:
            while (rest := handle.readline(1 << 20)) and not rest.endswith(b"\n"):
                pass
            yield number, None
        else:
            yield number, line


def _json_record(line: bytes, first: bool) -> Record | str:
    """The record on a line, or what is wrong with it."""
    try:
        text = line.decode("utf-8-sig" if first else "utf-8")
    except UnicodeDecodeError:
        return "is not UTF-8, as JSON Lines must be"
    try:
        value = json.loads(text)
    except (ValueError, RecursionError) as error:
        return f"is not JSON ({str(error)[:100]})"
    if not isinstance(value, dict):
        return "is not a JSON object"
    return checked(value)


def checked(value: dict) -> Record | str:
    """A record's text and fields as strings, or what is wrong with it. An ``id`` may be a
    number; a date (Parquet's date and timestamp types) becomes an ISO day."""
    text = value.get("text")
    if text is None:
        return "has no text"
    if not isinstance(text, str):
        return f"its text is {type(text).__name__}, not a string"
    record = {"text": text}
    for name in FIELDS:
        field = value.get(name)
        if field is None or field == "":
            continue
        if isinstance(field, dt.datetime):
            field = field.date().isoformat()
        elif isinstance(field, dt.date):
            field = field.isoformat()
        elif isinstance(field, int) and not isinstance(field, bool) and name == "id":
            field = str(field)
        if not isinstance(field, str):
            return f"its {name} is {type(field).__name__}, not a string"
        record[name] = field
    return record


def _parquet_records(path: Path) -> Iterator[tuple[int, Record] | TextFileError]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    row = 0
    try:
        with pq.ParquetFile(path) as parquet:
            names = parquet.schema_arrow.names
            if "text" not in names:
                yield TextFileError(path, "has no text column (its columns: "
                                          f"{', '.join(names[:20]) or 'none'})")
                return
            columns = [name for name in ("text", *FIELDS) if name in names]
            for batch in parquet.iter_batches(batch_size=BATCH_ROWS, columns=columns):
                for value in batch.to_pylist():
                    row += 1
                    record = checked(value)
                    yield ((row, record) if isinstance(record, dict)
                           else TextFileError(path, f"row {row}: {record}"))
    except (pa.ArrowException, OSError) as error:
        where = f"after row {row}" if row else "as Parquet"
        yield TextFileError(path, f"cannot be read {where} ({str(error)[:200]})")
