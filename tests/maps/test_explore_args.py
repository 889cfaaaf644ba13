"""make_map and atlas.map() take what GeoDataFrame.explore() users pass (issue 21, point 6)."""

import json
from pathlib import Path

import folium
import geopandas as gpd
import pytest
import xyzservices.providers as providers
from frames import place_frames
from shapely.geometry import LineString, Point

from geo.layerspec import spec
from geo.maps.explore import ColumnLegend
from geo.maps.placelayer import PlaceLayer
from geo.maps.render import make_map, page_html

HOSTILE = '<img src=x onerror="window.pwned=1">{{ 7*7 }}'


def frames() -> dict[str, gpd.GeoDataFrame]:
    """Three renewal sites (open, planned, and one named with markup) and a metro line."""
    site = place_frames("长阳创谷。", name="长阳创谷")["renewal"].iloc[0].to_dict()
    rows = [dict(site, id="a", name="长阳创谷", status="open", mentions=3,
                 geometry=Point(121.53, 31.27)),
            dict(site, id="b", name="杨浦滨江", status="planned", mentions=9,
                 geometry=Point(121.54, 31.26)),
            dict(site, id="c", name=HOSTILE, status="open", mentions=5, district=HOSTILE,
                 geometry=Point(121.52, 31.28))]
    renewal = gpd.GeoDataFrame(rows, geometry="geometry", crs="EPSG:4326")
    line = dict(site, id="l", name="18号线", layer="transit", kind="line", status="open",
                mentions=1, colour="#c4984f", geometry=LineString([(121.5, 31.2), (121.6, 31.3)]))
    transit = gpd.GeoDataFrame([line], geometry="geometry", crs="EPSG:4326")
    return {"park": renewal.iloc[0:0], "transit": transit, "renewal": renewal}


def layer_data(fmap: folium.Map, layer: str = "renewal") -> dict:
    """What the place layer ``layer`` writes for its script, drawn and details together."""
    for child in fmap._children.values():
        if isinstance(child, PlaceLayer) and child.layer_name == spec(layer).label:
            return json.loads(child.data)
    raise AssertionError(f"no layer {layer}")


def colours(fmap: folium.Map, layer: str = "renewal") -> dict[str, str]:
    """Each place's own colour, by name (drawn_columns writes [row, colour] pairs)."""
    columns = layer_data(fmap, layer)["columns"]
    return {columns["name"][row]: colour for row, colour in columns["colour"]}


def base_layers(fmap: folium.Map) -> list[tuple[str, bool]]:
    """(name, shown) of each basemap, in the layer control's order."""
    return [(child.layer_name, child.show) for child in fmap._children.values()
            if isinstance(child, folium.map.Layer) and not child.overlay]


# tiles= and attr=

def test_tiles_by_an_xyzservices_name_open_the_map_on_that_basemap_offered_once():
    shown = base_layers(make_map(frames(), "t", tiles="Esri.WorldImagery"))
    assert shown[0] == ("Esri World Imagery", True)
    assert [name for name, _ in shown].count("Esri World Imagery") == 1
    assert not any(show for _, show in shown[1:])


def test_tiles_cartodb_positron_takes_the_carto_key():
    shown = base_layers(make_map(frames(), "t", "k", tiles="CartoDB positron"))
    assert shown[0] == ("CartoDB Positron", True)


def test_tiles_that_need_a_key_without_it_say_so():
    with pytest.raises(ValueError, match=r"CartoDB.Positron needs a key.*carto_key"):
        make_map(frames(), "t", tiles="CartoDB positron")


def test_tiles_as_a_tile_provider():
    fmap = make_map(frames(), "t", tiles=providers.OpenTopoMap)
    assert base_layers(fmap)[0] == ("OpenTopoMap", True)


def test_tiles_as_a_url_template_with_its_attribution():
    fmap = make_map(frames(), "t", tiles="https://tiles.example.org/{z}/{x}/{y}.png",
                    attr="© Example")
    first = next(c for c in fmap._children.values() if isinstance(c, folium.TileLayer))
    assert first.tiles == "https://tiles.example.org/{z}/{x}/{y}.png" and first.show
    assert first.options["attribution"] == "© Example"


def test_a_url_template_without_attr_is_refused():
    with pytest.raises(ValueError, match="needs attr="):
        make_map(frames(), "t", tiles="https://tiles.example.org/{z}/{x}/{y}.png")


def test_tiles_neither_a_provider_nor_a_url_are_refused():
    with pytest.raises(ValueError, match="neither a provider xyzservices knows"):
        make_map(frames(), "t", tiles="No Such Tiles")


def test_tiles_gaode_keep_its_gcj02_flag_and_https():
    fmap = make_map(frames(), "t", tiles=providers.Gaode.Satellite)
    first = next(c for c in fmap._children.values() if isinstance(c, folium.TileLayer))
    assert first.layer_name == "高德 Gaode satellite (GCJ-02)" and first.show
    assert first.options["gcj02"] is True and first.tiles.startswith("https://")


# tooltip= and popup=

def test_tooltip_columns_are_written_as_data_for_each_place():
    data = layer_data(make_map(frames(), "t", tooltip=["name", "status"]))
    explore = data["explore"]
    assert explore["tooltip"] == ["name", "status"]
    rows = dict(zip(explore["columns"], zip(*explore["values"], strict=True), strict=True))
    # a row per place, in the places' order (along the map's Hilbert curve)
    assert rows["name"] == tuple(data["columns"]["name"])
    assert dict(zip(rows["name"], rows["status"], strict=True)) == {
        "长阳创谷": "open", "杨浦滨江": "planned", HOSTILE: "open"}


def test_column_values_cannot_break_out_of_the_page():
    page = page_html(make_map(frames(), "t", tooltip=["district"], popup=["district"]))
    assert "<img src=x" not in page and "\\u003cimg src=x" in page


def test_popup_true_shows_every_column_but_the_geometry_and_quotes():
    explore = layer_data(make_map(frames(), "t", popup=True))["explore"]
    assert explore["popup"][:3] == ["id", "name", "layer"]
    assert "geometry" not in explore["popup"] and "quotes" not in explore["popup"]
    assert "tooltip" not in explore  # the usual tooltip


def test_tooltip_false_and_popup_false_are_written_as_no_tooltip_and_no_popup():
    explore = layer_data(make_map(frames(), "t", tooltip=False, popup=False))["explore"]
    assert explore == {"tooltip": False, "popup": False}


def test_tooltip_a_single_name_or_a_number_of_columns():
    assert layer_data(make_map(frames(), "t", tooltip="status"))["explore"]["tooltip"] == [
        "status"]
    assert layer_data(make_map(frames(), "t", tooltip=2))["explore"]["tooltip"] == ["id", "name"]


def test_the_values_follow_the_places_drawn():
    mixed = frames()
    mixed["renewal"].loc[1, "geometry"] = None  # not drawn: its values must not shift
    data = layer_data(make_map(mixed, "t", tooltip=["name"]))
    assert sorted(data["explore"]["values"]) == sorted([["长阳创谷"], [HOSTILE]])
    assert [row[0] for row in data["explore"]["values"]] == data["columns"]["name"]


@pytest.mark.parametrize("argument", ["tooltip", "popup", "column"])
def test_an_unknown_column_names_itself_and_the_columns_there_are(argument):
    with pytest.raises(ValueError) as raised:
        make_map(frames(), "t", **{argument: ["nmae"] if argument != "column" else "nmae"})
    message = str(raised.value)
    assert f"{argument}: the layers have no column 'nmae'" in message
    assert "id, name, layer, kind, status" in message


def test_nothing_asked_leaves_the_map_as_it_was():
    plain = make_map(frames(), "t")
    assert "explore" not in layer_data(plain)
    assert not any(isinstance(c, ColumnLegend) for c in plain._children.values())


# column= and cmap=

def test_a_text_column_gives_each_value_a_colour_of_the_palette_and_a_legend():
    fmap = make_map(frames(), "t", column="status", cmap=["#111111", "#222222"])
    assert colours(fmap) == {"长阳创谷": "#111111", "杨浦滨江": "#222222", HOSTILE: "#111111"}
    legend = next(c for c in fmap._children.values() if isinstance(c, ColumnLegend))
    assert json.loads(legend.data)["entries"] == [["open", "#111111"], ["planned", "#222222"]]


def test_a_text_column_takes_a_named_palette_as_explore_does():
    import matplotlib
    from matplotlib import colors

    fmap = make_map(frames(), "t", column="status", cmap="Set1")
    set1 = matplotlib.colormaps["Set1"].resampled(2)
    assert colours(fmap) == {"长阳创谷": colors.to_hex(set1(0)), "杨浦滨江": colors.to_hex(set1(1)),
                             HOSTILE: colors.to_hex(set1(0))}  # open, planned, open


def test_a_numeric_column_is_coloured_along_a_ramp_from_least_to_greatest():
    import matplotlib
    from matplotlib import colors

    fmap = make_map(frames(), "t", column="mentions", cmap="Blues")
    blues = matplotlib.colormaps["Blues"]
    renewal = colours(fmap)  # 3, 9, 5 mentions
    line = colours(fmap, "transit")["18号线"]  # 1 mention: the least of all layers
    assert line == colors.to_hex(blues(0.0)) and renewal["杨浦滨江"] == colors.to_hex(blues(1.0))
    assert renewal["长阳创谷"] == colors.to_hex(blues(2 / 8))
    legend = json.loads(next(c for c in fmap._children.values()
                             if isinstance(c, ColumnLegend)).data)
    assert (legend["low"], legend["high"], len(legend["ramp"])) == ("1", "9", 11)


def test_an_unknown_cmap_is_refused():
    with pytest.raises(ValueError, match="no colormap 'Bluez'"):
        make_map(frames(), "t", column="mentions", cmap="Bluez")


def test_a_column_of_lists_cannot_colour():
    with pytest.raises(ValueError, match="'documents' holds lists"):
        make_map(frames(), "t", column="documents")


def test_the_legend_values_are_data_not_markup():
    page = page_html(make_map(frames(), "t", column="district"))
    assert '<img src=x onerror="window.pwned=1">' not in page
    assert "\\u003cimg src=x" in page


# marker_kwds= and style_kwds=

def test_marker_and_style_options_are_passed_to_the_points_and_lines():
    fmap = make_map(frames(), "t", marker_kwds={"radius": 12, "fillOpacity": 0.3},
                    style_kwds={"weight": 2, "color": "black"})
    assert layer_data(fmap)["explore"]["marker"] == {"radius": 12, "fillOpacity": 0.3}
    assert layer_data(fmap, "transit")["explore"]["style"] == {"weight": 2, "color": "black"}


def test_an_option_leaflet_does_not_take_is_refused_naming_those_it_does():
    with pytest.raises(ValueError, match="no option 'fill_opacity'.*fillOpacity"):
        make_map(frames(), "t", marker_kwds={"fill_opacity": 0.3})


def test_an_option_value_must_be_json_data():
    with pytest.raises(ValueError, match="'color' must be a number, a string"):
        make_map(frames(), "t", style_kwds={"color": object()})


def test_atlas_map_takes_the_same_arguments(tmp_path: Path):
    from geo import locate

    article = tmp_path / "a.txt"
    article.write_text("上海市杨浦区的长阳创谷改造。", encoding="utf-8")
    fmap = locate([article]).map(tooltip=["name", "city"], column="status",
                                 tiles="Esri.WorldImagery")
    assert layer_data(fmap)["explore"]["tooltip"] == ["name", "city"]
    assert base_layers(fmap)[0] == ("Esri World Imagery", True)
    assert any(isinstance(c, ColumnLegend) for c in fmap._children.values())
