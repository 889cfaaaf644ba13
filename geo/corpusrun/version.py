"""What produced a partition's mentions: a hash of the package's code and of the reference
data and model it reads. A partition written by another version is extracted again, and a
Dask worker running another version than the client is refused."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

from geo import data

FORMAT = 2  # the layout of a partition file (geo.corpusrun.store)
PACKAGE = Path(__file__).resolve().parent.parent


def version_key(fast: bool) -> str:
    """The code, data and model version, and whether the learned recogniser is used. The
    same on every machine that installed the same package: paths are taken from the
    package's folder, not the file system's root."""
    return f"{_code_and_data(tuple(data.overlays()))}-{'fast' if fast else 'full'}-{FORMAT}"


@lru_cache(maxsize=4)
def _code_and_data(overlays: tuple[Path, ...]) -> str:
    hasher = hashlib.sha256()
    for name, path in _files():
        hasher.update(name.encode("utf-8") + b"\0")
        hasher.update(hashlib.sha256(path.read_bytes()).digest())
    return hasher.hexdigest()[:32]


def _files() -> Iterator[tuple[str, Path]]:
    """The package's Python sources, then its data files as ``geo.data.path`` finds them (an
    overlay's where one stands in), each with its name in the package."""
    for path in sorted(PACKAGE.rglob("*.py")):
        if "node_modules" not in path.parts:
            yield path.relative_to(PACKAGE).as_posix(), path
    for entry in sorted(data.PACKAGE.iterdir()):
        if entry.suffix == ".py" or entry.name == "__pycache__":
            continue
        chosen = data.path(entry.name)
        if chosen.is_dir():
            for path in sorted(p for p in chosen.rglob("*") if p.is_file()):
                yield f"data/{entry.name}/{path.relative_to(chosen).as_posix()}", path
        else:
            yield f"data/{entry.name}", chosen
