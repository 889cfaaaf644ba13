"""The basemaps a map offers: xyzservices' tile providers, and Tianditu from geo/data.

OpenStreetMap, Gaode and Esri need no key. CARTO has asked for one since August 2026: without
it its tiles are stamped "API KEY REQUIRED" (https://github.com/geopandas/xyzservices/issues/207,
https://carto.com/basemaps/apikey/), so CartoDB Positron is offered only with a key. Tianditu
refuses every request without one, so it is offered only with a key too, and its key is
written into the page only then. xyzservices does not list Tianditu: its URL templates are in
``geo/data/tianditu.toml``, checked as they load.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

import folium
import xyzservices
import xyzservices.providers as providers
from folium.map import Layer
from jinja2 import Template

from geo import data

CARTO_KEY_VARIABLE = "CARTO_API_KEY"  # where the command line finds a key when given none
TIANDITU_KEY_VARIABLE = "TIANDITU_TK"  # as the Tianditu geocoder (geo.geocode.services)


@dataclass(frozen=True)
class Basemap:
    name: str  # as the layer control shows it
    provider: xyzservices.TileProvider
    gcj02: bool = False  # drawn in GCJ-02, so features are moved to it for display
    labels: xyzservices.TileProvider | None = None  # names drawn over it, served apart


@dataclass(frozen=True)
class TiandituService:
    documentation: str
    attribution: str
    subdomains: str
    max_zoom: int


@dataclass(frozen=True)
class TiandituMap:
    name: str
    base: str
    labels: str


PLACEHOLDERS = ("{s}", "{x}", "{y}", "{z}", "{apikey}")


def tianditu_maps() -> tuple[TiandituService, tuple[TiandituMap, ...]]:
    """The Tianditu service and its basemaps, from ``tianditu.toml``; a bad entry is a
    ``DataError`` naming the file and the key."""
    file = data.path("tianditu.toml")
    table = data.read_toml(file)
    entries = table.pop("basemap", [])
    service = data.typed(TiandituService, table, str(file))
    if not service.subdomains or not 0 < service.max_zoom <= 30:
        raise data.DataError(f"{file}: key 'subdomains' must not be empty and 'max_zoom' must be "
                        "1 to 30")
    if not isinstance(entries, list) or not entries:
        raise data.DataError(f"{file}: [[basemap]] must list at least one basemap")
    maps = tuple(data.typed(TiandituMap, entry, f"{file}: [[basemap]] {number}")
                 for number, entry in enumerate(entries, 1))
    for number, entry in enumerate(maps, 1):
        for key in ("base", "labels"):
            url = getattr(entry, key)
            missing = [p for p in PLACEHOLDERS if p not in url]
            if not url.startswith("https://") or missing:
                raise data.DataError(f"{file}: [[basemap]] {number}: key {key!r} must be an https "
                                f"URL holding {', '.join(PLACEHOLDERS)}"
                                + (f" (lacks {', '.join(missing)})" if missing else ""))
    return service, maps



def tianditu(key: str) -> list[Basemap]:
    """Tianditu's basemaps, each its base and its labels, with ``key`` in their URLs."""
    service, maps = tianditu_maps()

    def tiles(name: str, url: str) -> xyzservices.TileProvider:
        # A key is a word of letters and digits; quoted, no other key can alter the URL.
        return xyzservices.TileProvider(
            name=name, url=url, attribution=service.attribution,
            html_attribution=service.attribution, subdomains=service.subdomains,
            max_zoom=service.max_zoom, apikey=quote(key, safe=""))

    return [Basemap(entry.name, tiles(entry.name, entry.base),
                    labels=tiles(f"{entry.name} labels", entry.labels)) for entry in maps]


def https(provider: xyzservices.TileProvider) -> xyzservices.TileProvider:
    """The provider over https: xyzservices lists Gaode over http, which a page served over
    https may not load."""
    return provider(url=provider.url.replace("http://", "https://", 1))


def basemaps(carto_key: str | None = None, tianditu_key: str | None = None,
             first: Basemap | None = None) -> list[Basemap]:
    """The basemaps, in the layer control's order; the first (``first`` if given, else
    OpenStreetMap) is shown when the map opens. Tianditu and CartoDB Positron only with their
    keys."""
    chosen = [Basemap("OpenStreetMap", providers.OpenStreetMap.Mapnik),
              Basemap("高德 Gaode street (GCJ-02)", https(providers.Gaode.Normal), gcj02=True),
              Basemap("高德 Gaode satellite (GCJ-02)", https(providers.Gaode.Satellite),
                      gcj02=True)]
    if tianditu_key:
        chosen += tianditu(tianditu_key)
    chosen.append(Basemap("Esri World Imagery", providers.Esri.WorldImagery))
    if carto_key:
        chosen.append(Basemap("CartoDB Positron", providers.CartoDB.Positron(apikey=carto_key)))
    if first is None:
        return chosen
    # A basemap asked for first is offered once: one of these (over http or https) moves to
    # the top, keeping its name and datum; another goes above them.
    same = [b for b in chosen if tiles_of(b) == tiles_of(first)]
    first = same[0] if same else first
    return [first, *(b for b in chosen if tiles_of(b) != tiles_of(first))]


def tiles_of(basemap: Basemap) -> str:
    """Where a basemap's tiles come from, over http or https alike."""
    return basemap.provider.build_url(fill_subdomain=False).split("://", 1)[-1]


class LabelledTiles(Layer):
    """A basemap with its names drawn over it from tiles of their own, as one choice of the
    layer control: a Leaflet layer group of the two tile layers. Each tile layer carries its
    attribution, which Leaflet's attribution control shows while the layer is on the map."""

    _template = Template("""{% macro script(this, kwargs) %}
var {{ this.get_name() }} = L.layerGroup([
  L.tileLayer({{ this.base_url|tojson }}, {{ this.base_options|tojson }}),
  L.tileLayer({{ this.labels_url|tojson }}, {{ this.labels_options|tojson }})
], {{ this.options|tojson }});
{% endmacro %}""")

    def __init__(self, basemap: Basemap, show: bool = False):
        super().__init__(name=basemap.name, overlay=False, control=True, show=show)
        self._name = "LabelledTiles"
        self.base_url, self.base_options = tile_options(basemap.provider)
        self.labels_url, self.labels_options = tile_options(basemap.labels)
        self.options = {"gcj02": True} if basemap.gcj02 else {}


def tile_options(provider: xyzservices.TileProvider) -> tuple[str, dict]:
    """A provider's URL template and its Leaflet tile layer options."""
    options = {"attribution": provider.html_attribution,
               "maxZoom": provider.get("max_zoom", 18)}
    if "subdomains" in provider:
        options["subdomains"] = provider["subdomains"]
    return provider.build_url(fill_subdomain=False, scale_factor="{r}"), options


def add_basemaps(fmap: folium.Map, carto_key: str | None = None,
                 tianditu_key: str | None = None, first: Basemap | None = None) -> None:
    for number, basemap in enumerate(basemaps(carto_key, tianditu_key, first)):
        if basemap.labels is not None:
            LabelledTiles(basemap, show=number == 0).add_to(fmap)
            continue
        extra = {"gcj02": True} if basemap.gcj02 else {}  # read by gcj02_display.js
        folium.TileLayer(basemap.provider, name=basemap.name, show=number == 0,
                         **extra).add_to(fmap)
