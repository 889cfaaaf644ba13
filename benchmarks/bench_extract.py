"""Extraction speed and memory on a synthetic corpus (run by hand, not a test).

    .venv/bin/python benchmarks/bench_extract.py --megabytes 50
    .venv/bin/python benchmarks/bench_extract.py --megabytes 50 --fast   # rules alone

Writes a corpus of the seed and test articles repeated, with the gazetteer's park and site
names varied in every copy (so recognition, not only lookup, does the work), then streams it
through reading, extraction and classification on one core. Prints MB/s and the peak resident
memory; run it at two sizes to see that memory does not grow with the corpus.
"""

from __future__ import annotations

import argparse
import random
import resource
import tempfile
import time
from pathlib import Path

from geo.corpus import find_inputs, read_documents
from geo.extract import find_mentions
from geo.gazetteer import Gazetteer

ROOT = Path(__file__).resolve().parent.parent
TUNING = ROOT / "tests" / "data" / "articles" / "tuning"
# A fixed set of articles, so that figures stay comparable as the tuning set grows: the seeds
# and the tuning articles numbered below 70 (26 articles).
SOURCES = [ROOT / "seeds", *sorted(TUNING.glob("[0-6][0-9]_*.txt"))]


def write_corpus(folder: Path, megabytes: float, gazetteer: Gazetteer, seed: int = 1) -> int:
    texts = [p.read_text(encoding="utf-8") for p in find_inputs(SOURCES)]
    # Sorted fully (not by length alone), so the corpus is the same in every process.
    names = sorted({e.name for e in gazetteer.entries.values() if e.kind in ("park", "site")},
                   key=lambda name: (-len(name), name))
    alphabet = "东西南北金银华安康宁平和春秋龙凤新旧江河湖海山林"
    rng = random.Random(seed)
    written, index = 0, 0
    while written < megabytes * 1e6:
        text = texts[index % len(texts)]
        for name in names:
            if name in text:
                text = text.replace(name, rng.choice(alphabet) + name[1:])
        data = text.encode("utf-8")
        (folder / f"{index:06d}.txt").write_bytes(data)
        written += len(data)
        index += 1
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=float, default=50)
    parser.add_argument("--fast", action="store_true", help="without the learned recogniser")
    parser.add_argument("--batch", type=int, default=256, help="documents extracted together")
    args = parser.parse_args()
    gazetteer = Gazetteer.load()
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        size = write_corpus(folder, args.megabytes, gazetteer)
        find_mentions([], gazetteer, args.fast)  # load dictionaries before timing
        started = time.perf_counter()
        documents = mentions = 0
        batch: list = []
        for item in read_documents(find_inputs([folder])):
            documents += 1
            batch.append(item)
            if len(batch) == args.batch:  # a corpus is read a partition at a time
                mentions += len(find_mentions(batch, gazetteer, args.fast))
                batch = []
        mentions += len(find_mentions(batch, gazetteer, args.fast))
        elapsed = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{size / 1e6:.1f} MB in {documents} documents: {mentions} mentions")
    print(f"extraction: {elapsed:.1f} s, {size / 1e6 / elapsed:.2f} MB/s on one core; "
          f"peak RSS {peak:.0f} MiB")


if __name__ == "__main__":
    main()
