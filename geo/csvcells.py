"""CSV cells that a spreadsheet shows as text and never runs.

Excel, LibreOffice and Google Sheets read a cell beginning with ``=``, ``+``, ``-`` or ``@``
(or a tab or carriage return before one) as a formula: an article sentence such as
``=HYPERLINK("http://…","点击")`` in ``review.csv`` would run when the user opens the file
the README tells them to edit. Every CSV the build writes passes its text cells through
``neutral``, which puts an apostrophe before such a cell: spreadsheets show the text and
drop the apostrophe. ``restored`` undoes it when such a file is read back (``--overrides``).
Numbers (``-12.5``) are left as they are.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
NUMBER = re.compile(r"[+-]?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?")


def neutral(value: object) -> object:
    """The cell as written: text that would start a formula gets an apostrophe before it."""
    if isinstance(value, str) and value.startswith(FORMULA_START) and not NUMBER.fullmatch(value):
        return f"'{value}"
    return value


def neutral_row(cells: Iterable[object]) -> list[object]:
    return [neutral(cell) for cell in cells]


def restored(value: str) -> str:
    """A cell read back from a CSV this build wrote: the apostrophe ``neutral`` added is gone."""
    if value.startswith("'") and value[1:].startswith(FORMULA_START):
        return value[1:]
    return value
