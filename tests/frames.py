"""Small layer frames for tests that draw maps without running the pipeline."""

import geopandas as gpd
from shapely.geometry import Point

from geo.layers import COLUMNS


def place_frames(sentence: str, name: str = "长阳创谷<b>") -> dict[str, gpd.GeoDataFrame]:
    """One renewal site quoted by ``sentence``, where 长阳创谷 is the mention."""
    start = sentence.index("长阳创谷")
    row = dict.fromkeys(COLUMNS)
    row.update({
        "id": "x", "name": name, "layer": "renewal", "kind": "site", "status": "open",
        "city": "上海市", "district": None, "precision_m": 300.0, "location_method": "cited",
        "location_source": "test <source>", "approximate": False, "mentions": 1,
        "documents": ["d"], "sentences": [sentence], "colour": None, "status_note": "",
        "quotes": [{"document": "d", "title": "T<i>", "date": None, "sentence": sentence,
                    "mention_start": start, "mention_end": start + 4, "status": "open",
                    "facts": []}],
        "geometry": Point(121.53, 31.27),
    })
    renewal = gpd.GeoDataFrame([row], columns=[*COLUMNS, "quotes", "geometry"],
                               geometry="geometry", crs="EPSG:4326")
    empty = renewal.iloc[0:0]
    return {"park": empty, "transit": empty, "renewal": renewal}


def crowded_frames(count: int, hidden: str = "藏在簇里的目标地块") -> dict[str, gpd.GeoDataFrame]:
    """``count`` renewal sites: one 8 km away, the others within a kilometre, so that they
    cluster at the first view; the last is named ``hidden`` and is approximate."""
    rows = []
    for index in range(count):
        name = hidden if index == count - 1 else f"地块{index}号"
        sentence = f"{name}改造。"
        row = place_frames(f"长阳创谷。{sentence}")["renewal"].iloc[0].to_dict()
        row.update({
            "id": f"x{index}", "name": name, "sentences": [sentence],
            "approximate": index == count - 1, "precision_m": 800.0,
            "quotes": [{**row["quotes"][0], "sentence": sentence, "mention_start": 0,
                        "mention_end": len(name)}],
            # a grid 20 wide, about 50 m apart
            "geometry": Point(121.53 + (index % 20) * 0.0005, 31.27 + (index // 20) * 0.0005)
            if index else Point(121.61, 31.27),
        })
        rows.append(row)
    renewal = gpd.GeoDataFrame(rows, columns=[*COLUMNS, "quotes", "geometry"],
                               geometry="geometry", crs="EPSG:4326")
    empty = renewal.iloc[0:0]
    return {"park": empty, "transit": empty, "renewal": renewal}
