from pathlib import Path

import pytest

from geo import build
from geo.corpus import find_inputs, read_documents
from geo.gazetteer import Gazetteer

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="session")
def gazetteer() -> Gazetteer:
    return Gazetteer.load()


@pytest.fixture(scope="session")
def seed_documents():
    return list(read_documents(find_inputs([SEEDS])))


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory):
    """One build of the seeds into a scratch folder, shared by the tests that read outputs."""
    out = tmp_path_factory.mktemp("build")
    report = build([SEEDS], out / "layers", out / "maps")
    return out, report
