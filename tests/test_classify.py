from pathlib import Path

from geo.classify import classify, facts_in, layer_of, load_rules, status_of
from geo.extract import extract
from geo.records import Document

RULES = load_rules()


def test_status_open_from_an_opening_ceremony():
    assert status_of("交运智慧湾科创园开园仪式举行。", RULES["status"]) == "open"


def test_status_under_construction_from_groundbreaking():
    assert status_of("始版桥未来社区实施单元整体已开工。", RULES["status"]) == "under construction"


def test_status_planned_from_future_wording():
    assert status_of("新规划的轨交19/20号线将在凉城交汇。", RULES["status"]) == "planned"


def test_future_wording_beats_a_completion_verb():
    assert status_of("园区将于明年建成开放。", RULES["status"]) == "planned"


def test_status_unknown_when_the_sentence_says_nothing():
    assert status_of("汶绣园", RULES["status"]) == "unknown"


def test_industrial_parks_are_renewal_not_parks():
    assert layer_of("某某科创园", "", RULES["layer"]) == "renewal"
    assert layer_of("某某口袋公园", "", RULES["layer"]) == "park"


def test_an_industrial_estate_is_never_a_park():
    # 工业园 ends in the park suffix 园: without its own rule a sentence about a trail made
    # 华泰工业园 a park
    sentence = "西山游步道 此外,还将提升改造西溪路沿线的华泰工业园、国防疗养院等地块。"
    assert layer_of("华泰工业园", sentence, RULES["layer"]) == "renewal"
    assert layer_of("华泰工业园", "西山游步道旁有华泰工业园。", RULES["layer"]) == "other"


def test_facts_find_dates_areas_and_money():
    facts = facts_in("2020年12月25日开园,占地118亩,总投资50亿元的上药超级工厂。")
    assert {(f.kind, f.text) for f in facts} >= {
        ("date", "2020年12月25日"), ("area", "118亩"), ("money", "50亿元")}


def test_this_year_is_read_as_the_articles_year():
    (fact,) = [f for f in facts_in("今年5月24日举行。", 2024) if f.kind == "date"]
    assert fact.value == "2024-05-24"


def test_areas_are_normalised_to_square_metres():
    values = {f.text: f.value for f in facts_in("占地118亩,面积6.9平方公里,七万方商业体。")}
    assert values["6.9平方公里"] == 6_900_000
    assert values["七万方"] == 70_000
    assert round(values["118亩"]) == 78_667


def test_money_is_normalised_to_yuan():
    (fact,) = facts_in("总投资50亿元。")
    assert (fact.kind, fact.value) == ("money", 5e9)


def test_a_name_the_gazetteer_does_not_know_gets_its_layer_from_suffix_and_sentence():
    assert layer_of("某某小区", "小区加装电梯。", RULES["layer"]) == "renewal"
    assert layer_of("某某小区", "小区门口有超市。", RULES["layer"]) == "other"


def test_a_listed_item_takes_the_layer_of_the_name_it_is_listed_with(gazetteer):
    text = "城中村改造：骆家庄、玉皇村、白沙泉……规划在前。"
    document = Document(id="d", path=Path("d.txt"), text=text, title="t", city="杭州市")
    layers = {m.name: m.layer for m in classify(extract([document], gazetteer), [document])}
    assert layers["白沙泉"] == "renewal"


def test_a_garden_is_a_park_only_in_a_sentence_about_green(gazetteer):
    assert layer_of("半岛花园", "从宝成湾到半岛花园、苏堤春晓。", RULES["layer"]) == "other"
    assert layer_of("叶家花园", "叶家花园绿化景观优美。", RULES["layer"]) == "park"


def test_the_issues_keywords_are_context_for_their_layers():
    assert layer_of("瓜山社区", "瓜山社区是未来社区试点。", RULES["layer"]) == "renewal"
    assert layer_of("某某园", "某某园串起十公里绿道。", RULES["layer"]) == "park"


def test_green_belts_waterfronts_and_spaces_under_bridges_are_parks():
    assert layer_of("外环绿带", "完成外环绿带建设。", RULES["layer"]) == "park"
    assert layer_of("中环桥下空间", "中环桥下空间开放。", RULES["layer"]) == "park"
    assert layer_of("外滩滨水区", "外滩滨水区已开放。", RULES["layer"]) == "park"


def test_a_renewal_unit_is_a_renewal_site_and_a_hall_is_not():
    assert layer_of("枫林更新单元", "枫林更新单元启动。", RULES["layer"]) == "renewal"
    assert layer_of("少年儿童图书馆", "图书馆开放。", RULES["layer"],
                    document="老厂房改造更新。") == "other"


def test_landscape_belts_creative_clusters_and_old_streets_have_their_layers():
    assert layer_of("杭钢河景观带", "杭钢河景观带完工。", RULES["layer"]) == "park"
    assert layer_of("光华路创意产业集聚区", "集聚区开园。", RULES["layer"]) == "renewal"
    assert layer_of("颛桥老街", "颛桥老街改造提升。", RULES["layer"]) == "renewal"
    assert layer_of("颛桥老街", "颛桥老街人气旺。", RULES["layer"]) == "other"


def test_airport_links_and_intercity_railways_are_transit():
    assert layer_of("机场联络线", "机场联络线计划明年通车。", RULES["layer"]) == "transit"
    assert layer_of("杭临城际铁路", "杭临城际铁路开通。", RULES["layer"]) == "transit"
    assert layer_of("杭绍城际线", "杭绍城际线开通。", RULES["layer"]) == "transit"
