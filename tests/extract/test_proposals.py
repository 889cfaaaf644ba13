"""The learned recogniser's proposals weighed against the rules' names."""

import re

from geo.extract.learned import Proposal
from geo.extract.proposals import weigh

TEXT = "启用长兴岛郊野公园和3号线"  # 长兴岛郊野公园 at 2:9, 3号线 at 10:13


def rules_span(start, end):
    return (start, end, None, None, None, None)


def no_entry(name):
    return None


def test_a_sure_proposal_holding_the_rules_name_is_the_longer_name():
    kept = weigh(TEXT, [rules_span(2, 5)], [Proposal(2, 9, "park", 4.5)], no_entry)
    assert [(s[0], s[1], s[5]) for s in kept] == [(2, 9, "park")]


def test_a_less_sure_proposal_leaves_the_rules_bounds():
    kept = weigh(TEXT, [rules_span(2, 5)], [Proposal(2, 9, "park", 3.0)], no_entry)
    assert [(s[0], s[1]) for s in kept] == [(2, 5)]


def test_a_sure_proposal_inside_an_unknown_rules_name_trims_it():
    kept = weigh(TEXT, [rules_span(0, 9)], [Proposal(2, 9, "park", 4.5)], no_entry)
    assert [(s[0], s[1]) for s in kept] == [(2, 9)]


PARK_WORDS = {"park": re.compile("绿道|公园")}


def test_a_name_only_the_model_reads_is_kept_where_it_is_sure_enough():
    sure = weigh(TEXT, [], [Proposal(2, 9, "park", 2.5)], no_entry, PARK_WORDS)
    unsure = weigh(TEXT, [], [Proposal(2, 9, "park", 1.5)], no_entry, PARK_WORDS)
    assert [(s[0], s[1]) for s in sure] == [(2, 9)] and unsure == []


def test_a_name_only_the_model_reads_needs_support_beyond_its_margin():
    text = "周末去天安千树。"
    alone = weigh(text, [], [Proposal(3, 7, "renewal", 5.0)], no_entry, PARK_WORDS)
    assert alone == []


def test_a_name_the_article_repeats_is_supported():
    text = "周末去天安千树。天安千树人很多。"
    kept = weigh(text, [], [Proposal(3, 7, "renewal", 5.0)], no_entry, PARK_WORDS)
    assert [(s[0], s[1]) for s in kept] == [(3, 7)]


def test_a_name_whose_sentence_holds_its_layers_words_is_supported():
    text = "这条绿道旁的滨河步廊开放了。别处无事。"
    kept = weigh(text, [], [Proposal(6, 10, "park", 5.0)], no_entry, PARK_WORDS)
    assert [(s[0], s[1]) for s in kept] == [(6, 10)]


def test_a_metro_line_list_is_never_read_otherwise():
    line = (10, 13, None, "3号线", None, None)
    kept = weigh(TEXT, [line], [Proposal(9, 13, "transit", 9.0)], no_entry)
    assert kept == [line]


def test_the_model_layer_is_kept_for_an_unknown_name_the_rules_also_found():
    kept = weigh(TEXT, [rules_span(2, 9)], [Proposal(2, 9, "renewal", 0.5)], no_entry)
    assert kept == [(2, 9, None, None, None, "renewal")]


def test_a_proposal_the_gazetteer_knows_gets_its_entry():
    entries = {"长兴岛郊野公园": "entry"}
    kept = weigh(TEXT, [], [Proposal(2, 9, "park", 2.5)], entries.get)  # supported by it
    assert kept[0][2] == "entry"
