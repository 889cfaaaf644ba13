"""Online geocoders in the resolver chain: polite requests, retries, validation and the cache.

Requests go through geopy's ``RateLimiter`` (at most one per ``min_delay_seconds``). Timeouts,
429 (honouring Retry-After), 5xx and malformed answers are retried with exponential backoff and
then handed to the next resolver; only real answers are cached. An answer outside the city or
district the article names is rejected, and the next candidate or resolver is tried.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable

from geopy.exc import (
    GeocoderAuthenticationFailure,
    GeocoderInsufficientPrivileges,
    GeocoderQueryError,
    GeocoderQuotaExceeded,
    GeocoderRateLimited,
    GeocoderServiceError,
)
from geopy.extra.rate_limiter import RateLimiter
from geopy.geocoders import Nominatim
from geopy.geocoders.base import Geocoder
from geopy.location import Location

from geo import data
from geo.crs import distance_m
from geo.gazetteer import Gazetteer
from geo.geocode.cache import GeocodeCache
from geo.geocode.resolvers import Answer, Query
from geo.geocode.services import CHINESE, ChineseGeocoder

# Answers that retrying will not change: bad key, no permission, spent quota, bad query.
FINAL_ERRORS = (GeocoderAuthenticationFailure, GeocoderInsufficientPrivileges,
                GeocoderQuotaExceeded, GeocoderQueryError)


def precision_table() -> dict:
    return data.read_toml(data.path("geocoders.toml"))


class Area:
    """Where a query's answer must lie: the named city, and within reach of its district."""

    def __init__(self, query: Query, gazetteer: Gazetteer):
        self.city = query.city
        self.city_stem = (query.city or "").rstrip("市")  # 上海市 is 上海 to some services
        self.circle = None
        for name in (query.district, query.city):
            entry = gazetteer.admin(name, query.city)
            if entry is not None and entry.located:
                # 1.5 × the radius of a circle of the area's size: districts are not round.
                self.circle = (entry.lon, entry.lat, 1.5 * (entry.precision_m or 0.0), entry.name)
                break

    def rejects(self, candidate: dict) -> str | None:
        """Why a candidate lies outside the area, or None when it may be inside."""
        names = candidate.get("admin") or []
        if self.city and names and all(n.rstrip("市") != self.city_stem for n in names):
            return f"in {'/'.join(names)}, not {self.city}"
        if self.circle:
            lon, lat, radius, name = self.circle
            away = distance_m(lon, lat, candidate["lon"], candidate["lat"])
            if away > radius:
                return f"{away / 1000:.1f} km from {name}"
        return None


# A place's lookup, all tries and waits together, gives up after this long; a single wait
# (a Retry-After) longer than MAX_WAIT_SECONDS is not waited for.
LOOKUP_SECONDS = 120.0
MAX_WAIT_SECONDS = 60.0


class Budget:
    """The time the online geocoders may take in all, in one run (None: no limit)."""

    def __init__(self, seconds: float | None = None,
                 clock: Callable[[], float] = time.monotonic):
        self.ends = None if seconds is None else clock() + seconds
        self.clock = clock

    @property
    def spent(self) -> bool:
        return self.ends is not None and self.clock() >= self.ends


class OnlineResolver:
    """One online geocoder, asked politely, its answers cached and checked against the area."""

    def __init__(self, name: str, geocoder: Geocoder, gazetteer: Gazetteer,
                 cache: GeocodeCache | None = None, min_delay_seconds: float = 1.0,
                 max_retries: int = 3, backoff_seconds: float = 2.0,
                 sleep: Callable[[float], None] = time.sleep, endpoint: str | None = None,
                 lookup_seconds: float = LOOKUP_SECONDS,
                 clock: Callable[[], float] = time.monotonic, budget: Budget | None = None):
        self.name = name
        self.budget = budget or Budget()
        self.unasked = 0  # places not asked about: the run's budget was spent
        self.lookup_seconds = lookup_seconds  # one place's tries and waits, all told
        self.clock = clock
        # Answers are cached per server: a test server's are never served as the service's.
        self.cache_key = f"{name}@{endpoint}" if endpoint else name
        self.geocoder = geocoder
        self.gazetteer = gazetteer
        self.cache = cache
        self.limited = RateLimiter(geocoder.geocode, min_delay_seconds=min_delay_seconds,
                                   max_retries=0, swallow_exceptions=False)
        self.max_retries = max_retries
        self.backoff_seconds = backoff_seconds
        self.sleep = sleep
        self.failures = 0
        self.rejected = 0
        self.requests = 0
        self.table = precision_table()
        self.areas: dict[str, Area] = {}  # one per city and district

    def resolve(self, query: Query) -> Answer | None:
        text = self.query_text(query)
        candidates = (self.cache.get(self.cache_key, text, query.context) if self.cache
                      else None)
        if candidates is None:
            if self.budget.spent:
                self.unasked += 1
                return None
            candidates = self.ask(query, text)
            if candidates is None:
                return None  # failed: not cached, asked again next run
            if self.cache:
                self.cache.put(self.cache_key, text, query.context, candidates)
        return self.accept(query, text, candidates)

    def accept(self, query: Query, text: str, candidates: list[dict],
               how: str = "answered") -> Answer | None:
        area = self.areas.get(query.context)
        if area is None:
            area = self.areas[query.context] = Area(query, self.gazetteer)
        for candidate in candidates:
            if area.rejects(candidate):
                self.rejected += 1
                continue
            found = candidate.get("address") or text
            return Answer(candidate["lon"], candidate["lat"], candidate["precision_m"],
                          self.name, "geocoded",
                          f"{self.name} {how} {text!r} with {found!r}", text)
        return None

    def query_text(self, query: Query) -> str:
        if self.name in CHINESE:
            return query.name  # the city goes in its own parameter
        parts = [query.name, query.district, query.city]
        return ", ".join(part for part in parts if part)

    def ask(self, query: Query, text: str) -> list[dict] | None:
        """The service's candidates, [] when it knows none, None when it kept failing."""
        options: dict = {"exactly_one": False}
        if isinstance(self.geocoder, ChineseGeocoder):
            options["city"] = query.city
        elif isinstance(self.geocoder, Nominatim):
            options.update(limit=5, addressdetails=True, country_codes="cn", language="zh")
        give_up = self.clock() + self.lookup_seconds
        for attempt in range(self.max_retries + 1):
            self.requests += 1
            try:
                locations = self.limited(text, **options)
                return [self.candidate(location) for location in locations or []
                        if math.isfinite(location.longitude) and math.isfinite(location.latitude)]
            except GeocoderRateLimited as error:  # before FINAL_ERRORS: it subclasses quota
                wait = error.retry_after or self.backoff_seconds * 2 ** attempt
            except FINAL_ERRORS:
                break
            except (GeocoderServiceError, ValueError, KeyError, TypeError):
                # Timeouts, 5xx, truncated or malformed answers.
                wait = self.backoff_seconds * 2 ** attempt
            if attempt < self.max_retries:
                # A Retry-After of hours, or retries past the lookup's deadline: give up now.
                if wait > MAX_WAIT_SECONDS or self.clock() + wait > give_up:
                    break
                self.sleep(wait)
        self.failures += 1
        return None

    def candidate(self, location: Location) -> dict:
        raw = location.raw if isinstance(location.raw, dict) else {}
        return {"lon": round(location.longitude, 7), "lat": round(location.latitude, 7),
                "precision_m": self.precision(raw), "address": location.address,
                "admin": admin_names(self.name, raw)}

    def precision(self, raw: dict) -> float:
        table = self.table.get(self.name, {})
        if "boundingbox" in raw:  # Nominatim: south, north, west, east
            south, north, west, east = map(float, raw["boundingbox"])
            half_diagonal = distance_m(west, south, east, north) / 2
            limits = self.table["nominatim"]
            return float(min(max(half_diagonal, limits["minimum"]), limits["maximum"]))
        level = str(raw.get("level", ""))
        return float(table.get(level, table.get("default", 1000)))


def admin_names(provider: str, raw: dict) -> list[str]:
    """The city-level names an answer says it lies in, where the service gives them."""
    if provider in ("amap", "gaode"):
        return [n for n in (raw.get("city"), raw.get("province")) if isinstance(n, str) and n]
    address = raw.get("address")
    if isinstance(address, dict):  # Nominatim's addressdetails
        return [address[k] for k in ("city", "state", "province") if address.get(k)]
    return []


class CacheResolver:
    """Answers the online geocoders gave in earlier runs, without asking them again."""

    name = "cache"

    def __init__(self, online: list[OnlineResolver], cache: GeocodeCache):
        self.online = online
        self.cache = cache

    def resolve(self, query: Query) -> Answer | None:
        for resolver in self.online:
            text = resolver.query_text(query)
            candidates = self.cache.get(resolver.cache_key, text, query.context)
            if candidates:
                answer = resolver.accept(query, text, candidates, how="(cached) answered")
                if answer is not None:
                    return answer
        return None
