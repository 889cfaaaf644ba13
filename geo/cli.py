"""The ``geo`` command. Each subcommand does one thing and says what it did."""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from geo import __version__
from geo.evaluate import evaluate, load_gold, report
from geo.gazetteer import Gazetteer
from geo.pipeline import InputError, build, find_mentions, read


def _progress(message: str) -> None:
    print(f"  … {message}", file=sys.stderr, flush=True)


def cmd_build(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    try:
        report = build(args.inputs, args.layers, args.maps,
                       progress=_progress if not args.quiet else (lambda m: None))
    except InputError as error:
        print(f"geo build: {error}", file=sys.stderr)
        return 2
    for error in report.errors:
        print(f"skipped {error}", file=sys.stderr)
    per_layer = ", ".join(f"{count} {layer}" for layer, count in report.places.items())
    print(f"Read {report.documents} documents; found {report.mentions} mentions.")
    print(f"Places per layer: {per_layer}; unresolved: {len(report.unresolved)}"
          + (f" ({', '.join(report.unresolved)})" if report.unresolved else ""))
    print(f"Wrote {len(report.files)} files to {args.layers}/ and {args.maps}/ "
          f"in {time.perf_counter() - started:.1f} s.")
    return 1 if report.errors and args.strict else 0


def _read(command: str, inputs: list[str]):
    """The readable documents, each unreadable file reported; None when there is nothing."""
    try:
        documents, errors = read(inputs)
    except InputError as error:
        print(f"geo {command}: {error}", file=sys.stderr)
        return None
    for error in errors:
        print(f"skipped {error}", file=sys.stderr)
    return documents


def cmd_extract(args: argparse.Namespace) -> int:
    documents = _read("extract", args.inputs)
    if documents is None:
        return 2
    paths = {document.id: str(document.path) for document in documents}
    mentions = find_mentions(documents, Gazetteer.load())
    for m in mentions:
        if args.json:
            print(json.dumps({
                "document": paths[m.document], "name": m.name, "layer": m.layer,
                "status": m.status, "start": m.start, "end": m.end, "sentence": m.sentence,
                "city": m.city, "district": m.district,
            }, ensure_ascii=False))
        else:
            print(f"{paths[m.document]}\t{m.start}-{m.end}\t{m.layer}\t{m.full_name}\t{m.status}")
    print(f"{len(mentions)} mentions in {len(documents)} documents", file=sys.stderr)
    return 0


def cmd_evaluate(args: argparse.Namespace) -> int:
    documents = _read("evaluate", args.inputs)
    if documents is None:
        return 2
    gazetteer = Gazetteer.load()
    scores = evaluate(documents, find_mentions(documents, gazetteer),
                      load_gold(Path(args.gold)), gazetteer)
    print(report(scores))
    if args.verbose:
        overall = scores["overall"]
        for item in overall.missed:
            print(f"missed    {item}")
        for item in overall.spurious:
            print(f"spurious  {item}")
    return 0


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(
        prog="geo",
        description="Renewal Atlas: turn Chinese news articles about urban renewal into "
                    "GIS layers (GeoJSON, GeoPackage) and web maps.",
    )
    root.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = root.add_subparsers(dest="command", required=True, metavar="COMMAND")

    b = commands.add_parser(
        "build", help="build layers and maps from articles",
        description="Read articles (.txt, .md, .html; UTF-8 or GBK/GB18030), find the parks, "
                    "transit lines and renewal sites they name, locate them from the embedded "
                    "gazetteer, and write layers/ and maps/. Works offline.",
    )
    b.add_argument("inputs", nargs="*", default=["seeds"],
                   help="article files or folders (default: seeds)")
    b.add_argument("--layers", default="layers", metavar="DIR",
                   help="folder for GeoJSON, GeoPackage and CSV output (default: layers)")
    b.add_argument("--maps", default="maps", metavar="DIR",
                   help="folder for the HTML maps (default: maps)")
    b.add_argument("--strict", action="store_true",
                   help="exit with status 1 if any input file could not be read")
    b.add_argument("-q", "--quiet", action="store_true", help="no progress messages")
    b.set_defaults(func=cmd_build)

    e = commands.add_parser(
        "extract", help="list the places articles name",
        description="Find every place the articles name, with its layer (park, transit, "
                    "renewal, other), status and sentence. Offsets are character offsets into "
                    "each document's cleaned text.",
    )
    e.add_argument("inputs", nargs="+", help="article files or folders")
    e.add_argument("--json", action="store_true",
                   help="one JSON object per mention per line: document, name, layer, status, "
                        "start, end, sentence, city, district")
    e.set_defaults(func=cmd_extract)

    v = commands.add_parser(
        "evaluate", help="score extraction against gold annotations",
        description="Compare the places found in the articles with a gold file (JSON: "
                    '{"places": [{"name", "layer", "document"}]}, document = file name without '
                    "extension) and print precision, recall and F1 per layer and overall.",
    )
    v.add_argument("gold", help="the gold annotations (JSON)")
    v.add_argument("inputs", nargs="+", help="the annotated article files or folders")
    v.add_argument("-v", "--verbose", action="store_true", help="list misses and false finds")
    v.set_defaults(func=cmd_evaluate)
    return root


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return args.func(args)
