"""Property tests on random text: whatever the input, offsets slice the text to the name."""

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geo.corpus import remove_furniture
from geo.extract.learned import learned
from geo.extract.mentions import Extractor
from geo.records import Document

PIECES = ["公园", "站", "号线", "1、3号线", "19/20", "长阳创谷", "、", "的", "。", "\n", "区",
          "智汇园", "路", "街道", "改造", "宝山区", "上城区", " ", "“", "”", "`", "<b>"]
TEXT = st.lists(st.one_of(st.text(max_size=6), st.sampled_from(PIECES)), max_size=40).map("".join)


@pytest.fixture(scope="module", params=["rules", "model"])
def extractor(request, gazetteer):
    """With the rules alone (--fast) and with the shipped learned recogniser."""
    return Extractor(gazetteer, learned() if request.param == "model" else None)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT)
def test_offsets_slice_the_cleaned_text_to_the_name(extractor, raw):
    text = remove_furniture(raw)
    document = Document(id="p", path=Path("p.txt"), text=text, title="p", city=None)
    for mention in extractor.mentions(document):
        assert text[mention.start:mention.end] == mention.name
        assert mention.sentence_start <= mention.start
        assert mention.name in mention.sentence or "\n" in mention.name


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_any_unicode_is_read_without_crashing(extractor, raw):
    document = Document(id="p", path=Path("p.txt"), text=raw, title="p", city="上海市")
    extractor.mentions(document)
