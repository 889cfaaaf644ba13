"""What "the same result" means for a corpus run: the same mentions in the same order, and
the same layers, row for row."""

from geopandas.testing import assert_geodataframe_equal

from geo.pipeline import Atlas


def assert_same_atlas(atlas: Atlas, whole: Atlas) -> None:
    assert atlas.mentions == whole.mentions
    assert list(atlas.frames) == list(whole.frames)
    for layer, frame in whole.frames.items():
        assert_geodataframe_equal(atlas.frames[layer], frame)
    assert [place.id for place in atlas.places] == [place.id for place in whole.places]
