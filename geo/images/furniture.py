"""The furniture of a report image: legend, scale bar and north arrow, and the fonts and
colours they share with the map. geo/report.py draws the map and places them."""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

import geopandas as gpd
from matplotlib import font_manager, transforms
from matplotlib.artist import Artist
from matplotlib.figure import Figure
from matplotlib.ft2font import FT2Font
from matplotlib.legend import Legend
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle
from pyproj import CRS, Transformer

from geo import layerspec
from geo.layers import CRS as DATA_CRS

CJK_FONTS = ("Noto Sans CJK SC", "Source Han Sans SC", "Noto Sans CJK JP", "Source Han Sans",
             "WenQuanYi Zen Hei", "WenQuanYi Micro Hei")
CJK_FILE = re.compile(r"NotoSansCJK|NotoSerifCJK|SourceHan|wqy", re.IGNORECASE)  # their files
DASHED = (0, (4, 2))
DOTTED_EDGE = (0, (2, 1.5))
GREY = "#555555"


@lru_cache(maxsize=1)
def cjk_font() -> str | None:
    """The first installed font family that has Chinese glyphs, or None. A font installed
    after matplotlib built its font cache is not in it: the system's font files are then
    looked at directly, and those of the CJK families registered."""
    found = _known_cjk_font()
    if found is None:
        for path in font_manager.findSystemFonts():
            if CJK_FILE.search(Path(path).name):
                try:
                    font_manager.fontManager.addfont(path)
                except (OSError, RuntimeError, ValueError):
                    continue  # a broken font file is no font
        found = _known_cjk_font()
    return found


def _known_cjk_font() -> str | None:
    for family in CJK_FONTS:
        try:
            font_manager.findfont(font_manager.FontProperties(family=family),
                                  fallback_to_default=False)
            return family
        except ValueError:
            continue
    return None


@lru_cache(maxsize=1)
def _dejavu_chars() -> frozenset[int]:
    return frozenset(FT2Font(font_manager.findfont("DejaVu Sans")).get_charmap())


def latin(text: str) -> str:
    """Text DejaVu can draw: without a CJK font, Chinese would come out as empty boxes."""
    kept = "".join(ch for ch in text if ord(ch) in _dejavu_chars())
    return " ".join(kept.split())


def line_name(name: str, has_cjk: bool) -> str:
    if has_cjk:
        return name
    number = re.search(r"(\d+)号线", name)
    return f"Line {number.group(1)}" if number else latin(name) or "metro line"


def colour_of(value: object, layer: str) -> str:
    # Lines carry an official colour; other features have None, or NaN once pandas touched them.
    if isinstance(value, str) and value:
        return value
    return next((spec.colour for spec in layerspec.layers() if spec.name == layer), GREY)


def scale_length(width_m: float) -> float:
    """The 1, 2 or 5 × 10ⁿ metres nearest (on a log scale) to a fifth of the map's width."""
    target = max(width_m / 5, 1.0)
    decade = 10 ** math.floor(math.log10(target))
    return min((step * decade for step in (1, 2, 5, 10)),
               key=lambda length: abs(math.log(length / target)))


def legend(ax, frames: dict[str, gpd.GeoDataFrame], text: Callable[[str], str],
           has_cjk: bool) -> Legend:
    def header(label: str) -> Line2D:
        return Line2D([], [], linestyle="none", label=text(label))

    def marker(colour: str, label: str) -> Line2D:
        return Line2D([], [], linestyle="none", marker="o", markersize=7, markerfacecolor=colour,
                      markeredgecolor="white", label=text(label))

    specs = {spec.name: spec for spec in layerspec.layers()}
    listing = [spec for spec in specs.values() if spec.legend_lists]  # transit: its lines
    headers = [header("Layers 图层"), header("Styles 图例"), header("Metro lines 线路")]
    handles: list[Artist] = [headers[0]]
    for layer in frames:
        spec = specs.get(layer)
        colour, label = (spec.colour, spec.label) if spec else (GREY, layer)
        handles.append(Line2D([], [], color=colour, linewidth=2.2, marker="o", markersize=5,
                              markerfacecolor="white", markeredgecolor=colour, label=text(label))
                       if spec and spec.symbol == "line" else marker(colour, label))
    handles += [
        headers[1],
        Line2D([], [], color=GREY, linewidth=2.2, linestyle=DASHED,
               label=text("planned 规划 (dashed)")),
        ax.scatter([], [], s=81, facecolors="none", edgecolors=GREY, linewidths=1.1,
                   linestyles=DOTTED_EDGE, label=text("approximate 位置近似 (hollow)")),
        *(Line2D([], [], linestyle="none", marker="o", markersize=5, markerfacecolor="white",
                 markeredgecolor=spec.colour, label=text("station 车站")) for spec in listing),
    ]
    metro: dict[str, Line2D] = {}
    for spec in listing:
        frame = frames.get(spec.name)
        for row in frame.itertuples(index=False) if frame is not None else ():
            if row.kind == spec.legend_lists and row.name not in metro:
                metro[row.name] = Line2D(
                    [], [], color=colour_of(row.colour, spec.name), linewidth=2.2,
                    linestyle=DASHED if row.status == "planned" else "solid",
                    label=line_name(row.name, has_cjk))
    if metro:
        natural = sorted(metro, key=lambda n: [int(t) if t.isdigit() else t
                                               for t in re.split(r"(\d+)", n)])
        handles += [headers[2], *(metro[name] for name in natural)]
    legend = ax.legend(handles=handles, loc="upper left", frameon=False, fontsize=7,
                       borderaxespad=0, handlelength=2.4, labelspacing=0.55)
    for label, handle in zip(legend.get_texts(), handles, strict=True):
        if handle in headers:
            label.set_fontweight("bold")
    return legend


def scale_bar(fig: Figure, ax, x0: float, width_m: float, y_in: float) -> None:
    # x in map metres, y in figure inches: the bar is true to scale yet sits below the map.
    trans = transforms.blended_transform_factory(ax.transData, fig.dpi_scale_trans)
    length = scale_length(width_m)
    start = x0 + 0.02 * width_m
    for i, colour in enumerate(("black", "white", "black", "white")):
        ax.add_patch(Rectangle(
            (start + i * length / 4, y_in), length / 4, 0.06, transform=trans, clip_on=False,
            facecolor=colour, edgecolor="black", linewidth=0.6))
    unit, metres = ("km", 1000) if length >= 1000 else ("m", 1)
    # The unit only at the end: "0  2.5  5 km" fits where "2.5 km" in the middle would crowd.
    for at, label in ((0, "0"), (length / 2, f"{length / 2 / metres:g}"),
                      (length, f"{length / metres:g} {unit}")):
        ax.text(start + at, y_in + 0.09, label, transform=trans, ha="center", va="bottom",
                fontsize=6.5)


def north_arrow(fig: Figure, ax, crs: CRS, x_in: float, y_in: float) -> None:
    # UTM grid north leans from true north away from the zone's central meridian; show true north.
    lon, lat = Transformer.from_crs(crs, DATA_CRS, always_xy=True).transform(
        sum(ax.get_xlim()) / 2, sum(ax.get_ylim()) / 2)
    to_map = Transformer.from_crs(DATA_CRS, crs, always_xy=True)
    (xa, xb), (ya, yb) = to_map.transform([lon, lon], [lat, lat + 0.01])
    norm = math.hypot(xb - xa, yb - ya)
    dx, dy = 0.32 * (xb - xa) / norm, 0.32 * (yb - ya) / norm
    ax.annotate("", xy=(x_in + dx, y_in + dy), xytext=(x_in, y_in), xycoords=fig.dpi_scale_trans,
                arrowprops={"arrowstyle": "-|>", "color": "black", "linewidth": 1.2},
                annotation_clip=False)
    ax.text(x_in + dx * 1.15, y_in + dy * 1.15, "N", transform=fig.dpi_scale_trans,
            ha="center", va="bottom", fontsize=8, fontweight="bold")
