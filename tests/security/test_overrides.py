"""Issue 18, configuration and overrides: override precision_m of abc or inf crashed, a
negative one was published, nan dropped the place; coordinates in New York or at 0,0 were
accepted for a Shanghai place."""

import pytest

from geo.gazetteer import Gazetteer
from geo.geocode.options import _city_area
from geo.geocode.overrides import OverridesResolver
from geo.geocode.resolvers import Query

HEADER = "id,name,city,lon,lat,precision_m,source,force\n"


def load(tmp_path, row: str):
    path = tmp_path / "review.csv"
    path.write_text(HEADER + row + "\n", encoding="utf-8")
    return OverridesResolver.load([path], _city_area(Gazetteer.load()))


@pytest.mark.parametrize(("precision", "said"), [
    ("abc", "precision_m 'abc'"), ("inf", "precision_m 'inf'"), ("nan", "precision_m 'nan'"),
    ("-100", "precision_m '-100'"), ("0", "precision_m '0'"),
])
def test_a_precision_that_is_not_a_positive_number_is_refused_by_line(tmp_path, precision, said):
    resolver, errors = load(tmp_path, f",复兴公园,上海市,121.47,31.22,{precision},by hand,")
    assert len(errors) == 1 and "review.csv:2" in errors[0] and said in errors[0]
    assert resolver.resolve(Query(name="复兴公园", city="上海市")) is None


@pytest.mark.parametrize(("lon", "lat"), [("-74.0", "40.7"), ("0", "0"), ("nan", "31")])
def test_a_point_outside_china_is_refused(tmp_path, lon, lat):
    _, errors = load(tmp_path, f",复兴公园,上海市,{lon},{lat},,by hand,")
    assert len(errors) == 1 and "review.csv:2" in errors[0]


def test_a_point_in_another_city_is_refused_unless_forced(tmp_path):
    beijing = ",复兴公园,上海市,116.40,39.90,,by hand,"
    _, errors = load(tmp_path, beijing)
    assert len(errors) == 1 and "outside it" in errors[0] and "force" in errors[0]
    resolver, errors = load(tmp_path, beijing + "yes")
    assert errors == [] and resolver.resolve(Query(name="复兴公园", city="上海市")) is not None


def test_a_good_row_is_used_with_its_precision(tmp_path):
    resolver, errors = load(tmp_path, ",复兴公园,上海市,121.47,31.22,300,by hand,")
    answer = resolver.resolve(Query(name="复兴公园", city="上海市"))
    assert errors == [] and answer.precision_m == 300.0
