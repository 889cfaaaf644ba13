"""Geocoding settings from a TOML file and the command line, and the resolver chain they make.

    [geocoding]
    chain = ["gazetteer", "overrides", "cache", "nominatim", "admin"]
    user_agent = "renewal-atlas for my-newsroom (me@example.org)"
    overrides = ["layers/review.csv"]
    cache = "~/.cache/renewal-atlas/geocode.sqlite"
    min_delay_seconds = 1.0   # at most one request a second, as Nominatim's policy asks
    max_retries = 3
    timeout = 10
    offline = false           # true: read the cache, ask no service

    [geocoding.urls]
    nominatim = "http://127.0.0.1:8080"   # a self-hosted Nominatim
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from geo.gazetteer import Gazetteer
from geo.geocode.cache import CacheError, GeocodeCache
from geo.geocode.online import Budget, CacheResolver, OnlineResolver
from geo.geocode.overrides import OverridesResolver
from geo.geocode.resolvers import AdminResolver, Chain, GazetteerResolver, NearResolver
from geo.geocode.services import OptionError, geocoder_for

__all__ = ["GeocodingOptions", "OptionError", "open_chain"]
OFFLINE_STEPS = ("gazetteer", "overrides", "cache", "context", "admin")


@dataclass
class GeocodingOptions:
    geocoders: list[str] = field(default_factory=list)  # online services, in order
    chain: list[str] | None = None  # full order; default: gazetteer, overrides, cache, …, admin
    user_agent: str | None = None
    urls: dict[str, str] = field(default_factory=dict)
    overrides: list[str] = field(default_factory=list)
    cache: str | None = None
    min_delay_seconds: float = 1.0
    max_retries: int = 3
    backoff_seconds: float = 2.0
    timeout: float = 10.0
    offline: bool = False
    budget_seconds: float | None = None  # the online geocoders' time in all, for one run

    @classmethod
    def from_toml(cls, path: str | Path) -> GeocodingOptions:
        """The ``[geocoding]`` table of a settings file; any problem is an ``OptionError``
        naming the file."""
        try:
            with open(path, "rb") as handle:
                settings = tomllib.load(handle).get("geocoding", {})
        except OSError as error:
            raise OptionError(f"{path}: cannot be read ({error.strerror})") from None
        except tomllib.TOMLDecodeError as error:
            raise OptionError(f"{path}: {error}") from None
        known = set(cls.__dataclass_fields__)
        unknown = sorted(set(settings) - known)
        if unknown:
            raise OptionError(f"{path}: unknown [geocoding] settings {', '.join(unknown)}")
        options = cls(**settings)
        if isinstance(options.overrides, str):
            options.overrides = [options.overrides]
        if options.chain:
            options.geocoders = [s for s in options.chain if s not in OFFLINE_STEPS]
        options.check(f"{path}: ")
        return options

    def check(self, where: str = "") -> None:
        """Raise an ``OptionError`` for a setting no run could use: of the wrong type (a
        TOML ``offline = "no"`` would be true), or a value out of range."""
        if not isinstance(self.offline, bool):
            raise OptionError(f"{where}offline must be true or false, not {self.offline!r}")
        for name in (("chain",) if self.chain is not None else ()) + ("geocoders", "overrides"):
            value = getattr(self, name)
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise OptionError(f"{where}{name} must be a list of names, not {value!r}")
        for name in ("user_agent", "cache"):
            value = getattr(self, name)
            if value is not None and not isinstance(value, str):
                raise OptionError(f"{where}{name} must be text, not {value!r}")
        if not isinstance(self.urls, dict) or not all(
                isinstance(k, str) and isinstance(v, str) for k, v in self.urls.items()):
            raise OptionError(f"{where}urls must be a table of NAME = \"URL\", not "
                              f"{self.urls!r}")
        numbers = ("min_delay_seconds", "backoff_seconds", "timeout") + (
            ("budget_seconds",) if self.budget_seconds is not None else ())
        for name in numbers:
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
                raise OptionError(f"{where}{name} must be a number of seconds, not {value!r}")
        if isinstance(self.max_retries, bool) or not isinstance(self.max_retries, int) \
                or self.max_retries < 0:
            raise OptionError(f"{where}max_retries must be a whole number, not "
                              f"{self.max_retries!r}")
        for path in self.overrides:
            if not Path(path).is_file():
                raise OptionError(f"{where}no such overrides file: {path}")
        for name, url in self.urls.items():
            if not name or not url:
                raise OptionError(f"{where}a geocoder URL is given as NAME=URL, not "
                                  f"{name}={url!r}")

    def steps(self) -> list[str]:
        if self.chain:
            return list(self.chain)
        return ["gazetteer", "overrides", *(["cache"] if self.geocoders else []),
                *self.geocoders, "context", "admin"]


def open_chain(options: GeocodingOptions, gazetteer: Gazetteer) -> Chain:
    """The resolver chain the options describe, holding its open answer cache (if any) and a
    message for each override row that cannot be used. Use it in a ``with`` block, which
    closes the cache. A setting that cannot be used is an ``OptionError``."""
    options.check()
    user_agent = options.user_agent or os.environ.get("GEO_USER_AGENT")
    steps = options.steps()
    online_names = [step for step in steps if step not in OFFLINE_STEPS]
    # Every service is set up before the cache is opened: a bad option leaves nothing open.
    services = {name: _NoService() if options.offline else geocoder_for(
                    name, url=options.urls.get(name), user_agent=user_agent,
                    timeout=options.timeout)
                for name in online_names}
    overrides, errors = OverridesResolver.load(options.overrides, _city_area(gazetteer))
    try:
        cache = (GeocodeCache(os.path.expanduser(options.cache) if options.cache else None)
                 if online_names or "cache" in (options.chain or []) else None)
    except CacheError as error:
        raise OptionError(str(error)) from None
    if cache is not None and cache.set_aside is not None:
        errors.append(f"{cache.path}: the cache was damaged; it is kept as {cache.set_aside} "
                      "and a new one is started")
    # One budget for every online service of the run: when it is spent, none is asked again.
    budget = Budget(options.budget_seconds)
    # Offline, each service keeps its name and cache (for the cache step) but is never asked.
    online = {
        name: OnlineResolver(
            name, service, gazetteer, cache, min_delay_seconds=options.min_delay_seconds,
            max_retries=options.max_retries, backoff_seconds=options.backoff_seconds,
            endpoint=options.urls.get(name), budget=budget)
        for name, service in services.items()}
    resolvers: list = []
    for step in steps:
        if step == "gazetteer":
            resolvers.append(GazetteerResolver(gazetteer))
        elif step == "overrides":
            resolvers.append(overrides)
        elif step == "cache" and cache is not None:
            resolvers.append(CacheResolver(list(online.values()), cache))
        elif step == "context":
            resolvers.append(NearResolver(gazetteer))
        elif step == "admin":
            resolvers.append(AdminResolver(gazetteer))
        elif step in online and not options.offline:
            resolvers.append(online[step])
    return Chain(resolvers, cache=cache, errors=errors)


class _NoService:
    """Stands in for a geocoder when only its cached answers are read."""

    def geocode(self, *args, **kwargs):
        raise RuntimeError("offline: no service is asked")


def _city_area(gazetteer: Gazetteer):
    """A city's centre and reach from the gazetteer's divisions, for checking overrides."""
    def area(city: str) -> tuple[float, float, float] | None:
        entry = gazetteer.admin(city)
        if entry is None or entry.kind != "city" or not entry.located or not entry.precision_m:
            return None
        return entry.lon, entry.lat, entry.precision_m
    return area
