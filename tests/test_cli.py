"""Bad options: a clear message and exit status 2, never a traceback, and nothing written."""

import subprocess
import sys
from pathlib import Path

import pytest

from geo.cli import main

ROOT = Path(__file__).resolve().parent.parent

BAD_OPTIONS = [
    # why, arguments, what the message says
    ("a geocoder URL that is not http", ["--geocoder", "nominatim", "--user-agent", "t",
                                         "--geocoder-url", "nominatim=ftp://example.org"],
     "ftp://example.org"),
    ("a geocoder URL without a name", ["--geocoder-url", "http://127.0.0.1:1"], "NAME=URL"),
    ("a negative delay", ["--min-delay", "-1"], "min_delay_seconds"),
    ("a settings file that does not exist", ["--config", "nope.toml"], "nope.toml"),
    ("an overrides file that does not exist", ["--overrides", "nope.csv"], "nope.csv"),
    ("an unknown geocoder", ["--geocoder", "nosuchservice"], "nosuchservice"),
]


@pytest.mark.parametrize("why, arguments, said", BAD_OPTIONS, ids=[row[0] for row in BAD_OPTIONS])
def test_a_bad_build_option_exits_2_with_a_message(tmp_path, capsys, monkeypatch, why, arguments,
                                                   said):
    monkeypatch.chdir(tmp_path)
    status = main(["build", str(ROOT / "seeds"), "--layers", "l", "--maps", "m", "-q",
                   *arguments])
    error = capsys.readouterr().err
    assert status == 2 and said in error and "Traceback" not in error
    assert not (tmp_path / "l").exists() and not (tmp_path / "m").exists()


@pytest.mark.parametrize("why, arguments, said", BAD_OPTIONS, ids=[row[0] for row in BAD_OPTIONS])
def test_a_bad_geocode_option_exits_2_with_a_message(tmp_path, capsys, monkeypatch, why,
                                                     arguments, said):
    monkeypatch.chdir(tmp_path)
    status = main(["geocode", "霞飞公园", "--city", "上海市", *arguments])
    assert status == 2 and said in capsys.readouterr().err


def test_a_settings_file_with_bad_toml_exits_2(tmp_path, capsys):
    settings = tmp_path / "geo.toml"
    settings.write_text("[geocoding\n", encoding="utf-8")
    status = main(["geocode", "霞飞公园", "--config", str(settings)])
    assert status == 2 and str(settings) in capsys.readouterr().err


@pytest.mark.parametrize("city", ["上海市", "上海", "Shanghai"])
def test_a_city_is_found_by_its_name_its_short_name_or_its_slug(tmp_path, capsys, monkeypatch,
                                                                city):
    monkeypatch.chdir(tmp_path)
    status = main(["geocode", "人民广场站", "--city", city, "--json", "--offline",
                   "--cache", str(tmp_path / "c.sqlite")])
    assert status == 0 and '"provider": "gazetteer"' in capsys.readouterr().out


def test_a_district_is_found_by_its_short_name(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    status = main(["geocode", "霞飞公园", "--city", "上海", "--district", "虹口", "--json",
                   "--offline", "--cache", str(tmp_path / "c.sqlite")])
    assert status == 0 and '"lon"' in capsys.readouterr().out


def test_an_unknown_city_exits_2_naming_it(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    status = main(["geocode", "人民广场站", "--city", "上海X"])
    assert status == 2 and "上海X" in capsys.readouterr().err


def test_a_reader_that_stops_early_ends_the_listing_quietly(tmp_path):
    command = [sys.executable, "-m", "geo", "extract", str(ROOT / "seeds")]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    process.stdout.readline()
    process.stdout.close()  # as `| head -1` does
    error = process.stderr.read().decode()
    assert process.wait() == 0 and "Traceback" not in error and "BrokenPipe" not in error
