"""The ``geo`` command. Each subcommand does one thing and says what it did."""

from __future__ import annotations

import argparse
import sys
import time

from geo import __version__
from geo.pipeline import InputError, build


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
    return root


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return args.func(args)
