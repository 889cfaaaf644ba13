import base64
import gzip
import json
import re
from pathlib import Path

import folium
import pytest
from frames import place_frames as frames_with
from hypothesis import given
from hypothesis import strategies as st

from geo.maps.inline import AssetError, inline_assets, remaining_urls
from geo.maps.placelayer import (
    DETAILS,
    DRAWN,
    drawn_columns,
    layer_data,
    script_json,
    split_details,
)
from geo.maps.render import escape, labels, make_map, save_map

HOSTILE = "长阳创谷<script>alert(1)</script><img src=x onerror=alert(2)>`${alert(3)}`\\u0041\"'"


def test_escape_neutralises_html_and_template_literal_syntax():
    out = escape(HOSTILE)
    for raw in ("<", ">", "`", "${", "\\", "{", "}"):
        assert raw not in out


def unpacked(page: str) -> str:
    """The popups' fields of every layer of a page: base64 of gzipped JSON, which holds no
    markup at all (geo.maps.placelayer.packed)."""
    found = re.findall(r'<script type="text/plain" id="[^"]+_details">([A-Za-z0-9+/=,]*)</script>',
                       page)
    return "".join(gzip.decompress(base64.b64decode(chunk)).decode("utf-8")
                   for text in found for chunk in text.split(","))


def test_article_text_cannot_break_out_of_the_script(tmp_path: Path):
    page = save_map(make_map(frames_with(HOSTILE), "t"), tmp_path / "m.html").read_text("utf-8")
    assert "<script>alert(1)" not in page
    assert "<img src=x" not in page
    # whole, as JSON, in the popups' packed fields
    assert json.dumps(HOSTILE, ensure_ascii=False)[1:-1] in unpacked(page)


def test_layer_data_keeps_the_sentence_and_the_mention_span():
    columns = layer_data(frames_with(HOSTILE)["renewal"], labels("renewal"))["columns"]
    _, sentence, start, end, _ = columns["quotes"][0][0]
    assert sentence == HOSTILE and sentence[start:end] == "长阳创谷"


def read_drawn(written: dict) -> dict:
    """The drawn fields of each place, a column each, read back from ``drawn_columns`` as
    templates/place_layer.js reads them."""
    lines, colours = dict(written["lines"]), dict(written["colour"])
    columns: dict = {field: [] for field in DRAWN}
    x = y = point = 0
    for n in range(len(written["name"])):
        if n in lines:
            coords = lines[n]
        else:
            x, y = x + written["x"][point], y + written["y"][point]
            point += 1
            coords = [x / 1e6, y / 1e6]
        ids = written["documents"][n]
        for field in DRAWN:
            columns[field].append(written[field][n] if field in written
                                  and field not in ("documents", "colour") else None)
        columns["coords"][n], columns["colour"][n] = coords, colours.get(n)
        columns["documents"][n] = [ids] if isinstance(ids, int) else ids
    return columns


def test_what_only_popups_read_is_written_apart_and_nothing_is_lost():
    data = layer_data(frames_with(HOSTILE)["renewal"], labels("renewal"))
    drawn, chunks = split_details(data)
    columns = data["columns"]
    assert read_drawn(drawn["columns"]) == {field: columns[field] for field in DRAWN}
    details = [[chunk["source"][place[0]], *place[1:]]
               for chunk in chunks for place in chunk["places"]]
    assert details == [[data["source"][source], note, quotes] for source, note, quotes in zip(
        *(columns[field] for field in DETAILS), strict=True)]
    assert HOSTILE not in json.dumps(drawn, ensure_ascii=False)  # the sentence waits
    assert drawn["labels"] == data["labels"]


def test_the_popups_fields_come_in_chunks_each_with_its_own_tables(monkeypatch):
    monkeypatch.setattr("geo.maps.placelayer.DETAIL_CHUNK", 2)
    frame = frames_with(HOSTILE)["renewal"]
    frame = frame.loc[[frame.index[0]] * 5].reset_index(drop=True)  # five places
    frame["location_source"] = ["OSM a", "OSM b", "OSM a", "OSM c", "OSM a"]
    drawn, chunks = split_details(layer_data(frame, labels("renewal")))
    assert drawn["detailChunk"] == 2
    assert [len(chunk["places"]) for chunk in chunks] == [2, 2, 1]
    for chunk in chunks:  # a chunk's table holds just the sources its places name, once each
        named = [chunk["source"][place[0]] for place in chunk["places"]]
        assert sorted(set(named)) == sorted(chunk["source"])


def test_drawn_columns_keep_points_lines_colours_and_several_articles():
    columns = {
        "name": ["a", "b", "c"],
        "coords": [[121.123456, 31.654321], [[121.5, 31.2], [121.6, 31.3]], [121.123457, 31.6543]],
        "status": [0, 0, 1], "approximate": [0, 0, 1], "precision": [None, None, 900],
        "colour": [None, "#c4984f", None], "kind": [0, 1, 0], "district": [0, 0, 1],
        "documents": [[0], [0, 2], [1]], "mentions": [1, 2, 1], "method": [0, 0, 1],
    }
    written = drawn_columns(columns)
    assert read_drawn(written) == columns
    assert written["x"] == [121123456, 1] and written["y"] == [31654321, -21]


@given(st.text())
def test_script_json_round_trips_any_text_without_raw_markup(text: str):
    written = script_json(text)
    assert json.loads(written) == text
    assert not set(written) & {"<", ">", "&", "\u2028", "\u2029"}


def test_same_input_gives_the_same_bytes(tmp_path: Path):
    first = save_map(make_map(frames_with("长阳创谷。"), "t"), tmp_path / "a.html").read_bytes()
    second = save_map(make_map(frames_with("长阳创谷。"), "t"), tmp_path / "b.html").read_bytes()
    assert first == second


def test_map_has_a_layer_control_and_a_legend(tmp_path: Path):
    page = save_map(make_map(frames_with("长阳创谷。"), "t"), tmp_path / "m.html")
    page = page.read_text("utf-8")
    assert "L.control.layers" in page
    assert "ra-legend" in page and "approximate location" in page


def test_map_loads_jquery_only_for_a_folium_popup(tmp_path: Path):
    fmap = make_map(frames_with("长阳创谷。"), "t")
    assert "jquery" not in save_map(fmap, tmp_path / "a.html").read_text("utf-8")
    folium.Marker([31.2, 121.4], popup=folium.Popup("注")).add_to(fmap)
    assert "jquery" in save_map(fmap, tmp_path / "b.html").read_text("utf-8")


def test_map_has_a_search_box(tmp_path: Path):
    page = save_map(make_map(frames_with("长阳创谷。"), "t"), tmp_path / "m.html")
    assert "new L.Control.Search" in page.read_text("utf-8")


def test_inline_assets_leave_no_cdn_request(seed_build):
    out, _ = seed_build
    page = (out / "maps" / "index.html").read_text(encoding="utf-8")
    assert remaining_urls(page)  # the normal build loads from CDNs
    try:
        inlined = inline_assets(page)
    except AssetError as missing:
        pytest.skip(str(missing))
    assert remaining_urls(inlined) == [] and "L.Map" in inlined


def test_an_asset_without_a_declared_local_copy_is_an_error():
    with pytest.raises(AssetError, match="no local copy"):
        inline_assets('<script src="https://example.org/unknown.js"></script>')


def test_only_the_gaode_basemaps_are_marked_gcj02(seed_build):
    out, _ = seed_build
    page = (out / "maps" / "index.html").read_text(encoding="utf-8")
    assert page.count('"gcj02": true') == 2
    street, satellite = page.index("style=7"), page.index("style=6")  # Gaode's two
    flags = [at for at in range(len(page)) if page.startswith('"gcj02": true', at)]
    assert street < flags[0] < satellite < flags[1] < page.index("arcgisonline")


def test_the_embed_fragment_is_an_iframe_holding_the_whole_page():
    from html.parser import HTMLParser

    from geo.maps.render import embed_html, page_html

    class Frames(HTMLParser):
        def __init__(self):
            super().__init__()
            self.found: list[dict] = []

        def handle_starttag(self, tag, attrs):
            if tag == "iframe":
                self.found.append(dict(attrs))

    fragment = embed_html(make_map(frames_with(HOSTILE), "t"), "t<i>")
    parser = Frames()
    parser.feed(fragment)
    assert len(parser.found) == 1
    assert parser.found[0]["srcdoc"] == page_html(make_map(frames_with(HOSTILE), "t"))
    assert parser.found[0]["title"] == "t<i>" and "allow-same-origin" not in fragment


def test_an_atlas_shows_itself_in_a_notebook_as_its_map(tmp_path: Path):
    from geo import locate

    article = tmp_path / "a.txt"
    article.write_text("上海市杨浦区的长阳创谷改造。", encoding="utf-8")
    shown = locate([article])._repr_html_()
    assert shown.startswith("<iframe srcdoc=") and "raPlaceLayer" in shown


def test_build_with_embeds_writes_a_fragment_per_map(tmp_path: Path):
    from geo.pipeline import DEFAULT_OUTPUTS, build

    article = tmp_path / "a.txt"
    article.write_text("上海市杨浦区的长阳创谷改造。", encoding="utf-8")
    build([article], tmp_path / "layers", tmp_path / "maps",
          outputs=[*DEFAULT_OUTPUTS, "embeds"])
    written = sorted(p.name for p in (tmp_path / "maps" / "embed").iterdir())
    assert written == ["index.html", "shanghai.html"]


def test_article_text_is_never_run_as_a_template(tmp_path: Path):
    from geo import build

    article = tmp_path / "a.txt"
    article.write_text("杨浦{{ 7*7 }}新闻\n\n杨浦区的长阳创谷改造{{ 6*7 }}{% if 1 %}。\n", "utf-8")
    build([article], tmp_path / "layers", tmp_path / "maps")
    pages = "".join(p.read_text("utf-8") for p in (tmp_path / "maps").rglob("*.html"))
    assert "杨浦49新闻" not in pages and "改造42" not in pages
    assert "杨浦&#123;&#123; 7*7 &#125;&#125;新闻" in pages
    assert "改造{{ 6*7 }}{% if 1 %}" in unpacked(pages)


def test_carto_basemap_is_offered_only_with_a_key(tmp_path: Path):
    # CARTO stamps its tiles "API KEY REQUIRED" without one (since August 2026).
    keyless = save_map(make_map(frames_with("长阳创谷。"), "t"), tmp_path / "a.html")
    assert "cartocdn" not in keyless.read_text("utf-8")
    keyed = save_map(make_map(frames_with("长阳创谷。"), "t", carto_key="k&1"), tmp_path / "b.html")
    page = keyed.read_text("utf-8")
    assert "light_all/{z}/{x}/{y}{r}.png?key=k\\u00261" in page and "CARTO" in page


def test_basemaps_come_from_xyzservices():
    import xyzservices.providers as providers

    from geo.maps.basemaps import basemaps

    chosen = {b.name: b.provider for b in basemaps("k")}
    assert chosen["OpenStreetMap"].url == providers.OpenStreetMap.Mapnik.url
    assert chosen["CartoDB Positron"].build_url() == providers.CartoDB.Positron.build_url(
        apikey="k")
    assert chosen["高德 Gaode satellite (GCJ-02)"].url == providers.Gaode.Satellite.url.replace(
        "http://", "https://")
    assert chosen["Esri World Imagery"] == providers.Esri.WorldImagery


def test_building_a_layer_leaves_the_cycle_collector_as_it_found_it():
    import gc

    from geo.maps.placelayer import no_cycle_collection

    assert gc.isenabled()
    with pytest.raises(ValueError), no_cycle_collection():
        assert not gc.isenabled()
        raise ValueError
    assert gc.isenabled()
    gc.disable()
    try:
        with no_cycle_collection():
            pass
        assert not gc.isenabled()  # a caller's choice is kept
    finally:
        gc.enable()
