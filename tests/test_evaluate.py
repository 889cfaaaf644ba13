import json
from pathlib import Path

from geo.evaluate import annotated_mentions, evaluate, load_gold
from geo.pipeline import find_mentions, read

DATA = Path(__file__).parent / "data"
SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def score(gazetteer, text, gold_places, tmp_path: Path):
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    gold_file = tmp_path / "gold.json"
    gold_file.write_text(json.dumps({"places": gold_places}, ensure_ascii=False), "utf-8")
    documents, _ = read([tmp_path / "a.txt"])
    return evaluate(documents, find_mentions(documents, gazetteer), load_gold(gold_file),
                    gazetteer)


def test_a_found_place_is_a_true_positive_and_a_missed_one_a_false_negative(gazetteer, tmp_path):
    scores = score(gazetteer, "杨浦区的长阳创谷开园。", [
        {"name": "长阳创谷", "layer": "renewal", "document": "a"},
        {"name": "睦邻门", "layer": "renewal", "document": "a"},
    ], tmp_path)
    renewal = scores["renewal"]
    assert (renewal.true_positives, renewal.false_negatives, renewal.false_positives) == (1, 1, 0)
    assert renewal.recall == 0.5 and renewal.precision == 1.0


def test_the_wrong_layer_does_not_count(gazetteer, tmp_path):
    scores = score(gazetteer, "杨浦区的长阳创谷开园。",
                   [{"name": "长阳创谷", "layer": "park", "document": "a"}], tmp_path)
    assert scores["park"].false_negatives == 1 and scores["renewal"].false_positives == 1


def test_an_alias_finds_its_gold_place(gazetteer, tmp_path):
    scores = score(gazetteer, "宝山区的交运智慧湾项目开园。",
                   [{"name": "交运智慧湾科创园", "layer": "renewal", "document": "a"}], tmp_path)
    assert scores["overall"].f1 == 1.0


def test_seed_extraction_meets_the_target_in_every_layer(real_gazetteer):
    documents, _ = read([SEEDS])
    scores = evaluate(documents, find_mentions(documents, real_gazetteer),
                      load_gold(DATA / "gold_places.json"), real_gazetteer)
    for layer in ("park", "transit", "renewal"):
        assert scores[layer].f1 >= 0.9, (layer, scores[layer].missed, scores[layer].spurious)


def test_a_line_in_chinese_numerals_matches_the_same_line_in_digits(gazetteer, tmp_path):
    scores = score(gazetteer, "苏州市：地铁十一号线开通。",  # a line no gazetteer entry knows
                   [{"name": "十一号线", "layer": "transit", "document": "a"}], tmp_path)
    assert scores["transit"].true_positives == 1


def test_a_false_find_of_a_known_place_is_reported_by_its_name(gazetteer, tmp_path):
    scores = score(gazetteer, "杨浦区的长阳创谷开园。", [], tmp_path)
    assert scores["renewal"].spurious == ["a: 长阳创谷"]


def test_a_second_annotation_scores_as_the_annotators_agreement(gazetteer, tmp_path):
    (tmp_path / "a.txt").write_text("轨道交通3、7号线通到长阳创谷。", encoding="utf-8")
    documents, _ = read([tmp_path / "a.txt"])
    first = {"a": [("3号线", "transit"), ("7号线", "transit"), ("长阳创谷", "renewal")]}
    second = {"a": [("3号线", "transit"), ("7号线", "transit"), ("长阳创谷", "park")]}
    scores = evaluate(documents, annotated_mentions(documents, second, gazetteer), first,
                      gazetteer)
    assert scores["transit"].f1 == 1.0  # 3号线 is not written as such: 3、7号线
    assert scores["renewal"].false_negatives == 1 and scores["park"].spurious == ["a: 长阳创谷"]


def test_a_find_in_another_layer_is_a_layer_error_on_both_sides(gazetteer, tmp_path):
    scores = score(gazetteer, "杨浦区的长阳创谷开园。",
                   [{"name": "长阳创谷", "layer": "park", "document": "a"}], tmp_path)
    assert scores["overall"].causes == {"layer": 2}


def test_a_find_with_other_bounds_is_a_boundary_error(gazetteer, tmp_path):
    scores = score(gazetteer, "杨浦区的长阳创谷开园。",
                   [{"name": "杨浦区的长阳创谷", "layer": "renewal", "document": "a"}], tmp_path)
    assert scores["overall"].causes == {"boundary": 2}


def test_misses_are_told_apart_by_whether_a_suffix_ends_them(gazetteer, tmp_path):
    scores = score(gazetteer, "那里有个地方。", [
        {"name": "那里有个地方", "layer": "renewal", "document": "a"},
        {"name": "青青公园", "layer": "park", "document": "a"},
    ], tmp_path)
    assert scores["overall"].causes == {"missed without suffix": 1, "missed with suffix": 1}


def test_a_find_far_from_any_gold_name_is_a_false_find(gazetteer, tmp_path):
    scores = score(gazetteer, "杨浦区的长阳创谷开园。", [], tmp_path)
    assert scores["overall"].causes == {"false find": 1}


def test_a_station_written_without_its_suffix_is_found_as_the_station(gazetteer, tmp_path):
    scores = score(gazetteer, "上海市：换乘车站有人民广场、徐家汇站。",
                   [{"name": "徐家汇", "layer": "transit", "document": "a"}], tmp_path)
    assert scores["transit"].true_positives == 1
