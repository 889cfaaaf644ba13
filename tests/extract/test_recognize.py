"""Names no gazetteer entry knows, recognised from their shape.

One table per rule family, in the order of geo/data/recognize.toml ([names], [lists], [lines]);
then the suffixes of geo/data/rules.toml and the division names before a place. The list rules
(A、B、C, geo.extract.lists) are in test_lists.py.

A row is why (the test's id), the text, and what must be found in it: one of the checks below,
each asserting exactly what it says.
"""

from name_checks import NOTHING, At, Includes, Likes, Names, NoName, Pairs, table

# stop_words: a name starts right after the last stop word before its suffix.
# why, text, expected
STOP_WORDS = [
    ("a name starts after a stop word", "南岸有蝴蝶湾公园等休闲空间。",
     Includes(("蝴蝶湾公园", None))),
    ("a time word", "让人穿越到当年淞沪铁路江湾站忙碌的情景。",
     Pairs(("淞沪铁路江湾站", None))),
    ("words that introduce a place", "比如金运路站,到达迪士尼站。",
     Names("金运路站", "迪士尼站")),
    ("an interchange word and a determiner", "换乘点杭行路站附近,这些村庄将改造。",
     Names("杭行路站")),
    ("aspect particle zhe", "他从小听着长安桥站的广播长大。", Names("长安桥站")),
    ("aspect particle guo", "他见识过南星桥站的繁忙。", Names("南星桥站")),
    ("a causative verb", "这一举措使北渚湖公园更加热闹。", Names("北渚湖公园")),
    ("set up", "沿线设北渚湖公园等五处绿地。", Names("北渚湖公园")),
    ("belongs to", "这一站属马当路站管辖。", Names("马当路站")),
    ("reach directly", "市民可直达北渚湖公园。", Names("北渚湖公园")),
    ("just as", "正如北渚湖公园的管理者所说。", Names("北渚湖公园")),
    ("following", "继北渚湖公园之后,又一处开放。", Names("北渚湖公园")),
    ("close by", "沿途靠北渚湖公园。", Names("北渚湖公园")),
    ("make use of", "该项目充分利用北渚湖公园绿化。", Names("北渚湖公园")),
    ("the metro", "临安区科技大道地铁北渚湖站。", Names("北渚湖站")),
    ("a projects phase", "二期工程北渚站开工。", Pairs(("北渚站", None))),
    ("prepositions of inclusion", "已纳入城市公园。", NOTHING),
    ("according to", "按照北渚公园标准。", Names("北渚公园")),
    ("a line terminus", "线路终点丰北站。", Pairs(("丰北站", None))),
    ("an opening verb", "正式投用官山公园。", Pairs(("官山公园", None))),
    ("a plan year after digits", "列入2023年度西湖区老旧小区名单。", NOTHING),
]


@table(STOP_WORDS)
def test_stop_words(recognizer, text, expect):
    expect(recognizer, text)


# name_stop_chars: 和 and 同 among the first two characters of a list item after 、 are part
# of its name.
NAME_STOP_CHARS = [
    ("a stop character that begins a listed station", "有华丰路站、同协路站、小和山站和星桥路站。",
     Names("华丰路站", "同协路站", "小和山站", "星桥路站")),
]


@table(NAME_STOP_CHARS)
def test_name_stop_chars(recognizer, text, expect):
    expect(recognizer, text)


# side_words: stop words, except where they place a park that has no name of its own.
SIDE_WORDS = [
    ("before a name of its own", "郁宅港运动公园、金源公寓北侧通济公园等多个公园。",
     Includes("通济公园", lacks=["金源公寓北侧通济公园"])),
    ("before a park with no name", "新建嘉松南路西侧绿地。", Pairs(("嘉松南路西侧绿地", None))),
]


@table(SIDE_WORDS)
def test_side_words(recognizer, text, expect):
    expect(recognizer, text)


# soft_stop_words: a name runs through 沿线 when only suffixes follow it and two characters
# precede it.
SOFT_STOP_WORDS = [
    ("only suffixes follow", "分别为杜湖内河沿线绿地公园。",
     Pairs(("杜湖内河沿线绿地公园", None))),
    ("a name follows", "苏州河沿线临空一号公园开放。", Pairs(("临空一号公园", None))),
    ("a name follows at the end", "苏州河沿线临空一号公园。", Includes(("临空一号公园", None))),
    ("right after a line", "轨交18号线沿线公园众多。", NoName("公园")),
]


@table(SOFT_STOP_WORDS)
def test_soft_stop_words(recognizer, text, expect):
    expect(recognizer, text)


# locatives: a suffix whose last character starts a longer word is no suffix (站点), unless
# that word is a place word (公园里, 园内).
LOCATIVES = [
    ("a suffix inside a longer word", "依托已开通地铁站点。", NOTHING),
    ("a suffix whose character begins a longer word", "在北渚站点附近。", NOTHING),
    ("a name ends before a place word", "在北渚湖公园里散步,到园内看花。",
     At(0, ("北渚湖公园", None))),
]


@table(LOCATIVES)
def test_locatives(recognizer, text, expect):
    expect(recognizer, text)


# word_final_suffixes: a one-character suffix that ends a common word is no suffix (乡村).
WORD_FINAL_SUFFIXES = [
    ("a village suffix that ends a common word", "曾是哥伦比亚乡村俱乐部。", NOTHING),
]


@table(WORD_FINAL_SUFFIXES)
def test_word_final_suffixes(recognizer, text, expect):
    expect(recognizer, text)


# unjoined_suffixes: a park's green space (公园绿地) is the park, not a longer name.
UNJOINED_SUFFIXES = [
    ("a parks green space is the park", "北渚湖公园绿地今天开放,共享城市公园绿地。",
     Names("北渚湖公园")),
]


@table(UNJOINED_SUFFIXES)
def test_unjoined_suffixes(recognizer, text, expect):
    expect(recognizer, text)


# measure_words and counting_chars: a measure word ends a name's start only after a numeral or
# a determiner; after digits, even where it would begin a word (个体, 年老).
MEASURE_WORDS = [
    ("inside a name", "沿线经过陆家嘴站。", Pairs(("陆家嘴站", None))),
    ("after a numeral", "区内已有3家科创园。", NOTHING),
    ("a rank", "建设10大楔形绿地。", NOTHING),
    ("a unit", "两侧各建50米绿带。", NOTHING),
    ("a year", "公园于1985年建园。", NOTHING),
    ("a count where it would begin a word", "来看金山3个体育健身公园。", NOTHING),
    ("a year where it would begin a word", "完成2020年老旧小区改造。", NOTHING),
    ("a phase number", "二期车站开工。", NOTHING),
]


@table(MEASURE_WORDS)
def test_measure_words(recognizer, text, expect):
    expect(recognizer, text)


# verb_tags: a name never holds a verb or an adverb; it starts after the last one.
VERB_TAGS = [
    ("a name starts after the last verb", "1999年上海开始尝试改建旧仓库为创意产业。",
     NoName("^上海")),
    ("an adverb", "李大爷不要随意进站。", NOTHING),
]


@table(VERB_TAGS)
def test_verb_tags(recognizer, text, expect):
    expect(recognizer, text)


# start_verb_tags: a name's first word is cut off only when it is a very common verb.
START_VERB_TAGS = [
    ("a very common verb", "连接北渚东站。", Pairs(("北渚东站", None))),
    ("an adverb may begin a name", "自然博物馆站到了。", Pairs(("自然博物馆站", None))),
]


@table(START_VERB_TAGS)
def test_start_verb_tags(recognizer, text, expect):
    expect(recognizer, text)


# clause_tags: words with a verb or an adverb after a listed name are a clause, no list item.
CLAUSE_TAGS = [
    ("a clause after a name", "走进玉皇村、市民游客纷纷前来参观。", Names("玉皇村")),
]


@table(CLAUSE_TAGS)
def test_clause_tags(recognizer, text, expect):
    expect(recognizer, text)


# proper_tags: words before a suffix with no proper noun (nor unknown word) describe a place.
PROPER_TAGS = [
    ("a description", "是一座以体育为主题的社区活力公园。", NOTHING),
]


@table(PROPER_TAGS)
def test_proper_tags(recognizer, text, expect):
    expect(recognizer, text)


# common_words: words that jieba tags as places (城市, 滨河) or does not know (文创, 电竞),
# which make no name on their own.
COMMON_WORDS = [
    ("alone", "122个城市公园闪亮登场。", NOTHING),
    ("new words jieba does not know", "打造文创街区、电竞产业园。", NOTHING),
    ("waterside words jieba calls places", "两岸新增滨水绿地和滨河绿地。", NOTHING),
    ("a waterside word after a name", "北渚滨河公园开放。", Pairs(("北渚滨河公园", None))),
    ("one that ends in a suffix character", "乡村公园名录后续更新。", NOTHING),
]


@table(COMMON_WORDS)
def test_common_words(recognizer, text, expect):
    expect(recognizer, text)


# descriptive_endings: a type of place (综合性) or a superlative describes; it does not name.
DESCRIPTIVE_ENDINGS = [
    ("a type of place", "集体育馆、运动场于一体的综合性城市体育公园。", NOTHING),
    ("a superlative", "建成上海中心城区最大生态绿地。", NoName("绿地")),
]


@table(DESCRIPTIVE_ENDINGS)
def test_descriptive_endings(recognizer, text, expect):
    expect(recognizer, text)


# name_followers: a name of common words is a name when the text says where it is right
# after it. (Listed next to a name of its kind: test_lists.py.)
NAME_FOLLOWERS = [
    ("the text says where it is", "例如,运河亚运公园位于拱墅区。",
     Includes(("运河亚运公园", None))),
]


@table(NAME_FOLLOWERS)
def test_name_followers(recognizer, text, expect):
    expect(recognizer, text)


# district_area_words: a short name of one of the article's districts (given) is dropped from
# the start of a name, unless one of these follows it (徐汇滨江) or it begins a longer word.
# why, districts, text, expected
DISTRICT_AREA_WORDS = [
    ("kept when no districts are given", frozenset(), "分别为上城始版桥社区、江干采荷荷花塘社区。",
     At(0, "上城始版桥社区")),
    ("dropped", frozenset({"上城", "江干"}), "分别为上城始版桥社区、江干采荷荷花塘社区。",
     Names("始版桥社区", "采荷荷花塘社区")),
    ("kept where it begins a longer word", frozenset({"钱塘"}),
     "望江新城是钱塘江金融港湾核心区块。", Includes("钱塘江金融港湾")),
    ("kept before an area word", frozenset({"徐汇", "浦东"}), "徐汇滨江油罐艺术公园明年开幕。",
     Names("徐汇滨江油罐艺术公园")),
]
WITH_DISTRICTS = ("districts", "text", "expect")


@table(DISTRICT_AREA_WORDS, WITH_DISTRICTS)
def test_district_area_words(recognizer, districts, text, expect):
    expect(recognizer, text, districts)


# district_kept_by: the layers whose names keep the district's short name (stations).
# why, districts, text, expected
DISTRICT_KEPT_BY = [
    ("stations keep it", frozenset({"徐汇", "浦东"}), "坐到浦东大道站下车。", Names("浦东大道站")),
]


@table(DISTRICT_KEPT_BY, WITH_DISTRICTS)
def test_district_kept_by(recognizer, districts, text, expect):
    expect(recognizer, text, districts)


# district_kept_by_common_names: the layers whose names keep it when the rest of the name is
# common words (parks).
# why, districts, text, expected
DISTRICT_KEPT_BY_COMMON_NAMES = [
    ("a park of common words keeps it", frozenset({"静安"}), "到静安雕塑公园赏樱。",
     Names("静安雕塑公园")),
    ("a park with a name of its own does not", frozenset({"徐汇", "闵行"}),
     "建成徐汇华泾公园、闵行梅陇绿地。", Names("华泾公园", "梅陇绿地")),
]


@table(DISTRICT_KEPT_BY_COMMON_NAMES, WITH_DISTRICTS)
def test_district_kept_by_common_names(recognizer, districts, text, expect):
    expect(recognizer, text, districts)


# strip_prefixes: "the former" is dropped from the start of a name.
STRIP_PREFIXES = [
    ("the former", "利用原上海制皂厂改造。", Pairs(("上海制皂厂", None))),
]


@table(STRIP_PREFIXES)
def test_strip_prefixes(recognizer, text, expect):
    expect(recognizer, text)


# modifier_chars: characters that only modify; any other lone character marks a proper name.
MODIFIER_CHARS = [
    ("modifiers make no name", "老旧小区改造。", NOTHING),
    ("other lone characters make a name", "梦清园开放。", Pairs(("梦清园", None))),
]


@table(MODIFIER_CHARS)
def test_modifier_chars(recognizer, text, expect):
    expect(recognizer, text)


# not_after: a name right after a comparison or a description is no place named here.
NOT_AFTER = [
    ("a comparison", "改造成类似纽约线型空中花园的样子。", NOTHING),
]


@table(NOT_AFTER)
def test_not_after(recognizer, text, expect):
    expect(recognizer, text)


# not_places: whole names that only look like places.
NOT_PLACES = [
    ("the next stop", "下一站位于北渚。", NOTHING),
]


@table(NOT_PLACES)
def test_not_places(recognizer, text, expect):
    expect(recognizer, text)


# organisation_endings: a list item without a suffix that ends in one is an organisation.
ORGANISATION_ENDINGS = [
    ("listed with a place", "在上海铁路局及南翔站的支持下改造。",
     Includes("南翔站", lacks=["上海铁路局"])),
]


@table(ORGANISATION_ENDINGS)
def test_organisation_endings(recognizer, text, expect):
    expect(recognizer, text)


# not_place_endings: names that end in these are no places.
NOT_PLACE_ENDINGS = [
    ("a service point is no station", "北中环广粤路科创街区党群服务站是一家实践阵地。",
     NoName("站$", nonempty=True)),
    ("urban villages as a kind", "杭州城中村改造进入新一轮城中村攻坚。", NOTHING),
]


@table(NOT_PLACE_ENDINGS)
def test_not_place_endings(recognizer, text, expect):
    expect(recognizer, text)


# station_word: 爱辉路地铁站 is the station 爱辉路站; the items of a list that ends in a count
# of stations are stations named without 站 (but a count after one name is no list).
STATION_WORD = [
    ("a metro station is the station", "靠近爱辉路地铁站的泗塘公园。",
     At(0, ("爱辉路地铁站", "爱辉路站"))),
    ("a list ending in a count of stations", "全线设北渚、南渚、东渚3站。",
     Likes({"北渚": "地铁站", "南渚": "地铁站", "东渚": "地铁站"})),
    ("a list ending in stations", "全线设北渚、南渚、东渚等站。",
     Likes({"北渚": "地铁站", "南渚": "地铁站", "东渚": "地铁站"})),
    ("a count of stations after one name", "从北渚坐3站就到。", NOTHING),
]


@table(STATION_WORD)
def test_station_word(recognizer, text, expect):
    expect(recognizer, text)


# longer_name_endings is read by geo.extract.mentions (test_mentions.py).

# [lists] bullets: a name of common words on a line of its own, with or without a bullet, is a
# name. ([lists] separators and ends: test_lists.py.)
BULLETS = [
    ("a line of its own", "第二批名单\n\n桃源中央公园\n\n玲珑山公园\n",
     Names("桃源中央公园", "玲珑山公园")),
    ("not on a line of its own", "这里有桃源中央公园。", NOTHING),
    ("a bulleted line", "有这些公园：\n● 艺术公园\n\n●划船公园\n", Names("艺术公园", "划船公园")),
]


@table(BULLETS)
def test_bullets(recognizer, text, expect):
    expect(recognizer, text)


# [lines] prefixes and city_prefixes are read by geo.extract.mentions (test_mentions.py).

# [lines] station_layers: a name of these layers right after its line (1号线姑娘桥站) is a
# station, whatever its words.
STATION_LAYERS = [
    ("a station right after its line", "紧邻杭绍地铁1号线姑娘桥站,是一个主题公园。",
     Includes(("姑娘桥站", None))),
]


@table(STATION_LAYERS)
def test_station_layers(recognizer, text, expect):
    expect(recognizer, text)


# Suffixes (rules.toml, every layer's): a name ends in one, and adjacent suffixes join.
SUFFIXES = [
    ("adjacent suffixes make one name", "从桂林公园站出发。", Pairs(("桂林公园站", None))),
    ("a park named after its road or square", "分别为湘湖湖山广场综合公园、湘湖亚太路沿线公园。",
     Names("湘湖湖山广场综合公园", "湘湖亚太路沿线公园")),
    ("a one-character suffix after a number is a count", "沿途共设北渚、南渚5站。",
     NoName("5")),
]


@table(SUFFIXES)
def test_suffixes(recognizer, text, expect):
    expect(recognizer, text)


def test_a_name_does_not_reach_back_over_an_earlier_one(recognizer):
    text = "交通:18号线上海财经大学站"
    start = text.index("18号线")
    found = recognizer.candidates(text, taken=[(start, start + 4)])
    assert [text[c.start:c.end] for c in found] == ["上海财经大学站"]


# Division names before a place (geo.extract.admin's registry) are not part of it.
DIVISIONS = [
    ("a district", "南至浦东新区航头站。", Pairs(("航头站", None))),
    ("a district before joined suffixes", "14号线西起嘉定区封浜站。", At(-1, ("封浜站", None))),
    ("a province and a city", "坐到江苏省昆山市花桥站。", Pairs(("花桥站", None))),
    ("a city and a district", "在杭州市西湖区北渚公园。", Pairs(("北渚公园", None))),
    ("the city in a word for citizens stays", "上海市民健身公园开放。",
     Pairs(("上海市民健身公园", None))),
    ("a division and a suffix is no name", "下城区公园建设提速。", NOTHING),
]


@table(DIVISIONS)
def test_divisions(recognizer, text, expect):
    expect(recognizer, text)
