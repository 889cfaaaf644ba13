"""What the Chinese map services share behind geopy's ``Geocoder`` interface.

Each service answers in its own datum (GCJ-02 for Amap, BD-09 for Baidu); a subclass names its
datum and every ``Location`` it returns is already converted to WGS-84, with the service's own
coordinates kept in ``raw["datum_lonlat"]``. Errors the services report inside a 200 answer
become geopy's exceptions, so retry and rate-limit logic treats every service alike.
"""

from __future__ import annotations

from functools import partial
from typing import Any
from urllib.parse import urlencode

from geopy.exc import (
    GeocoderAuthenticationFailure,
    GeocoderQuotaExceeded,
    GeocoderRateLimited,
    GeocoderServiceError,
)
from geopy.geocoders.base import DEFAULT_SENTINEL, Geocoder
from geopy.location import Location

from geo.crs import to_wgs84

ERRORS = {
    "auth": GeocoderAuthenticationFailure,
    "quota": GeocoderQuotaExceeded,
    "rate": GeocoderRateLimited,
}


class ChineseGeocoder(Geocoder):
    """A key-authenticated JSON geocoder whose coordinates need converting to WGS-84."""

    domain = ""
    api_path = ""
    datum = "WGS-84"

    def __init__(self, api_key: str, *, domain: str | None = None, scheme: str | None = None,
                 timeout: Any = DEFAULT_SENTINEL, proxies: Any = DEFAULT_SENTINEL,
                 user_agent: str | None = None, ssl_context: Any = DEFAULT_SENTINEL,
                 adapter_factory: Any = None):
        super().__init__(scheme=scheme, timeout=timeout, proxies=proxies, user_agent=user_agent,
                         ssl_context=ssl_context, adapter_factory=adapter_factory)
        self.api_key = api_key
        self.domain = (domain or self.domain).strip("/")
        self.api = f"{self.scheme}://{self.domain}{self.api_path}"

    def geocode(self, query: str, *, city: str | None = None, exactly_one: bool = True,
                timeout: Any = DEFAULT_SENTINEL) -> Location | list[Location] | None:
        """Places matching ``query``, within ``city`` when given, in WGS-84."""
        url = f"{self.api}?{urlencode(self._params(query, city))}"
        callback = partial(self._parse, exactly_one=exactly_one)
        return self._call_geocoder(url, callback, timeout=timeout)

    def _parse(self, payload: Any, exactly_one: bool) -> Location | list[Location] | None:
        if not isinstance(payload, dict):
            raise GeocoderServiceError(f"{type(self).__name__}: answer is not a JSON object")
        self._check(payload)
        locations = []
        for item in self._items(payload):
            try:
                lon, lat = float(item["lon"]), float(item["lat"])
            except (KeyError, TypeError, ValueError) as error:
                raise GeocoderServiceError(f"{type(self).__name__}: bad coordinate") from error
            wgs_lon, wgs_lat = to_wgs84(lon, lat, self.datum)
            raw = {**item["raw"], "datum": self.datum, "datum_lonlat": [lon, lat]}
            locations.append(Location(item.get("address") or "", (wgs_lat, wgs_lon), raw))
        if not locations:
            return None
        return locations[0] if exactly_one else locations

    key_param = "key"
    output_params: dict[str, str] = {}

    def _params(self, query: str, city: str | None) -> dict[str, str]:
        params = {"address": query, self.key_param: self.api_key, **self.output_params}
        if city:
            params["city"] = city
        return params

    def _check(self, payload: dict) -> None:
        """Raise geopy's exception for an error the service reports in its answer."""
        raise NotImplementedError

    def _items(self, payload: dict) -> list[dict]:
        """Each result as {"lon", "lat", "address", "raw"} in the service's datum."""
        raise NotImplementedError


def raise_for(kind: str | None, service: str, message: str) -> None:
    if kind is not None:
        raise ERRORS.get(kind, GeocoderServiceError)(f"{service}: {message}")
