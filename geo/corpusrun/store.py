"""A partition's mentions on disk: one JSON Lines file a partition in the run's work folder,
compressed with zstd, ``<work>/<number>.jsonl.zst``, written whole or not at all (a scratch
file, then a rename), by the worker that extracted it where it sees the folder, else by the
client. Each mention keeps its sentence, and mentions of a sentence repeat it: uncompressed,
the files took 4.8 bytes for each byte of articles; zstd makes that about a tenth, for a few
milliseconds a partition (any zstd reader opens them: ``zstd -dc 000000.jsonl.zst``).

Its first line is the manifest: the partition's document ids, a digest of their contents,
the version of the code and model that extracted them (``geo.corpusrun.version``) and the
count of mentions. Each further line is a mention. A file whose manifest does not match the
partition as it is now, or that cannot be read back whole, is extracted again.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import secrets
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa

from geo.corpusrun.partitions import Partition
from geo.records import Fact, Mention

SUFFIX = ".jsonl.zst"
UNCOMPRESSED = ".jsonl"  # the partition files of earlier versions


class PartitionFileError(ValueError):
    """A partition file that cannot be read back; the message names the file and line."""


@dataclass(frozen=True)
class Manifest:
    number: int
    version: str
    documents: tuple[str, ...]
    digest: str

    @classmethod
    def of(cls, partition: Partition, version: str) -> Manifest:
        return cls(partition.number, version, tuple(partition.ids), partition.digest())

    def line(self, mentions: int, cities: list[str]) -> str:
        return json.dumps({"partition": self.number, "version": self.version,
                           "documents": list(self.documents), "digest": self.digest,
                           "mentions": mentions, "cities": cities}, ensure_ascii=False)


@dataclass(frozen=True)
class Stored:
    """A partition's mentions, and the cities whose gazetteer entries extraction asked for
    (``geo.corpusrun.workers.Extracted``)."""

    mentions: list[Mention]
    cities: list[str]


@dataclass(frozen=True)
class WorkFolder:
    """The run's work folder, as sent to the workers, with a token written in it for the run:
    a worker that finds the token sees the client's folder (the same machine, or a shared
    file system) and writes its partitions there; one that does not (a machine of its own)
    sends its mentions and lets the client write them."""

    path: Path
    token: str

    @classmethod
    @contextlib.contextmanager
    def marked(cls, path: Path) -> Iterator[WorkFolder]:
        """The folder, made if need be, with the run's token in it until the block ends (a
        token left by a run that was killed is removed)."""
        path.mkdir(parents=True, exist_ok=True)
        for left in path.glob(".run-*"):
            left.unlink(missing_ok=True)
        folder = cls(path, secrets.token_hex(8))
        folder._marker.write_text(folder.token, encoding="utf-8")
        try:
            yield folder
        finally:
            folder._marker.unlink(missing_ok=True)

    @property
    def _marker(self) -> Path:
        return self.path / f".run-{self.token}"

    def reachable(self) -> bool:
        try:
            return self._marker.read_text(encoding="utf-8") == self.token
        except OSError:
            return False


def path_of(work: Path, number: int) -> Path:
    return work / f"{number:06d}{SUFFIX}"


def pack(text: str) -> bytes:
    """``text`` in UTF-8, compressed with zstd (one standard zstd stream)."""
    sink = pa.BufferOutputStream()
    with pa.CompressedOutputStream(sink, "zstd") as stream:
        stream.write(text.encode("utf-8"))
    return sink.getvalue().to_pybytes()


def unpack(data: bytes) -> str:
    """What ``pack`` packed; OSError when ``data`` is not a whole zstd stream, ValueError
    when it is not UTF-8."""
    return pa.CompressedInputStream(pa.BufferReader(data), "zstd").read().decode("utf-8")


def mention_line(mention: Mention) -> str:
    fields = dict(mention.__dict__)
    fields["facts"] = [fact.__dict__ for fact in mention.facts]
    return json.dumps(fields, ensure_ascii=False)


def mention_of(line: str) -> Mention:
    fields = json.loads(line)
    fields["facts"] = tuple(Fact(**fact) for fact in fields["facts"])
    return Mention(**fields)


def mention_lines(mentions: Iterable[Mention]) -> list[str]:
    return [mention_line(mention) for mention in mentions]


def write(work: Path, manifest: Manifest, lines: list[str], cities: list[str]) -> Path:
    """The partition's file, whole: written to a scratch file beside it, then renamed."""
    target = path_of(work, manifest.number)
    work.mkdir(parents=True, exist_ok=True)
    data = pack("".join([manifest.line(len(lines), cities) + "\n",
                         *(line + "\n" for line in lines)]))
    handle = tempfile.NamedTemporaryFile("wb", dir=work, delete=False,
                                         prefix=f".{target.name}.", suffix=".tmp")
    try:
        with handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(handle.name, target)
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise
    return target


def read(work: Path, manifest: Manifest) -> Stored | None:
    """What a partition written before with this manifest holds; None when there is no
    such file or it was written for other documents or by another version; a
    PartitionFileError when it cannot be read back whole."""
    path = path_of(work, manifest.number)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    try:
        text = unpack(data)
    except (OSError, ValueError):
        raise PartitionFileError(f"{path}: not a whole zstd-compressed partition file"
                                 ) from None
    with io.StringIO(text) as handle:
        try:
            head = json.loads(handle.readline())
        except ValueError:
            raise PartitionFileError(f"{path}: line 1: not a partition's manifest") from None
        if not isinstance(head, dict) or any(
                head.get(key) != value for key, value in (
                    ("partition", manifest.number), ("version", manifest.version),
                    ("documents", list(manifest.documents)), ("digest", manifest.digest))):
            return None
        mentions = []
        for number, line in enumerate(handle, start=2):
            try:
                mentions.append(mention_of(line))
            except (ValueError, TypeError, KeyError) as error:
                raise PartitionFileError(f"{path}: line {number}: not a mention "
                                         f"({str(error)[:100]})") from None
    if len(mentions) != head.get("mentions"):
        raise PartitionFileError(f"{path}: {len(mentions)} mentions, its manifest says "
                                 f"{head.get('mentions')}")
    cities = head.get("cities")
    if not isinstance(cities, list) or not all(isinstance(city, str) for city in cities):
        raise PartitionFileError(f"{path}: line 1: its cities are not a list of names")
    return Stored(mentions, cities)


def remove_beyond(work: Path, count: int) -> None:
    """Remove the partition files numbered ``count`` and above (those of a longer corpus),
    and any uncompressed ones an earlier version wrote, which no run reads."""
    if not work.is_dir():
        return
    for path in work.iterdir():
        for suffix, first in ((SUFFIX, count), (UNCOMPRESSED, 0)):
            number = path.name.removesuffix(suffix)
            if path.name.endswith(suffix) and number.isdigit() and int(number) >= first:
                path.unlink(missing_ok=True)
