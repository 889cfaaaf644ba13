"""Online geocoders by name: Amap, Baidu and Tianditu (ours), and every geopy service.

Keys come from the environment: ``AMAP_KEY``, ``BAIDU_AK``, ``TIANDITU_TK``, and for a geopy
service ``<NAME>_API_KEY`` (``GOOGLEV3_API_KEY``, ``OPENCAGE_API_KEY`` …). Nominatim needs no key
but the user's own user agent, as its usage policy asks.
"""

from __future__ import annotations

import os
from urllib.parse import urlsplit

from geopy.exc import ConfigurationError as GeopyConfigurationError
from geopy.geocoders import Nominatim, get_geocoder_for_service
from geopy.geocoders.base import Geocoder

from geo.geocode.services.adapter import BoundedURLLibAdapter
from geo.geocode.services.amap import AMap
from geo.geocode.services.baidu import Baidu
from geo.geocode.services.base import ChineseGeocoder
from geo.geocode.services.tianditu import Tianditu

CHINESE: dict[str, tuple[type[ChineseGeocoder], str]] = {
    "amap": (AMap, "AMAP_KEY"),
    "gaode": (AMap, "AMAP_KEY"),
    "baidu": (Baidu, "BAIDU_AK"),
    "baiduv3": (Baidu, "BAIDU_AK"),
    "tianditu": (Tianditu, "TIANDITU_TK"),
}

__all__ = ["AMap", "Baidu", "ChineseGeocoder", "OptionError", "Tianditu", "geocoder_for"]


class OptionError(ValueError):
    """A geocoding option that cannot be used: an unknown geocoder, a missing key or user
    agent, a bad URL or setting. The project's own error, distinct from geopy's
    ``ConfigurationError``, which ``geocoder_for`` turns into this one."""


def geocoder_for(name: str, *, url: str | None = None, user_agent: str | None = None,
                 timeout: float = 10.0) -> Geocoder:
    """The geocoder called ``name``; ``url`` points it at another server (self-hosted or test)."""
    key = name.lower()
    # urllib's adapter makes one request per call: retries and waits are the resolver's alone
    # (geopy's requests adapter would retry 429s and 5xx on its own first).
    # Each whole answer has a deadline and a size cap (services/adapter.py).
    options: dict = {"timeout": timeout, "adapter_factory": BoundedURLLibAdapter}
    if url:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise OptionError(f"geocoder {name!r}: URL {url!r} is not http:// or https:// "
                              "followed by a host")
        options.update(scheme=parts.scheme or "https", domain=parts.netloc + parts.path.rstrip("/"))
    if key in CHINESE:
        cls, variable = CHINESE[key]
        api_key = os.environ.get(variable)
        if not api_key:
            raise OptionError(f"geocoder {name!r} needs its key in ${variable}")
        return _made(name, cls, api_key, user_agent=user_agent, **options)
    if key in ("nominatim", "osm"):
        if not user_agent:
            raise OptionError(
                "Nominatim needs your own user agent (--user-agent or $GEO_USER_AGENT), "
                "as its usage policy asks")
        return _made(name, Nominatim, user_agent=user_agent, **options)
    try:
        cls = get_geocoder_for_service(key)
    except Exception as error:  # geopy raises GeocoderNotFound
        raise OptionError(f"unknown geocoder {name!r}") from error
    api_key = os.environ.get(f"{key.upper()}_API_KEY")
    if api_key:
        options["api_key"] = api_key
    if user_agent:
        options["user_agent"] = user_agent
    return _made(name, cls, **options)


def _made(name: str, cls: type[Geocoder], *args: object, **options: object) -> Geocoder:
    """``cls(*args, **options)``, geopy's complaints about them as an ``OptionError``."""
    try:
        return cls(*args, **options)
    except (TypeError, GeopyConfigurationError) as error:
        raise OptionError(f"geocoder {name!r}: {error}") from error
