"""Open a GeoPackage in QGIS, as a user would, and render each layer (run by the tests with
Debian's Python, which has QGIS's: ``/usr/bin/python3 qgis_render.py atlas.gpkg OUT_DIR``).

Prints one JSON object: per table, whether QGIS loaded it, the stored style's symbol (its
type and size: QGIS's own default would be a thin line or a small marker), the features, and
how many pixels of the rendered image are not background. Each render is saved as
OUT_DIR/<table>.png, and all layers together as OUT_DIR/atlas.png.
"""

import json
import os
import sqlite3
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from qgis.core import (  # noqa: E402
    QgsApplication,
    QgsMapRendererParallelJob,
    QgsMapSettings,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QSize  # noqa: E402
from qgis.PyQt.QtGui import QColor  # noqa: E402

SIZE = 400


def render(layers, extent, path):
    settings = QgsMapSettings()
    settings.setLayers(layers)
    settings.setDestinationCrs(layers[0].crs())
    settings.setExtent(extent)
    settings.setOutputSize(QSize(SIZE, SIZE))
    settings.setBackgroundColor(QColor(255, 255, 255))
    job = QgsMapRendererParallelJob(settings)
    job.start()
    job.waitForFinished()
    image = job.renderedImage()
    image.save(path)
    white = QColor(255, 255, 255).rgb()
    return sum(1 for x in range(image.width()) for y in range(image.height())
               if image.pixel(x, y) != white)


def main(gpkg, out):
    app = QgsApplication([], False)
    app.initQgis()
    tables = [row[0] for row in sqlite3.connect(gpkg).execute(
        "SELECT table_name FROM gpkg_geometry_columns ORDER BY table_name")]
    report, layers = {}, []
    for table in tables:
        layer = QgsVectorLayer(f"{gpkg}|layername={table}", table, "ogr")
        symbol = layer.renderer().symbol().symbolLayer(0)
        size = symbol.width() if symbol.layerType() == "SimpleLine" else symbol.size()
        extent = layer.extent()
        extent.grow(max(extent.width(), extent.height(), 0.01) * 0.05)
        report[table] = {
            "valid": layer.isValid(), "symbol": symbol.layerType(), "size": size,
            "features": layer.featureCount(),
            "drawn": render([layer], extent, os.path.join(out, f"{table}.png")),
        }
        layers.append(layer)
    union = layers[0].extent()
    for layer in layers[1:]:
        union.combineExtentWith(layer.extent())
    union.grow(max(union.width(), union.height()) * 0.05)
    render(layers, union, os.path.join(out, "atlas.png"))
    print(json.dumps(report), flush=True)
    # QGIS 3.22 can crash while tearing down (exitQgis, or Python's own clean-up after it):
    # the work is done and printed, so leave without it
    os._exit(0)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
