"""Fast matching of many literal names at once.

Python's ``re`` tries the alternatives of ``a|b|c…`` one by one at every position; for
thousands of names that is the slowest part of extraction. The same names as a prefix trie
(上海(?:市|大学)|…) let the engine discard most positions after one character.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# A metro line's number in digits or Chinese numerals (3号线, 三号线, 十八号线).
LINE_NUMBER = r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})"
LINE_NAME = re.compile(rf"(?P<number>{LINE_NUMBER})号线")
DIGITS = dict(zip("一二三四五六七八九", range(1, 10), strict=True))


def trie_pattern(words: Iterable[str]) -> re.Pattern[str]:
    """A regex matching any of ``words``, preferring the longest at each position."""
    trie: dict = {}
    for word in words:
        if not word:
            continue
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = True
    if not trie:
        return re.compile(r"(?!x)x")  # matches nothing
    return re.compile(_regex(trie))


def _regex(node: dict) -> str:
    ends_here = "" in node
    branches = [re.escape(char) + _regex(child)
                for char, child in sorted(node.items()) if char != ""]
    if not branches:
        return ""
    # Longer continuations first, so the longest word wins; then the word ending here.
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if ends_here else body


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
