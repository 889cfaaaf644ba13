"""Renewal Atlas: Chinese news articles about urban renewal, turned into GIS layers and maps."""

from geo.pipeline import Atlas, BuildReport, InputError, build, locate

__all__ = ["Atlas", "build", "BuildReport", "InputError", "locate"]
__version__ = "0.1.0"
