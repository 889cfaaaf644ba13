"""Reading the text files users bring: articles, metadata.csv, overrides.

Only regular files are read (a named pipe would hang the build, /dev/zero fill the memory),
a symbolic link only when it points inside its own folder, and no more than a limit of
bytes, counted while reading. The encoding is found from the bytes: a BOM (UTF-8, UTF-16),
UTF-16 without one, UTF-8, and else GB18030 (GBK, GB2312) or Big5, whichever reads as the
common characters of Chinese text; a file neither can read is an error naming its line.
Messages show control characters in file names escaped, never raw.
"""

from __future__ import annotations

import codecs
import os
import stat
from pathlib import Path


class TextFileError(Exception):
    """A file that cannot be read as text; the message names the file (and line)."""

    def __init__(self, path: Path, problem: str):
        super().__init__(f"{printable(str(path))}: {problem}")
        self.path = path
        self.problem = problem


def printable(text: str) -> str:
    """``text`` with control characters escaped (a file name can hold terminal escapes)."""
    return "".join(c if c.isprintable() or c == " " else c.encode("unicode_escape").decode()
                   for c in text)


def check_regular(path: Path, links: bool = True) -> os.stat_result:
    """The status of ``path`` if it may be read: a regular file, or a link to one in its own
    folder (without ``links``, no link at all); else a TextFileError saying why not."""
    try:
        if path.is_symlink() and not links:
            raise TextFileError(path, "is a symbolic link, and links are refused (--no-links)")
        if path.is_symlink() and not _inside(path.resolve(), path.parent.resolve()):
            raise TextFileError(path, "is a link to a file outside its folder; not read")
        status = os.stat(path)
    except OSError as error:
        raise TextFileError(path, f"cannot be read ({error.strerror})") from error
    if not stat.S_ISREG(status.st_mode):
        raise TextFileError(path, "is not a regular file (a device, pipe or socket); not read")
    return status


def read_bytes(path: Path, limit: int, links: bool = True) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes; without ``links``, a symbolic
    link is refused even to a file in its own folder."""
    status = check_regular(path, links)
    try:
        if status.st_size > limit:
            raise TextFileError(path, f"is {status.st_size / 2**20:.0f} MiB, more than the "
                                      f"{limit // 2**20} MiB a file can be; split it")
        with path.open("rb") as handle:
            data = handle.read(limit + 1)
    except OSError as error:
        raise TextFileError(path, f"cannot be read ({error.strerror})") from error
    if len(data) > limit:  # it grew while read
        raise TextFileError(path, f"is more than the {limit // 2**20} MiB a file can be; "
                                  "split it")
    return data


def _inside(target: Path, folder: Path) -> bool:
    return target == folder or folder in target.parents


def decode(data: bytes, path: Path) -> str:
    """The text of ``data``, newlines made \\n (see the module's docstring for the order)."""
    for bom, codec in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                       (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return _lines(_strict(data, codec, path))
    head = data[:65536]
    if b"\x00" in head:
        codec = _utf16_without_bom(head)
        if codec is None:
            raise TextFileError(path, "looks like a binary file (it contains NUL bytes), "
                                      "not text")
        return _lines(_strict(data, codec, path))
    try:
        return _lines(data.decode("utf-8"))
    except UnicodeDecodeError as utf8_error:
        first_error = utf8_error
    readings = {}
    for codec in ("gb18030", "big5"):
        try:
            readings[codec] = data.decode(codec)
        except UnicodeDecodeError:
            continue
    if not readings:
        raise TextFileError(path, f"is neither UTF-8, UTF-16, GB18030 nor Big5 (undecodable "
                                  f"byte on line {_line_of(data, first_error.start)})")
    best = max(readings, key=lambda codec: (_common_share(readings[codec][:20000]),
                                            codec == "gb18030"))
    return _lines(readings[best])


def _strict(data: bytes, codec: str, path: Path) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as error:
        raise TextFileError(path, f"is not valid {codec.upper().replace('-SIG', '')} "
                                  f"(undecodable byte on line {_line_of(data, error.start)})"
                            ) from None


def _utf16_without_bom(head: bytes) -> str | None:
    """UTF-16 text of Chinese and ASCII has a NUL in most ASCII characters' other byte; text
    of Chinese alone has few (开 is 00 5F), so each reading is also tried whole: the one that
    reads as text (TEXT_SHARE of its characters common Chinese, ASCII or punctuation) wins."""
    even, odd = head[0::2].count(0), head[1::2].count(0)
    if odd > 4 * max(even, 1) and odd * 8 > len(head) // 2:
        return "utf-16-le"
    if even > 4 * max(odd, 1) and even * 8 > len(head) // 2:
        return "utf-16-be"
    shares = {}
    for codec in ("utf-16-le", "utf-16-be"):
        try:
            text = head[:len(head) // 2 * 2].decode(codec)
        except UnicodeDecodeError:
            continue  # a cut surrogate pair at the end is rare; a lone one says binary
        shares[codec] = _text_share(text)
    best = max(shares, key=shares.get, default=None)
    return best if best is not None and shares[best] >= TEXT_SHARE else None


TEXT_SHARE = 0.9


def _text_share(text: str) -> float:
    """The share of characters that text is made of: common Chinese, printable ASCII and
    spaces, CJK and full-width punctuation."""
    if not text:
        return 0.0
    usual = sum(1 for c in text if (c.isascii() and (c.isprintable() or c.isspace()))
                or "\u3000" <= c <= "\u303f" or "\uff00" <= c <= "\uffef"
                or ("\u4e00" <= c <= "\u9fff" and _common(c)))
    return usual / len(text)


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def _common_share(text: str) -> float:
    """The share of a text's Chinese characters that are common ones: in GB2312 (simplified)
    or in Big5's first level (traditional). Big5 bytes read as GB18030, or GBK bytes read as
    Big5, give rare characters half the time; the right reading gives almost none."""
    chinese = [c for c in text if "\u4e00" <= c <= "\u9fff"]
    if not chinese:
        return 0.0
    return sum(map(_common, chinese)) / len(chinese)


def _common(character: str) -> bool:
    if len(character.encode("gb2312", errors="ignore")) == 2:
        return True
    encoded = character.encode("big5", errors="ignore")
    return len(encoded) == 2 and 0xA440 <= int.from_bytes(encoded, "big") <= 0xC67E


def _lines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")
