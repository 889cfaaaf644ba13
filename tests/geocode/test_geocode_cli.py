"""`geo geocode`, `geo cache` and the geocoding options of `geo build`, on a local server."""

import json

import pytest
from geoserver import GeoServer

from geo.cli import main
from geo.geocode import OptionError
from geo.geocode.options import GeocodingOptions


@pytest.fixture
def server():
    with GeoServer() as running:
        yield running


def online(server, tmp_path):
    return ["--geocoder", "nominatim", "--nominatim-url", server.url, "--user-agent", "tests",
            "--cache", str(tmp_path / "cache.sqlite"), "--min-delay", "0"]


def test_geocode_prints_one_json_record(server, tmp_path, capsys):
    status = main(["geocode", "测试公园", "--city", "上海市", "--district", "虹口区", "--json",
                   *online(server, tmp_path)])
    record = json.loads(capsys.readouterr().out)
    assert status == 0
    assert record["provider"] == "nominatim" and record["approximate"] is False
    assert set(record) == {"name", "lon", "lat", "precision_m", "provider", "source",
                           "approximate"}


def test_geocode_falls_back_to_the_district_flagged_approximate(server, tmp_path, capsys):
    main(["geocode", "无此地", "--city", "上海市", "--district", "虹口区", "--json",
          *online(server, tmp_path)])
    record = json.loads(capsys.readouterr().out)
    assert record["provider"] == "admin" and record["approximate"] is True


def test_geocode_exits_1_when_nothing_is_found(server, tmp_path, capsys):
    status = main(["geocode", "无此地", "--only", *online(server, tmp_path)])
    assert status == 1 and "not found" in capsys.readouterr().err


def test_cache_stats_and_clear(server, tmp_path, capsys):
    main(["geocode", "测试公园", "--city", "上海市", *online(server, tmp_path)])
    main(["geocode", "无此地", "--city", "上海市", *online(server, tmp_path)])
    capsys.readouterr()
    cache = ["--cache", str(tmp_path / "cache.sqlite")]
    main(["cache", "stats", *cache])
    assert f"nominatim@{server.url}: 2 answers, 1 found a place" in capsys.readouterr().out
    main(["cache", "clear", *cache])
    assert "Removed 2 cached answers" in capsys.readouterr().out


def test_build_ends_with_who_located_each_place_on_the_layers(server, tmp_path, capsys):
    server.points["霞飞公园"] = server.points["测试公园"]
    (tmp_path / "a.txt").write_text("虹口区的霞飞公园开园。", encoding="utf-8")
    main(["build", str(tmp_path / "a.txt"), "--layers", str(tmp_path / "layers"),
          "--maps", str(tmp_path / "maps"), "-q", *online(server, tmp_path)])
    # the park, by Nominatim; not the district 虹口区, located as context by the gazetteer
    assert "Located by: nominatim 1." in capsys.readouterr().out


def test_nominatim_needs_the_users_own_user_agent(tmp_path, monkeypatch, capsys):
    monkeypatch.delenv("GEO_USER_AGENT", raising=False)
    status = main(["geocode", "测试公园", "--online", "--cache", str(tmp_path / "c.sqlite")])
    assert status == 2 and "user agent" in capsys.readouterr().err


def test_config_file_sets_the_chain(tmp_path):
    path = tmp_path / "atlas.toml"
    path.write_text('[geocoding]\nchain = ["gazetteer", "amap", "admin"]\n'
                    'min_delay_seconds = 0.5\n', encoding="utf-8")
    options = GeocodingOptions.from_toml(path)
    assert options.steps() == ["gazetteer", "amap", "admin"] and options.geocoders == ["amap"]


def test_config_file_with_an_unknown_setting_is_refused(tmp_path):
    path = tmp_path / "atlas.toml"
    path.write_text('[geocoding]\nuser_agnet = "x"\n', encoding="utf-8")
    with pytest.raises(OptionError, match="user_agnet"):
        GeocodingOptions.from_toml(path)


def test_a_test_servers_answers_are_not_served_as_the_services(server, tmp_path, capsys):
    """Issue 18: the cache was keyed by service name, not server, so a test server's answers
    were later served as Nominatim's."""
    main(["geocode", "测试公园", "--city", "上海市", *online(server, tmp_path)])
    capsys.readouterr()
    main(["geocode", "测试公园", "--city", "上海市", "--geocoder", "nominatim", "--offline",
          "--user-agent", "tests", "--cache", str(tmp_path / "cache.sqlite"), "--json"])
    assert '"nominatim"' not in capsys.readouterr().out
    main(["geocode", "测试公园", "--city", "上海市", "--offline", *online(server, tmp_path)[:-2],
          "--json"])
    assert '"nominatim"' in capsys.readouterr().out  # the same server's answers still are


def test_clearing_a_service_clears_its_other_servers_answers_too(tmp_path):
    from geo.geocode.cache import GeocodeCache

    cache = GeocodeCache(tmp_path / "c.sqlite")
    for provider in ("nominatim", "nominatim@http://127.0.0.1:9", "nominatim_x", "amap"):
        cache.put(provider, "q", "", [])
    assert cache.clear("nominatim") == 2
    assert set(cache.stats()) == {"nominatim_x", "amap"}
    cache.close()


def test_a_damaged_cache_is_set_aside_and_the_run_goes_on(server, tmp_path, capsys):
    """Issue 18: a corrupt cache aborted with a traceback."""
    (tmp_path / "cache.sqlite").write_bytes(b"this is no database" * 100)
    status = main(["geocode", "测试公园", "--city", "上海市", *online(server, tmp_path)])
    captured = capsys.readouterr()
    assert status == 0 and "Traceback" not in captured.err and "damaged" in captured.err
    assert (tmp_path / "cache.sqlite.corrupt").read_bytes().startswith(b"this is no database")


def test_a_cache_another_run_holds_is_a_clear_error(tmp_path, capsys):
    import sqlite3

    path = tmp_path / "c.sqlite"
    holder = sqlite3.connect(path)
    holder.execute("PRAGMA locking_mode=EXCLUSIVE")
    holder.execute("CREATE TABLE t (x)")
    holder.execute("INSERT INTO t VALUES (1)")  # the exclusive lock is taken and kept
    holder.commit()
    status = main(["cache", "stats", "--cache", str(path)])
    holder.close()
    err = capsys.readouterr().err
    assert status == 2 and "in use by another run" in err and "Traceback" not in err
