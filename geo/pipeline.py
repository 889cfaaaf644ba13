"""The whole pipeline, wired: ``locate`` takes articles to located layers, ``build`` writes them
out through the writers named in ``outputs``.

    corpus → extract → geocode → layers → export · maps · images
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

import folium
import geopandas as gpd
import xyzservices

from geo import corpus, export, images, layers, layerspec, maps, outlines
from geo.corpusrun import Partitioning, PartitionRun, extract_in_partitions
from geo.export.staging import OutputFolderError
from geo.extract import find_mentions
from geo.gazetteer import Gazetteer
from geo.geocode import GeocodingOptions, open_chain, resolve
from geo.maps.explore import Cmap, Columns
from geo.progress import QUIET, Progress, as_progress
from geo.records import Document, Mention, Place


class InputError(Exception):
    """Nothing to build from: a missing or empty input folder."""


@dataclass
class BuildReport:
    documents: int = 0
    mentions: int = 0
    places: dict[str, int] = field(default_factory=dict)
    unresolved: list[str] = field(default_factory=list)
    located: str = ""  # who located how many places
    errors: list[str] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)


Inputs = str | Path | Iterable[str | Path]  # one file or folder, or several


def as_paths(inputs: Inputs) -> list[Path]:
    """The inputs as a list of paths: one path (``"seeds"``, ``Path("seeds")``) is a list of
    one, not the characters of its name."""
    if isinstance(inputs, (str, Path)):
        return [Path(inputs)]
    return [Path(p) for p in inputs]


def read(inputs: Inputs, links: bool = True, progress: Progress = QUIET
         ) -> tuple[list[Document], list[str]]:
    """The readable documents among the inputs, and a message for each file that is not;
    without ``links``, a symbolic link is refused even to a file in its own folder.
    ``progress`` counts the documents as they are read."""
    inputs = as_paths(inputs)
    paths = corpus.find_inputs(inputs)
    if not paths:
        raise InputError("no articles (.txt, .md, .html, .jsonl, .jsonl.gz, .jsonl.zst, .parquet) "
                         f"found in {', '.join(map(str, inputs))}")
    documents: list[Document] = []
    errors: list[str] = []
    with progress.stage("reading documents") as stage:
        for item in corpus.read_documents(paths, links):
            if isinstance(item, corpus.CorpusError):
                errors.append(str(item))
            else:
                documents.append(item)
                stage.advance()
    return documents, errors


@dataclass
class Atlas:
    """The articles' places, located, as one GeoDataFrame per layer; what ``build`` writes.

    In a notebook it shows itself as the overview map."""

    documents: list[Document]
    mentions: list[Mention]
    places: list[Place]
    frames: dict[str, gpd.GeoDataFrame]
    city_slugs: dict[str, str]
    located: str = ""  # who located how many places
    errors: list[str] = field(default_factory=list)
    title: str = "Renewal Atlas"
    # The outlines of the cities on the layers and of their districts: context for maps and
    # images (geo.outlines).
    outlines: gpd.GeoDataFrame | None = None

    def map(self, carto_key: str | None = None, tianditu_key: str | None = None, *,
            tiles: str | xyzservices.TileProvider | None = None, attr: str | None = None,
            tooltip: Columns = None, popup: Columns = None, column: str | None = None,
            cmap: Cmap = None, marker_kwds: dict | None = None,
            style_kwds: dict | None = None) -> folium.Map:
        """The overview map, over its outlines; a CARTO ``carto_key`` adds CartoDB Positron to
        its basemaps, a Tianditu ``tianditu_key`` Tianditu's vector map and imagery. The rest
        as ``GeoDataFrame.explore()`` takes them: ``tiles`` (with ``attr``), ``tooltip``,
        ``popup``, ``column``, ``cmap``, ``marker_kwds``, ``style_kwds``; see
        ``geo.maps.make_map`` and docs/explore.ipynb."""
        return maps.make_map(self.frames, self.title, carto_key,
                             outlines.for_view(self.outlines, self.frames),
                             tianditu_key=tianditu_key, tiles=tiles, attr=attr,
                             tooltip=tooltip, popup=popup, column=column, cmap=cmap,
                             marker_kwds=marker_kwds, style_kwds=style_kwds)

    def embed_html(self, height: str = "600px", inline_assets: bool = False,
                   carto_key: str | None = None, tianditu_key: str | None = None) -> str:
        """The map as an ``<iframe srcdoc>`` fragment for a web page or a report."""
        return maps.embed_html(self.map(carto_key, tianditu_key), self.title, height,
                               inline_assets)

    def _repr_html_(self) -> str:
        return self.embed_html()

    def __repr__(self) -> str:
        """A line a person can read: what was read and found, not every record."""
        per_layer = ", ".join(f"{len(frame)} {layer}" for layer, frame in self.frames.items())
        return (f"<Atlas {self.title!r}: {len(self.documents)} documents, "
                f"{len(self.mentions)} mentions, {len(self.places)} places "
                f"(on the map: {per_layer}), {len(self.errors)} errors>")

    def save_images(self, stem: str | Path) -> list[Path]:
        """The overview as ``stem.png`` and ``stem.svg``."""
        return images.write_images(self.frames, self.title, Path(stem),
                                   outlines.for_view(self.outlines, self.frames))


def extract_mentions(documents: list[Document], gazetteer: Gazetteer, fast: bool = False,
                     partitioning: Partitioning | None = None, progress: Progress = QUIET
                     ) -> PartitionRun:
    """The documents' mentions, found in one go, or with ``partitioning`` in partitions
    (``geo.corpusrun``): the same mentions either way."""
    if partitioning is None:
        return PartitionRun(find_mentions(documents, gazetteer, fast))
    return extract_in_partitions(documents, partitioning, fast, gazetteer, progress)


def locate(
    inputs: Inputs = ("seeds",),
    geocoding: GeocodingOptions | None = None,
    progress: Progress | Callable[[str], None] = QUIET,
    links: bool = True,
    fast: bool = False,
    partitioning: Partitioning | None = None,
) -> Atlas:
    """Read articles and find and locate the places they name.

    ``geocoding`` sets the resolver chain; by default it is offline: the gazetteer, then the
    area each place lies in. ``fast`` extracts with the rules alone. ``partitioning``
    extracts in partitions, resumably, in this process or on Dask (``geo.corpusrun``), with
    the same result. ``progress`` hears of each stage (``geo.progress``; or a callback of
    one message, which has each as a line)."""
    progress = as_progress(progress)
    documents, errors = read(inputs, links, progress)
    if not documents:
        raise InputError("no readable articles: " + "; ".join(errors))
    gazetteer = Gazetteer.load()
    mentions = extract_mentions(documents, gazetteer, fast, partitioning, progress).mentions
    with open_chain(geocoding or GeocodingOptions(), gazetteer) as chain:
        places = resolve(mentions, gazetteer, chain, progress)
    frames = layers.build_layers(places, documents)
    progress.note(f"found {len(mentions)} mentions of {len(places)} places")
    mapped = [place for place in places if place.layer in layerspec.names()]
    cities = {city for frame in frames.values() for city in frame["city"] if city}
    return Atlas(documents, mentions, places, frames,
                 {entry.name: entry.id for entry in gazetteer.cities()},
                 chain.summary(mapped), errors + chain.errors,
                 outlines=outlines.city_outlines(cities, gazetteer.bulk.city_codes
                                                 if gazetteer.bulk else {}))


@dataclass(frozen=True)
class Rendering:
    """How the maps, images and fragments are drawn."""

    inline_assets: bool = False  # embed every script and stylesheet in the maps
    carto_key: str | None = None  # adds CartoDB Positron to the basemaps
    article_maps: bool = True  # a map per article in maps/articles/
    tianditu_key: str | None = None  # adds Tianditu's vector map and imagery to the basemaps


@dataclass(frozen=True)
class Folders:
    layers: Path
    maps: Path


def _write_layers(atlas: Atlas, to: Folders, rendering: Rendering) -> None:
    export.write_layers(atlas.frames, atlas.mentions, to.layers, atlas.places, atlas.documents)


def _write_geoparquet(atlas: Atlas, to: Folders, rendering: Rendering) -> None:
    export.write_geoparquet_layers(atlas.frames, atlas.mentions, to.layers, atlas.places,
                                   atlas.documents)


def _write_review(atlas: Atlas, to: Folders, rendering: Rendering) -> None:
    export.write_review(atlas.places, to.layers)


def _write_maps(atlas: Atlas, to: Folders, rendering: Rendering) -> None:
    maps.write_maps(atlas.frames, atlas.documents, to.maps, atlas.city_slugs,
                    rendering.inline_assets, rendering.carto_key, rendering.article_maps,
                    atlas.outlines, tianditu_key=rendering.tianditu_key)


def _overviews(atlas: Atlas) -> Iterable[tuple[str, str, dict[str, gpd.GeoDataFrame]]]:
    """The overview and each city: what images and fragments are made of."""
    return maps.views(atlas.frames, atlas.documents, atlas.city_slugs, articles=False)


def _write_images(atlas: Atlas, to: Folders, rendering: Rendering) -> None:
    for stem, title, view in _overviews(atlas):
        images.write_images(view, title, to.maps / "images" / stem,
                            outlines.for_view(atlas.outlines, view))


def _write_embeds(atlas: Atlas, to: Folders, rendering: Rendering) -> None:
    for stem, title, view in _overviews(atlas):
        fragment = to.maps / "embed" / f"{stem}.html"
        fragment.parent.mkdir(parents=True, exist_ok=True)
        fmap = maps.make_map(view, title, rendering.carto_key,
                             outlines.for_view(atlas.outlines, view),
                             tianditu_key=rendering.tianditu_key)
        fragment.write_text(maps.embed_html(fmap, title, inline=rendering.inline_assets),
                            encoding="utf-8")


Writer = Callable[[Atlas, Folders, Rendering], None]
# What ``build`` can write, by name: GIS layers, their GeoParquet and the review files into
# the layers folder; web maps, report images (PNG, SVG) and <iframe> fragments into the maps folder.
WRITERS: dict[str, Writer] = {
    "layers": _write_layers,
    "review": _write_review,
    "maps": _write_maps,
    "images": _write_images,
    "embeds": _write_embeds,
    "geoparquet": _write_geoparquet,
}
DEFAULT_OUTPUTS = ("layers", "review", "maps")
PARTITIONS = ".partitions"  # a partitioned build's work folder, in the layers folder


def build(
    inputs: Inputs = ("seeds",),
    layers_dir: str | Path = "layers",
    maps_dir: str | Path = "maps",
    progress: Progress | Callable[[str], None] = QUIET,
    geocoding: GeocodingOptions | None = None,
    outputs: Iterable[str] = DEFAULT_OUTPUTS,
    rendering: Rendering | None = None,
    links: bool = True,
    fast: bool = False,
    partitioning: Partitioning | None = None,
) -> BuildReport:
    """Read articles, find and locate the places they name, and write the ``outputs`` (names
    of ``WRITERS``) into ``layers_dir`` and ``maps_dir``. Nothing is published unless every
    writer succeeds (see ``geo.export.staging``). With ``partitioning`` and no work folder
    of its own, the partitions go to ``layers_dir/.partitions``, where a later build over
    the same inputs finds them."""
    outputs = list(outputs)
    unknown = [name for name in outputs if name not in WRITERS]
    if unknown:
        raise ValueError(f"unknown output {unknown[0]!r}; known: {', '.join(WRITERS)}")
    if partitioning is not None and partitioning.work is None:
        if Path(layers_dir).exists() and not Path(layers_dir).is_dir():
            raise OutputFolderError(f"{layers_dir}: is a file, not a folder for the "
                                           "outputs")
        partitioning = replace(partitioning, work=Path(layers_dir) / PARTITIONS)
    progress = as_progress(progress)
    atlas = locate(inputs, geocoding, progress, links, fast, partitioning)
    finals = Folders(Path(layers_dir), Path(maps_dir))
    with (export.staged(finals.layers, finals.maps) as (layers_stage, maps_stage),
          progress.stage("writing outputs", len(outputs), "outputs") as stage):
        for name in outputs:
            WRITERS[name](atlas, Folders(layers_stage, maps_stage), rendering or Rendering())
            stage.advance(1, f"wrote {name}")
        staged_files = [(layers_stage, finals.layers), (maps_stage, finals.maps)]
        files = sorted(final / path.relative_to(stage)
                       for stage, final in staged_files
                       for path in stage.rglob("*") if path.is_file())
    names = layerspec.names()
    return BuildReport(
        documents=len(atlas.documents), mentions=len(atlas.mentions),
        places={layer: len(atlas.frames[layer]) for layer in names},
        unresolved=sorted(p.name for p in atlas.places if p.layer in names and not p.resolved),
        located=atlas.located, errors=atlas.errors, files=files,
    )
