"""Stage 3, geocode: a Place, with geometry, precision and provenance, for each place named.

``places`` groups mentions into places and asks the resolver chain (``resolvers``) where each
is: the gazetteer, the user's ``overrides``, the ``cache`` of ``online`` answers from the
geopy ``services``, then the area it lies in. ``options`` reads the settings and opens the
chain.
"""

from __future__ import annotations

from geo.geocode.options import GeocodingOptions, OptionError, open_chain
from geo.geocode.places import resolve
from geo.geocode.resolvers import Answer, Chain, Query

__all__ = ["Answer", "Chain", "GeocodingOptions", "OptionError", "Query", "open_chain",
           "resolve"]
