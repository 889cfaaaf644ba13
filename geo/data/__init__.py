"""Reference data: the layer specification, recognition and classification rules, word lists,
the gazetteer and the browser assets' table. Code reads every file through ``path`` and
``read_toml``, so that ``overlay`` can put another folder's files first: a test fixture that
adds a layer, or a user's own rules.
"""

from __future__ import annotations

import dataclasses
import tomllib
import types
import typing
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

T = typing.TypeVar("T")
PACKAGE = Path(__file__).resolve().parent
_overlays: list[Path] = []


class DataError(ValueError):
    """A reference data file that cannot be used; the message names the file and the key."""


def path(name: str) -> Path:
    """The data file ``name`` (``rules.toml``, ``gazetteer``): an overlay's, else the package's."""
    for folder in reversed(_overlays):
        if (folder / name).exists():
            return folder / name
    return PACKAGE / name


def overlays() -> list[Path]:
    """The folders standing in for the package's files, the last first in ``path``."""
    return list(_overlays)


@contextmanager
def overlay(folder: str | Path) -> Iterator[Path]:
    """Inside the block, files in ``folder`` stand in for the package's files of that name."""
    _overlays.append(Path(folder))
    try:
        yield Path(folder)
    finally:
        _overlays.pop()


def read_toml(file: Path) -> dict:
    """A TOML data file, parsed; a syntax error names the file."""
    try:
        with file.open("rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as error:
        raise DataError(f"{file}: {error}") from None


def typed(cls: type[T], table: object, where: str) -> T:
    """An instance of the dataclass ``cls`` from a TOML table, checked against its fields:
    an unknown key, a missing one or a value of the wrong type is a ``DataError`` naming
    ``where`` (the file and the table) and the key. Lists become tuples."""
    if table is None:
        raise DataError(f"{where}: missing")
    if not isinstance(table, dict):
        raise DataError(f"{where}: expected a table, found {type(table).__name__}")
    hints = typing.get_type_hints(cls)
    fields = cls.__dataclass_fields__  # type: ignore[attr-defined]
    unknown = sorted(set(table) - set(fields))
    if unknown:
        raise DataError(f"{where}: unknown key {unknown[0]!r} (known keys: "
                        f"{', '.join(fields)})")
    values = {}
    for name, field in fields.items():
        if name not in table:
            if field.default is field.default_factory is dataclasses.MISSING:
                raise DataError(f"{where}: missing key {name!r}")
            continue
        values[name] = _checked(table[name], hints[name], f"{where}: key {name!r}")
    return cls(**values)  # type: ignore[return-value]


def _checked(value: object, hint: object, where: str) -> object:
    origin = typing.get_origin(hint)
    if origin in (types.UnionType, typing.Union):  # str | None: the TOML gives a str
        options = [h for h in typing.get_args(hint) if h is not type(None)]
        return _checked(value, options[0], where)
    if origin is tuple:  # tuple[str, ...]: a TOML array of strings
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise DataError(f"{where} must be a list of strings")
        return tuple(value)
    if hint is int and (isinstance(value, bool) or not isinstance(value, int)):
        raise DataError(f"{where} must be a whole number, not {value!r}")
    if hint in (str, bool) and not isinstance(value, hint):  # type: ignore[arg-type]
        raise DataError(f"{where} must be a {hint.__name__}, not {value!r}")  # type: ignore[union-attr]
    return value
