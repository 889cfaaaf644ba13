"""District and city outlines as a light vector layer under the places, labelled by name at
the zooms where a label fits: the map reads offline, on an intranet and in print, with no
tiles. Moved with the places on a GCJ-02 basemap (``raDisplay``), listed in the layer control.
"""

from __future__ import annotations

import json
from importlib import resources

import geopandas as gpd
from folium.map import Layer
from jinja2 import Template

from geo.maps.placelayer import add_data, script_json
from geo.outlines import CREDIT

# The zoom from which each level's names are shown: a district's at a city's zoom, a city's
# from a province's.
LABEL_ZOOM = {"district": 10, "city": 7}


class OutlineLayer(Layer):
    _template = Template(resources.files("geo.maps").joinpath("templates/outline_layer.js")
                         .read_text("utf-8"))

    def __init__(self, outlines: gpd.GeoDataFrame, name: str = "Outlines 行政区划"):
        super().__init__(name=name, overlay=True, control=True, show=True)
        self._name = "OutlineLayer"
        features = json.loads(outlines[["name", "level", "geometry"]].to_json(drop_id=True))
        self.data = script_json({"outlines": features, "labelZoom": LABEL_ZOOM,
                                 "credit": CREDIT})

    def render(self, **kwargs):
        add_data(self, "data", self.data)
        super().render(**kwargs)
