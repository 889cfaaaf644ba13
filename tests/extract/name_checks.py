"""The checks of the recognition rule tables (test_recognize.py, test_lists.py): each asserts
exactly what it says about the names a recognizer finds in a text."""

import re

import pytest


def names(recognizer, text, districts=frozenset()):
    return [(text[c.start:c.end], c.canonical)
            for c in recognizer.candidates(text, (), districts)]


def table(rows, columns=("text", "expect")):
    """Parametrise a test by ``rows`` whose first item, why, is the test's id."""
    return pytest.mark.parametrize(columns, [row[1:] for row in rows],
                                   ids=[row[0] for row in rows])


class Pairs:
    """Exactly these (name, canonical) pairs are found, in order; ``Pairs()``: nothing."""

    def __init__(self, *pairs):
        self.pairs = list(pairs)

    def __call__(self, recognizer, text, districts=frozenset()):
        assert names(recognizer, text, districts) == self.pairs


NOTHING = Pairs()


class Names:
    """Exactly these names are found, in order (whatever their canonical names)."""

    def __init__(self, *names):
        self.names = list(names)

    def __call__(self, recognizer, text, districts=frozenset()):
        assert [name for name, _ in names(recognizer, text, districts)] == self.names


class Includes:
    """These are among what is found and those in ``lacks`` are not: each a name, or a
    (name, canonical) pair."""

    def __init__(self, *items, lacks=()):
        self.items, self.lacks = items, lacks

    def __call__(self, recognizer, text, districts=frozenset()):
        pairs = names(recognizer, text, districts)
        for item in self.items:
            assert item in (pairs if isinstance(item, tuple) else [n for n, _ in pairs])
        for item in self.lacks:
            assert item not in (pairs if isinstance(item, tuple) else [n for n, _ in pairs])


class At:
    """What is found at ``index`` (0: the first, -1: the last): a name, or a (name,
    canonical) pair."""

    def __init__(self, index, item):
        self.index, self.item = index, item

    def __call__(self, recognizer, text, districts=frozenset()):
        pair = names(recognizer, text, districts)[self.index]
        assert (pair if isinstance(self.item, tuple) else pair[0]) == self.item


class NoName:
    """No name found matches ``pattern`` (a regular expression: 公园 anywhere, ^上海 at the
    start, 站$ at the end); with ``nonempty``, some name is found."""

    def __init__(self, pattern, nonempty=False):
        self.pattern, self.nonempty = re.compile(pattern), nonempty

    def __call__(self, recognizer, text, districts=frozenset()):
        found_names = [name for name, _ in names(recognizer, text, districts)]
        assert found_names or not self.nonempty
        assert not [name for name in found_names if self.pattern.search(name)]


class Likes:
    """What each name found is like (a list item's name or kind, else None): exactly this
    mapping, or with ``only=False`` these names among others."""

    def __init__(self, likes, only=True):
        self.likes, self.only = likes, only

    def __call__(self, recognizer, text, districts=frozenset()):
        likes = {text[c.start:c.end]: c.like
                 for c in recognizer.candidates(text, (), districts)}
        if self.only:
            assert likes == self.likes
        else:
            assert {name: likes.get(name, "<not found>") for name in self.likes} == self.likes
