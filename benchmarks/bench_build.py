"""Time a full build of seeds/ (run by hand: .venv/bin/python benchmarks/bench_build.py).

Prints the median wall time of several builds into a scratch folder, and peak memory.
"""

from __future__ import annotations

import resource
import statistics
import tempfile
import time
from pathlib import Path

from geo import build

ROOT = Path(__file__).resolve().parent.parent


def main(runs: int = 5) -> None:
    times = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as scratch:
            started = time.perf_counter()
            report = build([ROOT / "seeds"], Path(scratch) / "layers", Path(scratch) / "maps")
            times.append(time.perf_counter() - started)
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{report.documents} documents, {report.mentions} mentions, {len(report.files)} files")
    print(f"build: median {statistics.median(times):.2f} s over {runs} runs "
          f"(min {min(times):.2f}, max {max(times):.2f}); peak RSS {peak_mib:.0f} MiB")


if __name__ == "__main__":
    main()
