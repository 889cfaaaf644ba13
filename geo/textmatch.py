"""Fast matching of many literal names at once, metro line numbers, and traditional
characters read as simplified.

Python's ``re`` tries the alternatives of ``a|b|c…`` one by one, and pyahocorasick walks its
trie one transition list at a time; for thousands of names both were the slowest part of
extraction. ahocorasick-rs runs the whole scan in compiled code and hands back only the hits.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

import ahocorasick_rs


class NameMatcher:
    """Finds every occurrence of a fixed set of names: leftmost first, the longest name at each
    position (交运智慧湾科创园 over 交运智慧湾), never overlapping."""

    def __init__(self, names: Iterable[str]):
        self.names = sorted({name for name in names if name})
        self._automaton = ahocorasick_rs.AhoCorasick(
            self.names, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest,
            # a DFA scans a few per cent faster but takes 17 times the memory (3.5 MiB for a
            # city's 700 names): a worker holds one matcher per city its articles are about
            implementation=ahocorasick_rs.Implementation.ContiguousNFA,
        ) if self.names else None

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, name) of each occurrence, in text order; offsets are characters."""
        if self._automaton is None:
            return []
        names = self.names
        return [(start, end, names[index])
                for index, start, end in self._automaton.find_matches_as_indexes(text)]


def simplified(text: str) -> str:
    """The text with each traditional character written simplified (與軌道9號線 ->
    与轨道9号线), character for character, so every offset still points at the same place in
    the text as written: names are matched, looked up and classified in simplified Chinese,
    and quoted as the article writes them."""
    return text.translate(_simplified_table())


@lru_cache(maxsize=1)
def _simplified_table() -> dict[int, str]:
    """OpenCC's traditional-to-simplified conversion of each character on its own (a
    character that would become two is left as it is)."""
    import opencc

    characters = [chr(code) for code in range(0x3400, 0xA000)]
    converted = opencc.OpenCC("t2s").convert("\n".join(characters)).split("\n")
    if len(converted) != len(characters):  # never seen; the text is then matched as written
        return {}
    return {ord(old): new for old, new in zip(characters, converted, strict=True)
            if new != old and len(new) == 1}


def alternation(words: Iterable[str]) -> str:
    """A regex matching any of the words, the longest first where one begins another."""
    return "|".join(map(re.escape, sorted(words, key=len, reverse=True)))


# A metro line's number in digits or Chinese numerals (3号线, 三号线, 十八号线).
LINE_NUMBER = r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})"
LINE_NAME = re.compile(rf"(?P<number>{LINE_NUMBER})号线")
DIGITS = dict(zip("一二三四五六七八九", range(1, 10), strict=True))


def line_number(numeral: str) -> int | None:
    """12 from "12" or "十二"; None for numerals that are not a line number (十十)."""
    if numeral.isdigit():
        return int(numeral)
    if "十" not in numeral:
        return DIGITS[numeral] if len(numeral) == 1 else None
    tens, _, units = numeral.rpartition("十")
    if len(tens) > 1 or len(units) > 1 or "十" in tens:
        return None
    return DIGITS.get(tens, 1) * 10 + DIGITS.get(units, 0)


def line_name(name: str) -> str:
    """The name with a Chinese-numeral line number in digits: 三号线 -> 3号线."""
    match = LINE_NAME.fullmatch(name)
    number = line_number(match.group("number")) if match else None
    return f"{number}号线" if number is not None else name
