"""Classification rules, one table per rule family, in the order of geo/data/rules.toml."""

from pathlib import Path

import pytest

from geo.extract.classify import classify, layer_of, status_of
from geo.extract.mentions import extract
from geo.extract.rules import rules
from geo.records import Document

# [[status]]: the first rule with a keyword in the sentence gives the status.
STATUS = [
    # why, sentence, status
    ("an opening ceremony", "交运智慧湾科创园开园仪式举行。", "open"),
    ("groundbreaking", "始版桥未来社区实施单元整体已开工。", "under construction"),
    ("future wording", "新规划的轨交19/20号线将在凉城交汇。", "planned"),
    ("future wording beats a completion verb", "园区将于明年建成开放。", "planned"),
    ("a sentence that says nothing", "汶绣园", "unknown"),
]


@pytest.mark.parametrize("why, sentence, status", STATUS, ids=[row[0] for row in STATUS])
def test_status_rules(why, sentence, status):
    assert status_of(sentence, rules().status) == status


# [layer.*]: a name the gazetteer does not know takes its layer from its longest suffix and,
# for some suffixes, a keyword in the sentence (or the document).
LAYERS = [
    # why, name, sentence, document, layer
    # [layer.park]
    ("a pocket park", "某某口袋公园", "", "", "park"),
    ("a green belt", "外环绿带", "完成外环绿带建设。", "", "park"),
    ("a space under a bridge", "中环桥下空间", "中环桥下空间开放。", "", "park"),
    ("a waterfront", "外滩滨水区", "外滩滨水区已开放。", "", "park"),
    ("a landscape belt", "杭钢河景观带", "杭钢河景观带完工。", "", "park"),
    ("园 in a sentence about greenways", "某某园", "某某园串起十公里绿道。", "", "park"),
    ("花园 in a sentence about green", "叶家花园", "叶家花园绿化景观优美。", "", "park"),
    ("花园 elsewhere is an estate", "半岛花园", "从宝成湾到半岛花园、苏堤春晓。", "", "other"),
    # [layer.transit]
    ("an airport link", "机场联络线", "机场联络线计划明年通车。", "", "transit"),
    ("an intercity railway", "杭临城际铁路", "杭临城际铁路开通。", "", "transit"),
    ("an intercity line", "杭绍城际线", "杭绍城际线开通。", "", "transit"),
    # [layer.renewal]
    ("a tech park is renewal, not a park", "某某科创园", "", "", "renewal"),
    ("a renewal unit", "枫林更新单元", "枫林更新单元启动。", "", "renewal"),
    ("a creative cluster", "光华路创意产业集聚区", "集聚区开园。", "", "renewal"),
    ("an estate being retrofitted", "某某小区", "小区加装电梯。", "", "renewal"),
    ("an estate in passing", "某某小区", "小区门口有超市。", "", "other"),
    ("a future community", "瓜山社区", "瓜山社区是未来社区试点。", "", "renewal"),
    ("an old street being renewed", "颛桥老街", "颛桥老街改造提升。", "", "renewal"),
    ("an old street in passing", "颛桥老街", "颛桥老街人气旺。", "", "other"),
    ("an industrial estate by a trail is renewal, never a park", "华泰工业园",
     "西山游步道 此外,还将提升改造西溪路沿线的华泰工业园、国防疗养院等地块。", "", "renewal"),
    ("an industrial estate in passing", "华泰工业园", "西山游步道旁有华泰工业园。", "", "other"),
    ("a hall in an article about renewal", "少年儿童图书馆", "图书馆开放。", "老厂房改造更新。",
     "other"),
]


@pytest.mark.parametrize("why, name, sentence, document, layer", LAYERS,
                         ids=[row[0] for row in LAYERS])
def test_layer_rules(why, name, sentence, document, layer):
    assert layer_of(name, sentence, rules(), document) == layer


def test_a_listed_item_takes_the_layer_of_the_name_it_is_listed_with(gazetteer):
    text = "城中村改造：骆家庄、玉皇村、白沙泉……规划在前。"
    document = Document(id="d", path=Path("d.txt"), text=text, title="t", city="杭州市")
    layers = {m.name: m.layer for m in classify(extract([document], gazetteer), [document])}
    assert layers["白沙泉"] == "renewal"


def test_works_at_a_known_park_leave_the_park_open(gazetteer):
    text = "上海市虹口区的汶绣园改造将于明年启动。"
    document = Document(id="d", path=Path("d.txt"), text=text, title="t", city="上海市")
    park = next(m for m in classify(extract([document], gazetteer), [document])
                if m.name == "汶绣园")
    assert (park.status, park.project_status) == ("open", "planned")


def test_works_at_a_renewal_site_are_the_site_status(gazetteer):
    text = "上海市虹口区的北科创生物技术产业园改造将于明年启动。"
    document = Document(id="d", path=Path("d.txt"), text=text, title="t", city="上海市")
    site = next(m for m in classify(extract([document], gazetteer), [document])
                if m.name == "北科创生物技术产业园")
    assert (site.status, site.project_status) == ("planned", None)


def test_a_sentence_in_traditional_characters_states_its_status(gazetteer):
    text = "上海市虹口區的汶繡園已開放。"
    document = Document(id="d", path=Path("d.txt"), text=text, title="t", city="上海市")
    statuses = {m.name: m.status for m in classify(extract([document], gazetteer), [document])}
    assert statuses["汶繡園"] == "open"
