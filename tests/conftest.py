from pathlib import Path

import pytest

from geo import build
from geo.corpus import find_inputs, read_documents
from geo.gazetteer import Gazetteer

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
GAZETTEER_FIXTURE = Path(__file__).parent / "data" / "gazetteer"


@pytest.fixture(scope="session")
def gazetteer() -> Gazetteer:
    """The small fixture gazetteer (tests/data/gazetteer), for unit tests: rows copied from the
    real files, so growing the real gazetteer never changes what a unit test sees."""
    return Gazetteer.load(GAZETTEER_FIXTURE)


@pytest.fixture(scope="session")
def real_gazetteer() -> Gazetteer:
    """The shipped gazetteer, for tests of its data and end-to-end tests on the seeds."""
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
