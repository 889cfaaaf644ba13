"""A table of the places in view: sortable, a row opening its place, the rows downloadable.

It lists the places the filters show inside the map's view (name, layer, status, district,
mentions, first and last date, how located), follows every move and filter, and downloads
the rows as CSV (cells that would start a spreadsheet formula get an apostrophe, as
``geo.csvcells`` does for the build's CSVs) or GeoJSON (WGS-84, whatever the basemap). Built
with ``textContent`` only: cells are text, never HTML.
"""

from __future__ import annotations

from importlib import resources

from branca.element import MacroElement
from jinja2 import Template

from geo.csvcells import FORMULA_START
from geo.maps.placelayer import PlaceLayer, script_json

SHOWN_ROWS = 500  # rows drawn at once; a download holds them all


class PlaceTable(MacroElement):
    _template = Template(resources.files("geo.maps").joinpath("templates/place_table.js")
                         .read_text("utf-8"))

    def __init__(self, layers: list[PlaceLayer]):
        super().__init__()
        self._name = "PlaceTable"
        self.layer_elements = layers
        self.formula_start = script_json("".join(FORMULA_START))
        self.shown_rows = SHOWN_ROWS

    @property
    def groups(self) -> list[str]:
        return [layer.get_name() for layer in self.layer_elements]
