"""Output: folium web maps whose popups quote the articles.

``render`` draws a map per view (overview, city, article) from the layers: each layer a
``placelayer.PlaceLayer``, with ``placesearch``, ``basemaps`` and a legend; ``explore`` takes
what ``GeoDataFrame.explore()`` users pass (tiles, tooltip, popup, column); ``inline`` embeds
the pinned browser assets (``web/``) for maps that open offline; ``browser`` opens maps in a
real, offline Chromium for the tests and benchmarks.
"""

from __future__ import annotations

from geo.maps.render import embed_html, make_map, views, write_maps

__all__ = ["embed_html", "make_map", "views", "write_maps"]
