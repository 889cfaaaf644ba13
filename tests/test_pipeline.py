"""The Python API: build writes the outputs it is named; locate reads what it is given."""

from pathlib import Path

import pytest

from geo.pipeline import build, locate

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def test_only_the_outputs_named_are_written(tmp_path):
    report = build([SEEDS], tmp_path / "layers", tmp_path / "maps", outputs=["review"])
    assert sorted(path.name for path in report.files) == ["review.csv", "unresolved.csv"]
    assert not list((tmp_path / "maps").rglob("*.html"))


def test_an_unknown_output_is_refused_before_anything_is_written(tmp_path):
    with pytest.raises(ValueError, match="'shapefile'"):
        build([SEEDS], tmp_path / "layers", tmp_path / "maps", outputs=["layers", "shapefile"])
    assert not (tmp_path / "layers").exists()



def test_one_folder_given_as_a_string_is_read_as_that_folder():
    atlas = locate(str(SEEDS))
    assert len(atlas.documents) == 5


def test_an_atlas_shows_itself_as_one_short_line():
    text = repr(locate([SEEDS]))
    assert len(text) < 300 and "5 documents" in text and "\n" not in text


def test_the_located_counts_add_up_to_the_places_reported(tmp_path):
    import re

    report = build([SEEDS], tmp_path / "l", tmp_path / "m", outputs=["layers"])
    located = sum(int(n) for n in re.findall(r" (\d+)(?:,|$)", report.located))
    assert located == sum(report.places.values()) + len(report.unresolved)


def test_places_in_a_saved_pages_side_column_and_comments_are_not_mapped(tmp_path):
    page = Path(__file__).parent / "data" / "pages" / "saved_news.html"
    atlas = locate([page])
    names = {place.name for place in atlas.places}
    assert "北票码头煤仓" in names
    assert not names & {"世纪公园", "人民广场站", "静安雕塑公园", "共青森林公园"}
