"""Extraction over a corpus in partitions, in this process or on a Dask cluster, resumable.

The documents are cut into partitions of N in input order (``partitions``). Each partition
not already extracted is sent to a worker (``runners``), which finds its mentions with the
gazetteer and model it loaded once (``workers``); its mentions are written whole to the
run's work folder (``store``), with a manifest of its documents and of the code and model
version (``version``), by the worker where it sees that folder, else by the client. A run
killed part way leaves the partitions it finished; the next run over the same inputs reads
those and extracts only the others. The mentions of all partitions, in order, are exactly
those ``geo.extract.find_mentions`` finds in the whole corpus, and the pipeline goes on with
them in one process: geocoding, layers and maps.
"""

from __future__ import annotations

import contextlib
import gc
import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from geo.corpusrun import store
from geo.corpusrun.partitions import Partition, split
from geo.corpusrun.runners import ClusterError, open_runner
from geo.corpusrun.version import version_key
from geo.gazetteer import Gazetteer
from geo.progress import QUIET, Progress, as_progress
from geo.records import Document, Mention

__all__ = ["DEFAULT_SIZE", "ClusterError", "Partitioning", "PartitionRun", "extract_in_partitions"]

DEFAULT_SIZE = 256  # documents a partition: the learned recogniser reads 256 at a time


@dataclass(frozen=True)
class Partitioning:
    """How a corpus run is cut and where it runs: in this process without ``workers`` or
    ``scheduler``; else on a local Dask cluster of ``workers`` processes, or on the cluster
    whose scheduler is at ``scheduler``. ``work``: the folder the partitions are written to
    (None: a temporary one, so the run cannot be resumed)."""

    size: int = DEFAULT_SIZE
    workers: int | None = None
    scheduler: str | None = None
    work: Path | None = None

    def __post_init__(self) -> None:
        if self.workers is not None and self.scheduler is not None:
            raise ClusterError("--workers starts a local cluster and --scheduler uses an "
                               "existing one: give one of them")


@dataclass
class PartitionRun:
    mentions: list[Mention]
    computed: list[int] = field(default_factory=list)  # partitions extracted by this run
    skipped: list[int] = field(default_factory=list)  # read back from an earlier run


def extract_in_partitions(documents: Sequence[Document], partitioning: Partitioning,
                          fast: bool, gazetteer: Gazetteer,
                          progress: Progress | Callable[[str], None] = QUIET
                          ) -> PartitionRun:
    """The documents' mentions, extracted partition by partition (see the module's text).
    Extraction loads a gazetteer of its own in each worker process (this one too, run in
    process); ``gazetteer``, the one the pipeline goes on with, is left knowing what
    extraction in it would have left it knowing. ``progress`` hears of each partition done
    (a Progress, or a callback of one message)."""
    progress = as_progress(progress)
    if partitioning.work is not None:
        return _run(documents, partitioning, fast, gazetteer, progress, partitioning.work)
    with tempfile.TemporaryDirectory(prefix="geo-partitions-") as work:
        return _run(documents, partitioning, fast, gazetteer, progress, Path(work))


def _run(documents: Sequence[Document], partitioning: Partitioning, fast: bool,
         gazetteer: Gazetteer, progress: Progress, work: Path) -> PartitionRun:
    version = version_key(fast)
    partitions = split(documents, partitioning.size)
    manifests = {partition.number: store.Manifest.of(partition, version)
                 for partition in partitions}
    found: dict[int, store.Stored] = {}
    todo: list[Partition] = []
    for partition in partitions:
        try:
            stored = store.read(work, manifests[partition.number])
        except store.PartitionFileError as error:
            progress.note(f"{error}; extracting that partition again")
            stored = None
        if stored is None:
            todo.append(partition)
        else:
            found[partition.number] = stored
    skipped = sorted(found)
    if skipped:
        progress.note(f"{len(skipped)} of {len(partitions)} partitions already extracted in {work}")
    if todo:
        with (open_runner(partitioning.workers, partitioning.scheduler, progress) as runner,
              store.WorkFolder.marked(work) as folder,
              _set_aside_from_collection() as set_aside,
              progress.stage("extracting partitions",
                             sum(len(partition.documents) for partition in todo)) as stage):
            extracting = runner.run(todo, manifests, fast, folder)
            for done, (partition, extracted) in enumerate(extracting, start=1):
                if extracted.version != version:
                    raise ClusterError("a Dask worker runs another version of renewal-atlas "
                                       "(its code, data or model) than this one: install the "
                                       "same on every machine")
                mentions = extracted.mentions
                if not extracted.written:
                    store.write(work, manifests[partition.number],
                                store.mention_lines(mentions), extracted.cities)
                found[partition.number] = store.Stored(mentions, extracted.cities)
                set_aside()
                stage.advance(len(partition.documents),
                              f"extracted partition {partition.number + 1} of {len(partitions)} "
                              f"({done} of {len(todo)} this run)")
    store.remove_beyond(work, len(partitions))
    # The gazetteer reads the cities extraction asked for, in the order extracting the whole
    # corpus here would have: it then knows the entries the mentions name, as it would.
    for number in range(len(partitions)):
        for city in found[number].cities:
            gazetteer.ensure(city)
    return PartitionRun([mention for number in range(len(partitions))
                         for mention in found[number].mentions],
                        computed=[partition.number for partition in todo], skipped=skipped)


@contextlib.contextmanager
def _set_aside_from_collection() -> Iterator[Callable[[], None]]:
    """A call that takes the objects this process holds out of Python's cycle collections
    until the block ends (``gc.freeze``, after collecting the young ones). The client calls
    it as each partition's mentions arrive: millions of mentions hold no cycles, yet each
    full collection walked them all again, which made loading the partitions that came
    later slower and slower (twice as slow, with 3 million mentions held). A process that
    froze objects of its own is left as it is."""
    if gc.get_freeze_count():
        yield lambda: None
        return

    def set_aside() -> None:
        gc.collect(1)
        gc.freeze()

    try:
        yield set_aside
    finally:
        gc.unfreeze()
