"""Corpus runs on Dask: throughput with 1 and 2 workers, each worker's peak memory at two
corpus sizes, and the time to write the GeoParquet outputs (run by hand, not a test).

    .venv/bin/python benchmarks/bench_corpus.py                     # 256 MB and 1 GB
    .venv/bin/python benchmarks/bench_corpus.py --megabytes 1024 --smaller 128 --fast \
        --smaller-workers 2 --deadline 16:33                         # as in docs/corpus-runs.md
    .venv/bin/python benchmarks/bench_corpus.py --megabytes 16 --smaller 4 \
        --file-megabytes 2                                           # a quick trial

Writes a synthetic corpus of JSON Lines files (64 MB each, so the smaller corpus is the first
files of the larger): articles of paragraphs made of the sentences of the seeds and the
tuning articles, drawn at random (seeded), each park, site and station that extraction finds
in them replaced by another of the gazetteer's, so there are as many places to find as in
the sources. At each size it reads the corpus once, then extracts it as ``geo extract
--workers N`` does (``geo.corpusrun.extract_in_partitions``, a local cluster started for the
run), with 2 workers and then 1, each into a fresh work folder. A thread samples the
resident memory and CPU time of the cluster's worker processes, and of this one (the client,
which runs the scheduler too), every 0.5 s. Then, at one size, it geocodes the mentions,
builds the layers and writes the GeoParquet outputs as ``geo build --geoparquet`` does,
timing each. Prints a Markdown table, and the size of each run's partition files.

"first partition" is the time to the first partition back: the cluster's start, a worker
loading the gazetteer and model, and one partition. "steady" rates leave that out: from
the workers' first partitions back to the last. A run still going at ``--deadline`` is cut
there and reports what it did.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import psutil

from geo import export, layers
from geo.corpus import CorpusError, find_inputs, read_documents
from geo.corpusrun import Partitioning, extract_in_partitions
from geo.extract import find_mentions
from geo.gazetteer import Gazetteer
from geo.geocode import resolve
from geo.pipeline import read
from geo.progress import Progress, Stage, summary

ROOT = Path(__file__).resolve().parent.parent
SOURCES = [ROOT / "seeds", ROOT / "tests" / "data" / "articles" / "tuning"]
FILE_MB = 64  # each corpus file
KINDS = ("park", "site", "station")
CITY = "上海市"
SENTENCE = re.compile(r"[^。！？\n]+[。！？]?")
MIB = 2**20


# --- the corpus -------------------------------------------------------------------------

def sentence_patterns(gazetteer: Gazetteer) -> tuple[list[str], dict[str, list[str]]]:
    """The sources' sentences, each park, site or station that extraction finds in them made
    a slot of its kind (NUL, the kind, NUL), and the names of each kind that fill the slots: the
    text keeps the sources' density of places."""
    gazetteer.ensure(CITY)
    names = {kind: sorted({entry.name for entry in gazetteer.entries.values()
                           if entry.kind == kind and entry.city == CITY and len(entry.name) > 1})
             for kind in KINDS}
    documents = [item for item in read_documents(find_inputs(SOURCES))
                 if not isinstance(item, CorpusError)]
    patterns = []
    for document in documents:
        text, end = [], 0
        for mention in find_mentions([document], gazetteer, fast=True):
            entry = gazetteer.entries.get(mention.place_id or "")
            if entry is None or entry.kind not in KINDS or mention.start < end:
                continue
            text += [document.text[end:mention.start], f"\0{entry.kind}\0"]
            end = mention.end
        text.append(document.text[end:])
        patterns += [sentence.strip() for sentence in SENTENCE.findall("".join(text))
                     if len(sentence.strip()) >= 8]
    return patterns, names


def articles(gazetteer: Gazetteer, seed: int = 1, pool: int = 50_000
             ) -> Iterator[dict[str, str]]:
    """Records without end, the same for the same seed: each of 4 to 10 paragraphs drawn from
    a pool of ``pool``, each paragraph 2 to 6 sentences drawn from the sources with names
    drawn into their slots (a pool, so that a gigabyte is written in a minute or two)."""
    patterns, names = sentence_patterns(gazetteer)
    rng = random.Random(seed)
    slot = re.compile("\0(" + "|".join(KINDS) + ")\0")
    paragraphs = ["".join(slot.sub(lambda m: rng.choice(names[m.group(1)]), sentence)
                          for sentence in rng.choices(patterns, k=rng.randint(2, 6)))
                  for _ in range(pool)]
    number = 0
    while True:
        number += 1
        yield {"id": f"bench-{number}",
               "text": "\n".join(rng.choices(paragraphs, k=rng.randint(4, 10))), "city": CITY,
               "date": f"20{rng.randint(15, 25)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
               "publisher": rng.choice(["解放日报", "文汇报", "新民晚报", "澎湃新闻"])}


def write_corpus(folder: Path, megabytes: float, gazetteer: Gazetteer,
                 file_mb: float = FILE_MB) -> list[Path]:
    """JSON Lines files of ``file_mb`` each (the last smaller) holding ``megabytes`` in all."""
    records, files, total = articles(gazetteer), [], 0
    while total < megabytes * 1e6:
        path = folder / f"part-{len(files):04d}.jsonl"
        written = 0
        with path.open("w", encoding="utf-8") as handle:
            while written < file_mb * 1e6 and total + written < megabytes * 1e6:
                line = json.dumps(next(records), ensure_ascii=False) + "\n"
                handle.write(line)
                written += len(line.encode("utf-8"))
        files.append(path)
        total += written
    return files


# --- measuring a run ----------------------------------------------------------------------

class Sampler:
    """Samples this process (the client, with the local cluster's scheduler) and each worker
    process below it every ``interval`` seconds: the peak resident memory of each, and the
    CPU time each has used."""

    def __init__(self, interval: float = 0.5):
        self.interval = interval
        self.peaks: dict[int, int] = {}  # worker pid: bytes
        self.cpu: dict[int, float] = {}  # worker pid: seconds
        self.me = psutil.Process()
        self.client_peak = 0
        self.client_cpu = self.cpu_of(self.me)
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self.sample, daemon=True)

    @staticmethod
    def cpu_of(process: psutil.Process) -> float:
        times = process.cpu_times()
        return times.user + times.system

    def sample(self) -> None:
        while not self.stop.is_set():
            self.client_peak = max(self.client_peak, self.me.memory_info().rss)
            for child in self.me.children(recursive=True):
                try:
                    command = " ".join(child.cmdline())
                    if "multiprocessing" not in command or "resource_tracker" in command:
                        continue
                    self.peaks[child.pid] = max(self.peaks.get(child.pid, 0),
                                                child.memory_info().rss)
                    self.cpu[child.pid] = self.cpu_of(child)
                except psutil.Error:
                    pass  # it ended between the listing and the reading
            self.stop.wait(self.interval)

    def __enter__(self) -> Sampler:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        self.thread.join()
        self.client_cpu = self.cpu_of(self.me) - self.client_cpu


class Cut(Exception):
    """The run reached the deadline; its figures are those of the partitions done."""


class Timeline(Progress):
    """A Progress that keeps when each partition came back, says so now and then, and cuts
    the run at ``deadline`` (a ``time.time()``)."""

    def __init__(self, label: str, deadline: float | None = None, every: int = 50) -> None:
        super().__init__(time.perf_counter)
        self.label, self.deadline, self.every = label, deadline, every
        self.steps: list[tuple[float, int]] = []
        self.started = time.perf_counter()

    def stage(self, name: str, total: int | None = None, unit: str = "documents") -> Stage:
        timeline = self

        class Recorded(Stage):
            def show(self, step: str | None) -> None:
                if name == "extracting partitions" and step is not None:
                    timeline.steps.append((self.clock(), self.done))
                    if len(timeline.steps) % timeline.every == 0:
                        print(f"    {timeline.label}: {summary(self)}", flush=True)
                    if timeline.deadline is not None and time.time() > timeline.deadline:
                        raise Cut

        return Recorded(name, total, unit, self.clock)

    def first(self) -> float:
        """Seconds from the call to the first partition back: the cluster's start, a
        worker's loading of the gazetteer and model, and one partition."""
        return self.steps[0][0] - self.started if self.steps else float("nan")

    def steady(self, skip: int) -> float:
        """Documents/s after the first ``skip`` partitions came back."""
        if len(self.steps) <= skip + 1:
            return float("nan")
        (began, before), (ended, after) = self.steps[skip - 1], self.steps[-1]
        return (after - before) / (ended - began)


@dataclass
class Run:
    corpus: float  # MB
    megabytes: float  # extracted: the corpus, or what a run cut at the deadline did
    documents: int
    workers: int
    seconds: float
    first: float  # seconds to the first partition back
    steady_docs: float  # documents/s, without the start
    worker_peaks: list[float] = field(default_factory=list)  # MiB
    client_peak: float = 0.0  # MiB
    worker_cpu: float = 0.0  # seconds, all workers
    client_cpu: float = 0.0  # seconds
    cut: str = ""  # how far a run cut at the deadline got

    @property
    def docs_per_second(self) -> float:
        return self.documents / self.seconds

    @property
    def mb_per_second(self) -> float:
        return self.megabytes / self.seconds

    @property
    def steady_mb(self) -> float:
        return self.steady_docs * self.megabytes / self.documents


def extract_run(documents: list, megabytes: float, workers: int, work: Path, fast: bool,
                size: int, gazetteer: Gazetteer, deadline: float | None) -> tuple[Run, list]:
    """One run; a run cut at the deadline counts the documents and megabytes it did."""
    timeline = Timeline(f"{megabytes:,.0f} MB, {workers} worker(s)", deadline)
    mentions: list = []
    corpus, cut = megabytes, ""
    with Sampler() as sampler:
        started = time.perf_counter()
        try:
            mentions = extract_in_partitions(
                documents, Partitioning(size=size, workers=workers, work=work), fast,
                gazetteer, timeline).mentions
        except Cut:
            done = timeline.steps[-1][1]
            cut = f" (cut at {done:,} of {len(documents):,} documents)"
            megabytes, documents = megabytes * done / len(documents), documents[:done]
        seconds = time.perf_counter() - started
    return Run(corpus, megabytes, len(documents), workers, seconds, timeline.first(),
               timeline.steady(workers),
               sorted((peak / MIB for peak in sampler.peaks.values()), reverse=True),
               sampler.client_peak / MIB, sum(sampler.cpu.values()), sampler.client_cpu, cut
               ), mentions


# --- the benchmark --------------------------------------------------------------------------

def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=float, default=1024, help="the larger corpus")
    parser.add_argument("--smaller", type=float, default=256,
                        help="the smaller corpus, to compare peak memory (0: none)")
    parser.add_argument("--file-megabytes", type=float, default=FILE_MB,
                        help="the size of each corpus file")
    parser.add_argument("--partition-size", type=int, default=256)
    parser.add_argument("--workers", type=int, nargs="+", default=[2, 1],
                        help="the runs at the larger size, in order (default: 2, then 1)")
    parser.add_argument("--smaller-workers", type=int, nargs="+", default=[2, 1],
                        help="the runs at the smaller size (default: 2, then 1)")
    parser.add_argument("--deadline", help="HH:MM (UTC): cut a run still going then, and "
                                           "report what it did")
    parser.add_argument("--fast", action="store_true", help="without the learned recogniser")
    parser.add_argument("--outputs-at", choices=["smaller", "larger", "none"],
                        default="smaller", help="the corpus whose mentions are geocoded and "
                                                "written as GeoParquet (default: smaller)")
    parser.add_argument("--scratch", type=Path, help="folder for the corpus and outputs "
                                                     "(default: a temporary one)")
    args = parser.parse_args()
    deadline = None
    if args.deadline:
        hours, minutes = map(int, args.deadline.split(":"))
        now = dt.datetime.now(dt.UTC)
        deadline = now.replace(hour=hours, minute=minutes, second=0).timestamp()
    gazetteer = Gazetteer.load()
    runs: list[Run] = []
    timings: dict[str, float] = {}
    with tempfile.TemporaryDirectory(dir=args.scratch, prefix="bench-corpus-") as scratch:
        folder = Path(scratch)
        (folder / "corpus").mkdir()
        started = time.perf_counter()
        files = write_corpus(folder / "corpus", args.megabytes, gazetteer,
                             args.file_megabytes)
        print(f"wrote {len(files)} files, {sum(f.stat().st_size for f in files) / 1e6:.0f} MB, "
              f"in {time.perf_counter() - started:.0f} s", flush=True)
        sizes = sorted({args.smaller, args.megabytes} - {0})
        for megabytes in sizes:
            chosen = (files[:max(1, round(megabytes / args.file_megabytes))]
                      if megabytes < args.megabytes else files)
            started = time.perf_counter()
            documents, errors = read(chosen)
            exact = sum(f.stat().st_size for f in chosen) / 1e6
            print(f"read {len(documents):,} documents ({exact:.0f} MB) in "
                  f"{time.perf_counter() - started:.0f} s", flush=True)
            mentions: list = []
            larger = megabytes == sizes[-1]
            for workers in args.workers if larger else args.smaller_workers:
                mentions = []  # the last run's, freed before the next
                work = folder / f"work-{megabytes:g}-{workers}"
                run, mentions = extract_run(documents, exact, workers, work, args.fast,
                                            args.partition_size, gazetteer, deadline)
                runs.append(run)
                print(table([run], header=not runs[:-1]), flush=True)
                stored = sum(path.stat().st_size for path in work.iterdir())
                print(f"    partition files: {stored / 1e6:,.1f} MB, "
                      f"{stored / (run.megabytes * 1e6):.2f} bytes a byte of articles",
                      flush=True)
            wanted = {"smaller": sizes[0], "larger": sizes[-1]}.get(args.outputs_at)
            if megabytes == wanted:
                timings = outputs(documents, mentions, gazetteer, folder / "layers")
                print(" · ".join(f"{name}: {seconds:.1f} s"
                                 for name, seconds in timings.items()), flush=True)
            del documents, mentions
    print()
    print(table(runs))
    if timings:
        print()
        print(" · ".join(f"{name}: {seconds:.1f} s" for name, seconds in timings.items()))


def outputs(documents: list, mentions: list, gazetteer: Gazetteer, folder: Path
            ) -> dict[str, float]:
    """Geocoding, the layers and the GeoParquet outputs of the mentions, each timed."""
    timings = {}
    started = time.perf_counter()
    places = resolve(mentions, gazetteer)
    timings[f"geocoding {len(places):,} places of {len(mentions):,} mentions"] = (
        time.perf_counter() - started)
    started = time.perf_counter()
    frames = layers.build_layers(places, documents)
    timings["layers"] = time.perf_counter() - started
    started = time.perf_counter()
    written = export.write_geoparquet_layers(frames, mentions, folder, places, documents)
    timings["GeoParquet outputs (" + ", ".join(
        f"{path.name} {path.stat().st_size / 1e6:.0f} MB" for path in written) + ")"] = (
        time.perf_counter() - started)
    return timings


def table(runs: list[Run], header: bool = True) -> str:
    """A Markdown table: each run's throughput, its ratio to one worker at the same size
    (when that was run), each worker's peak memory, the client's, and the CPU they used."""
    rows = ["| corpus | documents | workers | time | first partition | MB/s | documents/s "
            "| steady MB/s | × one worker | peak RSS per worker | client peak RSS "
            "| CPU workers / client |",
            "|---|---|---|---|---|---|---|---|---|---|---|---|"] if header else []
    for run in runs:
        SEEN[(run.corpus, run.workers)] = run
        one = SEEN.get((run.corpus, 1))
        ratio = (f"{run.mb_per_second / one.mb_per_second:.2f} "
                 f"(steady {run.steady_mb / one.steady_mb:.2f})" if one else "")
        rows.append(
            f"| {run.corpus:,.0f} MB{run.cut} | {run.documents:,} | {run.workers} "
            f"| {run.seconds:,.0f} s | {run.first:.0f} s | {run.mb_per_second:.2f} "
            f"| {run.docs_per_second:,.1f} | {run.steady_mb:.2f} | {ratio} "
            f"| {', '.join(f'{peak:,.0f}' for peak in run.worker_peaks)} MiB "
            f"| {run.client_peak:,.0f} MiB | {run.worker_cpu:,.0f} s / {run.client_cpu:,.0f} s |")
    return "\n".join(rows)


SEEN: dict[tuple[float, int], Run] = {}  # the runs so far, by corpus and workers


if __name__ == "__main__":
    main()
