"""Where partitions are extracted: in this process, or on Dask (a local cluster of worker
processes, or an existing scheduler's workers). Both take the same partitions and give back
the same results, as each is done; the caller does the rest the same way for both."""

from __future__ import annotations

import contextlib
import importlib.util
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Protocol

from geo.corpusrun.partitions import Partition
from geo.corpusrun.store import Manifest, WorkFolder
from geo.corpusrun.workers import Extracted, extract_partition
from geo.progress import QUIET, Progress

if TYPE_CHECKING:
    from dask.distributed import Client, Future

CONNECT_SECONDS = 10  # to reach an existing scheduler

# Dask's upkeep in the local cluster a run starts. With Dask's own defaults it took about a
# seventh of the workers' CPU and two fifths of the client's on a machine of two cores
# (benchmarks/bench_cluster_upkeep.py; docs/corpus-runs.md, "Scaling"): each worker
# samples its own stack every 10 ms for the dashboard's profile; every server checks its
# event loop every 20 ms and its CPU and memory every 0.5 s; a nanny reads its worker's
# memory every 0.1 s. Keys the user's Dask configuration sets stay as the user set them
# (``local_cluster_upkeep``).
LOCAL_CLUSTER_UPKEEP = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "1s",
    "distributed.admin.system-monitor.interval": "2s",
    "distributed.worker.memory.monitor-interval": "1s",
}


class ClusterError(ValueError):
    """Dask cannot be used as asked: it is not installed, the scheduler cannot be reached, or
    a worker runs another version; the message says which."""


class Runner(Protocol):
    def run(self, partitions: Iterable[Partition], manifests: Mapping[int, Manifest],
            fast: bool, work: WorkFolder) -> Iterator[tuple[Partition, Extracted]]:
        """Each partition with its mentions, as each is done (``extract_partition``)."""
        ...


class InProcess:
    """One partition after the other, in this process, as a worker would."""

    def run(self, partitions: Iterable[Partition], manifests: Mapping[int, Manifest],
            fast: bool, work: WorkFolder) -> Iterator[tuple[Partition, Extracted]]:
        for partition in partitions:
            yield partition, extract_partition(partition.documents,
                                               manifests[partition.number], fast, work)


class OnDask:
    """Partitions submitted to a Dask cluster's workers, a few per worker thread at a time,
    so that the documents sent and the results waiting stay bounded however many there
    are."""

    def __init__(self, client: Client):
        self.client = client

    def run(self, partitions: Iterable[Partition], manifests: Mapping[int, Manifest],
            fast: bool, work: WorkFolder) -> Iterator[tuple[Partition, Extracted]]:
        from dask.distributed import as_completed

        window = max(2, 2 * sum(self.client.nthreads().values()))
        running = as_completed()
        submitted: dict[str, Partition] = {}
        for partition in partitions:
            future = self.client.submit(extract_partition, partition.documents,
                                        manifests[partition.number], fast, work, pure=False)
            submitted[future.key] = partition
            running.add(future)
            while running.count() >= window:
                yield self._done(next(running), submitted)
        for future in running:
            yield self._done(future, submitted)

    @staticmethod
    def _done(future: Future, submitted: dict[str, Partition]) -> tuple[Partition, Extracted]:
        result = future.result()
        future.release()
        return submitted.pop(future.key), result


@contextlib.contextmanager
def open_runner(workers: int | None, scheduler: str | None, progress: Progress = QUIET
                ) -> Iterator[Runner]:
    """In process without ``workers`` or ``scheduler``; else on Dask: a local cluster of
    ``workers`` processes (one thread each) on 127.0.0.1, or the cluster whose scheduler is
    at ``scheduler`` (``tcp://host:8786``; it wins over ``workers``). Closed, and its tasks
    cancelled, on leaving. On Dask, ``progress`` is told where the cluster's dashboard is:
    a local cluster has one on a free port of 127.0.0.1 when bokeh is installed."""
    if workers is None and scheduler is None:
        yield InProcess()
        return
    try:
        import dask
        from dask.distributed import Client, LocalCluster
    except ImportError:
        raise ClusterError("running on Dask needs dask.distributed: "
                           "pip install 'renewal-atlas[dask]'") from None
    if scheduler is not None:
        try:
            client = Client(scheduler, timeout=CONNECT_SECONDS)
        except (OSError, TimeoutError, ValueError) as error:
            raise ClusterError(f"--scheduler {scheduler}: cannot connect "
                               f"({str(error)[:200]})") from None
        with client:
            progress.note(f"Dask dashboard: {client.dashboard_link}")
            yield OnDask(client)
        return
    # The scheduler's web server listens on a free port of 127.0.0.1 (by default it would
    # take 8787, or warn that another cluster has it); it serves the dashboard with bokeh.
    with (dask.config.set(local_cluster_upkeep()),
          LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                       host="127.0.0.1", dashboard_address="127.0.0.1:0") as cluster,
          Client(cluster) as client):
        progress.note("Dask dashboard: " + (client.dashboard_link if has_bokeh() else
                                            "none (Dask draws it with bokeh: pip install bokeh)"))
        yield OnDask(client)


def local_cluster_upkeep() -> dict[str, object]:
    """``LOCAL_CLUSTER_UPKEEP``, less the keys the user's Dask configuration sets: in its
    YAML files or ``DASK_*`` variables (whatever the value), or in this process to a value
    other than Dask's default (``dask.config.set``)."""
    import dask

    shipped = dask.config.merge(*dask.config.defaults)
    users = dask.config.collect()  # the user's files and variables, without Dask's defaults
    return {key: value for key, value in LOCAL_CLUSTER_UPKEEP.items()
            if dask.config.get(key, None, config=users) is None
            and dask.config.get(key, None) == dask.config.get(key, None, config=shipped)}


def has_bokeh() -> bool:
    """Whether a local cluster's scheduler, in this process, can draw its dashboard."""
    return importlib.util.find_spec("bokeh") is not None
