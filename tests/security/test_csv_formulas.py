"""Issue 18, spreadsheet formula injection: text cells beginning with = + - @ went verbatim
into mentions.csv, places.csv, review.csv and unresolved.csv, the last two being the files
users are told to open and edit."""

import csv

import pytest

from geo.csvcells import FORMULA_START, neutral, restored
from geo.geocode.overrides import OverridesResolver
from geo.geocode.resolvers import Query
from geo.pipeline import build

HOSTILE = ('=HYPERLINK("http://example.org/x","点击") 金沙湾公园开园了。\n'
           '@SUM(1,2) 银沙湾公园也开放了。\n'
           '-2+3 桂林公园正在改造。\n')


def formula_cells(path):
    with path.open(encoding="utf-8", newline="") as handle:
        return [cell for row in csv.reader(handle) for cell in row
                if cell.startswith(FORMULA_START) and neutral(cell) != cell]


@pytest.fixture(scope="module")
def layers(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    (folder / "articles").mkdir()
    (folder / "articles" / "=1+2.txt").write_text(HOSTILE, encoding="utf-8")
    build([folder / "articles"], folder / "layers", folder / "maps",
          outputs=["layers", "review"])
    return folder / "layers"


@pytest.mark.parametrize("name", ["mentions.csv", "places.csv", "review.csv"])
def test_no_csv_cell_starts_a_formula(layers, name):
    """(unresolved.csv is written by the same code as review.csv.)"""
    with (layers / name).open(encoding="utf-8") as handle:
        assert len(handle.readlines()) > 1  # the hostile rows are there
    assert formula_cells(layers / name) == []


def test_the_hostile_text_is_kept_behind_an_apostrophe(layers):
    with (layers / "mentions.csv").open(encoding="utf-8", newline="") as handle:
        cells = {cell for row in csv.reader(handle) for cell in row}
    assert "'=1+2" in cells  # the document, named by its file
    assert any(cell.startswith("'=HYPERLINK") for cell in cells)


@pytest.mark.parametrize("cell", ["=1+1", "+86 21", "-x", "@A1", "\t=1", "长风公园", "-12.5", ""])
def test_a_neutralised_cell_reads_back_as_written(cell):
    assert restored(str(neutral(cell))) == cell


def test_numbers_are_left_as_numbers():
    assert neutral("-12.5") == "-12.5" and neutral(-3) == -3


def test_an_override_row_written_neutralised_matches_its_place(tmp_path):
    """review.csv as the build wrote it (a name behind an apostrophe), filled in and passed
    back with --overrides, still names its place."""
    path = tmp_path / "review.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "name", "city", "lon", "lat", "source"])
        writer.writerow(["", neutral("=怪名公园"), "上海市", "121.4", "31.2", "by hand"])
    resolver, errors = OverridesResolver.load([path])
    assert errors == []
    assert resolver.resolve(Query(name="=怪名公园", city="上海市")) is not None
