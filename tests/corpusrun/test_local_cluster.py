"""The local cluster a run starts (``--workers N``) does without part of Dask's upkeep
(``runners.LOCAL_CLUSTER_UPKEEP``), keeps what the user's Dask configuration sets, and
leaves that configuration as it found it."""

import pytest

from geo.corpusrun.runners import LOCAL_CLUSTER_UPKEEP, local_cluster_upkeep, open_runner

dask = pytest.importorskip("dask")
pytest.importorskip("dask.distributed")

PROFILE = "distributed.worker.profile.enabled"
TICK = "distributed.admin.tick.interval"


def test_the_local_clusters_workers_run_without_the_profiler():
    with open_runner(1, None) as runner:
        profiling = runner.client.run(dask.config.get, PROFILE)
    assert list(profiling.values()) == [False]


def test_the_local_clusters_workers_check_their_event_loop_less_often():
    with open_runner(1, None) as runner:
        ticks = runner.client.run(dask.config.get, TICK)
    assert list(ticks.values()) == [LOCAL_CLUSTER_UPKEEP[TICK]]


def test_a_key_the_user_set_stays_as_the_user_set_it():
    with dask.config.set({TICK: "30ms"}):
        upkeep = local_cluster_upkeep()
    assert TICK not in upkeep
    assert upkeep[PROFILE] is False


def test_a_key_set_in_the_environment_stays_even_at_dasks_default(monkeypatch):
    monkeypatch.setenv("DASK_DISTRIBUTED__WORKER__PROFILE__ENABLED", "True")
    assert PROFILE not in local_cluster_upkeep()


def test_the_callers_configuration_is_as_before_once_the_cluster_is_closed():
    before = dask.config.get(PROFILE)
    with open_runner(1, None):
        pass
    assert dask.config.get(PROFILE) == before
