"""Amap (Gaode) geocoding, v3 Web service: https://lbs.amap.com/api/webservice/guide/api/georegeo

Answers are GCJ-02 ("location": "lon,lat"); errors come as status "0" with an infocode and
an info text.
"""

from __future__ import annotations

from geo.geocode.services.base import ChineseGeocoder, raise_for

# The infocodes Amap's error table gives for bad keys, spent quotas and too many requests;
# the info text ("INVALID_USER_KEY", "DAILY_QUERY_OVER_LIMIT", "CUQPS_HAS_EXCEEDED_THE_LIMIT")
# decides for codes not listed here.
AUTH_CODES = {"10001", "10009", "10010", "10012"}
QUOTA_CODES = {"10003", "10044", "10045"}
RATE_CODES = {"10004", "10019", "10020", "10021"}


def error_kind(code: str, info: str) -> str:
    if code in AUTH_CODES or "KEY" in info:
        return "auth"
    if code in QUOTA_CODES or "DAILY" in info:
        return "quota"
    if code in RATE_CODES or "FREQUENT" in info or "QPS" in info:
        return "rate"
    return "error"


class AMap(ChineseGeocoder):
    domain = "restapi.amap.com"
    api_path = "/v3/geocode/geo"
    datum = "GCJ-02"

    output_params = {"output": "JSON"}

    def _check(self, payload: dict) -> None:
        if str(payload.get("status")) == "1":
            return
        code, info = str(payload.get("infocode", "")), str(payload.get("info", "error"))
        raise_for(error_kind(code, info), "Amap", f"{info} ({code})")

    def _items(self, payload: dict) -> list[dict]:
        items = []
        for result in payload.get("geocodes") or []:
            lon, _, lat = str(result.get("location", "")).partition(",")
            items.append({"lon": lon, "lat": lat, "address": result.get("formatted_address"),
                          "raw": result})
        return items
