"""Online geocoders by name: Amap, Baidu and Tianditu (ours), and every geopy service.

Keys come from the environment: ``AMAP_KEY``, ``BAIDU_AK``, ``TIANDITU_TK``, and for a geopy
service ``<NAME>_API_KEY`` (``GOOGLEV3_API_KEY``, ``OPENCAGE_API_KEY`` …). Nominatim needs no key
but the user's own user agent, as its usage policy asks.
"""

from __future__ import annotations

import os
from urllib.parse import urlsplit

from geopy.adapters import URLLibAdapter
from geopy.geocoders import Nominatim, get_geocoder_for_service
from geopy.geocoders.base import Geocoder

from geo.geocoders.amap import AMap
from geo.geocoders.baidu import Baidu
from geo.geocoders.base import ChineseGeocoder
from geo.geocoders.tianditu import Tianditu

CHINESE: dict[str, tuple[type[ChineseGeocoder], str]] = {
    "amap": (AMap, "AMAP_KEY"),
    "gaode": (AMap, "AMAP_KEY"),
    "baidu": (Baidu, "BAIDU_AK"),
    "baiduv3": (Baidu, "BAIDU_AK"),
    "tianditu": (Tianditu, "TIANDITU_TK"),
}

__all__ = ["AMap", "Baidu", "ChineseGeocoder", "ConfigurationError", "Tianditu", "geocoder_for"]


class ConfigurationError(ValueError):
    """A geocoder that cannot be set up: unknown name, missing key or user agent."""


def geocoder_for(name: str, *, url: str | None = None, user_agent: str | None = None,
                 timeout: float = 10.0) -> Geocoder:
    """The geocoder called ``name``; ``url`` points it at another server (self-hosted or test)."""
    key = name.lower()
    # urllib's adapter makes one request per call: retries and waits are the resolver's alone
    # (geopy's requests adapter would retry 429s and 5xx on its own first).
    options: dict = {"timeout": timeout, "adapter_factory": URLLibAdapter}
    if url:
        parts = urlsplit(url)
        options.update(scheme=parts.scheme or "https", domain=parts.netloc + parts.path.rstrip("/"))
    if key in CHINESE:
        cls, variable = CHINESE[key]
        api_key = os.environ.get(variable)
        if not api_key:
            raise ConfigurationError(f"geocoder {name!r} needs its key in ${variable}")
        return cls(api_key, user_agent=user_agent, **options)
    if key in ("nominatim", "osm"):
        if not user_agent:
            raise ConfigurationError(
                "Nominatim needs your own user agent (--user-agent or $GEO_USER_AGENT), "
                "as its usage policy asks")
        return Nominatim(user_agent=user_agent, **options)
    try:
        cls = get_geocoder_for_service(key)
    except Exception as error:  # geopy raises GeocoderNotFound
        raise ConfigurationError(f"unknown geocoder {name!r}") from error
    api_key = os.environ.get(f"{key.upper()}_API_KEY")
    if api_key:
        options["api_key"] = api_key
    if user_agent:
        options["user_agent"] = user_agent
    try:
        return cls(**options)
    except TypeError as error:
        raise ConfigurationError(f"geocoder {name!r}: {error}") from error
