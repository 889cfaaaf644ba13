"""A name's layer settled once per article, and names carried through the article."""

from pathlib import Path

from geo.extract.document import carry_names, settle_layers
from geo.records import Document, Mention


def mention(text: str, name: str, layer: str, occurrence: int = 0, **fields) -> Mention:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(name, start + 1)
    return Mention(document="d", name=name, start=start, end=start + len(name), sentence=text,
                   sentence_start=0, layer=layer, **fields)


def document(text: str) -> Document:
    return Document(id="d", path=Path("d.txt"), text=text, title="t", city="上海市")


def test_an_unknown_name_takes_the_layer_most_of_its_mentions_have():
    text = "曹杨新村改造完成。曹杨新村加装电梯。曹杨新村很热闹。"
    found = [mention(text, "曹杨新村", layer, n)
             for n, layer in enumerate(["renewal", "renewal", "other"])]
    assert [m.layer for m in settle_layers(found)] == ["renewal"] * 3


def test_a_name_with_no_mapped_layer_stays_as_context():
    text = "某某路很长。某某路很宽。"
    found = [mention(text, "某某路", "other", n) for n in range(2)]
    assert [m.layer for m in settle_layers(found)] == ["other", "other"]


def test_a_known_place_keeps_its_own_layer():
    text = "长风公园开放。长风公园改造。"
    found = [mention(text, "长风公园", "park", 0, place_id="p"),
             mention(text, "长风公园", "renewal", 1, place_id="p")]
    assert [m.layer for m in settle_layers(found)] == ["park", "renewal"]


def test_a_later_bare_repetition_of_an_accepted_name_is_found():
    text = "老厂房变身运河天地。周末去运河天地的人很多。"
    carried = carry_names([mention(text, "运河天地", "renewal")], [document(text)])
    assert [(m.name, m.layer, m.start) for m in carried] == [
        ("运河天地", "renewal", 5), ("运河天地", "renewal", text.rindex("运河天地"))]
    assert carried[1].sentence == "周末去运河天地的人很多。"


def test_the_short_form_after_a_middle_dot_is_found_as_the_same_place():
    text = "上生·新所开放。新所里有泳池。"
    carried = carry_names([mention(text, "上生·新所", "renewal")], [document(text)])
    assert [(m.name, m.full_name) for m in carried] == [("上生·新所", "上生·新所"),
                                                        ("新所", "上生·新所")]


def test_a_two_character_name_is_not_carried():
    text = "杭钢改造成公园。杭钢的工人回来了。"
    carried = carry_names([mention(text, "杭钢", "renewal")], [document(text)])
    assert len(carried) == 1


def test_a_name_kept_as_context_is_not_carried():
    text = "某某大楼很高。某某大楼很旧。"
    carried = carry_names([mention(text, "某某大楼", "other")], [document(text)])
    assert len(carried) == 1
