"""Geocoding throughput against a local server (run by hand, not a test).

    .venv/bin/python benchmarks/bench_geocode.py --queries 10000 --min-delay 0.002

Starts the test suite's fake geocoding server on 127.0.0.1 with N distinct places, then resolves
every one through the resolver chain (cache → Nominatim → admin fallback) twice:
cold (every query goes to the server, at most one request per --min-delay) and warm (every
answer comes from the SQLite cache). Prints lookups per second for both and the most
requests the server saw in any one second.
"""

from __future__ import annotations

import argparse
import bisect
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from geoserver import GeoServer  # noqa: E402

from geo.gazetteer import Gazetteer  # noqa: E402
from geo.geocode import GeocodingOptions, open_chain  # noqa: E402
from geo.geocode.resolvers import Query  # noqa: E402


def run(chain, queries: list[Query]) -> tuple[float, int]:
    started = time.perf_counter()
    found = sum(chain.locate(query) is not None for query in queries)
    return time.perf_counter() - started, found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--queries", type=int, default=10000)
    parser.add_argument("--min-delay", type=float, default=0.002,
                        help="seconds between requests for the cold run (default: 0.002)")
    args = parser.parse_args()
    gazetteer = Gazetteer.load()
    # Distinct test places spread over Hongkou (not real places: server fixtures).
    points = {f"基准地{i:05d}": (121.47 + (i % 100) * 0.0002, 31.26 + (i // 100) * 0.0002, "上海市")
              for i in range(args.queries)}
    queries = [Query(name, "上海市", "虹口区") for name in points]
    with GeoServer(points) as server, tempfile.TemporaryDirectory() as scratch:
        options = GeocodingOptions(geocoders=["nominatim"], urls={"nominatim": server.url},
                                   user_agent="renewal-atlas-benchmark",
                                   cache=str(Path(scratch) / "cache.sqlite"),
                                   min_delay_seconds=args.min_delay, max_retries=0)
        with open_chain(options, gazetteer) as chain:
            cold, cold_found = run(chain, queries)
        times = server.arrivals
        busiest = max(bisect.bisect_left(times, t + 1.0) - i for i, t in enumerate(times))
        print(f"cold: {len(queries)} queries in {cold:.1f} s = {len(queries) / cold:,.0f}/s "
              f"(limit {1 / args.min_delay:,.0f}/s); {cold_found} found; "
              f"{sum(server.requests.values())} requests, at most {busiest} in any second; "
              f"{chain.summary()}")
        with open_chain(options, gazetteer) as warm_chain:
            warm, warm_found = run(warm_chain, queries)
        print(f"warm: {len(queries)} queries in {warm:.2f} s = {len(queries) / warm:,.0f}/s; "
              f"{warm_found} found; {sum(server.requests.values())} requests in all; "
              f"{warm_chain.summary()}")


if __name__ == "__main__":
    main()
