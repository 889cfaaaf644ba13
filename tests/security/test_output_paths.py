"""Issue 18, writes outside the outputs and articles credited to the wrong article: a city
name from an untrusted metadata.csv became the city map's file name (/tmp/x/PWNED, ../up,
index), and articles were keyed by file stem (2023/01.txt and 2024/01.txt, a.txt and a.md)."""

import pytest
from frames import place_frames

from geo.corpus import document_ids
from geo.maps.render import city_stem, views
from geo.pipeline import read


@pytest.mark.parametrize("city", ["/tmp/x/PWNED", "../../up", "index", "articles", "a\nb",
                                  "上海市/../../x", ""])
def test_a_city_the_gazetteer_does_not_know_gets_a_safe_file_name(city):
    stem = city_stem(city, {})
    assert stem.startswith("city-") and "/" not in stem and "." not in stem


def test_a_known_city_keeps_its_slug():
    assert city_stem("上海市", {"上海市": "shanghai"}) == "shanghai"


def test_a_slug_that_names_another_map_is_not_used():
    assert city_stem("X", {"X": "index"}) != "index"


def test_a_hostile_city_s_map_stays_in_the_maps_folder():
    frames = place_frames("长阳创谷开园。")
    frames["renewal"].loc[:, "city"] = "/tmp/x/PWNED"
    stems = [stem for stem, _, _ in views(frames, [], {})]
    assert stems[0] == "index" and len(stems) == 2
    assert stems[1].startswith("city-") and "/" not in stems[1]


def test_articles_in_two_folders_with_one_name_are_two_articles(tmp_path):
    for year in ("2023", "2024"):
        (tmp_path / year).mkdir()
        (tmp_path / year / "01.txt").write_text(f"{year}年,长阳创谷开园。", encoding="utf-8")
    documents, errors = read([tmp_path / "2023", tmp_path / "2024"])
    assert errors == [] and [d.id for d in documents] == ["2023/01", "2024/01"]
    assert documents[0].text.startswith("2023") and documents[1].text.startswith("2024")


def test_two_files_that_differ_by_suffix_keep_it(tmp_path):
    ids = document_ids([tmp_path / "a.txt", tmp_path / "a.md", tmp_path / "b.txt"])
    assert ids == {tmp_path / "a.txt": "a.txt", tmp_path / "a.md": "a.md",
                   tmp_path / "b.txt": "b"}


def test_one_folder_keeps_its_articles_file_names_as_ids(tmp_path):
    assert document_ids([tmp_path / "000_x.txt"]) == {tmp_path / "000_x.txt": "000_x"}


@pytest.mark.parametrize("option", ["--layers", "--maps"])
def test_an_output_folder_that_is_a_file_is_a_clear_error(tmp_path, capsys, option):
    """Output paths that were files gave tracebacks."""
    from geo.cli import main

    (tmp_path / "a.txt").write_text("杨浦区的长阳创谷改造。", encoding="utf-8")
    (tmp_path / "taken").write_text("mine", encoding="utf-8")
    other = "--maps" if option == "--layers" else "--layers"
    status = main(["build", str(tmp_path / "a.txt"), option, str(tmp_path / "taken"),
                   other, str(tmp_path / "out"), "-q"])
    err = capsys.readouterr().err
    assert status == 2 and "taken: is a file" in err and "Traceback" not in err
    assert (tmp_path / "taken").read_text(encoding="utf-8") == "mine"
