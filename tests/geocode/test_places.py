from pathlib import Path

import pytest

from geo.extract.classify import classify
from geo.extract.mentions import Extractor
from geo.geocode.places import resolve
from geo.records import Document


def places_for(text: str, gazetteer, city="上海市"):
    document = Document(id="t", path=Path("t.txt"), text=text, title="t", city=city)
    mentions = classify(Extractor(gazetteer).mentions(document))
    return {p.id: p for p in resolve(mentions, gazetteer)}


def test_a_cited_place_keeps_its_own_coordinate(gazetteer):
    place = places_for("长阳创谷开园。", gazetteer)["shanghai-yangpu-changyang-valley"]
    entry = gazetteer["shanghai-yangpu-changyang-valley"]
    assert (place.geometry.x, place.geometry.y) == (entry.lon, entry.lat)
    assert place.location_method == "cited" and not place.approximate


def test_a_place_without_a_source_falls_back_to_its_area_flagged_approximate(gazetteer):
    place = places_for("汶绣园举行门球赛。", gazetteer)["shanghai-hongkou-wenxiuyuan"]
    hongkou = gazetteer.admin("虹口区")
    assert place.approximate
    assert (place.geometry.x, place.geometry.y) == (hongkou.lon, hongkou.lat)
    assert place.precision_m == hongkou.precision_m
    assert "虹口区" in place.location_source


def test_a_place_inside_another_falls_back_to_it_first(gazetteer):
    place = places_for("星空高架公园", gazetteer)["shanghai-baoshan-xingkong-gaoxian-park"]
    site = gazetteer["shanghai-baoshan-jiaoyun-zhihuiwan"]
    assert (place.geometry.x, place.geometry.y) == (site.lon, site.lat) and place.approximate


def test_an_open_line_is_a_linestring_through_its_stations_in_order(gazetteer):
    line = places_for("轨交7号线。", gazetteer)["shanghai-metro-line-7"]
    entry = gazetteer["shanghai-metro-line-7"]
    first, last = gazetteer[entry.stations[0]], gazetteer[entry.stations[-1]]
    assert line.geometry.geom_type == "LineString"
    assert len(line.geometry.coords) == len(entry.stations)
    assert line.geometry.coords[0] == (first.lon, first.lat)
    assert line.geometry.coords[-1] == (last.lon, last.lat)
    assert line.status == "open" and line.location_method == "cited"


def test_a_planned_line_is_drawn_only_through_its_sourced_points(gazetteer):
    places = places_for("新规划的轨交19/20号线将在凉城交汇。", gazetteer)
    assert places["shanghai-metro-line-19"].geometry.geom_type == "Point"
    line20 = places["shanghai-metro-line-20"]
    assert len(line20.geometry.coords) == len(gazetteer["shanghai-metro-line-20"].stations)
    assert {places[k].status for k in places} == {"planned"}
    assert line20.approximate  # its 凉城 end has no published location


def test_status_comes_from_the_articles_when_the_gazetteer_has_none(gazetteer):
    planned = places_for("北科创生物技术产业园将于明年建成开放。", gazetteer)
    assert planned["shanghai-hongkou-bkc-biotech-park"].status == "planned"
    opened = places_for("北科创生物技术产业园开园仪式举行。", gazetteer)
    assert opened["shanghai-hongkou-bkc-biotech-park"].status == "open"


def test_an_unknown_name_falls_back_to_the_street_its_sentence_names(gazetteer):
    places = places_for("宝山区张庙街道的霞飞公园开园。", gazetteer)
    park = next(p for p in places.values() if p.name == "霞飞公园")
    assert park.approximate and "Shown at 张庙街道" in park.location_source
    street = gazetteer["shanghai-baoshan-zhangmiao"]
    assert (park.geometry.x, park.geometry.y) == (street.lon, street.lat)


NEAR_A_STATION = [
    # why, text, shown beside 曹杨路站
    ("a station followed by 旁", "普陀区的梦清湾公园位于曹杨路站旁。", True),
    ("a station after 靠近", "普陀区靠近曹杨路站的梦清湾公园开放。", True),
    ("a station merely in the sentence", "普陀区的梦清湾公园和曹杨路站都在改造。", False),
]


@pytest.mark.parametrize("why, text, beside", NEAR_A_STATION, ids=[r[0] for r in NEAR_A_STATION])
def test_a_place_its_sentence_puts_beside_a_station_is_shown_there(gazetteer, why, text, beside):
    park = next(p for p in places_for(text, gazetteer).values() if p.name == "梦清湾公园")
    station = gazetteer["shanghai-metro-station-曹杨路"]
    at_station = (park.geometry.x, park.geometry.y) == (station.lon, station.lat)
    assert at_station is beside and park.approximate
    if beside:
        assert park.precision_m == 1000 and "曹杨路站" in park.location_source
