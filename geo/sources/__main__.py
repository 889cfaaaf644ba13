"""``python -m geo.sources --metro GITDIR --adcode GITDIR --wikidata GITDIR --railway GITDIR``:
build the bulk gazetteer.

Each GITDIR is a git snapshot of the source's repository holding the commit that
``geo/data/sources.toml`` pins. Rows that cannot be used are reported with file and line and
skipped; a source that is wrong as a whole (an id twice, a point outside China, mixed datums)
stops the build with exit status 1 and writes nothing more.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from geo import data
from geo.sources import divisions, metro, outlines, railway, wikidata
from geo.sources.rows import DataBuildError, Report
from geo.sources.snapshot import Snapshot, SnapshotError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m geo.sources", description=__doc__)
    parser.add_argument("--metro", required=True, metavar="GITDIR",
                        help="a snapshot of the metro source's repository")
    parser.add_argument("--adcode", required=True, metavar="GITDIR",
                        help="a snapshot of the divisions source's repository")
    parser.add_argument("--wikidata", required=True, metavar="GITDIR",
                        help="a snapshot of the Wikidata extract's repository")
    parser.add_argument("--railway", required=True, metavar="GITDIR",
                        help="a snapshot of the railway stations' repository")
    parser.add_argument("--out", default=str(data.PACKAGE / "gazetteer"), metavar="DIR",
                        help="where the files go (default: geo/data/gazetteer)")
    args = parser.parse_args(argv)
    pins = data.read_toml(data.path("sources.toml"))
    out = Path(args.out)
    report = Report()
    try:
        adcode = Snapshot(args.adcode, pins["adcode"]["commit"])
        metro_source = Snapshot(args.metro, pins["metro"]["commit"])
        city_names = divisions.build(adcode, pins["adcode"]["path"], pins["adcode"]["outlines"],
                                     out, report, metro.slugs(metro_source, pins["metro"]["path"]))
        print(f"divisions: {len(city_names)} cities", file=sys.stderr)
        count = outlines.build(adcode, pins["adcode"]["path"], pins["adcode"]["outlines"], out,
                               report)
        print(f"outlines: {count} cities and districts", file=sys.stderr)
        stations = metro.build(metro_source, pins["metro"]["path"], out, city_names, report)
        pin = pins["wikidata"]
        code = next(code for code, name in city_names.items() if name == pin["city"])
        places = wikidata.build(Snapshot(args.wikidata, pin["commit"]), pin["path"],
                                pin["city"], code, out, report, tuple(pin.get("exclude", ())),
                                divisions.reach_of(out / "divisions.csv", pin["city"]))
        pin = pins["railway"]
        adcode_pin = pins["adcode"]
        locate = divisions.locator(adcode, adcode_pin["path"], adcode_pin["outlines"])
        railways, offsets = railway.build(Snapshot(args.railway, pin["commit"]), pin["path"],
                                          pin["member"], out, locate, report)
    except (SnapshotError, DataBuildError) as error:
        print(f"geo.sources: {error}", file=sys.stderr)
        return 1
    for line in report.skipped:
        print(f"skipped {line}", file=sys.stderr)
    print(f"metro: {len(stations)} cities, {sum(s for s, _ in stations.values())} stations, "
          f"{sum(n for _, n in stations.values())} lines; wikidata: {places} places; "
          f"railway: {sum(railways.values())} stations in {len(railways)} cities "
          f"({railway.median_offset(offsets)}); {len(report.skipped)} rows skipped",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
