"""Issue 18: default maps loaded 5 scripts and 4 stylesheets from public CDNs without
integrity hashes. Each now loads its pinned npm file's jsDelivr copy with its sha384."""

import re

import pytest

from geo import data
from geo.maps.assets import sri
from geo.maps.inline import MODULES

ASSETS = data.read_toml(data.path("assets.toml"))
TAG = re.compile(r'<(?:script src|link rel="stylesheet" href)="(https?://[^"]+)"([^>]*)>')


@pytest.mark.parametrize("npm_path", sorted(ASSETS["urls"].values()))
def test_each_hash_is_the_installed_files(npm_path):
    if not (MODULES / npm_path).is_file():
        pytest.skip("map assets not installed: run `make assets`")
    assert ASSETS["integrity"][npm_path] == sri(MODULES / npm_path), (
        f"update [integrity] in geo/data/assets.toml: \"{npm_path}\" = "
        f"\"{sri(MODULES / npm_path)}\"")


def test_every_cdn_file_of_a_map_is_pinned_and_hashed(seed_build):
    out, _ = seed_build
    page = (out / "maps" / "index.html").read_text(encoding="utf-8")
    tags = TAG.findall(page)
    assert len(tags) >= 9
    for url, attributes in tags:
        assert url.startswith("https://cdn.jsdelivr.net/npm/") and "@" in url, url
        assert 'integrity="sha384-' in attributes and 'crossorigin="anonymous"' in attributes
