"""What ``GeoDataFrame.explore()`` users pass, for the atlas's maps (``make_map``,
``atlas.map()``), with explore()'s meanings:

- ``tiles`` (and ``attr``): the basemap the map opens on, first in the layer control;
- ``tooltip`` and ``popup``: the columns a place's tooltip and popup show;
- ``column`` and ``cmap``: places coloured by a column, with a legend of it;
- ``marker_kwds`` and ``style_kwds``: Leaflet options of the points, and of the lines.

Each is checked here, so that a wrong name fails in Python, naming what would do, rather than
quietly in the browser. Column values are untrusted text (an article's city, a title): they
reach the page as JSON data, and the scripts set them as text.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib import resources
from urllib.parse import urlparse

import geopandas as gpd
import matplotlib
import pandas as pd
import xyzservices
from branca.element import MacroElement
from jinja2 import Template
from matplotlib import colors

from geo.maps.basemaps import Basemap
from geo.maps.placelayer import add_data, script_json

Columns = bool | int | str | Sequence[str] | None  # explore()'s tooltip= and popup=
Cmap = str | Sequence[str] | colors.Colormap | Callable[[object], str] | None
HIDDEN = ("geometry", "quotes")  # drawn, or quoted by the usual popup: not columns to show
# The Leaflet path options a point or a line takes (https://leafletjs.com/reference.html#path);
# a point takes its radius too.
PATH_OPTIONS = ("stroke", "color", "weight", "opacity", "lineCap", "lineJoin", "dashArray",
                "dashOffset", "fill", "fillColor", "fillOpacity", "fillRule")
MARKER_OPTIONS = ("radius", *PATH_OPTIONS)


@dataclass(frozen=True)
class Styled:
    """The layers as the map draws them: recoloured by ``column``; per layer, what
    ``place_layer.js`` reads as ``data.explore`` (None: nothing asked); the column's legend."""

    frames: dict[str, gpd.GeoDataFrame]
    layers: dict[str, dict | None]
    legend: ColumnLegend | None


@dataclass(frozen=True)
class Explore:
    """explore()'s arguments, as ``make_map`` takes them; None leaves the map as it is."""

    tiles: str | xyzservices.TileProvider | None = None
    attr: str | None = None
    tooltip: Columns = None
    popup: Columns = None
    column: str | None = None
    cmap: Cmap = None
    marker_kwds: dict | None = None
    style_kwds: dict | None = None

    def basemap(self, carto_key: str | None = None) -> Basemap | None:
        """The basemap ``tiles`` names, to open the map on; a CARTO provider takes
        ``carto_key``."""
        return None if self.tiles is None else tile_basemap(self.tiles, self.attr, carto_key)

    def style(self, frames: dict[str, gpd.GeoDataFrame]) -> Styled:
        """The frames and options the map is drawn from; a ``ValueError`` for a column the
        layers lack, or an option Leaflet does not take."""
        names = available(frames)
        tooltip = chosen(self.tooltip, names, "tooltip")
        popup = chosen(self.popup, names, "popup")
        shown = list(dict.fromkeys([*(tooltip or []), *(popup or [])]))
        marker = leaflet_options(self.marker_kwds, MARKER_OPTIONS, "marker_kwds")
        line = leaflet_options(self.style_kwds, PATH_OPTIONS, "style_kwds")
        legend = None
        if self.column is not None:
            chosen(self.column, names, "column")
            colours, key = colour_by(frames, self.column, self.cmap)
            frames = {layer: frame.assign(colour=colours[layer]) for layer, frame in frames.items()}
            legend = ColumnLegend(key)
        layers = {}
        for layer, frame in frames.items():
            options = {"columns": shown, "values": values(frame, shown)} if shown else {}
            options.update({name: value for name, value in (
                ("tooltip", tooltip), ("popup", popup), ("marker", marker), ("style", line))
                if value is not None and value != {}})
            layers[layer] = options or None
        return Styled(frames, layers, legend)


def tile_basemap(tiles: str | xyzservices.TileProvider, attr: str | None,
                 carto_key: str | None) -> Basemap:
    """``tiles`` as a basemap: a provider's name in xyzservices, a TileProvider, or a URL
    template (with ``attr``, the attribution its provider asks for)."""
    if isinstance(tiles, xyzservices.TileProvider):
        provider = tiles
    elif isinstance(tiles, str):
        provider = provider_named(tiles) or url_provider(tiles, attr)
    else:
        raise TypeError("tiles: give a provider's name, an xyzservices.TileProvider or a URL "
                        f"template, not {type(tiles).__name__}")
    if attr:
        provider = provider(attribution=attr, html_attribution=attr)
    if provider.requires_token():
        if carto_key and provider.name.startswith("CartoDB."):
            provider = provider(apikey=carto_key)
        else:
            raise ValueError(f"tiles: {provider.name} needs a key: pass the provider with it, "
                             f"xyzservices.providers.{provider.name}(apikey=KEY)"
                             + (", or carto_key=KEY" if provider.name.startswith("CartoDB.")
                                else ""))
    return Basemap(provider.name, provider)


def provider_named(name: str) -> xyzservices.TileProvider | None:
    if name.lower() == "openstreetmap":  # as folium and explore() read it
        name = "OpenStreetMap Mapnik"
    try:
        return xyzservices.providers.query_name(name)
    except ValueError:
        return None


def url_provider(url: str, attr: str | None) -> xyzservices.TileProvider:
    if not all(part in url for part in ("{x}", "{y}", "{z}")):
        raise ValueError(f"tiles: {url!r} is neither a provider xyzservices knows "
                         "(xyzservices.providers) nor a URL template with {x}, {y} and {z}")
    if not attr:
        raise ValueError("tiles: a URL template needs attr=, the attribution its provider "
                         "asks for")
    return xyzservices.TileProvider(name=urlparse(url).hostname or "tiles", url=url,
                                    attribution=attr, html_attribution=attr)


def available(frames: dict[str, gpd.GeoDataFrame]) -> list[str]:
    """The columns a tooltip, a popup or the colours can show: every layer's, in order."""
    names = [name for frame in frames.values() for name in frame.columns if name not in HIDDEN]
    return list(dict.fromkeys(names))


def chosen(choice: Columns, names: list[str], argument: str) -> list[str] | bool | None:
    """explore()'s ``tooltip=``/``popup=``: True all columns, False none, an int the first so
    many, a name or a list of names those; None the map's own."""
    if choice is None or choice is False:
        return choice
    if choice is True:
        return list(names)
    if isinstance(choice, int):
        return names[:choice] or False
    picked = [choice] if isinstance(choice, str) else list(choice)
    for name in picked:
        if name not in names:
            raise ValueError(f"{argument}: the layers have no column {name!r}; their columns "
                             f"are {', '.join(names)}")
    return picked or False


def missing(value: object) -> bool:
    return value is None or (not isinstance(value, (list, tuple, dict, set))
                             and bool(pd.isna(value)))


def as_text(value: object) -> str:
    """A cell as a tooltip shows it: lists joined, no value as nothing, 300.0 as 300."""
    if isinstance(value, (list, tuple)):
        return "; ".join(as_text(item) for item in value)
    if missing(value):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def values(frame: gpd.GeoDataFrame, names: list[str]) -> list[list[str]]:
    """Each row's values of the named columns, as text."""
    cells = [frame[name].tolist() if name in frame else [None] * len(frame) for name in names]
    return [[as_text(value) for value in row] for row in zip(*cells, strict=True)]


def leaflet_options(options: dict | None, known: tuple[str, ...], argument: str) -> dict:
    """``marker_kwds``/``style_kwds``, checked: Leaflet's names, and values JSON can carry."""
    if not options:
        return {}
    if not isinstance(options, dict):
        raise TypeError(f"{argument}: give a dict, not {type(options).__name__}")
    for key, value in options.items():
        if key not in known:
            raise ValueError(f"{argument}: Leaflet has no option {key!r} here; the options are "
                             f"{', '.join(known)}")
        if not isinstance(value, (str, int, float)) or (
                isinstance(value, float) and not math.isfinite(value)):
            raise ValueError(f"{argument}: {key!r} must be a number, a string, True or False, "
                             f"not {value!r}")
    return dict(options)


def colour_by(frames: dict[str, gpd.GeoDataFrame], column: str,
              cmap: Cmap) -> tuple[dict[str, list[str | None]], dict]:
    """Each row's colour by its value of ``column`` (None where it has none), and the legend:
    a colour per value from a palette (``cmap``, default tab20), or for numbers a ramp (default
    viridis) from the least to the greatest, as explore() colours them."""
    cells = {layer: frame[column].tolist() for layer, frame in frames.items()}
    present = [value for column_cells in cells.values() for value in column_cells
               if not missing(value)]
    if any(isinstance(value, (list, tuple, dict, set)) for value in present):
        raise ValueError(f"column: {column!r} holds lists; colour by a column of single values")
    legend: dict = {"title": column, "entries": []}
    numeric = present and all(isinstance(v, (int, float)) and not isinstance(v, bool)
                              for v in present)
    if callable(cmap) and not isinstance(cmap, colors.Colormap):
        def colour(value: object) -> str:
            return colors.to_hex(cmap(value))
        legend["entries"] = [(as_text(v), colour(v)) for v in sorted(set(present), key=str)]
    elif numeric:
        ramp, low, high = colormap(cmap, "viridis"), min(present), max(present)

        def colour(value: object) -> str:
            return colors.to_hex(ramp((value - low) / ((high - low) or 1)))
        legend.update(ramp=[colors.to_hex(ramp(step / 10)) for step in range(11)],
                      low=as_text(low), high=as_text(high))
    else:
        categories = sorted(set(present), key=str)
        if isinstance(cmap, (str, colors.Colormap)) or cmap is None:
            palette = colormap(cmap, "tab20").resampled(max(len(categories), 1))
            hues = [colors.to_hex(palette(n)) for n in range(len(categories))]
        else:  # a list of colours, taken in turn
            listed = [colors.to_hex(colour) for colour in cmap]
            if not listed:
                raise ValueError("cmap: the list of colours is empty")
            hues = [listed[n % len(listed)] for n in range(len(categories))]
        lookup = dict(zip(categories, hues, strict=True))
        colour = lookup.__getitem__
        legend["entries"] = [(as_text(value), lookup[value]) for value in categories]
    if len(present) < sum(map(len, cells.values())):
        legend["missing"] = "no value: the layer's colour"
    return {layer: [None if missing(v) else colour(v) for v in column_cells]
            for layer, column_cells in cells.items()}, legend


def colormap(cmap: Cmap, default: str) -> colors.Colormap:
    """``cmap`` as a matplotlib colormap: its name, the colormap, or a list of colours to
    blend from one to the next."""
    if cmap is None:
        cmap = default
    if isinstance(cmap, colors.Colormap):
        return cmap
    if isinstance(cmap, str):
        try:
            return matplotlib.colormaps[cmap]
        except KeyError:
            raise ValueError(f"cmap: matplotlib has no colormap {cmap!r}") from None
    return colors.LinearSegmentedColormap.from_list(
        "cmap", [colors.to_hex(colour) for colour in cmap])


class ColumnLegend(MacroElement):
    """The legend of the column the places are coloured by. Its values are written as JSON
    data, as ``Raw`` text that no template compiles, and set as text by its script."""

    _template = Template(resources.files("geo.maps").joinpath("templates/column_legend.js")
                         .read_text("utf-8"))

    def __init__(self, legend: dict):
        super().__init__()
        self._name = "ColumnLegend"
        self.data = script_json(legend)

    def render(self, **kwargs) -> None:
        add_data(self, "data", self.data)
        super().render(**kwargs)
