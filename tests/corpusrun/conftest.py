"""A small corpus for corpus runs: the five seeds and a JSON Lines file of five more articles
(the second half of each seed), ten documents in all; and its single-process result."""

import json
import shutil
from pathlib import Path

import pytest

from geo.pipeline import Atlas, locate, read

SEEDS = Path(__file__).resolve().parent.parent.parent / "seeds"


@pytest.fixture(scope="session")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    for path in SEEDS.iterdir():
        shutil.copy(path, folder / path.name)
    records = []
    for number, path in enumerate(sorted(SEEDS.glob("*.txt"))):
        paragraphs = [p for p in path.read_text(encoding="utf-8").split("\n") if p.strip()]
        second_half = "\n".join(paragraphs[len(paragraphs) // 2:])
        records.append({"id": f"more-{number}", "text": second_half, "city": "上海市",
                        "date": f"202{number}-05-01"})
    (folder / "more.jsonl").write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return folder


@pytest.fixture(scope="session")
def documents(corpus):
    found, errors = read([corpus])
    assert len(found) == 10 and not errors
    return found


@pytest.fixture(scope="session")
def whole(corpus) -> Atlas:
    """The corpus located in one go, in this process, as without corpus runs."""
    return locate([corpus])
