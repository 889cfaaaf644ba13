"""Renewal Atlas: Chinese news articles about urban renewal, turned into GIS layers and maps.

The pipeline, one package or module a stage (see docs/architecture.md):
corpus → extract → geocode → layers → export · maps · images. ``geo.pipeline`` wires them;
its names are re-exported here, loaded on first use so that importing one stage (``geo.corpus``)
does not load them all.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from geo.pipeline import Atlas, BuildReport, InputError, build, locate

__all__ = ["Atlas", "build", "BuildReport", "InputError", "locate"]
__version__ = "0.1.0"


def __getattr__(name: str) -> object:
    if name in __all__:
        from geo import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module 'geo' has no attribute {name!r}")
