"""Output: static PNG and SVG map images for reports, drawn offline with matplotlib.

``draw`` lays out the map; ``furniture`` draws its legend, scale bar and north arrow.
"""

from __future__ import annotations

from geo.images.draw import write_images

__all__ = ["write_images"]
