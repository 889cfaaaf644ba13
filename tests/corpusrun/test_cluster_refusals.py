"""Issue 22, point 2: Dask used as it cannot be. A worker that runs another version of the
package (here: other data, stood in by an overlay in the worker process alone) is refused
with the ClusterError's message, and nothing is written; without Dask installed, --workers
exits 2 with the pip command to install it."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from geo import data
from geo.corpusrun import ClusterError, Partitioning, extract_in_partitions, store
from geo.gazetteer import Gazetteer

distributed = pytest.importorskip("dask.distributed")


class OtherData(distributed.WorkerPlugin):
    """Gives the worker process data of its own: ``folder``'s files stand in for the
    package's there (``geo.data.overlay``), as on a machine with another version
    installed."""

    def __init__(self, folder: str):
        self.folder = folder

    def setup(self, worker) -> None:
        self.overlay = data.overlay(self.folder)
        self.overlay.__enter__()

    def teardown(self, worker) -> None:
        self.overlay.__exit__(None, None, None)


def test_a_worker_of_another_version_is_refused(documents, tmp_path):
    other = tmp_path / "other-data"
    other.mkdir()
    furniture = data.PACKAGE / "furniture.txt"
    (other / "furniture.txt").write_text(furniture.read_text(encoding="utf-8")
                                         + "\n本文来自另一个版本\n", encoding="utf-8")
    work = tmp_path / "partitions"
    with (distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=True,
                                   host="127.0.0.1", dashboard_address="127.0.0.1:0") as cluster,
          distributed.Client(cluster) as client):
        client.register_plugin(OtherData(str(other)))
        assert client.run(lambda: [str(path) for path in data.overlays()]) == {
            address: [str(other)] for address in client.scheduler_info()["workers"]}
        with pytest.raises(ClusterError, match="a Dask worker runs another version of "
                                               "renewal-atlas"):
            extract_in_partitions(documents, Partitioning(
                size=5, scheduler=cluster.scheduler_address, work=work), False,
                Gazetteer.load())
    assert not list(work.glob(f"*{store.SUFFIX}"))


BLOCK_DASK = """
import sys

class NoDask:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("dask", "distributed"):
            raise ModuleNotFoundError(f"No module named {name!r}")
        return None

sys.meta_path.insert(0, NoDask())
from geo.cli import main
sys.exit(main(json.loads(sys.argv[1])))
"""


@pytest.mark.parametrize("command", ["build", "extract"])
def test_without_dask_workers_exit_2_with_the_pip_hint(corpus, tmp_path: Path, command):
    arguments = [command, str(corpus), "--workers", "2"]
    if command == "build":
        arguments += ["--layers", str(tmp_path / "layers"), "--maps", str(tmp_path / "maps")]
    run = subprocess.run([sys.executable, "-c", "import json\n" + BLOCK_DASK,
                          json.dumps(arguments)], capture_output=True, text=True, timeout=300)
    assert run.returncode == 2, run.stderr
    assert (f"geo {command}: running on Dask needs dask.distributed: "
            "pip install 'renewal-atlas[dask]'") in run.stderr
    assert not (tmp_path / "maps").exists()
