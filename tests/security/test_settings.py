"""Issue 18, configuration: wrong types in the settings file crashed (8 variants) or did the
opposite of what was meant (offline = "no" turned offline on; timeout = "10" made every
request fail silently, exit 0). Each is now one clear error naming the file and the key."""

import pytest

from geo.geocode import GeocodingOptions, OptionError


@pytest.mark.parametrize(("line", "key"), [
    ('offline = "no"', "offline"), ('timeout = "10"', "timeout"),
    ('geocoders = "amap"', "geocoders"), ("chain = [1, 2]", "chain"),
    ("user_agent = 5", "user_agent"), ('urls = ["x"]', "urls"), ("cache = 1", "cache"),
    ("overrides = 5", "overrides"), ("max_retries = 2.5", "max_retries"),
    ("min_delay_seconds = -1", "min_delay_seconds"), ("unknown = 1", "unknown"),
])
def test_a_wrong_setting_is_one_clear_error_naming_file_and_key(tmp_path, line, key):
    path = tmp_path / "atlas.toml"
    path.write_text(f"[geocoding]\n{line}\n", encoding="utf-8")
    with pytest.raises(OptionError, match=rf"atlas\.toml: .*{key}"):
        GeocodingOptions.from_toml(path)


def test_good_settings_are_read(tmp_path):
    path = tmp_path / "atlas.toml"
    path.write_text('[geocoding]\noffline = true\ngeocoders = ["amap"]\ntimeout = 5\n',
                    encoding="utf-8")
    options = GeocodingOptions.from_toml(path)
    assert (options.offline, options.geocoders, options.timeout) == (True, ["amap"], 5)
