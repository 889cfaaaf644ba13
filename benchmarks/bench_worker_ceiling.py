"""The most a corpus-run worker's memory can grow with the cities its articles are about
(run by hand, not a test).

    .venv/bin/python benchmarks/bench_worker_ceiling.py [--fast]

A worker's gazetteer reads a city's towns, stations and places, and its extractor builds
that city's name matcher, the first time an article is about the city; nothing else in a
worker grows with the corpus. This extracts one short article about each city of the
gazetteer, in this process as a worker would, and prints the resident memory after the
first city and after all of them: the ceiling, whatever the corpus.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import psutil

from geo.extract import find_mentions
from geo.gazetteer import Gazetteer
from geo.records import Document

MIB = 2**20


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fast", action="store_true", help="without the learned recogniser")
    args = parser.parse_args()
    gazetteer = Gazetteer.load()
    cities = sorted(gazetteer.bulk.city_codes) if gazetteer.bulk else []
    documents = [Document(id=f"city-{number}", path=Path(f"city-{number}.txt"), title="",
                          text=f"{city}的滨江公园和地铁站周边正在更新改造。", city=city)
                 for number, city in enumerate(cities)]
    process = psutil.Process()
    find_mentions(documents[:1], gazetteer, args.fast)
    first = process.memory_info().rss / MIB
    find_mentions(documents, gazetteer, args.fast)
    print(f"{'--fast' if args.fast else 'with the recogniser'}: one city {first:,.0f} MiB, "
          f"all {len(cities)} cities {process.memory_info().rss / MIB:,.0f} MiB")


if __name__ == "__main__":
    main()
