from pathlib import Path

import pytest

from geo.extract.mentions import Extractor, sentence_at
from geo.records import Document
from geo.textmatch import line_number


def doc(text: str, city: str | None = "上海市") -> Document:
    return Document(id="t", path=Path("t.txt"), text=text, title="t", city=city)


def names(mentions):
    return [(m.name, m.place_id) for m in mentions]


def test_a_list_of_line_numbers_is_one_mention_per_line(gazetteer):
    found = Extractor(gazetteer).mentions(doc("依托轨道交通1、3、7、15号线等已开通地铁站点。"))
    assert [m.place_id for m in found] == [f"shanghai-metro-line-{n}" for n in (1, 3, 7, 15)]


def test_slash_separated_lines_are_two_mentions(gazetteer):
    found = Extractor(gazetteer).mentions(doc("新规划的轨交19/20号线将在凉城交汇。"))
    assert [m.place_id for m in found] == ["shanghai-metro-line-19", "shanghai-metro-line-20"]


def test_lines_written_in_chinese_numerals_are_found(gazetteer):
    found = Extractor(gazetteer).mentions(doc("地铁三号线和十五号线在此换乘。"))
    assert [(m.name, m.full_name, m.place_id) for m in found] == [
        ("地铁三号线", "3号线", "shanghai-metro-line-3"),
        ("十五号线", "15号线", "shanghai-metro-line-15"),
    ]


def test_chinese_line_numerals_read_as_numbers():
    assert [line_number(n) for n in ("7", "三", "十", "十五", "二十", "二十一", "十十")] == [
        7, 3, 10, 15, 20, 21, None]


def test_offsets_slice_the_text_to_the_name(gazetteer):
    text = "轨交19/20号线将在凉城交汇,未来从凉城站出发。长阳创谷、互联宝地更新。"
    for mention in Extractor(gazetteer).mentions(doc(text)):
        assert text[mention.start:mention.end] == mention.name


def test_the_longest_name_wins(gazetteer):
    found = Extractor(gazetteer).mentions(doc("交运智慧湾科创园开园仪式举行。"))
    assert names(found) == [("交运智慧湾科创园", "shanghai-baoshan-jiaoyun-zhihuiwan")]


def test_aliases_resolve_to_their_entry(gazetteer):
    found = Extractor(gazetteer).mentions(doc("园区内打造了上海首个星空高架公园。"))
    assert names(found) == [("星空高架公园", "shanghai-baoshan-xingkong-gaoxian-park")]


def test_a_known_name_that_begins_a_river_or_road_name_is_not_that_place(gazetteer):
    found = Extractor(gazetteer).mentions(doc("沿吴淞江建设楔形绿地,吴淞地区同步更新。"))
    assert [(m.name, m.place_id) for m in found if m.place_id] == [
        ("吴淞地区", "shanghai-baoshan-wusong")]


def test_line_numbers_are_not_read_as_shanghai_lines_in_another_city(gazetteer):
    found = Extractor(gazetteer).mentions(doc("地铁1号线婺江路站。", city="杭州市"))
    assert [(m.full_name, m.place_id) for m in found] == [("1号线", None), ("婺江路站", None)]


def test_city_is_inferred_from_admin_names_without_metadata(gazetteer):
    extractor = Extractor(gazetteer)
    assert extractor.infer_city("上城区望江街道的望江新城。") == "杭州市"
    assert extractor.infer_city("宝山区张庙街道。") == "上海市"


def test_sentence_at_returns_the_whole_sentence_and_its_start():
    text = "第一句。长阳创谷是老厂房。第三句"
    start, sentence = sentence_at(text, text.index("长阳"))
    assert sentence == "长阳创谷是老厂房。" and text[start:].startswith(sentence)


def test_a_station_listed_without_its_station_word_is_the_gazetteers_station(gazetteer):
    document = Document(id="d", path=Path("d.txt"), text="沿线设曹杨路、镇坪路、中潭路3站。",
                        title="t", city="上海市")
    found = {m.name: (m.place_id, m.full_name) for m in Extractor(gazetteer).mentions(document)}
    assert found["镇坪路"] == ("shanghai-metro-station-镇坪路", "镇坪路站")


def test_stations_listed_without_their_station_word_before_a_known_station_are_stations(
        gazetteer):
    """上桥、沙坪坝、冉家坝、重庆北站: a list led by a station the gazetteer knows lists
    stations."""
    document = doc("1号线顺时针衔接了徐家汇、莘庄站,止于上海南站。")
    found = {m.name: m.place_id for m in Extractor(gazetteer).mentions(document)}
    assert found["徐家汇"] == "shanghai-metro-station-徐家汇"


def test_a_line_named_with_a_letter_is_not_the_numbered_line(gazetteer):
    """南京's S3号线 is not its 3号线."""
    found = [m.name for m in Extractor(gazetteer).mentions(doc("乘坐S3号线和3号线。"))]
    assert found == ["S3号线", "3号线"]


@pytest.mark.parametrize(("text", "city"), [
    ("金沙湾公园在湘湖站旁开放。", "杭州市"),  # only 杭州 has a 湘湖站
    ("金沙湾公园在市民中心站旁开放。", None),  # six cities have one
])
def test_a_text_naming_no_division_is_placed_by_its_stations(real_gazetteer, text, city):
    mentions = Extractor(real_gazetteer).mentions(doc(text, city=None))
    assert mentions and {m.city for m in mentions} == {city}


def test_stations_of_the_city_listed_without_their_suffix_are_stations(gazetteer):
    text = "上海市：沿线设延长路、汶水路、中潭路等车站。"
    document = Document(id="d", path=Path("d.txt"), text=text, title="t", city="上海市")
    found = {m.name: m.canonical for m in Extractor(gazetteer).mentions(document)}
    assert found["延长路"] == "延长路站" and found["中潭路"] == "中潭路站"


def test_a_bare_station_name_outside_a_list_is_no_station(gazetteer):
    text = "上海市：延长路上新开了一家书店。"
    document = Document(id="d", path=Path("d.txt"), text=text, title="t", city="上海市")
    assert all(m.canonical != "延长路站" for m in Extractor(gazetteer).mentions(document))


def test_a_text_in_traditional_characters_is_read_as_simplified_and_quoted_as_written(
        gazetteer):
    text = "上海市：延長路站換乘。"
    document = Document(id="d", path=Path("d.txt"), text=text, title="t", city="上海市")
    station = next(m for m in Extractor(gazetteer).mentions(document) if m.name == "延長路站")
    assert station.place_id is not None and station.sentence == "上海市：延長路站換乘。"
