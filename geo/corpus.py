"""Read articles into Documents: find the files, decode them, strip markup and page furniture.

Besides article files, a corpus can be JSON Lines or Parquet files of one article a record
(``geo.recordfiles``), and a glob the program expands (``'corpus/*.jsonl.gz'``)."""

from __future__ import annotations

import csv
import glob
import io
import os
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path

from geo import data, recordfiles
from geo.records import Document
from geo.textfiles import TextFileError, decode, read_bytes
from geo.webpage import read_page

SUFFIXES = {
    ".txt": "text", ".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html",
}
METADATA_FILE = "metadata.csv"


# An input file that cannot be read; the message names the file (and line).
CorpusError = TextFileError


def is_input(path: Path) -> bool:
    """An article file (.txt, .md, .html) or a record file (.jsonl[.gz|.zst], .parquet)."""
    return path.suffix.lower() in SUFFIXES or recordfiles.is_record_file(path)


def find_inputs(paths: Iterable[Path]) -> list[Path]:
    """Article and record files named directly, found (non-recursively) in the folders given,
    or matched by a glob (``corpus/*.jsonl.gz``, ``**`` for any depth) that names no file
    itself, in order; a glob's matches are sorted, its folders read as folders."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(p for p in path.iterdir() if is_input(p)))
        elif path.exists():
            found.append(path)
        elif GLOB_MAGIC.search(str(path)):
            for match in sorted(glob.glob(str(path), recursive=True)):
                found.extend(find_inputs([Path(match)]) if Path(match).is_dir()
                             else [Path(match)] if is_input(Path(match)) else [])
    return found


GLOB_MAGIC = re.compile(r"[*?[]")


def document_ids(paths: list[Path]) -> dict[Path, str]:
    """Each article's id: its path from the folder that holds all the inputs, without its
    suffix (``000_2d8d`` in ``seeds/``; ``2023/01`` and ``2024/01`` for ``geo build 2023
    2024``), with its suffix where two files differ only by it (``a.txt``, ``a.md``). Never
    the stem alone, which two files can share."""
    if not paths:
        return {}
    root = Path(os.path.commonpath([path.parent.absolute() for path in paths]))
    relative = {path: path.absolute().relative_to(root) for path in paths}
    bare = {path: name.with_suffix("").as_posix() for path, name in relative.items()}
    count = Counter(bare.values())
    return {path: relative[path].as_posix() if count[bare[path]] > 1 else bare[path]
            for path in paths}


def read_documents(paths: Iterable[Path], links: bool = True
                   ) -> Iterator[Document | CorpusError]:
    """One Document per readable file, or a CorpusError for a file that cannot be read.

    Files are read one at a time, so a large corpus streams through in constant memory.
    """
    paths = list(paths)
    ids = document_ids([path for path in paths if not recordfiles.is_record_file(path)])
    labels = record_labels([path for path in paths if recordfiles.is_record_file(path)])
    taken = set(ids.values())  # a record's own id is used only where no document has it
    metadata_cache: dict[Path, dict[str, dict[str, str]]] = {}
    for path in paths:
        if path in labels:
            yield from read_record_file(path, labels[path], taken, links)
            continue
        folder = path.parent
        if folder not in metadata_cache:
            try:
                metadata_cache[folder] = load_metadata(folder / METADATA_FILE)
            except CorpusError as error:
                metadata_cache[folder] = {}  # the articles are read without it
                yield error
        try:
            document = read_document(path, metadata_cache[folder].get(path.name, {}), links)
            yield replace(document, id=ids[path]) if ids[path] != document.id else document
        except CorpusError as error:
            yield error


def record_labels(paths: list[Path]) -> dict[Path, str]:
    """What a record file's records are called when they have no id of their own: its name
    without the record suffix (``2024`` for ``corpus/2024.jsonl.gz``), from the folder that
    holds all the record files where two share a name (``a/2024``, ``b/2024``)."""
    bare = {path: recordfiles.without_suffix(path.absolute()) for path in paths}
    if len({name.name for name in bare.values()}) == len(bare):
        return {path: name.name for path, name in bare.items()}
    root = Path(os.path.commonpath([path.parent for path in bare.values()]))
    return {path: name.relative_to(root).as_posix() for path, name in bare.items()}


# A record's own id is used only when it is a plain name: it names the article's map file
# (maps/articles/<id>.html), so no slash, no leading dot, no control character.
SAFE_ID = re.compile(r"\w[\w.:-]{0,199}")


def read_record_file(path: Path, label: str, taken: set[str], links: bool = True
                     ) -> Iterator[Document | CorpusError]:
    """A Document per record of a JSON Lines or Parquet file, or a CorpusError naming the
    file and the line (row) of a record that cannot be read. A document's id is the
    record's ``id`` where it is a plain name that no document before it has, else
    ``<label>:<line or row>``. ``taken`` (the ids so far) grows with each document."""
    for item in recordfiles.read_records(path, links):
        if isinstance(item, CorpusError):
            yield item
            continue
        number, record = item
        given = record.get("id", "")
        document_id = (given if SAFE_ID.fullmatch(given) and given not in taken
                       else f"{label}:{number}")
        if document_id in taken:
            yield CorpusError(path, f"{recordfiles.unit(path)} {number}: its id "
                                    f"{document_id} is another document's; not read")
            continue
        taken.add(document_id)
        yield record_document(path, document_id, record)


def record_document(path: Path, document_id: str, record: dict[str, str]) -> Document:
    """A record's Document: its text read as plain text, cleaned of page furniture."""
    text = remove_furniture(record["text"].replace("\r\n", "\n").replace("\r", "\n"))
    return Document(
        id=document_id,
        path=path,
        text=text,
        title=record.get("title") or first_line(text) or document_id,
        date=record.get("date"),
        publisher=record.get("publisher"),
        city=record.get("city"),
        url=record.get("url"),
    )


MAX_BYTES = 50 * 1024 * 1024  # an article is kilobytes; a larger file is something else


def read_document(path: Path, metadata: dict[str, str] | None = None,
                  links: bool = True) -> Document:
    text = decode(read_bytes(path, MAX_BYTES, links), path)
    kind = SUFFIXES.get(path.suffix.lower(), "text")
    page: dict[str, str] = {}  # what an HTML page says of itself
    if kind == "html":
        page, text = read_page(text)
    elif kind == "markdown":
        title, text = markdown_to_text(text)
        page = {"title": title} if title else {}
    text = remove_furniture(text)
    metadata = metadata or {}  # metadata.csv first: the user's word over the page's
    return Document(
        id=path.stem,
        path=path,
        text=text,
        title=metadata.get("title") or page.get("title") or first_line(text) or path.stem,
        date=metadata.get("date") or page.get("date") or None,
        publisher=metadata.get("publisher") or page.get("publisher") or None,
        city=metadata.get("city") or None,
        url=metadata.get("url") or page.get("url") or None,
    )


def load_metadata(path: Path) -> dict[str, dict[str, str]]:
    """Per-file title, publisher, date, city and url from a folder's metadata.csv, if any."""
    if not path.exists() and not path.is_symlink():
        return {}
    text = decode(read_bytes(path, MAX_BYTES), path)  # saved by Excel: GBK or UTF-16 too
    return {row["file"]: row for row in csv.DictReader(io.StringIO(text)) if row.get("file")}


def _furniture() -> tuple[frozenset[str], tuple[str, ...], tuple[str, ...]]:
    text = data.path("furniture.txt").read_text(encoding="utf-8")
    lines = [line.strip() for line in text.splitlines()
             if line.strip() and not line.startswith("#")]
    starts = tuple(line.split(":", 1)[1].strip() for line in lines if line.startswith("cut:"))
    ends = tuple(line.split(":", 1)[1].strip() for line in lines if line.startswith("cut-end:"))
    plain = frozenset(line for line in lines if not line.startswith(("cut:", "cut-end:")))
    return plain, starts, ends


FURNITURE, CUT_STARTS, CUT_ENDS = _furniture()


def remove_furniture(text: str) -> str:
    """Drop page-furniture lines (share buttons, "see more pictures") and everything from a
    related-articles heading on; squeeze blank runs."""
    kept = []
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped.startswith(CUT_STARTS) or (stripped.endswith(CUT_ENDS) and len(stripped) < 80):
            break
        if stripped not in FURNITURE:
            kept.append(line.rstrip())
    return re.sub(r"\n{3,}", "\n\n", "\n".join(kept)).strip("\n") + "\n"


def first_line(text: str) -> str | None:
    return next((line.strip() for line in text.splitlines() if line.strip()), None)


_MD_RULES = [
    # Neither a label nor a URL runs over another bracket, so a run of [ or ( is read once,
    # not once per bracket (linear time on hostile text).
    (re.compile(r"!\[([^\[\]]*)\]\([^()\[\]]*\)"), r"\1"),  # images keep their alt text
    (re.compile(r"\[([^\[\]]*)\]\([^()\[\]]*\)"), r"\1"),  # links keep their label
    (re.compile(r"^\s{0,3}#{1,6}\s*", re.M), ""),
    (re.compile(r"^\s{0,3}>\s?", re.M), ""),
    (re.compile(r"(\*\*|__|\*|`)"), ""),
]


def markdown_to_text(text: str) -> tuple[str | None, str]:
    heading = re.search(r"^\s{0,3}#{1,6}\s*(.+)$", text, re.M)
    for pattern, replacement in _MD_RULES:
        text = pattern.sub(replacement, text)
    return (heading.group(1).strip() if heading else None), text
