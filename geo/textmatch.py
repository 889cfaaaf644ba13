"""Fast matching of many literal names at once.

Python's ``re`` tries the alternatives of ``a|b|c…`` one by one at every position; for
thousands of names that is the slowest part of extraction. The same names as a prefix trie
(上海(?:市|大学)|…) let the engine discard most positions after one character.
"""

from __future__ import annotations

import re
from collections.abc import Iterable


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
