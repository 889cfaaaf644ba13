"""Lists in recognition (geo.extract.lists): what the items of A、B、C share.

The rows and their checks (name_checks.py) are as in test_recognize.py.
"""

from name_checks import Includes, Likes, Names, table

# Items listed with a recognised name ([lists] separators and ends; ListReader.list_items): an
# item without a suffix of its own is like the name, and two-character items share its suffix.
# why, text, expected
LISTED_WITH_A_NAME = [
    ("items without a suffix are places too", "片区内的长阳创谷、互联宝地、城市概念园等老厂房。",
     Includes("互联宝地", "长阳创谷")),
    ("two-character items share the last items suffix",
     "与张庙街道辖区的越界、博济、开伦智汇园形成集聚效应。",
     Includes(("越界", "越界智汇园"), ("博济", "博济智汇园"))),
    ("items after a name are listed like it", "不仅仅是兰家湾,骆家庄、玉皇村、白沙泉……规划在前。",
     Likes({"白沙泉": "玉皇村"}, only=False)),
    ("a bare suffix is no item", "在18号线沿线公园、翠悦半岛南侧沿河公园散步。",
     Includes("翠悦半岛南侧沿河公园", lacks=["公园"])),
    ("a lists numbering is no item", "10、富春绿道江滨南大道西段。", Names("富春绿道")),
]


@table(LISTED_WITH_A_NAME)
def test_listed_with_a_name(recognizer, text, expect):
    expect(recognizer, text)


# Names of common words listed next to a name of their kind are names
# (ListReader.listed_with_names).
COMMON_WORDS_LISTED_WITH_NAMES = [
    ("listed with names", "包括苕溪锦绣公园、溪水石滩公园、印象公园等。",
     Names("苕溪锦绣公园", "溪水石滩公园", "印象公园")),
]


@table(COMMON_WORDS_LISTED_WITH_NAMES)
def test_common_words_listed_with_names(recognizer, text, expect):
    expect(recognizer, text)


# A list that ends in what its items are gives them that kind (A、B等一批街区;
# ListReader.listed_kinds). Lists ending in a count of stations: STATION_WORD in
# test_recognize.py.
LISTS_ENDING_IN_THEIR_KIND = [
    ("items are like the kind", "北渚新所、南渚里等一批街区完成更新。",
     Likes({"北渚新所": "街区", "南渚里": "街区"})),
    ("roads listed as a kind of place", "北渚路、南渚路等街区完成更新。",
     Likes({"北渚路": "街区", "南渚路": "街区"})),
]


@table(LISTS_ENDING_IN_THEIR_KIND)
def test_lists_ending_in_their_kind(recognizer, text, expect):
    expect(recognizer, text)
