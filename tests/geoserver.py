"""A small HTTP server on 127.0.0.1 that speaks the geocoding APIs the atlas can use.

It answers Nominatim's ``/search``, Amap's ``/v3/geocode/geo``, Baidu's ``/geocoding/v3/`` and
Tianditu's ``/geocoder`` from a table of WGS-84 test points, each service in its own datum and
format. A script per query name plays its failure modes in turn: ``slow``, ``trickle`` (a
byte at a time), ``huge`` (an answer of megabytes), ``429`` (with Retry-After), ``500``,
``truncated`` JSON, ``empty``, ``wrong-city``, ``ambiguous`` and ``denied`` (a refused key).
"""

from __future__ import annotations

import json
import threading
import time
from collections import Counter, defaultdict
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from geo.crs import gcj02_to_bd09, wgs84_to_gcj02

# Test points, not gazetteer facts: near the Hongkou district centre the gazetteer cites
# (121.48, 31.2703), and one far away in Beijing for answers in the wrong city.
POINTS = {
    "测试公园": (121.4812, 31.2688, "上海市"),
    "测试园区": (121.4790, 31.2721, "上海市"),
}
ELSEWHERE = (116.3975, 39.9087, "北京市")
# How each service says a key is refused: HTTP status and body.
DENIALS = {
    "nominatim": (403, {"error": "blocked"}),
    "amap": (200, {"status": "0", "info": "INVALID_USER_KEY", "infocode": "10001"}),
    "baidu": (200, {"status": 200, "message": "APP不存在，AK有误请检查再重试"}),
    "tianditu": (200, {"status": "1", "msg": "权限验证失败"}),
}


class QuietServer(ThreadingHTTPServer):
    """A client that hangs up mid-answer (a timeout test) is part of the play: the server
    does not print its traceback into another test's captured stderr."""

    def handle_error(self, request, client_address) -> None:
        pass


class GeoServer:
    def __init__(self, points: dict | None = None):
        self.points = dict(POINTS if points is None else points)
        self.scripts: dict[str, list[str]] = defaultdict(list)
        self.requests: Counter[str] = Counter()
        self.arrivals: list[float] = []  # time.monotonic() of each request
        self.slow_seconds = 1.0
        self.retry_after = "0"
        self.lock = threading.Lock()
        self.httpd = QuietServer(("127.0.0.1", 0), self._handler())
        self.thread = threading.Thread(target=self.httpd.serve_forever, args=(0.05,),
                                       daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def script(self, name: str, *behaviours: str) -> None:
        """What to do for the next requests about ``name``; afterwards answer normally."""
        self.scripts[name].extend(behaviours)

    def __enter__(self) -> GeoServer:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def next_behaviour(self, name: str) -> str:
        with self.lock:
            self.requests[name] += 1
            self.arrivals.append(time.monotonic())
            script = self.scripts.get(name)
            return script.pop(0) if script else "ok"

    def _handler(self):
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:  # keep test output quiet
                pass

            def do_GET(self) -> None:
                parts = urlsplit(self.path)
                params = {k: v[0] for k, v in parse_qs(parts.query).items()}
                service, name = server.route(parts.path, params)
                if service is None:
                    return self.reply(404, b"{}")
                behaviour = server.next_behaviour(name)
                if behaviour == "slow":
                    time.sleep(server.slow_seconds)
                    behaviour = "ok"
                if behaviour == "429":
                    return self.reply(429, b'{"error": "slow down"}',
                                      {"Retry-After": server.retry_after})
                if behaviour == "500":
                    return self.reply(500, b"internal error")
                if behaviour == "denied":
                    status, denial = DENIALS[service]
                    return self.reply(status, json.dumps(denial).encode())
                results = server.results(name, behaviour)
                body = json.dumps(server.format(service, results), ensure_ascii=False).encode()
                if behaviour == "truncated":
                    body = body[: len(body) // 2]
                if behaviour == "huge":  # valid JSON, padded past any sane answer's size
                    body = body[:-1] + b" " * (6 * 1024 * 1024) + body[-1:]
                if behaviour == "trickle":  # a byte at a time, each in time for the timeout
                    return self.trickle(body, server.slow_seconds / 10)
                self.reply(200, body)

            def trickle(self, body: bytes, pause: float) -> None:
                self.send_response(200)
                self.send_header("Content-Type", "application/json; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                for byte in body:
                    self.wfile.write(bytes([byte]))
                    self.wfile.flush()
                    time.sleep(pause)

            def reply(self, status: int, body: bytes, headers: dict | None = None) -> None:
                self.send_response(status)
                self.send_header("Content-Type", "application/json; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                for key, value in (headers or {}).items():
                    self.send_header(key, value)
                self.end_headers()
                self.wfile.write(body)

        return Handler

    def route(self, path: str, params: dict) -> tuple[str | None, str]:
        if path.endswith("/search"):
            return "nominatim", params.get("q", "").split(",")[0].strip()
        if path.endswith("/v3/geocode/geo"):
            return "amap", params.get("address", "")
        if path.endswith("/geocoding/v3/"):
            return "baidu", params.get("address", "")
        if path.endswith("/geocoder"):
            keyword = json.loads(params.get("ds", "{}")).get("keyWord", "")
            name = next((n for n in self.points if keyword.endswith(n)), keyword)
            return "tianditu", name
        return None, ""

    def results(self, name: str, behaviour: str) -> list[tuple[float, float, str]]:
        if behaviour == "empty" or (name not in self.points and behaviour == "ok"):
            return []
        if behaviour == "wrong-city":
            return [ELSEWHERE]
        if behaviour == "ambiguous":
            return [ELSEWHERE, self.points[name]]
        return [self.points[name]]

    def format(self, service: str, results: list) -> object:
        if service == "nominatim":
            return [{"lat": str(lat), "lon": str(lon), "display_name": f"{city}测试地址",
                     "boundingbox": [str(lat - 0.001), str(lat + 0.001),
                                     str(lon - 0.001), str(lon + 0.001)],
                     "address": {"state": city}} for lon, lat, city in results]
        if service == "amap":
            geocodes = []
            for lon, lat, city in results:
                glon, glat = wgs84_to_gcj02(lon, lat)
                geocodes.append({"formatted_address": f"{city}测试地址", "province": city,
                                 "city": city, "level": "兴趣点",
                                 "location": f"{glon:.6f},{glat:.6f}"})
            return {"status": "1", "info": "OK", "infocode": "10000",
                    "count": str(len(geocodes)), "geocodes": geocodes}
        if service == "baidu":
            if not results:
                return {"status": 1, "msg": "Internal Service Error:无相关结果", "results": []}
            lon, lat, _ = results[0]
            blon, blat = gcj02_to_bd09(*wgs84_to_gcj02(lon, lat))
            return {"status": 0, "result": {"location": {"lng": blon, "lat": blat},
                                            "precise": 1, "confidence": 80, "level": "公园"}}
        if not results:
            return {"status": "101", "msg": "无结果", "searchVersion": "test"}
        lon, lat, city = results[0]
        return {"status": "0", "msg": "ok", "searchVersion": "test",
                "location": {"lon": lon, "lat": lat, "level": "兴趣点", "score": 100,
                             "keyWord": f"{city}测试地址"}}
