"""The rules model: rules.toml and recognize.toml read into typed objects, checked on load."""

from pathlib import Path

import pytest

from geo import data
from geo.extract.rules import rules


def test_the_rules_are_typed():
    model = rules()
    assert model.names.max_length == 12 and "的" in model.names.stop_words
    assert model.suffix_layer["口袋公园"] == "park" and model.suffixes[0] == "创意产业集聚区"
    assert [rule.status for rule in model.status][:2] == ["open", "under construction"]


def changed(folder: Path, name: str, old: str, new: str) -> Path:
    """The package's data file ``name`` with ``old`` replaced by ``new``, in ``folder``."""
    text = data.path(name).read_text("utf-8")
    assert old in text
    (folder / name).write_text(text.replace(old, new, 1), encoding="utf-8")
    return folder / name


BAD_RULES = [
    # why, file, old text, new text, what the error names
    ("a misspelt status key", "rules.toml", 'keywords = ["已开通"', 'keyword = ["已开通"',
     "'keyword'"),
    ("a status that does not exist", "rules.toml", 'status = "planned"', 'status = "soon"',
     "'soon'"),
    ("a layer layers.toml does not define", "rules.toml", "[layer.park]", "[layer.parks]",
     "[layer.parks]"),
    ("a context scope that does not exist", "rules.toml", 'context_scope = "document"',
     'context_scope = "article"', "context_scope"),
    ("a misspelt name key", "recognize.toml", "max_length = 12", "max_lenght = 12",
     "'max_lenght'"),
    ("a number written as text", "recognize.toml", "max_length = 12", 'max_length = "12"',
     "'max_length'"),
    ("characters written as a list", "recognize.toml", 'name_stop_chars = "和同"',
     'name_stop_chars = ["和", "同"]', "'name_stop_chars'"),
    ("an unknown table", "recognize.toml", "[lists]", "[list]", "'list'"),
]


@pytest.mark.parametrize("why, name, old, new, named", BAD_RULES,
                         ids=[row[0] for row in BAD_RULES])
def test_a_bad_rule_names_the_file_and_the_key(tmp_path, why, name, old, new, named):
    path = changed(tmp_path, name, old, new)
    with data.overlay(tmp_path), pytest.raises(data.DataError) as error:
        rules()
    assert str(path) in str(error.value) and named in str(error.value)


def test_a_toml_syntax_error_names_the_file(tmp_path):
    path = changed(tmp_path, "recognize.toml", "[names]", "[names")
    with data.overlay(tmp_path), pytest.raises(data.DataError, match=str(path)):
        rules()
