"""The local cluster's upkeep (``geo.corpusrun.runners.LOCAL_CLUSTER_UPKEEP``) against Dask's
defaults, in one run (by hand, not a test): the same synthetic corpus extracted by a local
cluster of ``--workers`` workers, with Dask's defaults and with the local cluster's settings
taking turns for ``--rounds`` rounds; then each cluster left idle for ``--idle`` seconds.

    .venv/bin/python benchmarks/bench_cluster_upkeep.py --megabytes 64 --rounds 3

Prints the medians of each: wall time, the workers' CPU and the client's (which runs the
scheduler and the nannies), and their ratio; idle, the share of a core each takes.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from contextlib import AbstractContextManager
from pathlib import Path
from unittest import mock

import psutil
from bench_corpus import Sampler, extract_run, write_corpus  # this script's folder

from geo.corpusrun import runners
from geo.gazetteer import Gazetteer
from geo.pipeline import read

SETTINGS = ("Dask's defaults", "the local cluster's")


def upkeep(setting: str) -> AbstractContextManager:
    """Dask's defaults: the local cluster leaves every key as Dask ships it."""
    changes = {} if setting == SETTINGS[0] else dict(runners.LOCAL_CLUSTER_UPKEEP)
    return mock.patch.dict(runners.LOCAL_CLUSTER_UPKEEP, changes, clear=True)


def idle_shares(workers: int, seconds: float) -> tuple[float, float]:
    """The share of a core the client and each worker take, the cluster doing nothing."""
    me = psutil.Process()
    with runners.open_runner(workers, None):
        time.sleep(3)  # past the start
        children = [child for child in me.children(recursive=True)
                    if "resource_tracker" not in " ".join(child.cmdline())]
        cpu = Sampler.cpu_of
        before = cpu(me), [cpu(child) for child in children]
        time.sleep(seconds)
        after = cpu(me), [cpu(child) for child in children]
    worker_shares = [(b - a) / seconds for a, b in zip(before[1], after[1], strict=True)]
    return (after[0] - before[0]) / seconds, statistics.mean(worker_shares)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=float, default=64)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--idle", type=float, default=30, help="seconds; 0: skip")
    parser.add_argument("--scratch", type=Path)
    args = parser.parse_args()
    gazetteer = Gazetteer.load()
    runs: dict[str, list] = {setting: [] for setting in SETTINGS}
    with tempfile.TemporaryDirectory(dir=args.scratch, prefix="bench-upkeep-") as scratch:
        folder = Path(scratch)
        (folder / "corpus").mkdir()
        files = write_corpus(folder / "corpus", args.megabytes, gazetteer, 64)
        documents, _ = read(files)
        exact = sum(f.stat().st_size for f in files) / 1e6
        for number in range(args.rounds):
            for setting in SETTINGS:
                with upkeep(setting):
                    work = folder / f"work-{number}-{SETTINGS.index(setting)}"
                    run, _ = extract_run(documents, exact, args.workers, work, True, 256,
                                         gazetteer, None)
                runs[setting].append(run)
                print(f"round {number + 1}, {setting}: {run.seconds:.1f} s, workers' CPU "
                      f"{run.worker_cpu:.1f} s, client's {run.client_cpu:.1f} s", flush=True)
    print(f"\n{exact:.0f} MB, {args.workers} workers, --fast, medians of {args.rounds} rounds:")
    print("| upkeep | time | workers' CPU | client's CPU |\n|---|---|---|---|")
    medians = {}
    for setting in SETTINGS:
        medians[setting] = [statistics.median(getattr(run, name) for run in runs[setting])
                            for name in ("seconds", "worker_cpu", "client_cpu")]
        seconds, workers, client = medians[setting]
        print(f"| {setting} | {seconds:.1f} s | {workers:.1f} s | {client:.1f} s |")
    ratios = [ours / dasks for ours, dasks in zip(medians[SETTINGS[1]], medians[SETTINGS[0]],
                                                  strict=True)]
    print("| ratio | " + " | ".join(f"{ratio:.2f}" for ratio in ratios) + " |")
    if args.idle:
        print(f"\nidle, {args.idle:.0f} s: share of a core")
        for setting in SETTINGS:
            with upkeep(setting):
                client, worker = idle_shares(args.workers, args.idle)
            print(f"- {setting}: client {client:.1%}, each worker {worker:.1%}")


if __name__ == "__main__":
    main()
