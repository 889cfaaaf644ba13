import pytest

from geo.extract.recognize import recognizer as shared_recognizer


@pytest.fixture(scope="module")
def recognizer():
    """The recognizer of the package's rules, shared by the rule tables."""
    return shared_recognizer()
