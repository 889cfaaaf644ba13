"""QGIS styles stored in the GeoPackage, so its layers open styled in QGIS.

QGIS reads a ``layer_styles`` table (one QML document per layer, ``useAsDefault`` set) from a
GeoPackage it opens. Points are circles in the layer's colour, hollow and dashed when their
location is approximate; lines take each feature's ``colour`` and are dashed when planned (a
pen style, not an empty custom dash, which QGIS draws as nothing).
"""

from __future__ import annotations

import sqlite3
from importlib import resources
from pathlib import Path

from jinja2 import Template

# A fixed stamp, like GDAL's, keeps the GeoPackage byte-identical from build to build.
UPDATE_TIME = "2000-01-01T00:00:00.000Z"  # the GeoPackage datetime form, milliseconds included
GEOMETRY_TYPES = {"marker": 0, "line": 1}  # QGIS symbol type -> geometry type

SCHEMA = """
CREATE TABLE IF NOT EXISTS layer_styles (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    f_table_catalog TEXT(256), f_table_schema TEXT(256), f_table_name TEXT(256),
    f_geometry_column TEXT(256), styleName TEXT(30), styleQML TEXT, styleSLD TEXT,
    useAsDefault BOOLEAN, description TEXT, owner TEXT(30), ui TEXT(30),
    update_time DATETIME DEFAULT CURRENT_TIMESTAMP
)
"""


def qml(colour: str, symbol_type: str) -> str:
    template = Template(resources.files("geo.export").joinpath("templates/layer_style.qml")
                        .read_text(encoding="utf-8"))
    rgb = ",".join(str(int(colour[i:i + 2], 16)) for i in (1, 3, 5))
    return template.render(colour=colour, rgb=rgb, symbol_type=symbol_type,
                           geometry_type=GEOMETRY_TYPES[symbol_type])


def write_styles(path: Path, styles: dict[str, tuple[str, str]]) -> None:
    """Store a default style per table: ``styles[table] = (colour, "marker" | "line")``."""
    db = sqlite3.connect(path)
    try:
        with db:
            db.execute(SCHEMA)
            db.execute("DELETE FROM layer_styles")
            # QGIS finds a table's default style by its geometry column too: GDAL names it
            # geom, not geopandas' geometry
            columns = dict(db.execute(
                "SELECT table_name, column_name FROM gpkg_geometry_columns").fetchall())
            for table, (colour, symbol_type) in styles.items():
                db.execute(
                    "INSERT INTO layer_styles (f_table_catalog, f_table_schema, f_table_name, "
                    "f_geometry_column, styleName, styleQML, styleSLD, useAsDefault, "
                    "description, owner, ui, update_time) "
                    "VALUES ('', '', ?, ?, ?, ?, '', 1, ?, '', '', ?)",
                    (table, columns.get(table, "geom"), table, qml(colour, symbol_type),
                     f"Renewal Atlas style for {table}", UPDATE_TIME))
            # Registered as an attributes table, as the GeoPackage standard asks.
            db.execute(
                "INSERT OR REPLACE INTO gpkg_contents (table_name, data_type, identifier, "
                "last_change) VALUES ('layer_styles', 'attributes', 'layer_styles', ?)",
                (UPDATE_TIME,))
    finally:
        db.close()
