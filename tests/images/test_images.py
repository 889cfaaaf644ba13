"""Static report images: files, reproducible bytes, hostile names, empty input, scale, CRS."""

import warnings
import xml.etree.ElementTree as ET
from pathlib import Path

import geopandas as gpd
import pytest
from matplotlib.colors import to_rgba
from PIL import Image
from shapely.geometry import LineString, Point

from geo import layerspec
from geo.images import draw as report
from geo.images import furniture as report_furniture
from geo.layers import COLUMNS, CRS

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
HOSTILE = "$x$ <script>alert(1)</script> & 100%"


def frame(*rows: dict) -> gpd.GeoDataFrame:
    defaults = {"status": "open", "approximate": False, "precision_m": 100.0, "colour": None}
    records = [{column: None for column in COLUMNS} | defaults | row for row in rows]
    return gpd.GeoDataFrame(records, columns=[*COLUMNS, "geometry"], geometry="geometry",
                            crs=CRS)


def frames(park=(), transit=(), renewal=()) -> dict[str, gpd.GeoDataFrame]:
    return {"park": frame(*park), "transit": frame(*transit), "renewal": frame(*renewal)}


def shanghai(line_name: str = "上海轨道交通1号线") -> dict[str, gpd.GeoDataFrame]:
    return frames(
        park=[{"name": "创智农园", "layer": "park", "kind": "park", "approximate": True,
               "geometry": Point(121.5257, 31.2598)}],
        transit=[{"name": line_name, "layer": "transit", "kind": "line", "colour": "#E3002A",
                  "geometry": LineString([(121.38, 31.11), (121.47, 31.23), (121.48, 31.40)])},
                 {"name": "上海轨道交通20号线", "layer": "transit", "kind": "line",
                  "status": "planned", "colour": "#8C8C8C",
                  "geometry": LineString([(121.40, 31.26), (121.52, 31.27)])},
                 {"name": "凉城站", "layer": "transit", "kind": "station",
                  "geometry": Point(121.48, 31.29)}],
        renewal=[{"name": "长阳创谷", "layer": "renewal", "kind": "site",
                  "geometry": Point(121.5276, 31.2749)}],
    )


def map_axes(figure):
    return next(ax for ax in figure.axes if ax.get_label() == "map")


def svg_texts(path) -> str:
    return " ".join(element.text or "" for element in ET.parse(path).getroot().iter())


def test_writes_a_png_and_an_svg_with_the_title(tmp_path):
    png, svg = report.write_images(shanghai(), "Yangpu renewal", tmp_path / "map")
    assert (png.name, svg.name) == ("map.png", "map.svg")
    assert png.read_bytes()[:8] == PNG_MAGIC
    with Image.open(png) as image:
        assert image.width > 1000 and image.height > 1000  # 200 dpi on a figure of ~7 inches
    assert "Yangpu renewal" in svg_texts(svg)


def test_same_input_gives_identical_bytes(tmp_path):
    first = report.write_images(shanghai(), "Same", tmp_path / "a" / "map")
    second = report.write_images(shanghai(), "Same", tmp_path / "b" / "map")
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]


def test_hostile_names_are_drawn_literally(tmp_path):
    _, svg = report.write_images(shanghai(line_name=HOSTILE), HOSTILE, tmp_path / "map")
    root = ET.parse(svg).getroot()
    assert not [e for e in root.iter() if e.tag.endswith("script")]
    assert svg_texts(svg).count(HOSTILE) >= 2  # the title and the line's legend entry


def test_empty_frames_still_make_an_image(tmp_path):
    png, svg = report.write_images(frames(), "Nothing located", tmp_path / "map")
    assert png.read_bytes()[:8] == PNG_MAGIC
    assert "Nothing located" in svg_texts(svg)


def test_a_single_point_gets_about_a_kilometre_around_it():
    figure = report.draw(frames(renewal=[shanghai()["renewal"].iloc[0].to_dict()]), "One")
    x0, x1 = map_axes(figure).get_xlim()
    assert 2000 <= x1 - x0 <= 4000


def test_no_temporary_files_are_left_behind(tmp_path):
    report.write_images(shanghai(), "Clean", tmp_path / "map")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["map.png", "map.svg"]


@pytest.mark.parametrize(("width_m", "length_m"), [
    (2_000, 500), (10_000, 2_000), (26_000, 5_000), (130_000, 20_000), (7, 1),
])
def test_scale_bar_length_is_a_round_fifth_of_the_width(width_m, length_m):
    assert report_furniture.scale_length(width_m) == length_m


def test_shanghai_is_drawn_in_utm_zone_51_north():
    assert report.utm_crs(shanghai()).to_epsg() == 32651


def test_planned_lines_are_dashed_in_their_own_colour():
    ax = map_axes(report.draw(shanghai(), "Lines"))
    styles = {line.get_color().upper(): line.get_linestyle() for line in ax.lines}
    assert styles["#8C8C8C"] == "--" and styles["#E3002A"] == "-"


def test_approximate_points_are_hollow_with_a_dashed_edge():
    ax = map_axes(report.draw(shanghai(), "Parks"))
    park = next(c for c in ax.collections
                if tuple(c.get_edgecolor()[0]) == to_rgba(layerspec.spec("park").colour))
    assert not park.get_facecolor()[:, 3].any()  # fully transparent fill
    assert park.get_linestyle()[0][1] is not None  # a dash pattern, not solid


def test_without_a_cjk_font_one_warning_and_no_chinese(tmp_path, monkeypatch):
    monkeypatch.setattr(report, "cjk_font", lambda: None)
    report._warn_no_font.cache_clear()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        _, svg = report.write_images(shanghai(), "Shanghai 上海", tmp_path / "map")
    assert len(caught) == 1 and "fonts-noto-cjk" in str(caught[0].message)
    text = svg_texts(svg)
    assert "Shanghai" in text and "Line 1" in text
    assert not any("\u4e00" <= ch <= "\u9fff" for ch in text)


def test_many_images_without_a_cjk_font_warn_once(tmp_path, monkeypatch):
    monkeypatch.setattr(report, "cjk_font", lambda: None)
    report._warn_no_font.cache_clear()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        for name in ("a", "b", "c"):
            report.write_images(shanghai(), name, tmp_path / name)
    assert len(caught) == 1


def test_a_quiet_build_says_nothing_of_fonts(tmp_path, monkeypatch, capsys):
    from geo.cli import main

    monkeypatch.setattr(report, "cjk_font", lambda: None)
    report._warn_no_font.cache_clear()
    seeds = Path(__file__).resolve().parents[2] / "seeds"
    with warnings.catch_warnings():
        warnings.simplefilter("always")
        assert main(["build", str(seeds), "--layers", str(tmp_path / "l"), "--maps",
                     str(tmp_path / "m"), "--images", "-q", "--no-article-maps"]) == 0
    assert "CJK" not in capsys.readouterr().err


def test_a_long_legend_stays_inside_the_figure():
    lines = [{"name": f"上海轨道交通{i}号线", "layer": "transit", "kind": "line",
              "geometry": LineString([(121.0, 31.0 + i / 250), (121.8, 31.0 + i / 250)])}
             for i in range(1, 31)]
    figure = report.draw(frames(transit=lines), "Thirty lines on a wide map")
    legend = next(ax for ax in figure.axes if ax.get_label() == "legend").get_legend()
    assert legend.get_window_extent(figure.canvas.get_renderer()).y0 >= 0


def test_build_with_images_writes_the_overview_and_each_city(tmp_path):
    from geo.pipeline import DEFAULT_OUTPUTS, build

    article = tmp_path / "a.txt"
    article.write_text("上海市杨浦区的长阳创谷改造。", encoding="utf-8")
    build([article], tmp_path / "layers", tmp_path / "maps",
          outputs=[*DEFAULT_OUTPUTS, "images"])
    written = sorted(p.name for p in (tmp_path / "maps" / "images").iterdir())
    assert written == ["index.png", "index.svg", "shanghai.png", "shanghai.svg"]


def test_places_at_one_spot_are_all_named(tmp_path):
    spot = Point(121.50, 31.25)
    sites = [{"name": name, "layer": "renewal", "kind": "site", "approximate": True,
              "geometry": spot} for name in ("甲地块", "乙地块", "丙地块")]
    _, svg = report.write_images(frames(renewal=sites), "One spot", tmp_path / "map")
    text = svg_texts(svg)
    assert all(name in text for name in ("甲地块", "乙地块", "丙地块")) and "+2" not in text


@pytest.mark.skipif(report.cjk_font() is None, reason="no CJK font to label districts with")
def test_a_citys_districts_are_drawn_and_named_under_its_places(tmp_path):
    from geo.gazetteer import Gazetteer
    from geo.outlines import CREDIT, city_outlines, for_view

    view = shanghai()
    for frame in view.values():
        frame["city"] = "上海市"
    outlines = for_view(city_outlines(["上海市"], Gazetteer.load().bulk.city_codes), view)
    figure = report.draw(view, "Districts", outlines)
    ax = map_axes(figure)
    names = {text.get_text() for text in ax.texts}
    assert {"杨浦区", "虹口区"} <= names  # both in the view of these places
    assert "崇明区" not in names  # far outside it
    outline_lines = [line for line in ax.lines if line.get_zorder() < 1]
    assert len(outline_lines) >= len(outlines)
    assert any(CREDIT in text.get_text() for text in figure.texts)
