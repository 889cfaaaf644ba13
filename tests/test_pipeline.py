"""build writes the outputs it is asked for, by name."""

from pathlib import Path

import pytest

from geo.pipeline import build

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def test_only_the_outputs_named_are_written(tmp_path):
    report = build([SEEDS], tmp_path / "layers", tmp_path / "maps", outputs=["review"])
    assert sorted(path.name for path in report.files) == ["review.csv", "unresolved.csv"]
    assert not list((tmp_path / "maps").rglob("*.html"))


def test_an_unknown_output_is_refused_before_anything_is_written(tmp_path):
    with pytest.raises(ValueError, match="'shapefile'"):
        build([SEEDS], tmp_path / "layers", tmp_path / "maps", outputs=["layers", "shapefile"])
    assert not (tmp_path / "layers").exists()

