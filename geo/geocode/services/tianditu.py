"""Tianditu geocoding: http://lbs.tianditu.gov.cn/server/geocodinginterface.html

Request ``/geocoder?ds={"keyWord": ...}&tk=KEY``; the answer is {"status": "0", "msg": "ok",
"location": {"lon", "lat", "level", "score", "keyWord"}}. Tianditu uses CGCS2000, which is
within a metre of WGS-84, so no conversion is needed.
"""

from __future__ import annotations

import json

from geo.geocode.services.base import ChineseGeocoder, raise_for


class Tianditu(ChineseGeocoder):
    domain = "api.tianditu.gov.cn"
    api_path = "/geocoder"
    datum = "WGS-84"

    def _params(self, query: str, city: str | None) -> dict[str, str]:
        keyword = query if not city or query.startswith(city) else f"{city}{query}"
        return {"ds": json.dumps({"keyWord": keyword}, ensure_ascii=False), "tk": self.api_key}

    def _check(self, payload: dict) -> None:
        status = str(payload.get("status", ""))
        if status in ("0", "101"):  # 101: no result
            return
        kind = "auth" if status in ("1", "403") else "error"
        raise_for(kind, "Tianditu", f"{payload.get('msg', 'error')} (status {status})")

    def _items(self, payload: dict) -> list[dict]:
        location = payload.get("location")
        if str(payload.get("status")) != "0" or not isinstance(location, dict):
            return []
        return [{"lon": location.get("lon"), "lat": location.get("lat"),
                 "address": location.get("keyWord"), "raw": location}]
