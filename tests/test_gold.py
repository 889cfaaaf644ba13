"""The build reaches every place of the hand-made gold list of the seed articles."""

import json
from pathlib import Path

import pytest

from geo import layerspec

GOLD = json.loads((Path(__file__).parent / "data" / "gold_places.json").read_text("utf-8"))


@pytest.fixture(scope="module")
def features(seed_build):
    out, _ = seed_build
    by_layer = {}
    for layer, stem in ((spec.name, spec.table) for spec in layerspec.layers()):
        data = json.loads((out / "layers" / f"{stem}.geojson").read_text(encoding="utf-8"))
        by_layer[layer] = data["features"]
    return by_layer


@pytest.mark.parametrize("gold", GOLD["places"], ids=lambda g: f"{g['layer']}:{g['name']}")
def test_gold_place_is_in_its_layer_with_a_sourced_location(gold, features, real_gazetteer):
    def names(feature):
        entry = real_gazetteer.entries.get(feature["id"])
        return entry.names if entry else (feature["properties"]["name"],)

    matches = [
        f for f in features[gold["layer"]]
        if gold["name"] in names(f) and gold["document"] in f["properties"]["documents"]
    ]
    assert matches, f"{gold['name']} missing from the {gold['layer']} layer"
    properties = matches[0]["properties"]
    assert properties["location_source"] and properties["precision_m"]
    assert matches[0]["geometry"]["coordinates"]
