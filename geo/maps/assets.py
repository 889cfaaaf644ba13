"""The scripts and stylesheets the maps load from a CDN, and their Subresource Integrity.

``geo/data/assets.toml`` names each CDN file folium asks for and the file of the npm packages
pinned in ``geo/maps/web/package.json`` that it stands for. A map loads instead jsDelivr's
copy of that very file (``/npm/<package>@<version>/<path>``, served as the package ships it),
with an ``integrity`` hash of it: a browser refuses a file that is not those bytes. The
hashes are in ``assets.toml`` (``[integrity]``), so ``geo build`` needs no npm; a test holds
them to the installed packages. ``geo.maps.inline`` embeds the same files instead.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from functools import lru_cache
from pathlib import Path

from geo import data

PACKAGE_JSON = Path(__file__).resolve().parent / "web" / "package.json"
CDN = "https://cdn.jsdelivr.net/npm"
# A page's CDN script and stylesheet tags (with or without the integrity attributes).
SCRIPT = re.compile(r'<script src="(?P<url>https?://[^"]+)"[^>]*></script>')
STYLESHEET = re.compile(r'<link rel="stylesheet" href="(?P<url>https?://[^"]+)"[^>]*>')


@lru_cache(maxsize=1)
def _assets() -> dict:
    return data.read_toml(data.path("assets.toml"))


def cdn_files() -> dict[str, str]:
    """The npm file (leaflet/dist/leaflet.js) each CDN URL folium asks for stands for."""
    return _assets()["urls"]


@lru_cache(maxsize=1)
def _versions() -> dict[str, str]:
    return json.loads(PACKAGE_JSON.read_text(encoding="utf-8"))["dependencies"]


def pinned_url(npm_path: str) -> str:
    """jsDelivr's URL of a file of a pinned package: leaflet/dist/leaflet.js ->
    https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.js."""
    package, _, rest = npm_path.partition("/")
    if package.startswith("@"):
        scope_name, _, rest = rest.partition("/")
        package = f"{package}/{scope_name}"
    return f"{CDN}/{package}@{_versions()[package]}/{rest}"


def sri(path: Path) -> str:
    """The integrity value of a file: sha384, base64."""
    return "sha384-" + base64.b64encode(hashlib.sha384(path.read_bytes()).digest()).decode()


def with_integrity(page: str) -> str:
    """The page with each known CDN script and stylesheet loaded from its pinned copy, with
    its hash; an unknown one is left as it is."""
    urls, hashes = cdn_files(), _assets()["integrity"]

    def script(match: re.Match[str]) -> str:
        npm_path = urls.get(match.group("url"))
        if npm_path is None or npm_path not in hashes:
            return match.group(0)
        return (f'<script src="{pinned_url(npm_path)}" integrity="{hashes[npm_path]}" '
                'crossorigin="anonymous"></script>')

    def stylesheet(match: re.Match[str]) -> str:
        npm_path = urls.get(match.group("url"))
        if npm_path is None or npm_path not in hashes:
            return match.group(0)
        return (f'<link rel="stylesheet" href="{pinned_url(npm_path)}" '
                f'integrity="{hashes[npm_path]}" crossorigin="anonymous"/>')

    return STYLESHEET.sub(stylesheet, SCRIPT.sub(script, page))
