"""Names no gazetteer entry knows, recognised from their shape."""

import pytest

from geo.extract.recognize import recognizer as shared_recognizer


@pytest.fixture(scope="module")
def recognizer():
    return shared_recognizer()


def names(recognizer, text):
    return [(text[c.start:c.end], c.canonical) for c in recognizer.candidates(text)]


def test_a_name_ends_in_a_place_suffix_and_starts_after_a_stop_word(recognizer):
    assert ("蝴蝶湾公园", None) in names(recognizer, "南岸有蝴蝶湾公园等休闲空间。")


def test_adjacent_suffixes_make_one_name(recognizer):
    assert names(recognizer, "从桂林公园站出发。") == [("桂林公园站", None)]


def test_a_description_is_not_a_name(recognizer):
    assert names(recognizer, "是一座以体育为主题的社区活力公园。") == []


def test_a_comparison_is_not_a_name(recognizer):
    assert names(recognizer, "改造成类似纽约线型空中花园的样子。") == []


def test_listed_items_without_a_suffix_are_places_too(recognizer):
    found = [n for n, _ in names(recognizer, "片区内的长阳创谷、互联宝地、城市概念园等老厂房。")]
    assert "互联宝地" in found and "长阳创谷" in found


def test_two_character_items_share_the_last_items_suffix(recognizer):
    found = names(recognizer, "与张庙街道辖区的越界、博济、开伦智汇园形成集聚效应。")
    assert ("越界", "越界智汇园") in found and ("博济", "博济智汇园") in found


def test_a_name_does_not_reach_back_over_an_earlier_one(recognizer):
    text = "交通:18号线上海财经大学站"
    start = text.index("18号线")
    found = recognizer.candidates(text, taken=[(start, start + 4)])
    assert [text[c.start:c.end] for c in found] == ["上海财经大学站"]


def test_a_leading_district_name_is_not_part_of_the_name(recognizer):
    assert names(recognizer, "南至浦东新区航头站。") == [("航头站", None)]


def test_service_points_are_not_stations(recognizer):
    found = names(recognizer, "北中环广粤路科创街区党群服务站是一家实践阵地。")
    assert found and not any(name.endswith("站") for name, _ in found)


def test_a_suffix_inside_a_longer_word_is_not_a_suffix(recognizer):
    assert names(recognizer, "依托已开通地铁站点。") == []


def test_a_measure_word_ends_a_name_only_after_a_numeral(recognizer):
    assert names(recognizer, "沿线经过陆家嘴站。") == [("陆家嘴站", None)]
    assert names(recognizer, "区内已有3家科创园。") == []


def test_a_district_before_a_joined_suffix_is_dropped(recognizer):
    assert names(recognizer, "14号线西起嘉定区封浜站。")[-1] == ("封浜站", None)


def test_a_name_starts_after_the_last_verb(recognizer):
    found = [n for n, _ in names(recognizer, "1999年上海开始尝试改建旧仓库为创意产业。")]
    assert not any(n.startswith("上海") for n in found)


def test_a_name_may_begin_with_a_verb(recognizer):
    assert ("临空一号公园", None) in names(recognizer, "苏州河沿线临空一号公园。")


def test_a_type_of_place_is_not_a_name(recognizer):
    assert names(recognizer, "集体育馆、运动场于一体的综合性城市体育公园。") == []


def test_common_words_are_a_description_when_alone(recognizer):
    assert names(recognizer, "122个城市公园闪亮登场。") == []


def test_common_words_are_a_name_when_listed_with_names(recognizer):
    found = names(recognizer, "包括苕溪锦绣公园、溪水石滩公园、印象公园等。")
    assert [n for n, _ in found] == ["苕溪锦绣公园", "溪水石滩公园", "印象公园"]


def test_common_words_are_a_name_when_the_text_says_where_it_is(recognizer):
    assert ("运河亚运公园", None) in names(recognizer, "例如,运河亚运公园位于拱墅区。")


def test_items_after_a_name_are_listed_like_it(recognizer):
    text = "不仅仅是兰家湾,骆家庄、玉皇村、白沙泉……规划在前。"
    found = {text[c.start:c.end]: c.like for c in recognizer.candidates(text)}
    assert found["白沙泉"] == "玉皇村"


def test_a_clause_after_a_name_is_not_a_listed_item(recognizer):
    text = "走进玉皇村、市民游客纷纷前来参观。"
    assert [text[c.start:c.end] for c in recognizer.candidates(text)] == ["玉皇村"]


def test_a_name_runs_through_along_the_line_when_only_suffixes_follow(recognizer):
    assert names(recognizer, "分别为杜湖内河沿线绿地公园。") == [("杜湖内河沿线绿地公园", None)]
    assert names(recognizer, "苏州河沿线临空一号公园开放。") == [("临空一号公园", None)]
    assert not [n for n, _ in names(recognizer, "轨交18号线沿线公园众多。") if "公园" in n]


def test_a_time_word_is_not_part_of_the_name(recognizer):
    found = names(recognizer, "让人穿越到当年淞沪铁路江湾站忙碌的情景。")
    assert found == [("淞沪铁路江湾站", None)]


def test_a_station_named_right_after_its_line_is_a_name_whatever_its_words(recognizer):
    assert ("姑娘桥站", None) in names(recognizer, "紧邻杭绍地铁1号线姑娘桥站,是一个主题公园。")


def test_a_metro_station_is_the_station_of_that_name(recognizer):
    assert names(recognizer, "靠近爱辉路地铁站的泗塘公园。")[0] == ("爱辉路地铁站", "爱辉路站")


def test_a_park_named_after_its_road_or_square_is_one_name(recognizer):
    found = [n for n, _ in names(recognizer, "分别为湘湖湖山广场综合公园、湘湖亚太路沿线公园。")]
    assert found == ["湘湖湖山广场综合公园", "湘湖亚太路沿线公园"]


def test_a_bare_suffix_is_no_list_item(recognizer):
    found = [n for n, _ in names(recognizer, "在18号线沿线公园、翠悦半岛南侧沿河公园散步。")]
    assert "公园" not in found and "翠悦半岛南侧沿河公园" in found


def test_urban_villages_as_a_kind_are_not_places(recognizer):
    assert names(recognizer, "杭州城中村改造进入新一轮城中村攻坚。") == []


def test_an_organisation_listed_with_a_place_is_no_place(recognizer):
    found = [n for n, _ in names(recognizer, "在上海铁路局及南翔站的支持下改造。")]
    assert "上海铁路局" not in found and "南翔站" in found


def test_a_district_short_name_before_a_place_is_not_part_of_it(recognizer):
    text = "分别为上城始版桥社区、江干采荷荷花塘社区。"
    assert names(recognizer, text)[0][0] == "上城始版桥社区"  # without the city's districts
    found = recognizer.candidates(text, (), frozenset({"上城", "江干"}))
    assert [text[c.start:c.end] for c in found] == ["始版桥社区", "采荷荷花塘社区"]


def test_a_district_short_name_that_begins_a_longer_word_stays(recognizer):
    text = "望江新城是钱塘江金融港湾核心区块。"
    found = recognizer.candidates(text, (), frozenset({"钱塘"}))
    assert "钱塘江金融港湾" in [text[c.start:c.end] for c in found]


def test_a_district_and_an_area_word_name_a_place_and_stations_keep_their_names(recognizer):
    districts = frozenset({"徐汇", "浦东"})
    for text, name in (("徐汇滨江油罐艺术公园明年开幕。", "徐汇滨江油罐艺术公园"),
                       ("坐到浦东大道站下车。", "浦东大道站")):
        found = recognizer.candidates(text, (), districts)
        assert [text[c.start:c.end] for c in found] == [name]


def test_words_that_introduce_a_place_are_not_part_of_it(recognizer):
    found = [n for n, _ in names(recognizer, "比如金运路站,到达迪士尼站。")]
    assert found == ["金运路站", "迪士尼站"]


def test_a_superlative_describes_a_place_it_does_not_name(recognizer):
    assert not [n for n, _ in names(recognizer, "建成上海中心城区最大生态绿地。") if "绿地" in n]


def test_determiners_and_interchange_words_are_not_part_of_a_name(recognizer):
    found = [n for n, _ in names(recognizer, "换乘点杭行路站附近,这些村庄将改造。")]
    assert found == ["杭行路站"]


def test_function_words_and_introducing_verbs_are_not_part_of_a_name(recognizer):
    for text, name in (("他从小听着长安桥站的广播长大。", "长安桥站"),
                       ("他见识过南星桥站的繁忙。", "南星桥站"),
                       ("这一举措使北渚湖公园更加热闹。", "北渚湖公园"),
                       ("沿线设北渚湖公园等五处绿地。", "北渚湖公园"),
                       ("这一站属马当路站管辖。", "马当路站"),
                       ("市民可直达北渚湖公园。", "北渚湖公园"),
                       ("正如北渚湖公园的管理者所说。", "北渚湖公园"),
                       ("继北渚湖公园之后,又一处开放。", "北渚湖公园"),
                       ("沿途靠北渚湖公园。", "北渚湖公园"),
                       ("该项目充分利用北渚湖公园绿化。", "北渚湖公园"),
                       ("临安区科技大道地铁北渚湖站。", "北渚湖站")):
        assert [n for n, _ in names(recognizer, text)] == [name], text


def test_an_adverb_is_not_part_of_a_name(recognizer):
    assert names(recognizer, "李大爷不要随意进站。") == []


def test_a_one_character_suffix_after_a_number_is_a_count(recognizer):
    assert not [n for n, _ in names(recognizer, "沿途共设北渚、南渚5站。") if "5" in n]


def test_a_parks_green_space_is_the_park(recognizer):
    found = [n for n, _ in names(recognizer, "北渚湖公园绿地今天开放,共享城市公园绿地。")]
    assert found == ["北渚湖公园"]


def test_a_district_short_name_stays_in_a_park_name(recognizer):
    text = "到静安雕塑公园赏樱。"
    found = recognizer.candidates(text, (), frozenset({"静安"}))
    assert [text[c.start:c.end] for c in found] == ["静安雕塑公园"]


def test_a_district_short_name_before_a_park_with_a_name_of_its_own_is_dropped(recognizer):
    text = "建成徐汇华泾公园、闵行梅陇绿地。"
    found = recognizer.candidates(text, (), frozenset({"徐汇", "闵行"}))
    assert [text[c.start:c.end] for c in found] == ["华泾公园", "梅陇绿地"]


def test_a_name_ends_before_a_place_word(recognizer):
    assert names(recognizer, "在北渚湖公园里散步,到园内看花。")[0] == ("北渚湖公园", None)


def test_items_of_a_list_ending_in_a_count_of_stations_are_stations(recognizer):
    for text in ("全线设北渚、南渚、东渚3站。", "全线设北渚、南渚、东渚等站。"):
        found = {text[c.start:c.end]: c.like for c in recognizer.candidates(text)}
        assert found == {"北渚": "地铁站", "南渚": "地铁站", "东渚": "地铁站"}, text


def test_a_count_of_stations_after_one_name_is_no_list(recognizer):
    assert names(recognizer, "从北渚坐3站就到。") == []


def test_items_of_a_list_ending_in_their_kind_are_like_it(recognizer):
    text = "北渚新所、南渚里等一批街区完成更新。"
    found = {text[c.start:c.end]: c.like for c in recognizer.candidates(text)}
    assert found == {"北渚新所": "街区", "南渚里": "街区"}


def test_roads_listed_as_a_kind_of_place_are_that_kind(recognizer):
    text = "北渚路、南渚路等街区完成更新。"
    found = {text[c.start:c.end]: c.like for c in recognizer.candidates(text)}
    assert found == {"北渚路": "街区", "南渚路": "街区"}


def test_new_common_words_jieba_does_not_know_make_no_name(recognizer):
    assert names(recognizer, "打造文创街区、电竞产业园。") == []


def test_waterside_words_jieba_calls_places_make_no_name(recognizer):
    assert names(recognizer, "两岸新增滨水绿地和滨河绿地。") == []
    assert names(recognizer, "北渚滨河公园开放。") == [("北渚滨河公园", None)]


def test_province_and_city_names_before_a_place_are_not_part_of_it(recognizer):
    assert names(recognizer, "坐到江苏省昆山市花桥站。") == [("花桥站", None)]
    assert names(recognizer, "在杭州市西湖区北渚公园。") == [("北渚公园", None)]


def test_the_city_in_a_word_for_citizens_stays_in_the_name(recognizer):
    assert names(recognizer, "上海市民健身公园开放。") == [("上海市民健身公园", None)]


def test_a_phase_number_and_project_words_are_not_part_of_a_name(recognizer):
    assert names(recognizer, "二期工程北渚站开工。") == [("北渚站", None)]
    assert names(recognizer, "二期车站开工。") == []


def test_prepositions_of_inclusion_are_not_part_of_a_name(recognizer):
    assert names(recognizer, "已纳入城市公园。") == []
    assert [n for n, _ in names(recognizer, "按照北渚公园标准。")] == ["北渚公园"]


def test_a_common_word_ending_in_a_suffix_character_is_no_name(recognizer):
    assert names(recognizer, "乡村公园名录后续更新。") == []


def test_a_very_common_verb_does_not_start_a_name(recognizer):
    assert names(recognizer, "连接北渚东站。") == [("北渚东站", None)]
    assert names(recognizer, "自然博物馆站到了。") == [("自然博物馆站", None)]


def test_a_division_and_a_suffix_is_no_name(recognizer):
    assert names(recognizer, "下城区公园建设提速。") == []


def test_a_number_with_a_unit_or_a_rank_is_not_part_of_a_name(recognizer):
    assert names(recognizer, "建设10大楔形绿地。") == []
    assert names(recognizer, "两侧各建50米绿带。") == []
    assert names(recognizer, "公园于1985年建园。") == []


def test_a_side_word_ends_a_names_start_before_a_name_of_its_own(recognizer):
    found = [n for n, _ in names(recognizer, "郁宅港运动公园、金源公寓北侧通济公园等多个公园。")]
    assert "通济公园" in found and "金源公寓北侧通济公园" not in found


def test_a_side_word_places_a_park_that_has_no_name(recognizer):
    assert names(recognizer, "新建嘉松南路西侧绿地。") == [("嘉松南路西侧绿地", None)]


def test_a_line_terminus_and_opening_verbs_are_not_part_of_a_name(recognizer):
    assert names(recognizer, "线路终点丰北站。") == [("丰北站", None)]
    assert names(recognizer, "正式投用官山公园。") == [("官山公园", None)]


def test_a_name_of_common_words_on_a_line_of_its_own_is_a_name(recognizer):
    text = "第二批名单\n\n桃源中央公园\n\n玲珑山公园\n"
    assert [n for n, _ in names(recognizer, text)] == ["桃源中央公园", "玲珑山公园"]
    assert names(recognizer, "这里有桃源中央公园。") == []


def test_a_bulleted_item_of_common_words_is_a_name(recognizer):
    text = "有这些公园：\n● 艺术公园\n\n●划船公园\n"
    assert [n for n, _ in names(recognizer, text)] == ["艺术公园", "划船公园"]


def test_a_stop_character_that_begins_a_listed_station_is_part_of_its_name(recognizer):
    found = [n for n, _ in names(recognizer, "有华丰路站、同协路站、小和山站和星桥路站。")]
    assert found == ["华丰路站", "同协路站", "小和山站", "星桥路站"]


def test_a_lists_numbering_is_no_item(recognizer):
    assert [n for n, _ in names(recognizer, "10、富春绿道江滨南大道西段。")] == ["富春绿道"]


def test_a_measure_word_after_digits_ends_a_names_start(recognizer):
    assert names(recognizer, "来看金山3个体育健身公园。") == []
    assert names(recognizer, "完成2020年老旧小区改造。") == []
    assert names(recognizer, "列入2023年度西湖区老旧小区名单。") == []


def test_a_village_suffix_that_ends_a_common_word_is_none(recognizer):
    assert names(recognizer, "曾是哥伦比亚乡村俱乐部。") == []
