"""The one definition of a map layer, read from ``geo/data/layers.toml``.

Records, layers, export, maps and images all ask this module what the layers are (their
order, label, colour, GeoPackage table, QGIS symbol and legend), so a layer added to the
file is drawn, written and styled everywhere at once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from geo import data

OTHER = "other"  # places in no layer: kept as context, never drawn
SYMBOLS = ("marker", "line")


@dataclass(frozen=True)
class LayerSpec:
    name: str
    label: str
    colour: str  # #rrggbb
    table: str  # GeoJSON file name and GeoPackage table
    symbol: str  # QGIS symbol of the layer when it is empty: marker or line
    kinds: tuple[str, ...]
    legend_lists: str | None = None  # a kind the legend lists place by place (transit lines)


def layers() -> tuple[LayerSpec, ...]:
    """The map layers, in order."""
    return _load(data.path("layers.toml"))


def names() -> tuple[str, ...]:
    return tuple(layer.name for layer in layers())


def spec(name: str) -> LayerSpec:
    """The layer called ``name``."""
    for layer in layers():
        if layer.name == name:
            return layer
    raise KeyError(f"no layer {name!r} in {data.path('layers.toml')}")


@lru_cache(maxsize=4)
def _load(path: Path) -> tuple[LayerSpec, ...]:
    table = data.read_toml(path)
    unknown = sorted(set(table) - {"layer"})
    if unknown:
        raise data.DataError(f"{path}: unknown table {unknown[0]!r} (expected [[layer]])")
    entries = table.get("layer", [])
    if not isinstance(entries, list) or not entries:
        raise data.DataError(f"{path}: no [[layer]] tables")
    specs = [data.typed(LayerSpec, entry, f"{path}: [[layer]] {number}")
             for number, entry in enumerate(entries, start=1)]
    _check(path, specs)
    return tuple(specs)


def _check(path: Path, specs: list[LayerSpec]) -> None:
    for field in ("name", "table"):
        values = [getattr(layer, field) for layer in specs]
        repeated = sorted({v for v in values if values.count(v) > 1})
        if repeated:
            raise data.DataError(f"{path}: two layers have the {field} {repeated[0]!r}")
    for layer in specs:
        where = f"{path}: layer {layer.name!r}"
        if layer.name == OTHER:
            raise data.DataError(f"{where}: {OTHER!r} means no layer; choose another name")
        if not re.fullmatch(r"#[0-9a-fA-F]{6}", layer.colour):
            raise data.DataError(f"{where}: colour {layer.colour!r} is not #rrggbb")
        if layer.symbol not in SYMBOLS:
            raise data.DataError(f"{where}: symbol {layer.symbol!r} is not one of "
                                 f"{', '.join(SYMBOLS)}")
        if layer.legend_lists and layer.legend_lists not in layer.kinds:
            raise data.DataError(f"{where}: legend_lists {layer.legend_lists!r} is not one "
                                 f"of its kinds")
