"""The basemaps a map offers, taken from xyzservices' list of tile providers.

OpenStreetMap and Gaode need no key. CARTO has asked for one since August 2026: without it its
tiles are stamped "API KEY REQUIRED" (https://github.com/geopandas/xyzservices/issues/207,
https://carto.com/basemaps/apikey/), so CartoDB Positron is offered only with a key.
"""

from __future__ import annotations

from dataclasses import dataclass

import folium
import xyzservices
import xyzservices.providers as providers

CARTO_KEY_VARIABLE = "CARTO_API_KEY"  # where the command line finds a key when given none


@dataclass(frozen=True)
class Basemap:
    name: str  # as the layer control shows it
    provider: xyzservices.TileProvider
    gcj02: bool = False  # drawn in GCJ-02, so features are moved to it for display


def basemaps(carto_key: str | None = None) -> list[Basemap]:
    """The basemaps, the first shown when the map opens."""
    chosen = [Basemap("OpenStreetMap", providers.OpenStreetMap.Mapnik)]
    if carto_key:
        chosen.append(Basemap("CartoDB Positron", providers.CartoDB.Positron(apikey=carto_key)))
    # xyzservices lists Gaode over http, which a page served over https may not load.
    gaode = providers.Gaode.Normal
    chosen.append(Basemap("高德 Gaode (GCJ-02)",
                          gaode(url=gaode.url.replace("http://", "https://", 1)), gcj02=True))
    return chosen


def add_basemaps(fmap: folium.Map, carto_key: str | None = None) -> None:
    for number, basemap in enumerate(basemaps(carto_key)):
        extra = {"gcj02": True} if basemap.gcj02 else {}  # read by gcj02_display.js
        folium.TileLayer(basemap.provider, name=basemap.name, show=number == 0,
                         **extra).add_to(fmap)
