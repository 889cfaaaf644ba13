"""Draw the layers as folium web maps: one overview, one per city, one per article.

Each layer is a ``PlaceLayer`` (its places as data, drawn by a script); popups quote the
articles with the mention highlighted. Article text is untrusted: the place layers and the
search box put it into the page as text only, and the few strings this module writes as HTML
(titles, legend) go through ``escape``.
"""

from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

import folium
import geopandas as gpd
import xyzservices
from branca.element import Element, MacroElement
from folium import plugins
from jinja2 import Template

from geo import layerspec, outlines
from geo.maps.assets import with_integrity
from geo.maps.basemaps import add_basemaps
from geo.maps.explore import Cmap, Columns, Explore
from geo.maps.inline import inline_assets
from geo.maps.outlinelayer import OutlineLayer
from geo.maps.phonelayout import PhoneLayout
from geo.maps.placefilter import PlaceFilter
from geo.maps.placelayer import PlaceLayer, no_cycle_collection
from geo.maps.placesearch import PlaceSearch
from geo.maps.placetable import PlaceTable

STATUS_LABEL = {
    "open": "open 已建成",
    "under construction": "under construction 在建",
    "planned": "planned 规划",
    "unknown": "status not stated",
}
# How each status looks: points filled, half-filled or hollow and dashed; lines solid, dotted or
# dashed. Approximate places are pale and dotted whatever their status, with their precision
# drawn as a circle around them.
STATUS_STYLE = {
    "open": {"fillOpacity": 0.85, "dashArray": None, "lineDash": None},
    "under construction": {"fillOpacity": 0.4, "dashArray": None, "lineDash": "2 7"},
    "planned": {"fillOpacity": 0.0, "dashArray": "4 3", "lineDash": "10 8"},
    "unknown": {"fillOpacity": 0.6, "dashArray": None, "lineDash": None},
}
APPROXIMATE_STYLE = {"fillOpacity": 0.1, "dashArray": "1 4", "lineDash": "10 8"}
METHOD_LABEL = {
    "cited": "coordinate from a cited public source",
    "address": "placed from a published address or boundary",
    "override": "coordinate supplied by the user",
    "geocoded": "found by an online geocoder",
    "approximate": "approximate: no published location, shown at its area",
}


def escape(text: object) -> str:
    """HTML-escape, and keep text inert inside a JS template literal (` $ and \\) and in the
    Jinja template branca compiles every element's HTML into ({ and })."""
    escaped = html.escape("" if text is None else str(text), quote=True)
    for raw, entity in (("`", "&#96;"), ("$", "&#36;"), ("\\", "&#92;"), ("{", "&#123;"),
                        ("}", "&#125;")):
        escaped = escaped.replace(raw, entity)
    return escaped


def _template(name: str) -> Template:
    return Template(resources.files("geo.maps").joinpath(f"templates/{name}").read_text("utf-8"))


LEGEND = _template("legend.html")
# Leaflet alone: the maps use no Bootstrap or awesome-markers icons, and their popups are
# plain Leaflet. folium's own Popup needs jQuery, which AtlasMap adds when one is on the map.
LEAFLET_JS = [("leaflet", "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.js")]
JQUERY = ("jquery", "https://code.jquery.com/jquery-3.7.1.min.js")
LEAFLET_CSS = [("leaflet_css", "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.css")]


class Gcj02Display(MacroElement):
    """Moves every feature to GCJ-02 while a GCJ-02 basemap (Gaode) is shown; files stay
    WGS-84."""

    _template = _template("gcj02_display.js")

    def __init__(self, groups: list[PlaceLayer]):
        super().__init__()
        self._name = "Gcj02Display"
        self.group_elements = groups

    @property
    def groups(self) -> list[str]:
        return [group.get_name() for group in self.group_elements]


class Legend(MacroElement):
    _template = LEGEND

    def __init__(self, title: str, entries: list[tuple[str, str]]):
        super().__init__()
        self._name = "Legend"
        self.title = escape(title)
        # Each row names its layer (data-ra-layer) or line (data-ra-line), for the filters.
        self.entries = [(escape(label), colour, escape(layer), escape(line))
                        for label, colour, layer, line in entries]
        self.statuses = [(escape(STATUS_LABEL[status]), style)
                         for status, style in STATUS_STYLE.items()]
        self.statuses.append(("approximate location", APPROXIMATE_STYLE))


class AtlasMap(folium.Map):
    """A folium Map that loads jQuery only for folium Popups added to it (by a user of the
    Python API): starting jQuery is a measurable part of a large map's first draw."""

    def render(self, **kwargs) -> None:
        popup = any(isinstance(element, folium.Popup) for element in elements(self))
        self.default_js = LEAFLET_JS + ([JQUERY] if popup else [])
        super().render(**kwargs)


def labels(layer: str) -> dict:
    """What a layer's popups and markers say and look like (read by templates/place_layer.js)."""
    spec = layerspec.spec(layer)
    return {"layer": spec.label, "colour": spec.colour,
            "status": STATUS_LABEL, "method": METHOD_LABEL, "styles": STATUS_STYLE,
            "approximate": APPROXIMATE_STYLE, "listed": spec.legend_lists}


def make_map(frames: dict[str, gpd.GeoDataFrame], title: str,
             carto_key: str | None = None,
             context: gpd.GeoDataFrame | None = None, *, tianditu_key: str | None = None,
             tiles: str | xyzservices.TileProvider | None = None, attr: str | None = None,
             tooltip: Columns = None, popup: Columns = None, column: str | None = None,
             cmap: Cmap = None, marker_kwds: dict | None = None,
             style_kwds: dict | None = None) -> folium.Map:
    """A map with one toggleable group per layer, a legend, and a view that fits the data,
    over the ``context`` outlines of its districts or cities (``geo.outlines.for_view``);
    with a CARTO ``carto_key``, CartoDB Positron is one of its basemaps, and with a Tianditu
    ``tianditu_key``, Tianditu's vector map and imagery.

    The rest as ``GeoDataFrame.explore()`` takes them (``geo.maps.explore``): ``tiles`` (a
    name xyzservices knows, a TileProvider, or a URL template with ``attr``) is the basemap
    it opens on; ``tooltip`` and ``popup`` (column names, or True/False) what a place's
    tooltip and popup show; ``column`` colours the places by a column (``cmap``), with a
    legend; ``marker_kwds`` and ``style_kwds`` are Leaflet options of the points and lines.
    A column the layers lack is a ``ValueError`` that names the columns they have."""
    explore = Explore(tiles, attr, tooltip, popup, column, cmap, marker_kwds, style_kwds)
    styled, first = explore.style(frames), explore.basemap(carto_key)
    frames = styled.frames
    fmap = AtlasMap(tiles=None, control_scale=True)
    fmap.default_css = LEAFLET_CSS
    fmap.get_root().header.add_child(Element(f"<title>{escape(title)}</title>"), name="title")
    # The view first: layers and tiles added after it are drawn once, for it, not first for
    # the whole world at zoom 1.
    bounds = _bounds(frames)
    if bounds:
        fmap.fit_bounds(bounds)
    add_basemaps(fmap, carto_key, tianditu_key, first)
    # Before the place layers, whose script starts after the tile requests are sent: the
    # minimap's tiles load with the map's while the layers are built.
    plugins.MiniMap(toggle_display=True).add_to(fmap)
    shifted = [OutlineLayer(context).add_to(fmap)] if context is not None and len(context) else []
    groups = [PlaceLayer(frame, escape(layerspec.spec(layer).label), labels(layer),
                         explore=styled.layers[layer]).add_to(fmap)
              for layer, frame in frames.items()]
    folium.LayerControl(collapsed=False).add_to(fmap)
    plugins.Fullscreen().add_to(fmap)
    PlaceSearch(groups).add_to(fmap)
    PlaceFilter(groups).add_to(fmap)
    PlaceTable(groups).add_to(fmap)
    Gcj02Display(shifted + groups).add_to(fmap)
    Legend(title, legend_entries(frames)).add_to(fmap)
    if styled.legend is not None:
        styled.legend.add_to(fmap)
    PhoneLayout().add_to(fmap)
    return fmap


def legend_entries(frames: dict[str, gpd.GeoDataFrame]) -> list[tuple[str, str, str, str]]:
    """(label, colour, layer label, "") of every layer, then (label, colour, "", name) of each
    place of the kinds a layer's legend lists one by one (transit lines), shortest name first."""
    specs = layerspec.layers()
    entries = [(spec.label, spec.colour, spec.label, "") for spec in specs]
    for spec in specs:
        frame = frames.get(spec.name)
        if spec.legend_lists and frame is not None:
            listed = frame[frame["kind"] == spec.legend_lists].to_dict("records")
            for row in sorted(listed, key=lambda row: (len(row["name"]), row["name"])):
                entries.append((f"· {row['name']}", row["colour"] or spec.colour, "",
                                row["name"]))
    return entries


def _bounds(frames: dict[str, gpd.GeoDataFrame]) -> list[list[float]] | None:
    non_empty = [frame for frame in frames.values() if len(frame)]
    if not non_empty:
        return None
    minx = min(f.total_bounds[0] for f in non_empty)
    miny = min(f.total_bounds[1] for f in non_empty)
    maxx = max(f.total_bounds[2] for f in non_empty)
    maxy = max(f.total_bounds[3] for f in non_empty)
    pad = 0.005  # about 500 m, so a single place is not shown at the deepest zoom
    return [[float(miny) - pad, float(minx) - pad], [float(maxy) + pad, float(maxx) + pad]]


def elements(root: Element) -> list[Element]:
    """``root`` and every element under it, each once, in a fixed order: children, then
    elements held as attributes (a Popup keeps its HTML in ``.html``)."""
    found: list[Element] = []
    seen: set[int] = set()

    def collect(element: Element) -> None:
        if id(element) in seen:
            return
        seen.add(id(element))
        found.append(element)
        for child in list(element._children.values()):
            collect(child)
        for name, value in sorted(vars(element).items()):
            if isinstance(value, Element) and name != "_parent":
                collect(value)

    collect(root)
    return found


def stable_ids(fmap: folium.Map) -> folium.Map:
    """Replace branca's random element ids with sequential ones: same input, same bytes."""
    every = elements(fmap.get_root())
    renamed: dict[str, str] = {}
    for number, element in enumerate(every):
        old = element.get_name()
        element._id = f"{number:08x}"
        renamed[old] = element.get_name()
    # Templates use a child's key in ``_children`` as its JS variable; keys that were the
    # child's random name become its new name.
    for element in every:
        element._children = type(element._children)(
            (renamed.get(key, key), child) for key, child in element._children.items()
        )
    return fmap


def save_map(fmap: folium.Map, path: Path, inline: bool = False) -> Path:
    """Write the map; with ``inline``, every script and stylesheet is embedded in the page."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(page_html(fmap, inline), encoding="utf-8")
    return path


def page_html(fmap: folium.Map, inline: bool = False) -> str:
    """The map as a whole HTML page, with stable ids; ``inline`` embeds its scripts and CSS."""
    with no_cycle_collection():  # megabytes of strings, and no cycles made
        stable_ids(fmap)
        page = fmap.get_root().render()
        return inline_assets(page) if inline else with_integrity(page)


def embed_html(fmap: folium.Map, title: str = "Renewal Atlas", height: str = "600px",
               inline: bool = False) -> str:
    """An ``<iframe srcdoc>`` fragment holding the whole map, for a web page, a Quarto report or
    a notebook. The sandbox lets the map run its scripts but not touch the page around it."""
    page = html.escape(page_html(fmap, inline), quote=True)
    return (f'<iframe srcdoc="{page}" title="{escape(title)}" '
            f'style="width:100%;height:{escape(height)};border:0" '
            'sandbox="allow-scripts allow-popups" allowfullscreen></iframe>')


def subset(frames: dict[str, gpd.GeoDataFrame], keep) -> dict[str, gpd.GeoDataFrame]:
    """Frames restricted to rows where ``keep(row)`` holds, quotes possibly narrowed by it."""
    out = {}
    for layer, frame in frames.items():
        rows = []
        for row in frame.to_dict("records"):
            kept = keep(row)
            if kept:
                rows.append(kept if isinstance(kept, dict) else row)
        out[layer] = gpd.GeoDataFrame(rows, columns=frame.columns, geometry="geometry",
                                      crs=frame.crs)
    return out


# A city's map is <slug>.html beside index.html: a slug of the gazetteer's (shanghai, cn-4403),
# never the city's name as an article's metadata wrote it (/tmp/x/PWNED, ../up, index).
SAFE_STEM = re.compile(r"[a-z0-9][a-z0-9-]{0,63}")
RESERVED_STEMS = frozenset({"index", "articles", "embed", "images"})


def city_stem(city: str, city_slugs: dict[str, str]) -> str:
    """The file stem of a city's map: its gazetteer slug, or for a city the gazetteer does
    not know, ``city-`` and a digest of its name; never a path, never another map's name."""
    slug = city_slugs.get(city, "")
    if SAFE_STEM.fullmatch(slug) and slug not in RESERVED_STEMS:
        return slug
    return f"city-{hashlib.sha1(city.encode()).hexdigest()[:10]}"


def views(
    frames: dict[str, gpd.GeoDataFrame],
    documents: list,
    city_slugs: dict[str, str],
    articles: bool = True,
) -> Iterator[tuple[str, str, dict[str, gpd.GeoDataFrame]]]:
    """(file stem, title, frames) of each map: ``index``, one per city (its slug), and with
    ``articles`` one per article (``articles/<id>``)."""
    yield "index", "Renewal Atlas", frames
    cities = sorted({row for f in frames.values() for row in f["city"] if row})
    for city in cities:
        yield (city_stem(city, city_slugs), f"Renewal Atlas · {city}",
               subset(frames, lambda row, c=city: row["city"] == c))
    if not articles:
        return
    for document in documents:
        def only_this(row, doc=document.id):
            quotes = [q for q in row["quotes"] if q["document"] == doc]
            return {**row, "quotes": quotes} if quotes else None
        yield f"articles/{document.id}", document.title, subset(frames, only_this)


def write_maps(
    frames: dict[str, gpd.GeoDataFrame],
    documents: list,
    folder: Path,
    city_slugs: dict[str, str],
    inline: bool = False,
    carto_key: str | None = None,
    article_maps: bool = True,
    city_outlines: gpd.GeoDataFrame | None = None,
    tianditu_key: str | None = None,
) -> list[Path]:
    """``index.html``, one map per city (``<slug>.html``) and with ``article_maps`` one per
    article (``articles/``), each over its part of ``city_outlines``; ``inline`` embeds every
    script and stylesheet, so they open without a network."""
    return [save_map(make_map(view, title, carto_key, outlines.for_view(city_outlines, view),
                              tianditu_key=tianditu_key),
                     folder / f"{stem}.html", inline)
            for stem, title, view in views(frames, documents, city_slugs, article_maps)]
