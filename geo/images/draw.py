"""Static map images for PDF and Word reports: a PNG and an SVG, drawn offline with matplotlib.

No tiles and no network: the layers are drawn on their own, in the UTM zone of the data, so the
scale bar is true. The same frames give the same bytes, so images can be committed and diffed.
The SVG keeps text as text: it stays searchable and editable and small (CJK glyphs as paths are
bulky), at the cost that a reader without the font sees a substitute; the PNG is exact.
"""

from __future__ import annotations

import os
import threading
import uuid
import warnings
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import IO

import geopandas as gpd
import matplotlib
import shapely
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.transforms import Bbox
from pyproj import CRS, Transformer
from shapely.geometry import Point

from geo.images.furniture import (
    CJK_FONTS,
    DASHED,
    DOTTED_EDGE,
    GREY,
    cjk_font,
    colour_of,
    latin,
    legend,
    north_arrow,
    scale_bar,
)
from geo.layers import CRS as DATA_CRS
from geo.outlines import CREDIT

DPI = 200
OUTLINE = "#b0b0b0"
PAD_M = 1000.0  # around the data, so a single point still gets a map about 2 km across
MAP_LONG_SIDE_IN, LEGEND_IN, SIDE_IN, TOP_IN, BOTTOM_IN = 5.6, 2.3, 0.25, 0.7, 0.85
MAX_ASPECT = 1.6
# Nothing to take a zone from when every frame is empty; central Shanghai, where the corpus is.
FALLBACK_CENTRE = (121.47, 31.23)
# rcParams are process-global, so rc_context is only safe if one thread at a time holds it.
_RC_LOCK = threading.Lock()
_SAVE_RC = {"svg.hashsalt": "renewal-atlas", "svg.fonttype": "none"}


def utm_crs(frames: dict[str, gpd.GeoDataFrame]) -> CRS:
    """The UTM zone of the centre of the data's bounding box."""
    geometries = [g for frame in frames.values() for g in frame.to_crs(DATA_CRS).geometry
                  if g is not None and not g.is_empty]
    if geometries:
        west, south, east, north = shapely.total_bounds(geometries)
        centre = Point((west + east) / 2, (south + north) / 2)
    else:
        centre = Point(FALLBACK_CENTRE)
    return gpd.GeoSeries([centre], crs=DATA_CRS).estimate_utm_crs()


def _extent(frames: dict[str, gpd.GeoDataFrame], crs: CRS) -> tuple[float, float, float, float]:
    geometries = [g for frame in frames.values() for g in frame.geometry
                  if g is not None and not g.is_empty]
    if geometries:
        x0, y0, x1, y1 = shapely.total_bounds(geometries)
    else:
        x0, y0 = x1, y1 = Transformer.from_crs(DATA_CRS, crs, always_xy=True).transform(
            *FALLBACK_CENTRE)
    pad = max(PAD_M, 0.08 * max(x1 - x0, y1 - y0))
    x0, y0, x1, y1 = x0 - pad, y0 - pad, x1 + pad, y1 + pad
    # A sliver of a map (one long line) leaves no room to label; widen the short side instead.
    grow_x = max(0.0, (y1 - y0) / MAX_ASPECT - (x1 - x0)) / 2
    grow_y = max(0.0, (x1 - x0) / MAX_ASPECT - (y1 - y0)) / 2
    return x0 - grow_x, y0 - grow_y, x1 + grow_x, y1 + grow_y


def _draw_outlines(ax, outlines: gpd.GeoDataFrame, extent: tuple[float, ...],
                   names: bool) -> None:
    """Cities' and districts' outlines, faint and under everything, each named in grey (with
    ``names``: a CJK font) inside the part of it the map shows: context that needs no tiles."""
    view = shapely.box(*extent)
    for row in outlines.itertuples(index=False):
        for polygon in shapely.get_parts(row.geometry):
            for ring in (polygon.exterior, *polygon.interiors):
                ax.plot(*ring.xy, color=OUTLINE, linewidth=0.6, zorder=0.5)
        if names:
            shown = row.geometry.intersection(view)
            if shown.area > 0.01 * view.area:
                centre = shown.representative_point()
                ax.text(centre.x, centre.y, row.name, color=OUTLINE, fontsize=6, zorder=0.6,
                        ha="center", va="center")


def _draw_features(ax, frames: dict[str, gpd.GeoDataFrame]) -> list[tuple]:
    """Draw every feature; return label candidates (x, y, name, marker radius in points, rank)."""
    points: dict[tuple[int, int], list[tuple]] = {}
    lines: list[tuple] = []
    for layer, frame in frames.items():
        for row in frame.itertuples(index=False):
            colour = colour_of(row.colour, layer)
            planned, approximate = row.status == "planned", bool(row.approximate)
            for part in shapely.get_parts(row.geometry):
                if part.geom_type == "Point":
                    radius = 2.5 if row.kind == "station" else 4.5 if approximate else 3.5
                    ax.scatter(
                        [part.x], [part.y], s=(2 * radius) ** 2, zorder=3 if approximate else 4,
                        facecolors="none" if approximate else
                        "white" if row.kind == "station" else colour,
                        edgecolors=colour if approximate or row.kind == "station" else "white",
                        linewidths=1.1 if approximate else 0.7,
                        linestyles=DOTTED_EDGE if approximate else "solid")
                    # Places at the same spot (often a district centre) share one label, which
                    # names them all, one a line.
                    key = (round(part.x), round(part.y))
                    points.setdefault(key, []).append((part.x, part.y, row.name, radius,
                                                       approximate))
                elif part.geom_type in ("LineString", "LinearRing"):
                    ax.plot(*part.xy, color=colour, linewidth=2.2, zorder=2,
                            linestyle=DASHED if planned else "solid", solid_capstyle="round")
                    middle = part.interpolate(0.5, normalized=True)
                    lines.append((middle.x, middle.y, row.name, 2.0, 2))
                elif part.geom_type == "Polygon":
                    ax.fill(*part.exterior.xy, color=colour, alpha=0.25, linewidth=0, zorder=1)
                    ax.plot(*part.exterior.xy, color=colour, linewidth=1,
                            linestyle=DASHED if planned else "solid", zorder=1)
    candidates = []
    for group in points.values():
        group.sort(key=lambda p: (p[4], p[2]))  # a precisely placed name speaks for the group
        x, y, _, _, approximate = group[0]
        label = "\n".join(dict.fromkeys(p[2] for p in group))
        candidates.append((x, y, label, max(p[3] for p in group), int(approximate)))
    return sorted(candidates + lines, key=lambda c: (c[4], c[2]))


def _place_labels(ax, candidates: list[tuple]) -> None:
    """Greedy placement: each label goes beside its feature where it overlaps no other label or
    marker and stays inside the map, or is left out."""
    renderer = ax.figure.canvas.get_renderer()
    frame = ax.get_window_extent(renderer)
    px = ax.figure.dpi / 72
    taken = []
    for x, y, _, radius, _ in candidates:
        cx, cy = ax.transData.transform((x, y))
        taken.append(Bbox.from_extents(cx - radius * px, cy - radius * px,
                                       cx + radius * px, cy + radius * px))
    for x, y, name, radius, _ in candidates:
        gap = radius + 1.5
        for dx, dy, ha, va in ((gap, 0, "left", "center"), (-gap, 0, "right", "center"),
                               (0, gap, "center", "bottom"), (0, -gap, "center", "top")):
            label = ax.annotate(name, (x, y), xytext=(dx, dy), textcoords="offset points",
                                ha=ha, va=va, fontsize=6.5, zorder=6, annotation_clip=False,
                                bbox={"boxstyle": "square,pad=0.1", "facecolor": "white",
                                      "edgecolor": "none", "alpha": 0.75})
            box = label.get_window_extent(renderer)
            inside = frame.x0 <= box.x0 and box.x1 <= frame.x1 and frame.y0 <= box.y0 \
                and box.y1 <= frame.y1
            if inside and not any(box.overlaps(other) for other in taken):
                taken.append(box)
                break
            label.remove()


@lru_cache(maxsize=1)
def _warn_no_font() -> None:
    """Once a run, however many images are drawn."""
    warnings.warn(NO_FONT, stacklevel=3)


NO_FONT = ("no CJK font found (tried " + ", ".join(CJK_FONTS) + "): Chinese labels are left "
           "out of report images; install one (Debian: apt install fonts-noto-cjk)")


def draw(frames: dict[str, gpd.GeoDataFrame], title: str,
         outlines: gpd.GeoDataFrame | None = None) -> Figure:
    """The layers as a map with legend, scale bar, north arrow, title and a note of the CRS,
    over the ``outlines`` of its cities or districts (``geo.outlines.for_view``)."""
    font = cjk_font()
    if font is None:
        _warn_no_font()
    text: Callable[[str], str] = (lambda s: s) if font else latin
    # "sans-serif" last so an SVG viewer without these fonts still picks a sans face.
    families = [font, "DejaVu Sans", "sans-serif"] if font else ["DejaVu Sans", "sans-serif"]
    rc = {"font.family": families, "text.usetex": False,
          "text.parse_math": False}  # names may contain "$"
    with _RC_LOCK, matplotlib.rc_context(rc):
        crs = utm_crs(frames)
        projected = {layer: (frame if frame.crs else frame.set_crs(DATA_CRS)).to_crs(crs)
                     for layer, frame in frames.items()}
        x0, y0, x1, y1 = _extent(projected, crs)
        scale = MAP_LONG_SIDE_IN / max(x1 - x0, y1 - y0)
        map_w, map_h = (x1 - x0) * scale, (y1 - y0) * scale
        width = SIDE_IN + map_w + SIDE_IN + LEGEND_IN
        fig = Figure(figsize=(width, 1), dpi=DPI)
        FigureCanvasAgg(fig)  # a renderer to measure text with, and no pyplot
        # A city with many metro lines has a legend taller than the map: measure it first and
        # make the figure tall enough, rather than let it run off the bottom.
        legend_ax = fig.add_axes((0, 0, 1, 1), label="legend")
        legend_ax.set_axis_off()
        key = legend(legend_ax, frames, text, font is not None)
        legend_h = key.get_window_extent(fig.canvas.get_renderer()).height / DPI
        height = TOP_IN + max(map_h + BOTTOM_IN, legend_h + 0.2)
        fig.set_size_inches(width, height)
        base = height - TOP_IN - map_h  # the map's bottom edge, in inches
        legend_ax.set_position(((2 * SIDE_IN + map_w) / width, base / height,
                                LEGEND_IN / width, map_h / height))
        ax = fig.add_axes((SIDE_IN / width, base / height, map_w / width, map_h / height),
                          label="map")
        ax.set_xlim(x0, x1)
        ax.set_ylim(y0, y1)
        ax.set_aspect("equal")
        ax.set_xticks([])
        ax.set_yticks([])
        for spine in ax.spines.values():
            spine.set_edgecolor("#999999")
        if outlines is not None and len(outlines):
            _draw_outlines(ax, outlines.to_crs(crs), (x0, y0, x1, y1), font is not None)
        candidates = _draw_features(ax, projected)
        if not candidates:
            ax.text(0.5, 0.5, text("no located places 无已定位地点"), transform=ax.transAxes,
                    ha="center", va="center", fontsize=9, color=GREY)
        if font:
            _place_labels(ax, candidates)
        scale_bar(fig, ax, x0, x1 - x0, base - 0.45)
        north_arrow(fig, ax, crs, SIDE_IN + map_w - 0.2, base - 0.7)
        fig.text(0.5, 1 - TOP_IN / 2 / height, text(title), ha="center", va="center",
                 fontsize=13, fontweight="bold", wrap=True)
        fig.text(SIDE_IN / width, 0.1 / height,
                 f"Renewal Atlas · WGS 84 data, drawn in UTM zone {crs.utm_zone} "
                 f"({crs.to_string()})" + (f" · {CREDIT}" if outlines is not None
                                           and len(outlines) else ""), fontsize=6, color=GREY)
    return fig


def _write_atomic(path: Path, save: Callable[[IO[bytes]], None]) -> None:
    # A uniquely named sibling, opened normally so the file gets the usual umask permissions.
    temp = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    try:
        with open(temp, "xb") as handle:
            save(handle)
        os.replace(temp, path)
    finally:
        temp.unlink(missing_ok=True)


def write_images(frames: dict[str, gpd.GeoDataFrame], title: str, stem: Path,
                 outlines: gpd.GeoDataFrame | None = None) -> list[Path]:
    """Write ``stem.png`` and ``stem.svg``; the same frames and title give the same bytes."""
    stem = Path(stem)
    stem.parent.mkdir(parents=True, exist_ok=True)
    png, svg = stem.with_name(stem.name + ".png"), stem.with_name(stem.name + ".svg")
    figure = draw(frames, title, outlines)
    with _RC_LOCK, matplotlib.rc_context(_SAVE_RC):
        _write_atomic(png, lambda handle: figure.savefig(
            handle, format="png", dpi=DPI, metadata={"Software": None}))
        _write_atomic(svg, lambda handle: figure.savefig(
            handle, format="svg", metadata={"Date": None}))
    return [png, svg]
