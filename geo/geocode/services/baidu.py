"""Baidu geocoding v3: https://lbsyun.baidu.com/faq/api?title=webapi/guide/webservice-geocoding

Answers are BD-09 by default (``result.location.lng/lat``); status 0 is success, 1xx/2xx/3xx
codes are errors (101/200-250 key problems, 302 daily quota, 401/402 concurrency).
"""

from __future__ import annotations

from geo.geocode.services.base import ChineseGeocoder, raise_for


class Baidu(ChineseGeocoder):
    domain = "api.map.baidu.com"
    api_path = "/geocoding/v3/"
    datum = "BD-09"

    key_param = "ak"
    output_params = {"output": "json"}

    def _check(self, payload: dict) -> None:
        try:
            status = int(payload.get("status", -1))
        except (TypeError, ValueError):
            status = -1
        message = str(payload.get("msg") or payload.get("message") or "error")
        if status == 0 or (status == 1 and "无相关结果" in message):  # 1 + this text: not found
            return
        kind = ("auth" if status == 101 or 200 <= status < 300 else "quota" if status == 302
                else "rate" if status in (401, 402) else "error")
        raise_for(kind, "Baidu", f"{message} (status {status})")

    def _items(self, payload: dict) -> list[dict]:
        result = payload.get("result")
        if not isinstance(result, dict) or "location" not in result:
            return []
        location = result["location"]
        return [{"lon": location.get("lng"), "lat": location.get("lat"), "address": None,
                 "raw": result}]
