"""Self-contained maps: replace each CDN ``<script>`` and stylesheet with the file's contents.

folium cannot do this itself (folium#1368, #1985). The files come from the npm packages pinned
in ``geo/maps/web/package.json``, installed by ``make assets``; images a stylesheet refers to become
data URIs. An asset this module does not know is an error, not a silent network request.
"""

from __future__ import annotations

import base64
import mimetypes
import re
from functools import lru_cache
from pathlib import Path

from geo.maps.assets import SCRIPT, STYLESHEET, cdn_files, pinned_url

MODULES = Path(__file__).resolve().parent / "web" / "node_modules"
CSS_URL = re.compile(r"""url\((?P<quote>['"]?)(?P<path>[^'")]+)(?P=quote)\)""")


class AssetError(RuntimeError):
    """An asset that cannot be embedded: unknown URL, or packages not installed."""


@lru_cache(maxsize=1)
def asset_paths() -> dict[str, str]:
    """The npm file each CDN URL stands for: folium's URLs, and the pinned copies'
    (``geo.maps.assets``) that the maps load instead."""
    urls = cdn_files()
    return {**urls, **{pinned_url(path): path for path in urls.values()}}


def local_file(url: str, modules: Path = MODULES) -> Path:
    """The installed file a CDN URL stands for."""
    relative = asset_paths().get(url)
    if relative is None:
        raise AssetError(f"no local copy is declared for {url} (add it to geo/data/assets.toml)")
    path = modules / relative
    if not path.is_file():
        raise AssetError(f"{path} is missing: run `make assets` (npm ci in geo/maps/web) first")
    return path


def local_copy(url: str, modules: Path = MODULES) -> Path | None:
    """The installed file for a CDN URL, or for a file beside one (an icon its CSS loads)."""
    if url in asset_paths():
        return local_file(url, modules)
    for known, relative in asset_paths().items():
        base, folder = known.rsplit("/", 1)[0], (modules / relative).parent
        # Also the folders above, while the URL and the package name them alike: a stylesheet
        # in dist/ loads ../images/loader.gif.
        while True:
            if url.startswith(base + "/"):
                candidate = folder / url[len(base) + 1:].split("?")[0]
                if candidate.is_file() and modules.resolve() in candidate.resolve().parents:
                    return candidate
            head, _, last = base.rpartition("/")
            if last != folder.name or folder == modules:
                break
            base, folder = head, folder.parent
    return None


@lru_cache(maxsize=64)
def _script(url: str) -> str:
    text = local_file(url).read_text(encoding="utf-8")
    return "<script>" + text.replace("</script", "<\\/script") + "</script>"


@lru_cache(maxsize=64)
def _style(url: str) -> str:
    path = local_file(url)
    css = CSS_URL.sub(lambda match: _data_uri(path.parent, match), path.read_text("utf-8"))
    return "<style>" + css.replace("</style", "<\\/style") + "</style>"


def _data_uri(folder: Path, match: re.Match[str]) -> str:
    reference = match.group("path")
    if reference.startswith(("data:", "#", "http:", "https:")):
        return match.group(0)
    target = folder / reference.split("?")[0].split("#")[0]
    if not target.is_file():
        return match.group(0)  # e.g. an IE-only image the package does not ship
    kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
    encoded = base64.b64encode(target.read_bytes()).decode("ascii")
    return f'url("data:{kind};base64,{encoded}")'


def inline_assets(page: str) -> str:
    """The page with every CDN script and stylesheet embedded."""
    page = SCRIPT.sub(lambda match: _script(match.group("url")), page)
    return STYLESHEET.sub(lambda match: _style(match.group("url")), page)


def remaining_urls(page: str) -> list[str]:
    """CDN URLs still referenced: scripts and stylesheets a browser would fetch."""
    return [m.group("url") for m in (*SCRIPT.finditer(page), *STYLESHEET.finditer(page))]
