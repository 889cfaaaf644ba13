"""--inline-assets from an installed package, not only from a source checkout: a wheel built
after `make assets` carries the pinned browser files, and a map built from it needs no CDN."""

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from geo.maps.inline import MODULES

ROOT = Path(__file__).resolve().parents[2]
RUN = """
import sys
sys.path.insert(0, sys.argv[1])
import geo
assert geo.__file__.startswith(sys.argv[1]), geo.__file__  # the wheel's, not the checkout's
from geo.cli import main
sys.exit(main(["build", sys.argv[2], "--layers", "l", "--maps", "m", "-q",
               "--inline-assets", "--no-article-maps"]))
"""


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    if not (MODULES / "leaflet" / "dist" / "leaflet.js").is_file():
        pytest.skip("the map assets are not installed (make assets)")
    folder = tmp_path_factory.mktemp("wheel")
    # From a clean copy of what git tracks and the installed assets: a build folder left in
    # the checkout by an earlier build would lend the wheel its files.
    source = folder / "source"
    tracked = subprocess.run(["git", "ls-files", "pyproject.toml", "README.md", "geo"],
                             cwd=ROOT, check=True, capture_output=True, text=True).stdout
    for name in tracked.splitlines():
        (source / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, source / name)
    shutil.copytree(MODULES, source / MODULES.relative_to(ROOT))
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps",
                    "--no-build-isolation", "--wheel-dir", str(folder), str(source)],
                   check=True, capture_output=True, timeout=600)
    wheel = next(folder.glob("renewal_atlas-*.whl"))
    site = folder / "site"
    zipfile.ZipFile(wheel).extractall(site)
    return site


def test_the_wheel_carries_every_asset_the_maps_embed(installed):
    from geo.maps.inline import asset_paths

    modules = installed / "geo" / "maps" / "web" / "node_modules"
    assert all((modules / path).is_file() for path in set(asset_paths().values()))


def test_an_installed_package_writes_a_map_that_needs_no_cdn(installed, tmp_path):
    from geo.maps.inline import remaining_urls

    subprocess.run([sys.executable, "-c", RUN, str(installed), str(ROOT / "seeds")],
                   check=True, capture_output=True, timeout=600, cwd=tmp_path)
    page = (tmp_path / "m" / "index.html").read_text(encoding="utf-8")
    assert remaining_urls(page) == [] and "L.Map" in page
