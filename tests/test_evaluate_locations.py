"""Location scoring: how far the map puts each place from its public location."""

from pathlib import Path

import pytest
from shapely.geometry import LineString, Point

from geo.evaluate import Located, location_report, score_locations
from geo.records import Document, Mention, Place

DOC = Document(id="d", path=Path("d.txt"), text="某某公园和1号线。", title="t", city="上海市")


def place(name: str, geometry, precision: float, layer: str = "park") -> Place:
    mention = Mention(document="d", name=name, start=0, end=len(name), sentence="",
                      sentence_start=0, layer=layer)
    return Place(id=f"p-{name}", name=name, layer=layer, kind="park", status="open",
                 city="上海市", district=None, geometry=geometry, precision_m=precision,
                 location_method="approximate", location_source="", mentions=(mention,))


def truth(name: str, lon: float, lat: float, layer: str = "park") -> dict:
    return {"document": "d", "name": name, "layer": layer, "lon": lon, "lat": lat}


def test_the_error_is_the_distance_to_the_mapped_point(gazetteer):
    (result,) = score_locations([DOC], [place("某某公园", Point(121.0, 31.0), 500.0)],
                                [truth("某某公园", 121.0, 31.01)], gazetteer)
    assert result.error_m == pytest.approx(1112, abs=2) and result.honest is False


def test_a_line_is_as_far_as_its_nearest_part(gazetteer):
    line = LineString([(121.0, 31.0), (121.1, 31.0)])
    (result,) = score_locations([DOC], [place("1号线", line, 100.0, "transit")],
                                [truth("1号线", 121.05, 31.0005, "transit")], gazetteer)
    assert result.error_m == pytest.approx(56, abs=2) and result.honest is True


def test_a_place_the_text_does_not_yield_is_not_on_the_map(gazetteer):
    (result,) = score_locations([DOC], [], [truth("某某公园", 121.0, 31.0)], gazetteer)
    assert result.place_id is None and result.error_m is None and result.honest is None


def test_the_report_counts_shares_of_every_place_with_a_public_location():
    results = [Located("d", "a", "park", "a", 100.0, 500.0, "cited"),
               Located("d", "b", "park", "b", 3000.0, 1000.0, "approximate"),
               Located("d", "c", "park", None, None, None, None)]
    text = location_report(results)
    assert "within  250 m:    1 = 33%" in text and "within 5000 m:    2 = 67%" in text
    assert "median error: 1,550 m" in text and "1 of 2 = 50%" in text
