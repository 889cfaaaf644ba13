"""Filters over the map's places: status, district, article and a range of dates.

The panel is built in the page from the place layers' own data (statuses, districts,
articles and their dates), with ``textContent`` only: a district or an article title is
shown as written and never read as HTML. The filters' state is kept in the address's
fragment (``#status=planned&district=…``), so a filtered view can be shared; values read
from it are compared as text, never put into the page as HTML. The legend's counts and the
search box follow the filters.
"""

from __future__ import annotations

from importlib import resources

from branca.element import MacroElement
from jinja2 import Template

from geo.maps.placelayer import PlaceLayer


class PlaceFilter(MacroElement):
    _template = Template(resources.files("geo.maps").joinpath("templates/place_filter.js")
                         .read_text("utf-8"))

    def __init__(self, layers: list[PlaceLayer]):
        super().__init__()
        self._name = "PlaceFilter"
        self.layer_elements = layers

    @property
    def groups(self) -> list[str]:
        return [layer.get_name() for layer in self.layer_elements]
