"""Issue 22, points 2, 4 and 6: a scheduler and two worker processes started here, on
127.0.0.1, extract the corpus and give exactly the single-process result; a run killed part
way resumes on them. Real dask.distributed, nothing stands in for it."""

import re

import pytest
from sameresult import assert_same_atlas

from geo.corpusrun import Partitioning, extract_in_partitions, store
from geo.corpusrun.workers import worker_gazetteer
from geo.gazetteer import Gazetteer
from geo.pipeline import locate

distributed = pytest.importorskip("dask.distributed")


class Killed(Exception):
    """Stands for the client being killed after the first partition came back."""


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  host="127.0.0.1", dashboard_address=None) as cluster:
        yield cluster


@pytest.fixture
def client(cluster):
    with distributed.Client(cluster) as client:
        client.restart()  # fresh worker processes: nothing loaded yet
        yield client


def test_two_workers_give_the_single_process_result(corpus, whole, cluster, client, tmp_path):
    assert len(client.scheduler_info()["workers"]) == 2
    atlas = locate([corpus], partitioning=Partitioning(
        size=2, scheduler=cluster.scheduler_address, work=tmp_path))
    assert_same_atlas(atlas, whole)
    assert len(list(tmp_path.glob(f"*{store.SUFFIX}"))) == 5


def test_each_worker_loads_the_gazetteer_and_model_once(documents, cluster, client, tmp_path):
    run = extract_in_partitions(documents, Partitioning(
        size=1, scheduler=cluster.scheduler_address, work=tmp_path), False, Gazetteer.load())
    assert len(run.computed) == 10
    loads = client.run(worker_gazetteer.cache_info)
    assert sum(info.hits + info.misses for info in loads.values()) == 10
    assert all(info.misses <= 1 for info in loads.values())


def test_a_killed_run_resumes_on_the_cluster(corpus, whole, documents, cluster, tmp_path):
    on_cluster = Partitioning(size=3, scheduler=cluster.scheduler_address, work=tmp_path)

    def killed(message: str) -> None:
        if message.startswith("extracted partition"):
            raise Killed

    with pytest.raises(Killed):
        extract_in_partitions(documents, on_cluster, False, Gazetteer.load(), killed)
    written = {path.name: path.stat().st_mtime_ns for path in tmp_path.glob(f"*{store.SUFFIX}")}
    assert written  # the worker wrote the partition that came back before it sent it
    messages = []
    atlas = locate([corpus], partitioning=on_cluster, progress=messages.append)
    assert_same_atlas(atlas, whole)
    # the partitions still running when the client went may finish, and be kept, meanwhile
    kept = re.search(r"(\d) of 4 partitions already extracted", "\n".join(messages))
    assert kept and len(written) <= int(kept[1])
    assert {name: (tmp_path / name).stat().st_mtime_ns for name in written} == written
