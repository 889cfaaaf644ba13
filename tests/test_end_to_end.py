import filecmp
from pathlib import Path

from geo.cli import main

ROOT = Path(__file__).resolve().parent.parent


def published_files(folder: Path) -> set[Path]:
    return {p.relative_to(folder) for p in folder.rglob("*") if p.is_file()}


def test_committed_outputs_are_what_the_build_makes(seed_build):
    """layers/ and maps/ in the repository are byte-identical to a fresh build of seeds/."""
    out, _ = seed_build
    for name in ("layers", "maps"):
        built, committed = out / name, ROOT / name
        assert published_files(built) == published_files(committed), name
        for relative in published_files(built):
            assert filecmp.cmp(built / relative, committed / relative, shallow=False), relative


def test_summary_reports_documents_mentions_and_places(tmp_path: Path, capsys):
    status = main(["build", str(ROOT / "seeds"), "--layers", str(tmp_path / "l"),
                   "--maps", str(tmp_path / "m"), "-q"])
    out = capsys.readouterr().out
    assert status == 0
    assert "Read 5 documents" in out and "park" in out and "unresolved: 0" in out


def test_build_says_what_the_carto_basemap_needs_and_takes_its_key(tmp_path: Path, capsys,
                                                                    monkeypatch):
    monkeypatch.delenv("CARTO_API_KEY", raising=False)
    assert main(["build", str(ROOT / "seeds"), "--layers", str(tmp_path / "l"),
                 "--maps", str(tmp_path / "m"), "-q"]) == 0
    assert "CartoDB Positron needs a CARTO API key" in capsys.readouterr().out
    monkeypatch.setenv("CARTO_API_KEY", "abc")
    assert main(["build", str(ROOT / "seeds"), "--layers", str(tmp_path / "l"),
                 "--maps", str(tmp_path / "k"), "-q"]) == 0
    assert "CARTO API key" not in capsys.readouterr().out
    assert "png?key=abc" in (tmp_path / "k" / "index.html").read_text("utf-8")


def test_empty_input_folder_exits_2_and_leaves_outputs_alone(tmp_path: Path, capsys):
    (tmp_path / "in").mkdir()
    layers = tmp_path / "layers"
    layers.mkdir()
    (layers / "parks.geojson").write_text("previous", encoding="utf-8")
    status = main(["build", str(tmp_path / "in"), "--layers", str(layers),
                   "--maps", str(tmp_path / "maps")])
    assert status == 2
    assert "no articles" in capsys.readouterr().err
    assert (layers / "parks.geojson").read_text(encoding="utf-8") == "previous"


def test_missing_input_folder_exits_2(tmp_path: Path, capsys):
    status = main(["build", str(tmp_path / "nowhere"), "--layers", str(tmp_path / "l"),
                   "--maps", str(tmp_path / "m")])
    assert status == 2 and not (tmp_path / "l").exists()


def test_unreadable_file_is_named_and_the_rest_still_builds(tmp_path: Path, capsys):
    articles = tmp_path / "in"
    articles.mkdir()
    (articles / "bad.txt").write_bytes(b"\xfd not text \x81")
    (articles / "good.txt").write_bytes("宝山区的交运智慧湾科创园开园。".encode("gb18030"))
    status = main(["build", str(articles), "--layers", str(tmp_path / "l"),
                   "--maps", str(tmp_path / "m"), "-q"])
    captured = capsys.readouterr()
    assert status == 0
    assert "bad.txt" in captured.err
    assert "交运智慧湾科创园" in (tmp_path / "l" / "renewal.geojson").read_text("utf-8")
    assert (tmp_path / "m" / "articles" / "good.html").exists()


def test_extract_json_prints_one_object_per_mention(tmp_path: Path, capsys):
    import json

    article = tmp_path / "a.txt"
    article.write_text("杨浦区的长阳创谷开园。地铁1、3号线开通。", encoding="utf-8")
    assert main(["extract", str(article), "--json"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    text = article.read_text(encoding="utf-8")
    assert {row["name"] for row in rows} >= {"长阳创谷", "1"}
    for row in rows:
        assert set(row) == {"document", "name", "layer", "status", "start", "end", "sentence",
                            "city", "district"}
        assert row["document"] == str(article)
        assert text[row["start"]:row["end"]] == row["name"]
    assert {row["layer"] for row in rows if row["name"] == "长阳创谷"} == {"renewal"}


def test_an_article_from_another_metro_city_draws_its_lines_through_its_stations(tmp_path):
    import json

    article = tmp_path / "in" / "a.txt"
    article.parent.mkdir()
    article.write_text("成都地铁1号线和3号线在省体育馆站换乘，春熙路站附近的商圈焕新。\n",
                       encoding="utf-8")
    assert main(["build", str(article.parent), "--layers", str(tmp_path / "l"), "--maps",
                 str(tmp_path / "m"), "-q"]) == 0
    features = json.loads((tmp_path / "l" / "transit.geojson").read_text("utf-8"))["features"]
    kinds = {f["properties"]["name"]: (f["geometry"]["type"], f["properties"]["city"])
             for f in features}
    assert kinds["3号线"] == ("LineString", "成都市")
    assert kinds["1号线"][0] in ("LineString", "MultiLineString")  # a branch to 五根松
    assert kinds["春熙路站"] == ("Point", "成都市")
    assert (tmp_path / "m" / "chengdu.html").is_file()  # a metro city's map is named in pinyin


def test_a_line_with_a_name_not_a_number_is_drawn_too(tmp_path):
    import json

    article = tmp_path / "in" / "a.txt"
    article.parent.mkdir()
    article.write_text("北京大兴机场线开通，乘客可从草桥站换乘。\n", encoding="utf-8")
    assert main(["build", str(article.parent), "--layers", str(tmp_path / "l"), "--maps",
                 str(tmp_path / "m"), "-q"]) == 0
    features = json.loads((tmp_path / "l" / "transit.geojson").read_text("utf-8"))["features"]
    kinds = {f["properties"]["name"]: f["geometry"]["type"] for f in features}
    assert kinds["大兴机场线"] == "LineString" and kinds["草桥站"] == "Point"


def test_no_article_maps_writes_only_the_overview_and_the_cities(tmp_path: Path):
    status = main(["build", str(ROOT / "seeds"), "--layers", str(tmp_path / "l"),
                   "--maps", str(tmp_path / "m"), "-q", "--no-article-maps"])
    assert status == 0 and (tmp_path / "m" / "index.html").is_file()
    assert not (tmp_path / "m" / "articles").exists()
