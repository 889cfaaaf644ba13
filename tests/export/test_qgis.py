"""The seed GeoPackage opened in real QGIS (Debian's python3-qgis, which `.ci/run` installs):
each layer loads with its stored style and draws visibly. Skipped, saying why, without QGIS."""

import json
import subprocess
from pathlib import Path

import pytest

SYSTEM_PYTHON = "/usr/bin/python3"  # Debian's, the one python3-qgis is built for
RENDER = Path(__file__).with_name("qgis_render.py")


def _qgis_missing() -> str | None:
    try:
        subprocess.run([SYSTEM_PYTHON, "-c", "import qgis.core"], check=True,
                       capture_output=True, timeout=60, env={"PATH": "/usr/bin:/bin"})
    except (OSError, subprocess.SubprocessError):
        return "QGIS's Python API is not installed (apt-get install python3-qgis)"
    return None


@pytest.fixture(scope="module")
def rendered(seed_build, tmp_path_factory):
    reason = _qgis_missing()
    if reason:
        pytest.skip(reason)
    out, _ = seed_build
    folder = tmp_path_factory.mktemp("qgis")
    # a clean environment: this process's GDAL_DATA and PROJ settings (pyogrio's, pyproj's)
    # are for other builds of those libraries than QGIS's
    environment = {"PATH": "/usr/bin:/bin", "HOME": str(folder), "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([SYSTEM_PYTHON, str(RENDER), str(out / "layers" / "atlas.gpkg"),
                             str(folder)], capture_output=True, text=True, timeout=300,
                            check=True, env=environment)
    return json.loads(result.stdout.strip().splitlines()[-1]), result.stderr


def test_every_layer_opens_with_its_stored_style(rendered):
    layers, _ = rendered
    assert set(layers) == {"parks", "renewal", "transit_lines", "transit_points"}
    for table, layer in layers.items():
        assert layer["valid"] and layer["features"] > 0, table
        # the stored style's symbol: QGIS's own default is a 0.26 mm line or a 2 mm marker
        expected = ("SimpleLine", 1.2) if table == "transit_lines" else ("SimpleMarker", 3.2)
        assert (layer["symbol"], layer["size"]) == expected, table


def test_every_layer_draws_something_visible(rendered):
    layers, _ = rendered
    for table, layer in layers.items():
        assert layer["drawn"] > 50, table


def test_qgis_reads_the_geopackage_without_a_warning(rendered):
    _, warnings = rendered
    assert "Warning" not in warnings
