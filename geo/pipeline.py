"""The whole pipeline: ``locate`` takes articles to located layers, ``build`` writes them out as
GIS files, web maps and, on request, report images and embeddable fragments."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import folium
import geopandas as gpd

from geo import classify, corpus, export, extract, geocode, layers, render, review
from geo import report as report_images
from geo.config import GeocodingOptions, build_chain
from geo.gazetteer import Gazetteer
from geo.records import LAYERS, Document, Mention, Place


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


def read(inputs: Iterable[str | Path]) -> tuple[list[Document], list[str]]:
    """The readable documents among the inputs, and a message for each file that is not."""
    paths = corpus.find_inputs(Path(p) for p in inputs)
    if not paths:
        raise InputError(f"no articles (.txt, .md, .html) found in {', '.join(map(str, inputs))}")
    documents: list[Document] = []
    errors: list[str] = []
    for item in corpus.read_documents(paths):
        if isinstance(item, corpus.CorpusError):
            errors.append(str(item))
        else:
            documents.append(item)
    return documents, errors


def find_mentions(documents: Iterable[Document], gazetteer: Gazetteer) -> list[Mention]:
    """Extract and classify: every place each document names, with layer, status and facts."""
    documents = list(documents)
    return classify.classify(extract.extract(documents, gazetteer), documents)


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

    def map(self, carto_key: str | None = None) -> folium.Map:
        """The overview map; a CARTO ``carto_key`` adds CartoDB Positron to its basemaps."""
        return render.make_map(self.frames, self.title, carto_key)

    def embed_html(self, height: str = "600px", inline_assets: bool = False,
                   carto_key: str | None = None) -> str:
        """The map as an ``<iframe srcdoc>`` fragment for a web page or a report."""
        return render.embed_html(self.map(carto_key), self.title, height, inline_assets)

    def _repr_html_(self) -> str:
        return self.embed_html()

    def save_images(self, stem: str | Path) -> list[Path]:
        """The overview as ``stem.png`` and ``stem.svg``."""
        return report_images.write_images(self.frames, self.title, Path(stem))


def locate(
    inputs: Iterable[str | Path] = ("seeds",),
    geocoding: GeocodingOptions | None = None,
    progress: Callable[[str], None] = lambda message: None,
) -> Atlas:
    """Read articles and find and locate the places they name.

    ``geocoding`` sets the resolver chain; by default it is offline: the gazetteer, then the
    area each place lies in."""
    documents, errors = read(inputs)
    if not documents:
        raise InputError("no readable articles: " + "; ".join(errors))
    progress(f"read {len(documents)} documents")

    gazetteer = Gazetteer.load()
    mentions = find_mentions(documents, gazetteer)
    chain, override_errors, cache = build_chain(geocoding or GeocodingOptions(), gazetteer)
    try:
        places = geocode.resolve(mentions, gazetteer, chain)
    finally:
        if cache is not None:
            cache.close()
    frames = layers.build_layers(places, documents)
    progress(f"found {len(mentions)} mentions of {len(places)} places")
    return Atlas(documents, mentions, places, frames,
                 {entry.name: entry.id for entry in gazetteer.cities()},
                 chain.summary(), errors + override_errors)


def build(
    inputs: Iterable[str | Path] = ("seeds",),
    layers_dir: str | Path = "layers",
    maps_dir: str | Path = "maps",
    progress: Callable[[str], None] = lambda message: None,
    geocoding: GeocodingOptions | None = None,
    inline_assets: bool = False,
    images: bool = False,
    embeds: bool = False,
    carto_key: str | None = None,
) -> BuildReport:
    """Read articles, find and locate the places they name, write layers and maps.

    ``inline_assets`` writes maps that embed their JS and CSS; ``images`` adds a PNG and an SVG
    of the overview and of each city, ``embeds`` an ``<iframe srcdoc>`` fragment of each, for
    reports; a CARTO ``carto_key`` adds CartoDB Positron to the maps' basemaps (see ``locate``
    for ``geocoding``)."""
    atlas = locate(inputs, geocoding, progress)
    frames, documents = atlas.frames, atlas.documents
    with export.staged(Path(layers_dir), Path(maps_dir)) as (layers_stage, maps_stage):
        export.write_layers(frames, atlas.mentions, layers_stage)
        review.write_review(atlas.places, layers_stage)
        progress("wrote layers; drawing maps")
        render.write_maps(frames, documents, maps_stage, atlas.city_slugs, inline_assets,
                          carto_key)
        for stem, title, view in render.views(frames, documents, atlas.city_slugs,
                                              articles=False):
            if images:
                report_images.write_images(view, title, maps_stage / "images" / stem)
            if embeds:
                fragment = maps_stage / "embed" / f"{stem}.html"
                fragment.parent.mkdir(exist_ok=True)
                fragment.write_text(render.embed_html(render.make_map(view, title, carto_key),
                                                      title, inline=inline_assets),
                                    encoding="utf-8")
        staged_files = [(layers_stage, Path(layers_dir)), (maps_stage, Path(maps_dir))]
        files = sorted(final / path.relative_to(stage)
                       for stage, final in staged_files
                       for path in stage.rglob("*") if path.is_file())

    places = atlas.places
    return BuildReport(
        documents=len(documents), mentions=len(atlas.mentions),
        places={layer: len(frames[layer]) for layer in LAYERS},
        unresolved=sorted(p.name for p in places if p.layer in LAYERS and not p.resolved),
        located=atlas.located, errors=atlas.errors, files=files,
    )
