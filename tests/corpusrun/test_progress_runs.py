"""Issue 22, point 5: a corpus run reports each stage (reading, extracting partitions,
geocoding, writing outputs) with its count and rate; --quiet silences it; a run on a local
Dask cluster says once where its dashboard is."""

import re

import pytest

from geo.cli import main
from geo.corpusrun import Partitioning, extract_in_partitions
from geo.corpusrun.runners import has_bokeh
from geo.gazetteer import Gazetteer
from geo.pipeline import locate
from geo.progress import Lines


class Clock:
    """Each reading one second after the last: rates are whole numbers to check."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        self.now += 1.0
        return self.now


@pytest.fixture(scope="module")
def located(corpus):
    lines: list[str] = []
    atlas = locate([corpus], partitioning=Partitioning(size=4),
                   progress=Lines(lines.append, Clock()))
    return atlas, lines


def test_reading_reports_the_documents_read(located):
    atlas, lines = located
    assert re.fullmatch(r"reading documents: 10 documents in \d+\.0 s, [\d.]+ documents/s",
                        lines[0])


def test_each_partition_reports_the_documents_done_and_left(located):
    atlas, lines = located
    steps = [line for line in lines if line.startswith("extracted partition")]
    assert [step.split(":")[1].split(",")[0] for step in steps] == [
        " 4 of 10 documents", " 8 of 10 documents", " 10 of 10 documents"]
    assert "left" in steps[0] and "left" not in steps[-1]


def test_extraction_ends_with_its_count(located):
    atlas, lines = located
    assert any(line.startswith("extracting partitions: 10 documents in ") for line in lines)


def test_geocoding_reports_the_places_located(located):
    atlas, lines = located
    assert any(line.startswith(f"geocoding: {len(atlas.places)} places in ") for line in lines)


def test_a_build_reports_each_output_written(corpus, tmp_path, capsys):
    assert main(["build", str(corpus), "--layers", str(tmp_path / "layers"), "--maps",
                 str(tmp_path / "maps"), "--no-article-maps", "--partition-size", "4"]) == 0
    err = capsys.readouterr().err
    for number, name in enumerate(["layers", "review", "maps"], start=1):
        assert f"  … wrote {name}: {number} of 3 outputs, " in err
    assert "  … writing outputs: 3 outputs in " in err


def test_a_quiet_build_prints_nothing_on_stderr(corpus, tmp_path, capsys):
    assert main(["build", str(corpus), "--layers", str(tmp_path / "layers"), "--maps",
                 str(tmp_path / "maps"), "--no-article-maps", "--partition-size", "4",
                 "-q"]) == 0
    assert capsys.readouterr().err == ""


def test_a_quiet_extract_prints_only_its_closing_count(corpus, capsys):
    assert main(["extract", str(corpus), "--partition-size", "4", "--quiet"]) == 0
    assert re.fullmatch(r"\d+ mentions in 10 documents, in 3 partitions\n",
                        capsys.readouterr().err)


def test_a_local_cluster_run_says_where_its_dashboard_is(documents, tmp_path):
    pytest.importorskip("dask.distributed")
    lines: list[str] = []
    extract_in_partitions(documents, Partitioning(size=5, workers=1, work=tmp_path), False,
                          Gazetteer.load(), lines.append)
    dashboards = [line for line in lines if line.startswith("Dask dashboard: ")]
    assert len(dashboards) == 1
    if has_bokeh():  # a free port of 127.0.0.1
        assert re.fullmatch(r"Dask dashboard: http://127\.0\.0\.1:\d+/status", dashboards[0])
    else:
        assert dashboards[0] == "Dask dashboard: none (Dask draws it with bokeh: pip install bokeh)"


def test_a_run_on_a_scheduler_gives_its_dashboard_link(documents, tmp_path):
    distributed = pytest.importorskip("dask.distributed")
    lines: list[str] = []
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=True,
                                  host="127.0.0.1", dashboard_address="127.0.0.1:0") as cluster:
        extract_in_partitions(documents, Partitioning(
            size=5, scheduler=cluster.scheduler_address, work=tmp_path), False,
            Gazetteer.load(), lines.append)
        link = cluster.dashboard_link
    assert [line for line in lines if line.startswith("Dask dashboard: ")] == [
        f"Dask dashboard: {link}"]
