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
