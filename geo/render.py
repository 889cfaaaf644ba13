"""Draw the layers as folium web maps: one overview, one per city, one per article.

Popups quote the articles with the mention highlighted. Article text is untrusted: every string
goes through ``escape``, which also neutralises the characters that matter inside the JavaScript
template literals folium wraps popup and tooltip HTML in.
"""

from __future__ import annotations

import html
from importlib import resources
from pathlib import Path

import folium
import geopandas as gpd
from branca.element import Element, MacroElement
from folium import plugins
from jinja2 import Template

from geo.inline import inline_assets
from geo.layers import LAYER_COLOURS

LAYER_STYLE = {
    "park": {"label": "Parks 公园绿地", "colour": LAYER_COLOURS["park"]},
    "transit": {"label": "Transit 轨道交通", "colour": LAYER_COLOURS["transit"]},
    "renewal": {"label": "Renewal sites 更新地块", "colour": LAYER_COLOURS["renewal"]},
}
STATUS_LABEL = {
    "open": "open 已建成",
    "under construction": "under construction 在建",
    "planned": "planned 规划",
    "unknown": "status not stated",
}
METHOD_LABEL = {
    "cited": "coordinate from a cited public source",
    "address": "placed from a published address or boundary",
    "override": "coordinate supplied by the user",
    "geocoded": "found by an online geocoder",
    "approximate": "approximate: no published location, shown at its area",
}


def escape(text: object) -> str:
    """HTML-escape, and keep text inert inside a JS template literal too (` $ and \\)."""
    escaped = html.escape("" if text is None else str(text), quote=True)
    return escaped.replace("`", "&#96;").replace("$", "&#36;").replace("\\", "&#92;")


def _text(value: object) -> str:
    """Table cells may hold None or NaN for "no value"; both print as nothing."""
    return "" if value is None or value != value else str(value)


def quote_html(quote: dict) -> str:
    sentence, start, end = quote["sentence"], quote["mention_start"], quote["mention_end"]
    body = (f"{escape(sentence[:start])}<mark>{escape(sentence[start:end])}</mark>"
            f"{escape(sentence[end:])}")
    date = escape(quote["date"]) if quote["date"] else "date not stated"
    facts = "".join(f"<li>{escape(fact)}</li>" for fact in quote["facts"])
    facts_html = f"<ul class='ra-facts'>{facts}</ul>" if facts else ""
    return (f"<li><blockquote>{body}</blockquote>{facts_html}"
            f"<cite>{escape(quote['title'])} · {date}</cite></li>")


def popup_html(row: dict) -> str:
    where = " ".join(escape(_text(row[key])) for key in ("city", "district") if _text(row[key]))
    precision = f" ±{row['precision_m']:,.0f} m" if row["precision_m"] else ""
    note = f"<p>{escape(row['status_note'])}</p>" if _text(row.get("status_note")) else ""
    quotes = "".join(quote_html(quote) for quote in row["quotes"])
    return (
        "<div class='ra-popup' style='max-height:320px;overflow:auto'>"
        f"<h4 style='margin:0 0 4px'>{escape(row['name'])}</h4>"
        f"<p style='margin:0'>{escape(LAYER_STYLE[row['layer']]['label'])} · "
        f"{escape(STATUS_LABEL.get(row['status'], row['status']))} · {where}</p>{note}"
        f"<details><summary>Location: {escape(METHOD_LABEL.get(row['location_method'], ''))}"
        f"{precision}</summary><small>{escape(row['location_source'])}</small></details>"
        f"<ol style='padding-left:18px'>{quotes}</ol></div>"
    )


def add_feature(group: folium.FeatureGroup, row: dict, points: folium.map.Layer) -> None:
    colour = row["colour"] or LAYER_STYLE[row["layer"]]["colour"]
    planned = row["status"] == "planned"
    approximate = bool(row["approximate"])
    popup = folium.Popup(popup_html(row), max_width=420)
    tooltip = folium.Tooltip(escape(row["name"]) + (" (approximate)" if approximate else ""))
    geometry = row["geometry"]
    if geometry.geom_type == "LineString":
        folium.PolyLine(
            [(lat, lon) for lon, lat in geometry.coords], color=colour, weight=5, opacity=0.85,
            dash_array="10 8" if planned or approximate else None, popup=popup, tooltip=tooltip,
        ).add_to(group)
        return
    location = (geometry.y, geometry.x)
    if approximate and row["precision_m"]:
        folium.Circle(location, radius=row["precision_m"], color=colour, weight=1,
                      dash_array="4 6", fill=True, fill_opacity=0.05).add_to(group)
    folium.CircleMarker(
        location, radius=8, color=colour, weight=2, fill=True,
        fill_opacity=0.15 if approximate else 0.8, dash_array="3 3" if approximate else None,
        popup=popup, tooltip=tooltip,
    ).add_to(points)


def _template(name: str) -> Template:
    return Template(resources.files("geo").joinpath(f"templates/{name}").read_text("utf-8"))


LEGEND = _template("legend.html")
# Leaflet, and jQuery for folium's popups; the maps use no Bootstrap or awesome-markers icons.
LEAFLET_JS = [("leaflet", "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.js"),
              ("jquery", "https://code.jquery.com/jquery-3.7.1.min.js")]
LEAFLET_CSS = [("leaflet_css", "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.css")]
POSITRON = {
    "tiles": "https://{s}.basemaps.cartocdn.com/light_all/{z}/{x}/{y}{r}.png",
    "attr": '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> '
            'contributors &copy; <a href="https://carto.com/attributions">CARTO</a>',
}
GAODE = {
    # Gaode's road map, as xyzservices lists it; its tiles are GCJ-02.
    "tiles": "https://webrd0{s}.is.autonavi.com/appmaptile?lang=zh_cn&size=1&scale=1&style=7"
             "&x={x}&y={y}&z={z}",
    "attr": '&copy; <a href="https://www.amap.com/">高德 Gaode</a> (GCJ-02)',
    "subdomains": "1234",
}


class Gcj02Display(MacroElement):
    """Moves every feature to GCJ-02 while a GCJ-02 basemap (Gaode) is shown; files stay
    WGS-84."""

    _template = _template("gcj02_display.js")

    def __init__(self, groups: list[folium.FeatureGroup]):
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
        self.entries = [(escape(label), colour) for label, colour in entries]


def make_map(frames: dict[str, gpd.GeoDataFrame], title: str) -> folium.Map:
    """A map with one toggleable group per layer, a legend, and a view that fits the data."""
    fmap = folium.Map(tiles=None, control_scale=True)
    fmap.default_js, fmap.default_css = LEAFLET_JS, LEAFLET_CSS
    fmap.get_root().header.add_child(Element(f"<title>{escape(title)}</title>"), name="title")
    folium.TileLayer("OpenStreetMap", name="OpenStreetMap").add_to(fmap)
    folium.TileLayer(POSITRON["tiles"], attr=POSITRON["attr"], name="CartoDB Positron",
                     subdomains="abcd", max_zoom=20, show=False).add_to(fmap)
    folium.TileLayer(GAODE["tiles"], attr=GAODE["attr"], name="高德 Gaode (GCJ-02)",
                     subdomains=GAODE["subdomains"], max_zoom=18, gcj02=True,
                     show=False).add_to(fmap)
    groups = []
    for layer, frame in frames.items():
        group = folium.FeatureGroup(name=escape(LAYER_STYLE[layer]["label"]), show=True)
        # Points cluster where they crowd; lines and precision circles stay as they are.
        cluster = plugins.MarkerCluster(control=False, options={
            "disableClusteringAtZoom": 15, "showCoverageOnHover": False})
        for row in frame.to_dict("records"):
            add_feature(group, row, cluster)
        cluster.add_to(group)
        group.add_to(fmap)
        groups.append(group)
    folium.LayerControl(collapsed=False).add_to(fmap)
    plugins.Fullscreen().add_to(fmap)
    plugins.MiniMap(toggle_display=True).add_to(fmap)
    Gcj02Display(groups).add_to(fmap)
    entries = [(style["label"], style["colour"]) for style in LAYER_STYLE.values()]
    transit = frames.get("transit")
    if transit is not None:
        lines = transit[transit["kind"] == "line"].to_dict("records")
        for row in sorted(lines, key=lambda row: (len(row["name"]), row["name"])):
            entries.append((f"· {row['name']}", row["colour"] or LAYER_STYLE["transit"]["colour"]))
    Legend(title, entries).add_to(fmap)
    bounds = _bounds(frames)
    if bounds:
        fmap.fit_bounds(bounds)
    return fmap


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


def stable_ids(fmap: folium.Map) -> folium.Map:
    """Replace branca's random element ids with sequential ones: same input, same bytes."""
    elements: list[Element] = []
    seen: set[int] = set()

    def collect(element: Element) -> None:
        if id(element) in seen:
            return
        seen.add(id(element))
        elements.append(element)
        for child in list(element._children.values()):
            collect(child)
        # Elements held as attributes too: a Popup keeps its HTML in ``.html``.
        for name, value in sorted(vars(element).items()):
            if isinstance(value, Element) and name != "_parent":
                collect(value)

    collect(fmap.get_root())
    renamed: dict[str, str] = {}
    for number, element in enumerate(elements):
        old = element.get_name()
        element._id = f"{number:08x}"
        renamed[old] = element.get_name()
    # Templates use a child's key in ``_children`` as its JS variable; keys that were the
    # child's random name become its new name.
    for element in elements:
        element._children = type(element._children)(
            (renamed.get(key, key), child) for key, child in element._children.items()
        )
    return fmap


def save_map(fmap: folium.Map, path: Path, inline: bool = False) -> Path:
    """Write the map; with ``inline``, every script and stylesheet is embedded in the page."""
    path.parent.mkdir(parents=True, exist_ok=True)
    stable_ids(fmap)
    page = fmap.get_root().render()
    path.write_text(inline_assets(page) if inline else page, encoding="utf-8")
    return path


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


def write_maps(
    frames: dict[str, gpd.GeoDataFrame],
    documents: list,
    folder: Path,
    city_slugs: dict[str, str],
    inline: bool = False,
) -> list[Path]:
    """``index.html``, one map per city (``<slug>.html``) and one per article (``articles/``);
    ``inline`` embeds every script and stylesheet, so they open without a network."""
    written = [save_map(make_map(frames, "Renewal Atlas"), folder / "index.html", inline)]
    cities = sorted({row for f in frames.values() for row in f["city"] if row})
    for city in cities:
        slug = city_slugs.get(city, city)
        city_frames = subset(frames, lambda row, c=city: row["city"] == c)
        written.append(save_map(make_map(city_frames, f"Renewal Atlas · {city}"),
                                folder / f"{slug}.html", inline))
    for document in documents:
        def only_this(row, doc=document.id):
            quotes = [q for q in row["quotes"] if q["document"] == doc]
            return {**row, "quotes": quotes} if quotes else None
        doc_frames = subset(frames, only_this)
        written.append(save_map(make_map(doc_frames, document.title),
                                folder / "articles" / f"{document.id}.html", inline))
    return written
