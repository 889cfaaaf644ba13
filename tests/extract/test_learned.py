"""The learned recogniser: training, the numpy decoder, and a model file that cannot be read."""

import warnings
from pathlib import Path

import numpy as np
import pytest

from geo import data
from geo.extract import training
from geo.extract.learned import LearnedRecognizer, ModelError, learned, load, marks
from geo.extract.mentions import Extractor
from geo.records import Document

SITES = ["天安千树", "运河天地", "杭一棉", "小河直街", "新华里", "上生新所", "八号桥", "红坊",
         "德必易园", "半岛湾", "尚街", "艺仓", "城市客厅", "西岸梦中心"]
PARKS = ["长风公园", "世纪公园", "滨江绿地", "苏州河步道"]


def article(number: int, site: str, park: str) -> tuple[Document, list[str]]:
    text = (f"老厂房改造后的{site}正式开放,成为城市更新的样板。"
            f"市民可以从{park}步行前往{site}。"
            f"记者走进{site},看到旧仓库变身文创空间。")
    document = Document(id=f"a{number}", path=Path(f"a{number}.txt"), text=text, title="t",
                        city="上海市")
    return document, training.labelled(document, [(site, "renewal"), (park, "park")])


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    """A model trained here on a few articles, and CRFsuite's own model file of it."""
    found = [article(n, site, PARKS[n % len(PARKS)]) for n, site in enumerate(SITES)]
    work = tmp_path_factory.mktemp("model") / "toy.crfsuite"
    reader = marks()
    training.train(found, reader, work, iterations=60)
    return LearnedRecognizer(training.tables(work), reader), work, found


def test_the_numpy_decoder_reads_every_article_as_crfsuite_does(trained):
    model, work, found = trained
    assert training.agreement(work, model, found, marks(), sample=len(found)) == 1.0


def test_reading_texts_together_gives_what_each_gives_alone(trained):
    model, _, found = trained
    texts = [document.text for document, _ in found] + ["", "。", "公园" * 200]
    assert model.propose_all(texts) == [model.propose(text) for text in texts]


def test_a_name_with_no_suffix_is_found_from_the_words_around_it(trained, gazetteer):
    model, _, _ = trained
    text = "老厂房改造后的蟠龙天地正式开放,成为城市更新的样板。"
    document = Document(id="n", path=Path("n.txt"), text=text, title="t", city="上海市")
    found = {m.name: m.learned_layer for m in Extractor(gazetteer, model).mentions(document)}
    assert found.get("蟠龙天地") == "renewal"
    rules_alone = {m.name for m in Extractor(gazetteer).mentions(document)}
    assert "蟠龙天地" not in rules_alone


def test_training_twice_gives_the_same_tables(trained, tmp_path):
    _, _, found = trained
    first, second = (training.fit(found[:6], marks(), tmp_path / f"{n}.crfsuite", iterations=20,
                                  copies=1) for n in range(2))
    assert first.keys() == second.keys()
    assert all(np.array_equal(first[name], second[name]) for name in first)


def test_a_missing_model_file_is_an_error_naming_it(tmp_path):
    path = tmp_path / "recogniser.npz"
    with pytest.raises(ModelError, match=str(path)):
        load(path, marks())


def test_a_model_file_of_another_format_is_an_error_naming_it(trained, tmp_path):
    path = tmp_path / "recogniser.npz"
    model, work, _ = trained
    arrays = training.tables(work)
    arrays["format"] = np.array(99)
    training.save(arrays, path)
    with pytest.raises(ModelError, match="format 99"):
        load(path, marks())


def test_a_corrupt_model_file_leaves_the_rules_alone_with_a_warning(tmp_path):
    (tmp_path / "recogniser.npz").write_bytes(b"PK\x03\x04 not a zip at all")
    with data.overlay(tmp_path), warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert learned() is None
    assert any(str(tmp_path / "recogniser.npz") in str(w.message) and "rules alone"
               in str(w.message) for w in caught)


def test_the_shipped_model_loads(real_gazetteer):
    model = learned()
    assert model is not None
    assert model.propose("城市更新项目上生·新所开放。") is not None
