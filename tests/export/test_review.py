"""The review workflow: review.csv lists approximate places; filled in, it fixes them."""

import csv

from geo import build
from geo.geocode.options import GeocodingOptions
from geo.geocode.overrides import OverridesResolver
from geo.geocode.resolvers import Query

ARTICLE = "宝山区的长阳创谷开园。虹口区的新业坊改造。"


def read_rows(path):
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_review_lists_approximate_places_with_columns_to_fill(seed_build):
    out, _ = seed_build
    rows = read_rows(out / "layers" / "review.csv")
    reasons = {row["reason"].split(":")[0] for row in rows}
    assert reasons == {"approximate", "low confidence"}
    assert {row["lon"] for row in rows} == {""}  # left for the user
    assert "新业坊" in {row["name"] for row in rows}


def test_a_filled_in_review_file_fixes_the_place_on_the_next_build(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    build([tmp_path / "a.txt"], tmp_path / "layers", tmp_path / "maps")
    rows = read_rows(tmp_path / "layers" / "review.csv")
    for row in rows:
        if row["name"] == "新业坊":
            row.update(lon="121.47", lat="31.28", source="surveyed by hand", precision_m="30")
    overrides = tmp_path / "fixed.csv"
    with overrides.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, rows[0].keys())
        writer.writeheader()
        writer.writerows(rows)
    build([tmp_path / "a.txt"], tmp_path / "layers", tmp_path / "maps",
          geocoding=GeocodingOptions(overrides=[str(overrides)]))
    names = {row["name"] for row in read_rows(tmp_path / "layers" / "review.csv")}
    assert "新业坊" not in names


def test_an_override_in_gcj02_is_converted_and_a_row_without_source_is_refused(tmp_path):
    path = tmp_path / "overrides.csv"
    path.write_text("id,name,city,lon,lat,datum,source\n"
                    ",甲园,上海市,121.4856,31.2683,GCJ-02,Amap picker\n"
                    ",乙园,上海市,121.48,31.27,,\n", encoding="utf-8")
    resolver, errors = OverridesResolver.load([path])
    answer = resolver.resolve(Query("甲园", "上海市"))
    assert answer.method == "override" and 400 < abs(answer.lon - 121.4856) * 95000 < 600
    assert errors == [f"{path}:3: a coordinate needs its source (a URL or how it was placed)"]


def test_a_missing_overrides_file_is_reported_by_name(tmp_path):
    resolver, errors = OverridesResolver.load([tmp_path / "nope.csv"])
    assert resolver.rows == {} and errors == [f"{tmp_path / 'nope.csv'}: no such overrides file"]
