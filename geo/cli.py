"""The ``geo`` command. Each subcommand does one thing and says what it did."""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
import warnings
from importlib.metadata import version
from pathlib import Path

from geo.corpusrun import DEFAULT_SIZE, ClusterError, Partitioning
from geo.evaluate import (
    annotated_mentions,
    evaluate,
    load_gold,
    load_truth,
    location_report,
    report,
    score_locations,
)
from geo.export.staging import OutputFolderError
from geo.extract import find_mentions
from geo.gazetteer import Gazetteer
from geo.geocode import GeocodingOptions, OptionError, Query, open_chain
from geo.geocode.cache import CacheError, GeocodeCache
from geo.images.draw import NO_FONT
from geo.maps.basemaps import CARTO_KEY_VARIABLE, TIANDITU_KEY_VARIABLE
from geo.maps.inline import AssetError
from geo.pipeline import (
    DEFAULT_OUTPUTS,
    InputError,
    Rendering,
    build,
    extract_mentions,
    locate,
    read,
)
from geo.progress import QUIET, Progress, on_stderr
from geo.recordfiles import is_record_file


def geocoding_options(args: argparse.Namespace) -> GeocodingOptions:
    options = GeocodingOptions.from_toml(args.config) if args.config else GeocodingOptions()
    geocoders = list(args.geocoder or [])
    if args.online and not geocoders and not options.geocoders:
        geocoders = ["nominatim"]  # the default online geocoder
    if geocoders:
        options.geocoders, options.chain = geocoders, None
    if args.nominatim_url:
        options.urls["nominatim"] = args.nominatim_url
    for item in args.geocoder_url or []:
        name, equals, url = item.partition("=")
        if not (name and equals and url):
            raise OptionError(f"--geocoder-url takes NAME=URL, not {item!r}")
        options.urls[name] = url
    options.user_agent = args.user_agent or options.user_agent
    options.overrides = [*options.overrides, *(args.overrides or [])]
    options.cache = args.cache or options.cache
    options.offline = args.offline or options.offline
    if args.min_delay is not None:
        options.min_delay_seconds = args.min_delay
    if args.online_budget is not None:
        options.budget_seconds = args.online_budget
    options.check()
    return options


def _fast_option(command: argparse.ArgumentParser) -> None:
    command.add_argument("--fast", action="store_true",
                         help="find names with the rules alone, without the learned recogniser "
                              "(about twice the speed, fewer names found)")


def _positive(text: str) -> int:
    try:
        number = int(text)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"a whole number of at least 1, not {text!r}")
    return number


def _partition_options(command: argparse.ArgumentParser) -> None:
    group = command.add_argument_group(
        "corpus runs", "Extract in partitions, in this process or on a Dask cluster; a build's "
                       "partitions are kept in LAYERS/.partitions, so an interrupted build "
                       "resumes where it stopped (docs/corpus-runs.md). Without these options "
                       "the corpus is extracted in one go.")
    group.add_argument("--partition-size", type=_positive, metavar="N",
                       help=f"documents per partition (default: {DEFAULT_SIZE})")
    group.add_argument("--workers", type=_positive, metavar="N",
                       help="extract on a local Dask cluster of N worker processes "
                            "(needs renewal-atlas[dask])")
    group.add_argument("--scheduler", metavar="ADDRESS",
                       help="extract on the existing Dask cluster whose scheduler is at "
                            "ADDRESS, e.g. tcp://10.0.0.5:8786 (its workers need renewal-atlas "
                            "installed, the same version)")


def partitioning(args: argparse.Namespace) -> Partitioning | None:
    """The corpus run the options ask for; None (extraction in one go) without them."""
    if args.partition_size is None and args.workers is None and args.scheduler is None:
        return None
    return Partitioning(args.partition_size or DEFAULT_SIZE, args.workers, args.scheduler)


def cmd_build(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    outputs = [*DEFAULT_OUTPUTS, *(["images"] if args.images else []),
               *(["embeds"] if args.embeds else []),
               *(["geoparquet"] if args.geoparquet else [])]
    try:
        with warnings.catch_warnings():
            if args.quiet:  # the images are drawn all the same, without Chinese labels
                warnings.filterwarnings("ignore", message=re.escape(NO_FONT))
            report = build(args.inputs, args.layers, args.maps,
                           progress=on_stderr(args.quiet),
                           geocoding=geocoding_options(args), outputs=outputs,
                           rendering=Rendering(args.inline_assets, args.carto_key,
                                               article_maps=not args.no_article_maps,
                                               tianditu_key=args.tianditu_key),
                           links=not args.no_links, fast=args.fast,
                           partitioning=partitioning(args))
    except (InputError, OptionError, AssetError, OutputFolderError, ClusterError) as error:
        print(f"geo build: {error}", file=sys.stderr)
        return 2
    for error in report.errors:
        print(f"skipped {error}", file=sys.stderr)
    per_layer = ", ".join(f"{count} {layer}" for layer, count in report.places.items())
    print(f"Read {report.documents} documents; found {report.mentions} mentions.")
    print(f"Places per layer: {per_layer}; unresolved: {len(report.unresolved)}"
          + (f" ({', '.join(report.unresolved)})" if report.unresolved else ""))
    print(f"Located by: {report.located}.")
    keyless = []  # the basemaps left out for want of a key
    if not args.tianditu_key:
        keyless.append(f"Tianditu needs a key (--tianditu-key or ${TIANDITU_KEY_VARIABLE})")
    if not args.carto_key:
        keyless.append("CartoDB Positron needs a CARTO API key "
                       f"(--carto-key or ${CARTO_KEY_VARIABLE})")
    if keyless:
        print(f"Basemaps: OpenStreetMap, Gaode and Esri World Imagery; {'; '.join(keyless)}.")
    print(f"Wrote {len(report.files)} files to {args.layers}/ and {args.maps}/ "
          f"in {time.perf_counter() - started:.1f} s.")
    return 1 if report.errors and args.strict else 0


def _read(command: str, inputs: list[str], progress: Progress = QUIET):
    """The readable documents, each unreadable file reported; None when there is nothing."""
    try:
        documents, errors = read(inputs, progress=progress)
    except InputError as error:
        print(f"geo {command}: {error}", file=sys.stderr)
        return None
    for error in errors:
        print(f"skipped {error}", file=sys.stderr)
    return documents


def cmd_extract(args: argparse.Namespace) -> int:
    try:
        partitions = partitioning(args)
    except ClusterError as error:
        print(f"geo extract: {error}", file=sys.stderr)
        return 2
    progress = on_stderr(args.quiet)
    documents = _read("extract", args.inputs, progress)
    if documents is None:
        return 2
    # an article file by its path; a record of a JSON Lines or Parquet file by its path and id
    paths = {document.id: f"{document.path}#{document.id}"
             if is_record_file(document.path) else str(document.path) for document in documents}
    try:
        run = extract_mentions(documents, Gazetteer.load(), args.fast, partitions, progress)
    except ClusterError as error:
        print(f"geo extract: {error}", file=sys.stderr)
        return 2
    mentions = run.mentions
    # how many partitions, when extracted in partitions
    split = "" if partitions is None else f", in {len(run.computed) + len(run.skipped)} partitions"
    for m in mentions:
        if args.json:
            print(json.dumps({
                "document": paths[m.document], "name": m.name, "layer": m.layer,
                "status": m.status, "start": m.start, "end": m.end, "sentence": m.sentence,
                "city": m.city, "district": m.district,
            }, ensure_ascii=False))
        else:
            print(f"{paths[m.document]}\t{m.start}-{m.end}\t{m.layer}\t{m.full_name}\t{m.status}")
    print(f"{len(mentions)} mentions in {len(documents)} documents{split}", file=sys.stderr)
    return 0


def cmd_evaluate(args: argparse.Namespace) -> int:
    if args.locations:
        return _evaluate_locations(args)
    if len(args.paths) < 2:
        print("geo evaluate: give the gold file and the articles (or --locations TRUTH)",
              file=sys.stderr)
        return 2
    gold, inputs = args.paths[0], args.paths[1:]
    documents = _read("evaluate", inputs)
    if documents is None:
        return 2
    gazetteer = Gazetteer.load()
    if args.against:  # another annotator's places instead of the extractor's
        mentions = annotated_mentions(documents, load_gold(Path(args.against)), gazetteer)
    else:
        mentions = find_mentions(documents, gazetteer, args.fast)
    scores = evaluate(documents, mentions, load_gold(Path(gold)), gazetteer)
    print(report(scores))
    if args.verbose:
        overall = scores["overall"]
        for item in overall.missed:
            print(f"missed    {item}")
        for item in overall.spurious:
            print(f"spurious  {item}")
    return 0


def _evaluate_locations(args: argparse.Namespace) -> int:
    """Where the map puts each place that has a public location, against that location."""
    try:
        atlas = locate(args.paths, progress=lambda message: None, fast=args.fast)
    except InputError as error:
        print(f"geo evaluate: {error}", file=sys.stderr)
        return 2
    results = score_locations(atlas.documents, atlas.places,
                              load_truth(Path(args.locations)), Gazetteer.load())
    print(location_report(results))
    if args.verbose:
        for r in sorted(results, key=lambda r: (r.error_m is None, -(r.error_m or 0))):
            where = ("not found in the text" if r.place_id is None else "not located"
                     if r.error_m is None else f"{r.error_m:>9,.0f} m off, claims "
                     f"±{r.precision_m or 0:,.0f} m ({r.method})")
            print(f"{r.document}: {r.name}\t{where}")
    return 0


def _city_and_district(gazetteer: Gazetteer, city: str | None, district: str | None
                       ) -> tuple[str | None, str | None]:
    """--city and --district as the gazetteer names them: 上海, 上海市 and Shanghai are
    上海市; 虹口 is 虹口区."""
    if city is not None:
        entry = gazetteer.city_named(city)
        if entry is None:
            raise OptionError(f"--city {city}: no such city (give its name: 上海市, 上海, or "
                              "for a city with a metro, Shanghai)")
        city = entry.name
    if district is not None:
        entry = gazetteer.district_named(district, city)
        if entry is None:
            raise OptionError(f"--district {district}: no such district"
                              + (f" in {city}" if city else " (give --city too)"))
        district = entry.name
    return city, district


def cmd_geocode(args: argparse.Namespace) -> int:
    try:
        options = geocoding_options(args)
        if args.only:
            options.chain = list(args.geocoder or options.geocoders)
        gazetteer = Gazetteer.load()
        city, district = _city_and_district(gazetteer, args.city, args.district)
        chain = open_chain(options, gazetteer)
    except OptionError as error:
        print(f"geo geocode: {error}", file=sys.stderr)
        return 2
    with chain:
        for error in chain.errors:
            print(f"skipped {error}", file=sys.stderr)
        answer = chain.locate(Query(args.name, city, district))
    if answer is None:
        print(f"geo geocode: {args.name!r} not found ({chain.summary()})", file=sys.stderr)
        return 1
    record = {"name": args.name, "lon": round(answer.lon, 6), "lat": round(answer.lat, 6),
              "precision_m": answer.precision_m, "provider": answer.provider,
              "source": answer.source, "approximate": answer.approximate}
    if args.json:
        print(json.dumps(record, ensure_ascii=False))
    else:
        print(f"{args.name}\t{record['lon']}, {record['lat']}\t±{answer.precision_m:,.0f} m\t"
              f"{answer.provider}{' (approximate)' if answer.approximate else ''}")
    return 0


def cmd_cache(args: argparse.Namespace) -> int:
    try:
        cache = GeocodeCache(args.cache)
    except CacheError as error:
        print(f"geo cache: {error}", file=sys.stderr)
        return 2
    if cache.set_aside is not None:
        print(f"geo cache: {cache.path} was damaged; it is kept as {cache.set_aside}",
              file=sys.stderr)
    try:
        if args.action == "clear":
            removed = cache.clear(args.provider)
            print(f"Removed {removed} cached answers from {cache.path}.")
            return 0
        stats = cache.stats()
        print(f"{cache.path}: {sum(s['answers'] for s in stats.values())} answers")
        for provider, counts in stats.items():
            print(f"  {provider}: {counts['answers']} answers, {counts['found']} found a place")
        return 0
    finally:
        cache.close()


def add_geocoding_arguments(command: argparse.ArgumentParser) -> None:
    group = command.add_argument_group(
        "geocoding", "The chain is gazetteer, overrides, cache, online geocoders, then the "
                     "district or town as an approximate fallback. Online geocoders are used "
                     "only when named.")
    group.add_argument("--geocoder", action="append", metavar="NAME",
                       help="an online geocoder to try, in order (repeatable): nominatim, "
                            "amap, baidu, tianditu, or any geopy service; keys from "
                            "$AMAP_KEY, $BAIDU_AK, $TIANDITU_TK, $<NAME>_API_KEY")
    group.add_argument("--online", action="store_true",
                       help="use the default online geocoder, Nominatim")
    group.add_argument("--offline", action="store_true",
                       help="read cached answers but ask no online service")
    group.add_argument("--user-agent", help="your own user agent, as Nominatim's policy asks "
                                            "(default: $GEO_USER_AGENT)")
    group.add_argument("--nominatim-url", metavar="URL",
                       help="a self-hosted Nominatim, e.g. http://127.0.0.1:8080")
    group.add_argument("--geocoder-url", action="append", metavar="NAME=URL",
                       help="another server for a geocoder (repeatable)")
    group.add_argument("--overrides", action="append", metavar="CSV",
                       help="coordinates you supplied, e.g. a filled-in layers/review.csv")
    group.add_argument("--cache", metavar="PATH",
                       help="the SQLite answer cache (default: "
                            "~/.cache/renewal-atlas/geocode.sqlite)")
    group.add_argument("--min-delay", type=float, metavar="SECONDS",
                       help="at least this long between requests to a service (default: 1)")
    group.add_argument("--online-budget", type=float, metavar="SECONDS",
                       help="the online geocoders' time in all for this run; when it is spent, "
                            "the places left go to the next resolvers (default: no limit)")
    group.add_argument("--config", metavar="TOML", help="geocoding settings ([geocoding])")


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(
        prog="geo",
        description="Renewal Atlas: turn Chinese news articles about urban renewal into "
                    "GIS layers (GeoJSON, GeoPackage) and web maps.",
    )
    root.add_argument("--version", action="version", version=f"%(prog)s {version('renewal-atlas')}")
    commands = root.add_subparsers(dest="command", required=True, metavar="COMMAND")

    b = commands.add_parser(
        "build", help="build layers and maps from articles",
        description="Read articles (.txt, .md, .html; UTF-8, UTF-16, GB18030 or Big5; or "
                    "records of JSON Lines or Parquet files with a text column), find "
                    "the parks, transit lines and renewal sites they name, locate them from the "
                    "embedded gazetteer, and write layers/ and maps/. Works offline.",
    )
    b.add_argument("inputs", nargs="*", default=["seeds"],
                   help="article files (.txt, .md, .html), record files (.jsonl, .jsonl.gz, "
                        ".jsonl.zst, .parquet), folders, or quoted globs ('corpus/*.jsonl.gz') "
                        "(default: seeds)")
    b.add_argument("--layers", default="layers", metavar="DIR",
                   help="folder for GeoJSON, GeoPackage and CSV output (default: layers)")
    b.add_argument("--maps", default="maps", metavar="DIR",
                   help="folder for the HTML maps (default: maps)")
    b.add_argument("--strict", action="store_true",
                   help="exit with status 1 if any input file could not be read")
    b.add_argument("-q", "--quiet", action="store_true", help="no progress messages")
    _fast_option(b)
    b.add_argument("--inline-assets", action="store_true",
                   help="embed every script and stylesheet in the maps, so they open with no "
                        "network but the basemap tiles (needs `make assets`)")
    b.add_argument("--no-links", action="store_true",
                   help="refuse every symbolic link among the inputs (by default a link is "
                        "read only when it points to a file in its own folder)")
    b.add_argument("--no-article-maps", action="store_true",
                   help="write no map per article in MAPS/articles/ (a corpus of thousands of "
                        "articles), only the overview and each city")
    b.add_argument("--images", action="store_true",
                   help="also draw the overview and each city as PNG and SVG in MAPS/images/, "
                        "for reports (Chinese labels need a CJK font: fonts-noto-cjk)")
    b.add_argument("--embeds", action="store_true",
                   help="also write the overview and each city as an <iframe srcdoc> fragment "
                        "in MAPS/embed/, to paste into a web page or a Quarto/Jupyter report")
    b.add_argument("--geoparquet", action="store_true",
                   help="also write places, mentions and articles as (Geo)Parquet in LAYERS/ "
                        "(GeoParquet 1.1, zstd, bbox column, rows in Hilbert order), for "
                        "geopandas, dask-geopandas and DuckDB")
    b.add_argument("--carto-key", metavar="KEY",
                   default=os.environ.get(CARTO_KEY_VARIABLE) or None,
                   help="a CARTO API key, which adds CartoDB Positron to the maps' basemaps "
                        f"(default: ${CARTO_KEY_VARIABLE}; CARTO's tiles need one)")
    b.add_argument("--tianditu-key", metavar="KEY",
                   default=os.environ.get(TIANDITU_KEY_VARIABLE) or None,
                   help="a Tianditu (天地图) key, which adds Tianditu's vector map and imagery "
                        f"to the maps' basemaps (default: ${TIANDITU_KEY_VARIABLE}; written into "
                        "the maps only when given)")
    _partition_options(b)
    add_geocoding_arguments(b)
    b.set_defaults(func=cmd_build)

    g = commands.add_parser(
        "geocode", help="locate one place name",
        description="Locate one place through the resolver chain. Exit status 1 when nothing "
                    "is found.")
    g.add_argument("name", help="the place name, e.g. 徐汇滨江")
    g.add_argument("--city", help="the city it is in: 上海市, 上海 or Shanghai")
    g.add_argument("--district", help="the district it is in: 徐汇区 or 徐汇")
    g.add_argument("--only", action="store_true",
                   help="ask only the named --geocoder, not the gazetteer or the fallback")
    g.add_argument("--json", action="store_true",
                   help="print {name, lon, lat, precision_m, provider, source, approximate}")
    add_geocoding_arguments(g)
    g.set_defaults(func=cmd_geocode)

    c = commands.add_parser("cache", help="inspect or clear the geocoding cache",
                            description="`stats`: answers cached per provider; `clear`: remove "
                                        "them (all, or one --provider's).")
    c.add_argument("action", choices=["stats", "clear"])
    c.add_argument("--cache", metavar="PATH", help="the cache file (default: "
                                                   "~/.cache/renewal-atlas/geocode.sqlite)")
    c.add_argument("--provider", help="clear only this provider's answers")
    c.set_defaults(func=cmd_cache)

    e = commands.add_parser(
        "extract", help="list the places articles name",
        description="Find every place the articles name, with its layer (park, transit, "
                    "renewal, other), status and sentence. Offsets are character offsets into "
                    "each document's cleaned text.",
    )
    e.add_argument("inputs", nargs="+",
                   help="article or record files, folders, or quoted globs, as for build")
    _fast_option(e)
    e.add_argument("--json", action="store_true",
                   help="one JSON object per mention per line: document, name, layer, status, "
                        "start, end, sentence, city, district")
    e.add_argument("-q", "--quiet", action="store_true",
                   help="no progress messages (the closing count is still printed)")
    _partition_options(e)
    e.set_defaults(func=cmd_extract)

    v = commands.add_parser(
        "evaluate", help="score extraction against gold annotations",
        description="Compare the places found in the articles with a gold file (JSON: "
                    '{"places": [{"name", "layer", "document"}]}, document = file name without '
                    "extension) and print precision, recall and F1 per layer and overall.",
    )
    v.add_argument("paths", nargs="+", metavar="GOLD PATH",
                   help="the gold annotations (JSON), then the annotated article files or "
                        "folders; with --locations, only the articles")
    v.add_argument("--locations", metavar="TRUTH",
                   help="score locations instead: how far the map puts each place from its "
                        "public location in TRUTH (JSON: {places: [{document, name, layer, "
                        "lon, lat, datum, source}]}); within 250 m, 1 km, 5 km, median, "
                        "honest circles")
    v.add_argument("--against", metavar="OTHER_GOLD",
                   help="score a second annotation of the same articles instead of the "
                        "extraction: the annotators' agreement")
    v.add_argument("-v", "--verbose", action="store_true", help="list misses and false finds")
    _fast_option(v)
    v.set_defaults(func=cmd_evaluate)
    return root


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.func(args)
    except BrokenPipeError:
        # `geo extract … | head`: the reader has what it wanted; end quietly, and keep Python
        # from complaining when it flushes standard output on the way out
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
