"""Online geocoders against a local server that speaks their APIs; nothing leaves 127.0.0.1."""

import sqlite3
import time

import pytest
from geoserver import POINTS, GeoServer

from geo.crs import distance_m
from geo.geocode.cache import GeocodeCache
from geo.geocode.online import OnlineResolver
from geo.geocode.resolvers import AdminResolver, Chain, Query
from geo.geocode.services import geocoder_for

SHANGHAI_PARK = Query("测试公园", "上海市", "虹口区")


@pytest.fixture
def server():
    with GeoServer() as running:
        yield running


@pytest.fixture
def keys(monkeypatch):
    for variable in ("AMAP_KEY", "BAIDU_AK", "TIANDITU_TK"):
        monkeypatch.setenv(variable, "test-key")


def resolver(server, gazetteer, name="nominatim", cache=None, sleeps=None, timeout=5.0):
    geocoder = geocoder_for(name, url=server.url, user_agent="renewal-atlas-tests",
                            timeout=timeout)
    return OnlineResolver(name, geocoder, gazetteer, cache, min_delay_seconds=0,
                          max_retries=2, backoff_seconds=0.25,
                          sleep=(sleeps.append if sleeps is not None else lambda s: None))


def error_m(answer, name="测试公园"):
    lon, lat, _ = POINTS[name]
    return distance_m(lon, lat, answer.lon, answer.lat)


@pytest.mark.parametrize("service", ["nominatim", "amap", "baidu", "tianditu"])
def test_each_service_answers_in_wgs84(server, gazetteer, keys, service):
    answer = resolver(server, gazetteer, service).resolve(SHANGHAI_PARK)
    assert answer is not None and answer.provider == service and answer.method == "geocoded"
    assert error_m(answer) < 0.5  # Amap's GCJ-02 and Baidu's BD-09 converted back


def test_an_answer_records_provider_query_and_precision(server, gazetteer):
    answer = resolver(server, gazetteer).resolve(SHANGHAI_PARK)
    assert answer.query == "测试公园, 虹口区, 上海市"
    assert 100 < answer.precision_m < 200  # half the diagonal of a 0.002° box
    assert "nominatim" in answer.source


def test_429_waits_as_retry_after_says_then_succeeds(server, gazetteer):
    server.retry_after = "3"
    server.script("测试公园", "429")
    sleeps: list[float] = []
    answer = resolver(server, gazetteer, sleeps=sleeps).resolve(SHANGHAI_PARK)
    assert answer is not None and sleeps == [3.0]


@pytest.mark.parametrize("failure", ["500", "truncated"])
def test_failures_are_retried_with_growing_waits(server, gazetteer, failure):
    server.script("测试公园", failure, failure)
    sleeps: list[float] = []
    answer = resolver(server, gazetteer, sleeps=sleeps).resolve(SHANGHAI_PARK)
    assert answer is not None and sleeps == [0.25, 0.5]
    assert server.requests["测试公园"] == 3


def test_a_slow_answer_times_out_and_is_asked_again(server, gazetteer):
    server.script("测试公园", "slow")
    answer = resolver(server, gazetteer, timeout=0.2).resolve(SHANGHAI_PARK)
    assert answer is not None and server.requests["测试公园"] == 2


def test_a_retry_after_of_hours_is_not_waited_for(server, gazetteer):
    """Issue 18: no overall deadline per lookup: a server can ask for any wait."""
    server.retry_after = "86400"
    server.script("测试公园", "429")
    sleeps: list[float] = []
    online = resolver(server, gazetteer, sleeps=sleeps)
    assert online.resolve(SHANGHAI_PARK) is None and sleeps == [] and online.failures == 1


def test_a_lookup_gives_up_at_its_deadline(server, gazetteer):
    """Retries and their waits stop when the lookup's time is up."""
    server.script("测试公园", "500", "500")
    now = [0.0]
    online = resolver(server, gazetteer, sleeps=[])
    online.lookup_seconds, online.clock = 0.3, lambda: now[0]
    online.sleep = lambda seconds: now.__setitem__(0, now[0] + seconds)
    assert online.resolve(SHANGHAI_PARK) is None  # 0.25 s waited, the next 0.5 s is past it
    assert server.requests["测试公园"] == 2


def test_a_spent_budget_asks_no_more_and_says_so(server, gazetteer):
    """Issue 18: no overall deadline per build. A run's online time is bounded."""
    from geo.geocode.online import Budget

    now = [0.0]
    online = resolver(server, gazetteer)
    online.budget = Budget(10.0, clock=lambda: now[0])
    assert online.resolve(SHANGHAI_PARK) is not None
    now[0] = 11.0
    other = Query(name="霞飞公园", city="上海市", district="虹口区")
    assert online.resolve(other) is None and online.unasked == 1
    assert server.requests["霞飞公园"] == 0
    chain = Chain([online, AdminResolver(gazetteer)])
    chain.locate(other)
    assert "nominatim: 2 not asked, the time budget spent" in chain.summary()


def test_an_answer_trickling_in_a_byte_at_a_time_is_cut_off_at_its_deadline(server, gazetteer):
    """Issue 18: a server trickling one byte every 2 s stalled a lookup for 400 s. Each byte
    comes within the timeout, but the whole answer not within twice it."""
    server.slow_seconds = 0.1  # a byte every 10 ms: 300+ bytes take over 3 s
    server.script("测试公园", "trickle")
    started = time.monotonic()
    answer = resolver(server, gazetteer, timeout=0.5).resolve(SHANGHAI_PARK)
    assert time.monotonic() - started < 2.5  # one cut-off try (1 s), then a normal answer
    assert answer is not None and server.requests["测试公园"] == 2


def test_an_answer_of_megabytes_is_refused_and_asked_again(server, gazetteer):
    """Issue 18: a 1 GB answer used 3.7 GB of memory and then crashed the cache."""
    server.script("测试公园", "huge")
    answer = resolver(server, gazetteer).resolve(SHANGHAI_PARK)
    assert answer is not None and server.requests["测试公园"] == 2


def test_a_service_that_keeps_failing_hands_over_to_the_next_resolver(server, gazetteer,
                                                                      tmp_path):
    server.script("测试公园", "500", "500", "500")
    cache = GeocodeCache(tmp_path / "cache.sqlite")
    online = resolver(server, gazetteer, cache=cache)
    chain = Chain([online, AdminResolver(gazetteer)])
    answer = chain.locate(SHANGHAI_PARK)
    assert answer.provider == "admin" and answer.approximate
    assert online.failures == 1 and chain.answered == {"admin": 1}
    assert cache.get("nominatim", "测试公园, 虹口区, 上海市", SHANGHAI_PARK.context) is None


def test_an_answer_in_the_wrong_city_is_rejected(server, gazetteer):
    server.script("测试公园", "wrong-city")
    online = resolver(server, gazetteer)
    assert online.resolve(SHANGHAI_PARK) is None and online.rejected == 1


def test_amap_names_the_wrong_city_and_is_rejected(server, gazetteer, keys):
    server.script("测试公园", "wrong-city")
    assert resolver(server, gazetteer, "amap").resolve(SHANGHAI_PARK) is None


def test_an_ambiguous_name_takes_the_candidate_in_the_articles_city(server, gazetteer):
    server.script("测试公园", "ambiguous")
    answer = resolver(server, gazetteer).resolve(SHANGHAI_PARK)
    assert error_m(answer) < 0.5


def test_each_answer_is_committed_as_it_arrives(server, gazetteer, tmp_path):
    path = tmp_path / "cache.sqlite"
    resolver(server, gazetteer, cache=GeocodeCache(path)).resolve(SHANGHAI_PARK)
    # Another connection (as after a crash) sees it without any close or flush.
    rows = sqlite3.connect(path).execute("SELECT provider, query FROM answers").fetchall()
    assert rows == [("nominatim", "测试公园, 虹口区, 上海市")]


def test_a_cached_answer_is_not_asked_again(server, gazetteer, tmp_path):
    path = tmp_path / "cache.sqlite"
    resolver(server, gazetteer, cache=GeocodeCache(path)).resolve(SHANGHAI_PARK)
    again = resolver(server, gazetteer, cache=GeocodeCache(path)).resolve(SHANGHAI_PARK)
    assert error_m(again) < 0.5 and server.requests["测试公园"] == 1


def test_an_empty_answer_is_cached_too(server, gazetteer, tmp_path):
    path = tmp_path / "cache.sqlite"
    query = Query("无此地", "上海市")
    for _ in range(2):
        assert resolver(server, gazetteer, cache=GeocodeCache(path)).resolve(query) is None
    assert server.requests["无此地"] == 1


@pytest.mark.parametrize("service", ["nominatim", "amap", "baidu", "tianditu"])
def test_a_refused_key_is_not_retried(server, gazetteer, keys, service):
    server.script("测试公园", "denied")
    sleeps: list[float] = []
    online = resolver(server, gazetteer, service, sleeps=sleeps)
    assert online.resolve(SHANGHAI_PARK) is None
    assert sleeps == [] and online.failures == 1
