import pytest

from geo.extract.admin import registry


def test_a_district_name_places_the_article_in_its_city():
    context = registry().context("上城区望江街道的望江新城。")
    assert (context.province, context.city) == ("浙江省", "杭州市")


def test_an_ambiguous_district_is_read_within_the_articles_city():
    # 宝山区 is in Shanghai and in Shuangyashan; the article says 上海.
    context = registry().context("上海北大门宝山区的张庙街道。")
    assert context.city == "上海市"
    assert [d.adcode[:4] for _, d in context.districts] == ["3101"]


def test_a_city_hint_settles_an_ambiguous_name():
    assert registry().context("宝山区张庙街道。", city_hint="上海市").city == "上海市"


def test_each_offset_gets_the_district_named_before_it():
    text = "杨浦区的长阳创谷,虹口区的新业坊。"
    context = registry().context(text)
    assert context.district_at(text.index("长阳")) == "杨浦区"
    assert context.district_at(text.index("新业坊")) == "虹口区"


def test_a_province_name_does_not_outvote_the_city():
    text = "上城区首个“浙江制造”标准,浙江制造,浙江制造,杭州。"
    assert registry().context(text).city == "杭州市"


def test_short_district_names_are_the_citys_own():
    short = registry().short_district_names("杭州市")
    assert {"上城", "江干", "萧山"} <= short and "祥符" not in short  # 祥符区 is in Kaifeng
    assert "浦东" in registry().short_district_names("上海市")


def test_districts_made_in_2021_place_an_article_in_hangzhou():
    for text in ("临平区的临平新城。", "钱塘区下沙街道。"):
        assert registry().context(text).city == "杭州市"


def test_a_former_district_is_still_its_citys_district():
    text = "下城区的河道。"
    assert registry().context(text).district_at(0) == "下城区"
    assert "下城" in registry().short_district_names("杭州市")


NAMED_AFTER = ("江", "河", "路", "银行", "湾")


NAMED_AFTER_A_CITY = ["苏州河畔的梦清园改造完成。", "杭州路上的老厂房。", "上海银行的网点。"]


@pytest.mark.parametrize("text", NAMED_AFTER_A_CITY)
def test_a_river_road_or_bank_named_after_a_city_is_not_that_city(text):
    assert registry().context(text, None, NAMED_AFTER).city is None


def test_the_city_itself_is_still_the_city():
    assert registry().context("苏州的河道和苏州河不同。", None, NAMED_AFTER).city == "苏州市"


def test_a_common_word_that_names_a_district_in_taiwan_does_not_place_the_article_there():
    assert registry().context("湘湖新社区建设加快。").city is None
    assert registry().context("台湾省台中市新社区的花海。").city == "台中市"


def test_a_citys_short_name_that_is_also_a_districts_votes_for_each():
    """朝阳 in 朝阳公园 is 朝阳市's short name, and 朝阳区's (北京, 长春): not 朝阳市 alone."""
    assert registry().context("朝阳区亮马河两岸景观提升,朝阳公园周边新增绿道。").city == "北京市"
