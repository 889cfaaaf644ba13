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

from geo.cache import GeocodeCache
from geo.gazetteer import Gazetteer
from geo.geocoders import ConfigurationError, geocoder_for
from geo.online import CacheResolver, OnlineResolver
from geo.resolvers import AdminResolver, Chain, GazetteerResolver, OverridesResolver

OFFLINE_STEPS = ("gazetteer", "overrides", "cache", "admin")


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

    @classmethod
    def from_toml(cls, path: str | Path) -> GeocodingOptions:
        with open(path, "rb") as handle:
            settings = tomllib.load(handle).get("geocoding", {})
        known = set(cls.__dataclass_fields__)
        unknown = sorted(set(settings) - known)
        if unknown:
            raise ConfigurationError(f"{path}: unknown [geocoding] settings {', '.join(unknown)}")
        options = cls(**settings)
        if isinstance(options.overrides, str):
            options.overrides = [options.overrides]
        if options.chain:
            options.geocoders = [s for s in options.chain if s not in OFFLINE_STEPS]
        return options

    def steps(self) -> list[str]:
        if self.chain:
            return list(self.chain)
        return ["gazetteer", "overrides", *(["cache"] if self.geocoders else []),
                *self.geocoders, "admin"]


def build_chain(options: GeocodingOptions, gazetteer: Gazetteer
                ) -> tuple[Chain, list[str], GeocodeCache | None]:
    """The chain, a message for each override row that cannot be used, and the open cache."""
    user_agent = options.user_agent or os.environ.get("GEO_USER_AGENT")
    steps = options.steps()
    online_names = [step for step in steps if step not in OFFLINE_STEPS]
    cache = (GeocodeCache(os.path.expanduser(options.cache) if options.cache else None)
             if online_names or "cache" in (options.chain or []) else None)
    # Offline, each service keeps its name and cache (for the cache step) but is never asked.
    online = {
        name: OnlineResolver(
            name, _NoService() if options.offline else geocoder_for(
                name, url=options.urls.get(name), user_agent=user_agent,
                timeout=options.timeout),
            gazetteer, cache, min_delay_seconds=options.min_delay_seconds,
            max_retries=options.max_retries, backoff_seconds=options.backoff_seconds)
        for name in online_names}
    overrides, errors = OverridesResolver.load(options.overrides)
    resolvers: list = []
    for step in steps:
        if step == "gazetteer":
            resolvers.append(GazetteerResolver(gazetteer))
        elif step == "overrides":
            resolvers.append(overrides)
        elif step == "cache" and cache is not None:
            resolvers.append(CacheResolver(list(online.values()), cache))
        elif step == "admin":
            resolvers.append(AdminResolver(gazetteer))
        elif step in online and not options.offline:
            resolvers.append(online[step])
    return Chain(resolvers), errors, cache


class _NoService:
    """Stands in for a geocoder when only its cached answers are read."""

    def geocode(self, *args, **kwargs):
        raise RuntimeError("offline: no service is asked")
