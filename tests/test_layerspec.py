"""The one layer specification, geo/data/layers.toml: every stage derives its layers from it."""

import json
import sqlite3
from pathlib import Path

import pytest

from geo import data, layerspec
from geo.pipeline import build

SCHOOLS = """
[[layer]]
name = "school"
label = "Schools 学校"
colour = "#ef6c00"
table = "schools"
symbol = "marker"
kinds = ["site"]
"""
SCHOOL_RULES = """
[layer.school]
suffixes = ["小学", "中学"]
"""


def overlay_folder(folder: Path, layers: str = "", rules: str = "") -> Path:
    """The package's layers.toml and rules.toml with text appended, in ``folder``."""
    folder.mkdir(exist_ok=True)
    (folder / "layers.toml").write_text(data.path("layers.toml").read_text("utf-8") + layers,
                                        encoding="utf-8")
    (folder / "rules.toml").write_text(data.path("rules.toml").read_text("utf-8") + rules,
                                       encoding="utf-8")
    return folder


def test_the_layers_are_those_of_the_file_in_its_order():
    assert layerspec.names() == ("park", "transit", "renewal")
    assert layerspec.spec("transit").legend_lists == "line"


@pytest.fixture(scope="module")
def school_build(tmp_path_factory):
    """A build with a fourth layer, added as one entry in layers.toml plus its rules."""
    root = tmp_path_factory.mktemp("schools")
    articles = root / "articles"
    articles.mkdir()
    (articles / "a.txt").write_text("杭州市上城区新建的采荷中学今年9月开学。\n", encoding="utf-8")
    with data.overlay(overlay_folder(root / "data", SCHOOLS, SCHOOL_RULES)):
        report = build([articles], root / "layers", root / "maps")
    return root, report


def test_an_added_layer_is_counted(school_build):
    _, report = school_build
    assert report.places["school"] == 1


def test_an_added_layer_gets_its_own_geojson(school_build):
    root, _ = school_build
    features = json.loads((root / "layers" / "schools.geojson").read_text("utf-8"))["features"]
    assert [(f["properties"]["name"], f["properties"]["layer"]) for f in features] == [
        ("采荷中学", "school")]


def test_an_added_layer_is_a_styled_geopackage_table(school_build):
    root, _ = school_build
    db = sqlite3.connect(root / "layers" / "atlas.gpkg")
    try:
        (style,) = db.execute("SELECT styleQML FROM layer_styles WHERE f_table_name = 'schools'"
                              ).fetchone()
        (rows,) = db.execute("SELECT COUNT(*) FROM schools").fetchone()
    finally:
        db.close()
    assert rows == 1 and "239,108,0" in style  # #ef6c00


def test_an_added_layer_is_in_the_maps_legend(school_build):
    root, _ = school_build
    assert "Schools 学校" in (root / "maps" / "index.html").read_text("utf-8")


def test_the_layers_stay_as_they_were_outside_the_overlay(school_build):
    assert "school" not in layerspec.names()


BAD_SPECS = [
    # why, what replaces the school entry's line, what the error names
    ("a misspelt key", ('colour = "#ef6c00"', 'color = "#ef6c00"'), "'color'"),
    ("a colour that is no colour", ('colour = "#ef6c00"', 'colour = "orange"'), "colour"),
    ("an unknown symbol", ('symbol = "marker"', 'symbol = "star"'), "symbol"),
    ("a table used twice", ('table = "schools"', 'table = "parks"'), "table"),
    ("a layer called other", ('name = "school"', 'name = "other"'), "'other'"),
    ("a wrong type", ('kinds = ["site"]', 'kinds = "site"'), "'kinds'"),
]


@pytest.mark.parametrize("why, change, named", BAD_SPECS, ids=[row[0] for row in BAD_SPECS])
def test_a_bad_layer_spec_names_the_file_and_the_key(tmp_path, why, change, named):
    folder = overlay_folder(tmp_path, SCHOOLS.replace(*change))
    with data.overlay(folder), pytest.raises(data.DataError) as error:
        layerspec.layers()
    assert str(folder / "layers.toml") in str(error.value) and named in str(error.value)


def test_a_gazetteer_entry_of_a_kind_its_layer_does_not_hold_is_an_error(tmp_path):
    from geo.gazetteer import Gazetteer

    real = data.path("gazetteer")
    for name in ("admin.csv", "places.csv", "stations.csv"):
        header = (real / name).read_text("utf-8").splitlines()[0]
        (tmp_path / name).write_text(header + "\n", encoding="utf-8")
    (tmp_path / "lines.toml").write_text("line = []\n", encoding="utf-8")
    with (tmp_path / "places.csv").open("a", encoding="utf-8") as places:
        places.write("odd-park,某公园,,park,station,上海市,,,,,,,,,,\n")
    with pytest.raises(data.DataError, match=r"places\.csv: odd-park: a 'station' in layer"):
        Gazetteer.load(tmp_path)
