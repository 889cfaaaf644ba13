"""One map layer of places, drawn in the browser from compact data.

folium makes a Python object, a popup and a tooltip per marker and writes each as lines of
JavaScript; at 10,000 places that takes seconds and megabytes. A PlaceLayer writes its places
once, as one JSON value, and a short script draws them: points as circle markers, clustered
where they crowd, and lines as polylines, with popups built when first opened. The script puts
every string into the page as text (``textContent``), never as HTML, so article text cannot
run; the JSON itself is written so that nothing in it can close the ``<script>`` element.
"""

from __future__ import annotations

import json
import math
from importlib import resources

import geopandas as gpd
from branca.element import Element
from folium.elements import JSCSSMixin
from folium.map import Layer
from folium.plugins import MarkerCluster
from jinja2 import Template

# Inside a <script> element, "</script>" or "<!--" in a string would end or alter the script;
# JSON allows every character to be written as \\uXXXX, so these never appear raw.
SCRIPT_UNSAFE = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026",
                 "\u2028": "\\u2028", "\u2029": "\\u2029"}


def script_json(value: object) -> str:
    """JSON for embedding in a <script> element: UTF-8 text, no characters that break out."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return text.translate(str.maketrans(SCRIPT_UNSAFE))


def _value(value: object) -> object:
    """Table cells hold None or NaN for "no value"; JSON gets null for both."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return value


def _coords(geometry) -> list:
    if geometry.geom_type == "Point":
        return [round(geometry.x, 6), round(geometry.y, 6)]
    return [[round(x, 6), round(y, 6)] for x, y, *_ in geometry.coords]


class Table:
    """Strings many places share (article titles, sources), written once and referred to by
    their index."""

    def __init__(self) -> None:
        self.rows: list = []
        self.index: dict = {}

    def ref(self, row) -> int:
        key = json.dumps(row, ensure_ascii=False)
        if key not in self.index:
            self.index[key] = len(self.rows)
            self.rows.append(row)
        return self.index[key]


def layer_data(frame: gpd.GeoDataFrame, labels: dict) -> dict:
    """The layer as the script reads it: shared tables, and one array per place (see
    ``FIELDS``)."""
    documents, sources = Table(), Table()
    places = []
    for row in frame.to_dict("records"):
        geometry = row["geometry"]
        if geometry is None or geometry.is_empty or geometry.geom_type not in (
                "Point", "LineString"):
            continue
        quotes = [[documents.ref([q["title"], _value(q["date"])]), q["sentence"],
                   q["mention_start"], q["mention_end"], list(q["facts"])]
                  for q in row["quotes"]]
        where = " ".join(str(row[key]) for key in ("city", "district") if _value(row[key]))
        places.append([
            row["name"], _coords(geometry), row["status"], int(bool(row["approximate"])),
            _value(row["precision_m"]), _value(row["colour"]), row["kind"], where,
            row["location_method"], sources.ref(_value(row["location_source"]) or ""),
            _value(row.get("status_note")) or None, quotes,
        ])
    return {"labels": labels, "documents": documents.rows, "sources": sources.rows,
            "places": places}


DRAW_JS = resources.files("geo").joinpath("templates/place_layer.js").read_text("utf-8")
# The order of each place's array; the script reads it by the same names.
FIELDS = ["name", "coords", "status", "approximate", "precision", "colour", "kind", "where",
          "method", "source", "note", "quotes"]


class PlaceLayer(JSCSSMixin, Layer):
    """An overlay of places (one of the atlas's layers), listed in the layer control.

    ``labels`` carries what the popups and styles need: the layer's label and colour, status
    and location-method wording, and the marker style of each status."""

    _template = Template("""{% macro script(this, kwargs) %}
var {{ this.get_name() }} = raPlaceLayer({{ this.data }}, {{ this.fields }});
{% endmacro %}""")
    default_js = MarkerCluster.default_js
    default_css = MarkerCluster.default_css

    def __init__(self, frame: gpd.GeoDataFrame, name: str, labels: dict, show: bool = True):
        super().__init__(name=name, overlay=True, control=True, show=show)
        self._name = "PlaceLayer"
        self.data = script_json(layer_data(frame, labels))
        self.fields = script_json(FIELDS)

    def render(self, **kwargs):
        # The drawing function, once per page whatever the number of layers; a function
        # declaration, so it is defined before the layers' lines in the same script run.
        self.get_root().script.add_child(Element(DRAW_JS), name="ra_place_layer")
        super().render(**kwargs)

