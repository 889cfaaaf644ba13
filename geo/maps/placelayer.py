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
import math
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from importlib import resources

import geopandas as gpd
import numpy as np
import orjson
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


def compact_json(value: object) -> bytes:
    """``value`` as compact JSON in UTF-8. orjson writes what json.dumps with
    ``ensure_ascii=False`` and no spaces writes, in a quarter of the time: at 100,000 places
    the JSON is a quarter of the map's build. NaN has no place in it: ``_value`` makes it None
    first (orjson would write null, json.dumps refuse it)."""
    return orjson.dumps(value)


def script_json(value: object) -> str:
    """JSON for embedding in a <script> element: UTF-8 text, no characters that break out."""
    text = compact_json(value).decode("utf-8")
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
    # Level 6, zlib's default: level 9 took three times as long for 1% less (100,000 places).
    return base64.b64encode(gzip.compress(compact_json(value), 6, mtime=0)).decode("ascii")


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
    xs = np.round(shapely.get_x(shapes), 6).tolist()  # NaN for all but points
    ys = np.round(shapely.get_y(shapes), 6).tolist()
    coords: list = []
    for shape, kind, blank, x, y in zip(shapes, kinds.tolist(), empty.tolist(), xs, ys,
                                        strict=True):
        if blank or kind not in (POINT, LINESTRING):
            coords.append(None)
        elif kind == POINT:
            coords.append([x, y])
        else:
            coords.append([[round(x, 6), round(y, 6)] for x, y, *_ in shape.coords])
    return coords


def _coded(values: Iterable) -> tuple[list[int], list]:
    """Each value as an index into a table of the distinct values, in the order first met:
    values many places share (wording, districts, sources) are written once."""
    index: dict = {}
    codes = [index.setdefault(value, len(index)) for value in values]
    return codes, list(index)


# The fields of a place; the script reads them by the same names. status, kind, district (its
# city and district), method and source are indexes into the tables of the same name;
# documents a list of indexes into the documents table ([id, title, date] of an article).
FIELDS = ["name", "coords", "status", "approximate", "precision", "colour", "kind", "district",
          "documents", "mentions", "method", "source", "note", "quotes"]


def layer_data(frame: gpd.GeoDataFrame, labels: dict, explore: dict | None = None) -> dict:
    """The layer as the script reads it: shared tables, and a column per field of FIELDS,
    a row per place drawn (a point or a line); with ``explore`` (``geo.maps.explore``), that
    too, its ``values`` (one row per row of the frame) kept for the places drawn.

    The places go along a Hilbert curve: neighbours on the map are neighbours in the data,
    which makes the steps between their coordinates short (``drawn_columns``). Each field is
    read as a whole column: a row dict per place costs more than all the rest."""
    order = hilbert_order(frame.geometry)
    frame = frame.iloc[order]
    coords = _coords(frame.geometry)
    drawn = [row for row, shape in enumerate(coords) if shape is not None]
    if len(drawn) < len(coords):
        frame, coords = frame.iloc[drawn], [coords[row] for row in drawn]
    kept = order[drawn].tolist()  # the frame's row of each place

    def column(name: str) -> list:
        return frame[name].tolist()

    status, statuses = _coded(column("status"))
    kind, kinds = _coded(column("kind"))
    method, methods = _coded(column("location_method"))
    source, sources = _coded(_value(value) or "" for value in column("location_source"))
    pairs = list(zip(column("city"), column("district"), strict=True))
    # a few districts serve every place: each joined once
    names = {pair: " ".join(str(part) for part in pair if _value(part)) for pair in set(pairs)}
    district, districts = _coded(names[pair] for pair in pairs)

    document_rows: dict[tuple, int] = {}  # (id, title, date) of an article: its index
    quotes, documents = [], []
    for place_quotes in column("quotes"):
        written = [[document_rows.setdefault((q["document"], q["title"], _value(q["date"])),
                                              len(document_rows)),
                    q["sentence"], q["mention_start"], q["mention_end"], list(q["facts"])]
                   for q in place_quotes]
        quotes.append(written)
        documents.append(sorted({quote[0] for quote in written}))
    precision = [None if value is None else round(value)
                 for value in map(_value, column("precision_m"))]
    columns = {
        "name": column("name"), "coords": coords, "status": status,
        "approximate": [int(bool(value)) for value in column("approximate")],
        "precision": precision, "colour": [_value(value) for value in column("colour")],
        "kind": kind, "district": district, "documents": documents,
        "mentions": [_value(value) or len(place_quotes)
                     for value, place_quotes in zip(column("mentions"), quotes, strict=True)],
        "method": method, "source": source,
        "note": [_value(value) or None for value in column("status_note")], "quotes": quotes,
    }
    data = {"labels": labels, "documents": [list(key) for key in document_rows],
            "status": statuses, "kind": kinds, "district": districts, "method": methods,
            "source": sources, "columns": columns}
    if explore:
        data["explore"] = dict(explore)
        if "values" in explore:  # a row per row of the frame: those of the places, in order
            data["explore"]["values"] = [explore["values"][row] for row in kept]
    return data


# What the map needs to draw, filter, search and list a place: the first fields of FIELDS.
# The rest, and the tables only they refer to, only a popup reads; they are written apart, in
# chunks of DETAIL_CHUNK places each gzipped on its own (``packed``), and a popup unpacks the
# chunk of its place when it first opens: a few milliseconds, where unpacking a whole layer of
# 40,000 places' quotes took a few hundred, on the page's one thread.
DRAWN = FIELDS[:FIELDS.index("method") + 1]
DETAILS = FIELDS[len(DRAWN):]
DETAIL_TABLES = ("source",)
DETAIL_CHUNK = 1000


def split_details(data: dict) -> tuple[dict, list[dict]]:
    """``layer_data`` as what drawing needs (``DRAWN``, as ``drawn_columns``), and the rest
    (``DETAILS``) in chunks of DETAIL_CHUNK places: each an array per place, with its own
    tables."""
    columns = data["columns"]
    drawn = {key: value for key, value in data.items()
             if key not in DETAIL_TABLES and key != "columns"}
    drawn["columns"] = drawn_columns({field: columns[field] for field in DRAWN})
    drawn["detailChunk"] = DETAIL_CHUNK
    chunks = []
    for start in range(0, len(columns["name"]), DETAIL_CHUNK):
        part = {field: columns[field][start:start + DETAIL_CHUNK] for field in DETAILS}
        tables = {}
        for name in DETAIL_TABLES:
            part[name], tables[name] = _coded(data[name][code] for code in part[name])
        chunks.append({**tables, "places": [list(place) for place in zip(
            *(part[field] for field in DETAILS), strict=True)]})
    return drawn, chunks


def drawn_columns(columns: dict) -> dict:
    """The drawn fields of every place (``DRAWN``: a column each), as the browser reads them:
    a column a field parses in a fraction of the time an array a place takes, and in fewer
    bytes.
    - ``x``, ``y``: each point's position in millionths of a degree, as the step from the
      point before it (the first from 0): with the places in Hilbert order the steps are short;
    - ``lines``: [row, [[lon, lat], …]] of each line;
    - ``colour``: [row, colour] of each place with a colour of its own (transit lines);
    - ``documents``: an index, or a list of them where a place has several;
    - the other fields as they are."""
    written = {field: columns[field] for field in DRAWN
               if field not in ("coords", "colour", "documents")}
    written["documents"] = [ids[0] if len(ids) == 1 else ids for ids in columns["documents"]]
    written["colour"] = [[row, colour] for row, colour in enumerate(columns["colour"])
                         if colour]
    lines = [[row, coords] for row, coords in enumerate(columns["coords"])
             if isinstance(coords[0], list)]
    points = [coords for coords in columns["coords"] if not isinstance(coords[0], list)]
    micro = np.rint(np.array(points, dtype=float).reshape(-1, 2) * 1_000_000).astype(np.int64)
    steps = np.diff(micro, axis=0, prepend=np.zeros((1, 2), dtype=np.int64))
    written.update(x=steps[:, 0].tolist(), y=steps[:, 1].tolist(), lines=lines)
    return written


def page_texts(frame: gpd.GeoDataFrame, labels: dict, explore: dict | None
               ) -> tuple[str, str]:
    """The layer's data as the page holds it: the drawn fields as JSON, and the popups'
    chunks, each packed, one after the other with commas between (base64 has none). Its lists
    are gone when it returns: were they alive when the cycle collector resumes, its first
    collection would walk them all (a tenth of a second a layer at 100,000 places)."""
    drawn, details = split_details(layer_data(frame, labels, explore))
    return script_json(drawn), ",".join(map(packed, details))


DRAW_JS = resources.files("geo.maps").joinpath("templates/place_layer.js").read_text("utf-8")


class PlaceLayer(JSCSSMixin, Layer):
    """An overlay of places (one of the atlas's layers), listed in the layer control.

    ``labels`` carries what the popups and styles need: the layer's label and colour, status
    and location-method wording, and the marker style of each status."""

    _template = Template("""{% macro script(this, kwargs) %}
var {{ this.get_name() }} = raPlaceLayer(
  JSON.parse(document.getElementById("{{ this.get_name() }}_data").textContent),
  {{ this.detail_fields }},
  raPlaceLayer.chunks("{{ this.get_name() }}_details"));
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
            self.data, self.details = page_texts(frame, labels, explore)
        self.detail_fields = script_json(DETAILS)

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
