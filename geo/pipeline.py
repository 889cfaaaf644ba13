"""The whole pipeline in one function: articles in, layers and maps out."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from geo import classify, corpus, export, extract, geocode, layers, render, review
from geo import report as report_images
from geo.config import GeocodingOptions, build_chain
from geo.gazetteer import Gazetteer
from geo.records import LAYERS, Document, Mention


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


def build(
    inputs: Iterable[str | Path] = ("seeds",),
    layers_dir: str | Path = "layers",
    maps_dir: str | Path = "maps",
    progress: Callable[[str], None] = lambda message: None,
    geocoding: GeocodingOptions | None = None,
    inline_assets: bool = False,
    images: bool = False,
) -> BuildReport:
    """Read articles, find and locate the places they name, write layers and maps.

    ``geocoding`` sets the resolver chain; by default it is offline: the gazetteer, then the
    area each place lies in. ``inline_assets`` writes maps that embed their JS and CSS; ``images``
    adds a PNG and an SVG of the overview and of each city's map, for reports."""
    report = BuildReport()
    documents, report.errors = read(inputs)
    if not documents:
        raise InputError("no readable articles: " + "; ".join(report.errors))
    progress(f"read {len(documents)} documents")

    gazetteer = Gazetteer.load()
    mentions = find_mentions(documents, gazetteer)
    chain, override_errors, cache = build_chain(geocoding or GeocodingOptions(), gazetteer)
    report.errors += override_errors
    try:
        places = geocode.resolve(mentions, gazetteer, chain)
    finally:
        if cache is not None:
            cache.close()
    report.located = chain.summary()
    frames = layers.build_layers(places, documents)
    progress(f"found {len(mentions)} mentions of {len(places)} places")

    city_slugs = {entry.name: entry.id for entry in gazetteer.cities()}
    with export.staged(Path(layers_dir), Path(maps_dir)) as (layers_stage, maps_stage):
        export.write_layers(frames, mentions, layers_stage)
        review.write_review(places, layers_stage)
        progress("wrote layers; drawing maps")
        render.write_maps(frames, documents, maps_stage, city_slugs, inline_assets)
        if images:
            progress("drawing report images")
            for stem, title, view in render.views(frames, documents, city_slugs, articles=False):
                report_images.write_images(view, title, maps_stage / "images" / stem)
        staged_files = [(layers_stage, Path(layers_dir)), (maps_stage, Path(maps_dir))]
        report.files = sorted(final / path.relative_to(stage)
                              for stage, final in staged_files
                              for path in stage.rglob("*") if path.is_file())

    report.documents = len(documents)
    report.mentions = len(mentions)
    report.places = {layer: len(frames[layer]) for layer in LAYERS}
    report.unresolved = sorted(p.name for p in places if p.layer in LAYERS and not p.resolved)
    return report
