"""One map layer of places, drawn in the browser from compact data.

folium makes a Python object, a popup and a tooltip per marker and writes each as lines of
JavaScript; at 10,000 places that takes seconds and megabytes. A PlaceLayer writes its places
once, as JSON in a ``<script type="application/json">`` element, and a short script draws them:
points as circle markers, clustered where they crowd (supercluster), and lines as polylines,
with popups built when opened; only what the view shows becomes Leaflet objects. The script
puts every string into the page as text (``textContent``), never as HTML, so article text
cannot run; the JSON is written so that nothing in it can close the element, and it goes into
the page as ``Raw`` text, never through a template.
"""

from __future__ import annotations

import base64
import gc
import gzip
import json
import math
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources

import geopandas as gpd
import numpy as np
import shapely
from branca.element import Element
from folium.elements import JSCSSMixin
from folium.map import Layer
from jinja2 import Template

from geo.layers import hilbert_order

POINT, LINESTRING = shapely.GeometryType.POINT, shapely.GeometryType.LINESTRING
# Inside a <script> element, "</script>" or "<!--" in a string would end or alter the script;
# JSON allows every character to be written as \uXXXX, so these never appear raw.
SCRIPT_UNSAFE = [("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e"),
                 ("\u2028", "\\u2028"), ("\u2029", "\\u2029")]


class Raw(Element):
    """Text put into the page exactly as given.

    branca compiles an Element's text, and whatever a MacroElement's macros return, as a Jinja
    template; article text containing ``{{ … }}`` would then run as template code while the map
    is built. A Raw element's text is never compiled."""

    def __init__(self, text: str):
        super().__init__()
        self.text = text

    def render(self, **kwargs) -> str:
        return self.text


def add_data(element: Element, part: str, text: str, kind: str = "application/json") -> None:
    """``text`` in the page's body as ``<script type=kind id="<element>_<part>">``: data that
    the element's script reads by that id, put in as ``Raw`` text, never through a template.
    In the body, the browser has read it before the page's script runs."""
    name = f"{element.get_name()}_{part}"
    element.get_root().html.add_child(
        Raw(f'<script type="{kind}" id="{name}">{text}</script>'), name=name)


def script_json(value: object) -> str:
    """JSON for embedding in a <script> element: UTF-8 text, no characters that break out."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    for raw, escaped in SCRIPT_UNSAFE:
        text = text.replace(raw, escaped)
    return text


@contextmanager
def no_cycle_collection() -> Iterator[None]:
    """Python's cycle collector paused while a layer's data is built: the millions of lists
    and strings of 100,000 places hold no cycles, yet each of their allocations counts
    towards a collection that walks them all again (40% of the build at 100,000 places)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def packed(value: object) -> str:
    """``value`` as gzipped JSON in base64: a third to a sixth of the JSON's size for the
    quotes of Chinese articles, and only letters, digits, + / and =, so nothing in it can
    close its element. No time stamp in the gzip header: the same data, the same bytes."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    # Level 6, zlib's default: level 9 took three times as long for 1% less (100,000 places).
    return base64.b64encode(gzip.compress(text.encode("utf-8"), 6, mtime=0)).decode("ascii")


def _value(value: object) -> object:
    """Table cells hold None or NaN for "no value"; JSON gets null for both."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return value


def _coords(geometries: gpd.GeoSeries) -> list:
    """Each geometry as the script reads it: [x, y] for a point, a list of them for a line,
    None for anything else. Points, nearly all of a layer, are read in one call for the lot:
    asking each shapely point for its x and y costs more than the rest of the layer."""
    shapes = np.asarray(geometries.array, dtype=object)
    kinds = shapely.get_type_id(shapes)  # -1 for a missing geometry
    empty = shapely.is_empty(shapes)
    xs, ys = shapely.get_x(shapes).tolist(), shapely.get_y(shapes).tolist()
    coords: list = []
    for shape, kind, blank, x, y in zip(shapes, kinds.tolist(), empty.tolist(), xs, ys,
                                        strict=True):
        if blank or kind not in (POINT, LINESTRING):
            coords.append(None)
        elif kind == POINT:
            coords.append([round(x, 6), round(y, 6)])
        else:
            coords.append([[round(x, 6), round(y, 6)] for x, y, *_ in shape.coords])
    return coords


class Table:
    """Values many places share (article titles, sources, wording), written once and referred
    to by their index."""

    def __init__(self, rows: list | None = None) -> None:
        self.rows: list = []
        self.index: dict = {}
        for row in rows or []:
            self.ref(row)

    def ref(self, row) -> int:
        key = tuple(row) if isinstance(row, list) else row
        if key not in self.index:
            self.index[key] = len(self.rows)
            self.rows.append(row)
        return self.index[key]


# The order of each place's array; the script reads it by the same names. status, kind,
# district (its city and district), method and source are indexes into the tables of the same
# name; documents a list of indexes into the documents table ([id, title, date] of an article).
FIELDS = ["name", "coords", "status", "approximate", "precision", "colour", "kind", "district",
          "documents", "mentions", "method", "source", "note", "quotes"]
TABLES = ("documents", "status", "kind", "district", "method", "source")


def layer_data(frame: gpd.GeoDataFrame, labels: dict, explore: dict | None = None) -> dict:
    """The layer as the script reads it: shared tables, and one array per place (``FIELDS``);
    with ``explore`` (``geo.maps.explore``), that too, its ``values`` (one row per row of the
    frame) kept for the places drawn."""
    tables = {name: Table() for name in TABLES}
    # Along a Hilbert curve: neighbours on the map are neighbours in the data, which makes the
    # steps between their coordinates short (``drawn_columns``).
    order = hilbert_order(frame.geometry).tolist()
    frame = frame.iloc[order]
    # Whole columns at a time: a row dict per place costs more than all the rest.
    columns = [frame[name].tolist() for name in (
        "name", "status", "approximate", "precision_m", "colour", "kind", "city", "district",
        "mentions", "location_method", "location_source", "status_note", "quotes")]
    places, kept = [], []
    places_at: dict[tuple, str] = {}
    documents: dict[tuple, int] = {}

    def document(id_: str, title: str, date: object) -> int:  # its index, looked up once
        key = (id_, title, date)
        if key not in documents:
            documents[key] = tables["documents"].ref([id_, title, _value(date)])
        return documents[key]

    rows = zip(order, _coords(frame.geometry), *columns, strict=True)
    for (number, coords, name, status, approximate, precision, colour, kind, city, district,
         mentions, method, source, note, quotes) in rows:
        if coords is None:
            continue
        kept.append(number)
        quotes = [[document(q["document"], q["title"], q["date"]), q["sentence"],
                   q["mention_start"], q["mention_end"], list(q["facts"])] for q in quotes]
        where = places_at.get((city, district))
        if where is None:  # a few districts serve every place: joined once each
            where = places_at[city, district] = " ".join(
                str(part) for part in (city, district) if _value(part))
        precision = _value(precision)
        places.append([
            name, coords, tables["status"].ref(status),
            int(bool(approximate)), None if precision is None else round(precision),
            _value(colour), tables["kind"].ref(kind), tables["district"].ref(where),
            sorted({quote[0] for quote in quotes}), _value(mentions) or len(quotes),
            tables["method"].ref(method), tables["source"].ref(_value(source) or ""),
            _value(note) or None, quotes,
        ])
    data = {"labels": labels, **{name: table.rows for name, table in tables.items()},
            "places": places}
    if explore:
        data["explore"] = dict(explore)
        if "values" in explore:  # a row per row of the frame: those of the places drawn, in order
            data["explore"]["values"] = [explore["values"][n] for n in kept]
    return data


# What the map needs to draw, filter, search and list a place: the first fields of FIELDS.
# The rest, and the tables only they refer to, only a popup reads; they are written apart,
# gzipped (``packed``), and unpacked once the page has drawn, or when a popup first needs them.
DRAWN = FIELDS[:FIELDS.index("method") + 1]
DETAIL_TABLES = ("source",)


def split_details(data: dict) -> tuple[dict, dict]:
    """``layer_data`` as two values: what drawing needs (``DRAWN``, as ``drawn_columns``), and
    the rest (an array per place)."""
    drawn = {key: value for key, value in data.items()
             if key not in DETAIL_TABLES and key != "places"}
    drawn["columns"] = drawn_columns([place[:len(DRAWN)] for place in data["places"]])
    details = {key: data[key] for key in DETAIL_TABLES}
    details["places"] = [place[len(DRAWN):] for place in data["places"]]
    return drawn, details


def drawn_columns(places: list[list]) -> dict:
    """The drawn fields of every place as one array a field, which the browser parses in a
    fraction of the time of an array a place, and in fewer bytes:
    - ``x``, ``y``: each point's position in millionths of a degree, as the step from the
      point before it (the first from 0): with the places in Hilbert order the steps are short;
    - ``lines``: [row, [[lon, lat], …]] of each line;
    - ``colour``: [row, colour] of each place with a colour of its own (transit lines);
    - ``documents``: an index, or a list of them where a place has several;
    - the other fields as they are in ``layer_data``."""
    fields = dict(zip(DRAWN, zip(*places, strict=True), strict=True)) if places else {
        field: () for field in DRAWN}
    columns = {field: list(fields[field]) for field in DRAWN
               if field not in ("coords", "colour", "documents")}
    columns["documents"] = [ids[0] if len(ids) == 1 else ids for ids in fields["documents"]]
    columns["colour"] = [[row, colour] for row, colour in enumerate(fields["colour"]) if colour]
    xs, ys, lines = [], [], []
    x = y = 0
    for row, coords in enumerate(fields["coords"]):
        if isinstance(coords[0], list):
            lines.append([row, coords])
            continue
        next_x, next_y = round(coords[0] * 1_000_000), round(coords[1] * 1_000_000)
        xs.append(next_x - x)
        ys.append(next_y - y)
        x, y = next_x, next_y
    columns.update(x=xs, y=ys, lines=lines)
    return columns


DRAW_JS = resources.files("geo.maps").joinpath("templates/place_layer.js").read_text("utf-8")


class PlaceLayer(JSCSSMixin, Layer):
    """An overlay of places (one of the atlas's layers), listed in the layer control.

    ``labels`` carries what the popups and styles need: the layer's label and colour, status
    and location-method wording, and the marker style of each status."""

    _template = Template("""{% macro script(this, kwargs) %}
var {{ this.get_name() }} = raPlaceLayer(
  JSON.parse(document.getElementById("{{ this.get_name() }}_data").textContent),
  {{ this.detail_fields }},
  function () {
    var packed = document.getElementById("{{ this.get_name() }}_details").textContent;
    return raPlaceLayer.unpack(packed);
  });
{% endmacro %}""")
    # supercluster clusters the points from the data; Leaflet.markercluster made a marker per
    # place and clustered them all on load, which cost more than the rest of the page.
    default_js = [("supercluster",
                   "https://cdn.jsdelivr.net/npm/supercluster@8.0.1/dist/supercluster.min.js")]

    def __init__(self, frame: gpd.GeoDataFrame, name: str, labels: dict, show: bool = True,
                 explore: dict | None = None):
        super().__init__(name=name, overlay=True, control=True, show=show)
        self._name = "PlaceLayer"
        with no_cycle_collection():
            drawn, details = split_details(layer_data(frame, labels, explore))
            self.data, self.details = script_json(drawn), packed(details)
        self.detail_fields = script_json(FIELDS[len(DRAWN):])

    def render(self, **kwargs):
        figure = self.get_root()
        # The page's script ends before the first place layer and another begins: images are
        # requested only once a script has run, so the basemap tiles the lines above asked for
        # load while the layers below are built, not after.
        figure.script.add_child(Raw("</script>\n<script>"), name="ra_tiles_first")
        # The drawing function, once per page whatever the number of layers; a function
        # declaration, so it is defined before the layers' lines in the same script run.
        figure.script.add_child(Raw(DRAW_JS), name="ra_place_layer")
        add_data(self, "data", self.data)
        add_data(self, "details", self.details, "text/plain")
        super().render(**kwargs)
