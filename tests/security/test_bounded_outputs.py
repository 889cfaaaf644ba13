"""Issue 18, amplification: a 102 KB one-line article produced a 520 MB mentions.csv, since
each of its mentions quoted the whole line. A quoted sentence is now at most about
MAX_SENTENCE characters: a longer one is cut into pieces, each mention quoting its own."""

from pathlib import Path

from geo.extract.mentions import MAX_SENTENCE, Extractor
from geo.pipeline import build
from geo.records import Document

ONE_LINE = "长风公园、复兴公园、鲁迅公园、中山公园、" * 2500  # 100 KB, no sentence end


def test_each_mention_of_a_long_line_quotes_a_piece_of_it_holding_the_mention(gazetteer):
    document = Document(id="d", path=Path("d.txt"), text=ONE_LINE, title="d", city="上海市")
    mentions = Extractor(gazetteer).mentions(document)
    assert len(mentions) > 1000
    for mention in mentions[:50] + mentions[-50:]:
        assert len(mention.sentence) <= MAX_SENTENCE + len(mention.name)
        piece = ONE_LINE[mention.sentence_start:mention.sentence_start + len(mention.sentence)]
        assert piece == mention.sentence and mention.name in mention.sentence


def test_a_long_line_does_not_blow_up_the_outputs(tmp_path):
    (tmp_path / "in").mkdir()
    article = tmp_path / "in" / "line.txt"
    article.write_text(ONE_LINE, encoding="utf-8")
    build([tmp_path / "in"], tmp_path / "l", tmp_path / "m", outputs=["layers"])
    size = sum(path.stat().st_size for path in (tmp_path / "l").iterdir())
    assert size < 60 * article.stat().st_size  # it was thousands of times


def test_a_place_named_thousands_of_times_quotes_a_bounded_few(tmp_path):
    """A 50 MB line gave a popup of 33 M characters: each of an article's sentences naming
    the place was quoted. Now the first QUOTES_PER_ARTICLE, and QUOTES_PER_PLACE in all."""
    import json

    from geo.layers import QUOTES_PER_ARTICLE

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "line.txt").write_text(ONE_LINE, encoding="utf-8")
    build([tmp_path / "in"], tmp_path / "l", tmp_path / "m", outputs=["layers", "maps"])
    parks = json.loads((tmp_path / "l" / "parks.geojson").read_text(encoding="utf-8"))
    for feature in parks["features"]:
        assert len(feature["properties"]["sentences"]) <= QUOTES_PER_ARTICLE
        assert feature["properties"]["mentions"] > 1000  # the count stays true
    assert (tmp_path / "m" / "index.html").stat().st_size < 2_000_000
