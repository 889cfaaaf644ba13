"""Bad options: a clear message and exit status 2, never a traceback, and nothing written."""

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
