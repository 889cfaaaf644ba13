"""Renewal Atlas: Chinese news articles about urban renewal, turned into GIS layers and maps."""

from geo.pipeline import BuildReport, InputError, build

__all__ = ["build", "BuildReport", "InputError"]
__version__ = "0.1.0"
