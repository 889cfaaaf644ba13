"""A search box over the names of the map's places (leaflet-search, loaded as folium loads it).

The list of matches is built with ``textContent``, so a name is shown as written and never read
as HTML; choosing a match zooms to the place and opens its popup.
"""

from __future__ import annotations

from importlib import resources

from branca.element import MacroElement
from folium.elements import JSCSSMixin
from folium.plugins import Search
from jinja2 import Template

from geo.maps.placelayer import PlaceLayer, script_json


class PlaceSearch(JSCSSMixin, MacroElement):
    _template = Template(resources.files("geo.maps").joinpath("templates/place_search.js")
                         .read_text("utf-8"))
    default_js = Search.default_js
    default_css = Search.default_css

    def __init__(self, layers: list[PlaceLayer], placeholder: str = "Search places 搜索地点",
                 not_found: str = "Not on this map 未找到"):
        super().__init__()
        self._name = "PlaceSearch"
        self.layer_elements = layers
        self.placeholder = script_json(placeholder)
        self.not_found = script_json(not_found)

    @property
    def groups(self) -> list[str]:
        return [layer.get_name() for layer in self.layer_elements]
