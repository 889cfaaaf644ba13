"""Facts near a mention: dates, areas, money, with normalised values."""

import pytest

from geo.extract.facts import facts_in

FACTS = [
    # why, sentence, article year, (kind, text, value)
    ("a full date", "2020年12月25日开园。", None, ("date", "2020年12月25日", "2020-12-25")),
    ("今年 is the article's year", "今年5月24日举行。", 2024,
     ("date", "今年5月24日", "2024-05-24")),
    ("mu in square metres", "占地118亩。", None, ("area", "118亩", 78_666.7)),
    ("square kilometres", "面积6.9平方公里。", None, ("area", "6.9平方公里", 6_900_000)),
    ("Chinese numerals", "七万方商业体。", None, ("area", "七万方", 70_000)),
    ("money in yuan", "总投资50亿元。", None, ("money", "50亿元", 5e9)),
]


@pytest.mark.parametrize("why, sentence, year, fact", FACTS, ids=[row[0] for row in FACTS])
def test_facts(why, sentence, year, fact):
    kind, text, value = fact
    found = {(f.kind, f.text): f.value for f in facts_in(sentence, year)}
    assert found[(kind, text)] == (value if isinstance(value, str) else pytest.approx(value))


def test_facts_of_several_kinds_in_one_sentence():
    facts = facts_in("2020年12月25日开园,占地118亩,总投资50亿元的上药超级工厂。")
    assert {(f.kind, f.text) for f in facts} >= {
        ("date", "2020年12月25日"), ("area", "118亩"), ("money", "50亿元")}
