"""The basemaps a map offers, with and without keys (issue 21, point 4)."""

from pathlib import Path

import folium
import pytest
from frames import place_frames

from geo import data
from geo.cli import main
from geo.maps.basemaps import LabelledTiles, basemaps, tianditu_maps
from geo.maps.render import make_map, page_html

KEYLESS = ["OpenStreetMap", "高德 Gaode street (GCJ-02)", "高德 Gaode satellite (GCJ-02)",
           "Esri World Imagery"]
TIANDITU = ["天地图 Tianditu vector", "天地图 Tianditu imagery"]


def page(**keys) -> str:
    return page_html(make_map(place_frames("长阳创谷。"), "t", **keys))


def test_without_keys_openstreetmap_comes_first_then_gaode_and_esri():
    assert [b.name for b in basemaps()] == KEYLESS


def test_a_tianditu_key_adds_its_vector_map_and_imagery_after_gaode():
    assert [b.name for b in basemaps(tianditu_key="k")] == [*KEYLESS[:3], *TIANDITU, KEYLESS[3]]


def test_each_tianditu_basemap_has_its_labels_layer():
    layers = {b.name: (b.provider.url, b.labels.url) for b in basemaps(tianditu_key="k")
              if b.labels is not None}
    base, labels = layers["天地图 Tianditu vector"]
    assert "/vec_w/" in base and "/cva_w/" in labels
    base, labels = layers["天地图 Tianditu imagery"]
    assert "/img_w/" in base and "/cia_w/" in labels


def test_with_both_keys_every_basemap_is_offered_positron_last():
    names = [b.name for b in basemaps(carto_key="c", tianditu_key="t")]
    assert names == [*KEYLESS[:3], *TIANDITU, KEYLESS[3], "CartoDB Positron"]


def test_the_tianditu_key_is_written_into_the_page_only_when_given(monkeypatch):
    # The Python API reads no environment variable: only the command line does.
    monkeypatch.setenv("TIANDITU_TK", "fromtheenvironment")
    keyless = page()
    assert "tianditu" not in keyless.lower() and "fromtheenvironment" not in keyless
    keyed = page(tianditu_key="0123abcd")
    assert keyed.count("tk=0123abcd") == 4  # two basemaps, each base and labels


def test_a_key_cannot_alter_the_tile_url():
    assert "tk=a%26b%3D1%22" in page(tianditu_key='a&b=1"')


def test_tianditu_urls_are_https_with_their_key():
    for basemap in basemaps(tianditu_key="k"):
        for provider in filter(None, (basemap.provider, basemap.labels)):
            assert provider.build_url(fill_subdomain=False).startswith("https://")
    assert all(b.provider.build_url(fill_subdomain=False).startswith("https://")
               for b in basemaps(carto_key="c"))


def test_tianditu_is_not_moved_to_gcj02_but_both_gaode_basemaps_are():
    flagged = [b.name for b in basemaps(carto_key="c", tianditu_key="t") if b.gcj02]
    assert flagged == ["高德 Gaode street (GCJ-02)", "高德 Gaode satellite (GCJ-02)"]


def test_every_tile_layer_of_every_basemap_carries_its_attribution():
    fmap = make_map(place_frames("长阳创谷。"), "t", carto_key="c", tianditu_key="t")
    attributions = {}
    for child in fmap._children.values():
        if isinstance(child, folium.TileLayer):
            attributions[child.tile_name] = [child.options.get("attribution")]
        elif isinstance(child, LabelledTiles):
            attributions[child.layer_name] = [child.base_options.get("attribution"),
                                              child.labels_options.get("attribution")]
    assert len(attributions) == 7
    assert all(text and "&copy;" in text for texts in attributions.values() for text in texts)
    assert "天地图" in attributions["天地图 Tianditu imagery"][1]
    assert "Esri" in attributions["Esri World Imagery"][0]


def test_a_bad_tianditu_url_template_is_refused_naming_the_file_and_key(tmp_path: Path):
    text = data.path("tianditu.toml").read_text("utf-8")
    (tmp_path / "tianditu.toml").write_text(text.replace("https://t{s}", "http://t{s}", 1),
                                            "utf-8")
    with data.overlay(tmp_path), pytest.raises(data.DataError,
                                               match=r"tianditu.toml: \[\[basemap\]\] 1: "
                                                     r"key 'base' must be an https URL"):
        tianditu_maps()


def test_a_tianditu_template_without_the_key_is_refused(tmp_path: Path):
    text = data.path("tianditu.toml").read_text("utf-8")
    (tmp_path / "tianditu.toml").write_text(text.replace("&tk={apikey}", "", 1), "utf-8")
    with data.overlay(tmp_path), pytest.raises(data.DataError, match=r"lacks \{apikey\}"):
        tianditu_maps()


def test_an_unknown_key_in_the_tianditu_file_is_refused(tmp_path: Path):
    text = data.path("tianditu.toml").read_text("utf-8")
    (tmp_path / "tianditu.toml").write_text(text.replace("max_zoom", "maxzoom", 1), "utf-8")
    with data.overlay(tmp_path), pytest.raises(data.DataError, match="unknown key 'maxzoom'"):
        tianditu_maps()


def _build(tmp_path: Path, *options: str) -> str:
    article = tmp_path / "a.txt"
    article.write_text("上海市杨浦区的长阳创谷改造。", encoding="utf-8")
    maps = tmp_path / f"maps{len(list(tmp_path.iterdir()))}"
    assert main(["build", str(article), "--layers", str(tmp_path / "layers"), "--maps",
                 str(maps), "-q", "--no-article-maps", *options]) == 0
    return (maps / "index.html").read_text("utf-8")


def test_the_command_line_takes_the_tianditu_key_from_its_option_or_the_environment(
        tmp_path: Path, monkeypatch, capsys):
    monkeypatch.delenv("TIANDITU_TK", raising=False)
    assert "tianditu" not in _build(tmp_path).lower()
    assert "Tianditu needs a key (--tianditu-key or $TIANDITU_TK)" in capsys.readouterr().out
    assert "tk=optionkey" in _build(tmp_path, "--tianditu-key", "optionkey")
    monkeypatch.setenv("TIANDITU_TK", "environmentkey")
    assert "tk=environmentkey" in _build(tmp_path)
    assert "Tianditu needs" not in capsys.readouterr().out
