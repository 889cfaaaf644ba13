"""Issue 22, point 2: `geo build` and `geo extract` with --partition-size, --workers and
--scheduler write what they write without them; a bad combination exits 2."""

import pytest

from geo.cli import main
from geo.corpusrun import store

LAYER_FILES = ["articles.csv", "facts.csv", "mentions.csv", "parks.geojson", "places.csv",
               "renewal.geojson", "transit.geojson", "review.csv"]


@pytest.fixture(scope="module")
def plain_build(corpus, tmp_path_factory):
    out = tmp_path_factory.mktemp("plain")
    assert main(["build", str(corpus), "--layers", str(out / "layers"), "--maps",
                 str(out / "maps"), "--no-article-maps", "-q"]) == 0
    return out / "layers"


@pytest.mark.parametrize("options", [["--partition-size", "4"],
                                     ["--workers", "2", "--partition-size", "3"]])
def test_a_build_in_partitions_writes_what_a_plain_build_writes(corpus, plain_build, tmp_path,
                                                                options, capsys):
    layers = tmp_path / "layers"
    assert main(["build", str(corpus), "--layers", str(layers), "--maps", str(tmp_path / "maps"),
                 "--no-article-maps", *options]) == 0
    for name in LAYER_FILES:
        assert (layers / name).read_bytes() == (plain_build / name).read_bytes(), name
    assert "extracted partition" in capsys.readouterr().err
    assert list((layers / ".partitions").glob(f"*{store.SUFFIX}"))  # kept for the next build


def test_a_build_over_the_same_inputs_reads_the_partitions_back(corpus, tmp_path, capsys):
    arguments = ["build", str(corpus), "--layers", str(tmp_path / "layers"), "--maps",
                 str(tmp_path / "maps"), "--no-article-maps", "--partition-size", "4"]
    assert main(arguments) == 0
    capsys.readouterr()
    assert main(arguments) == 0
    err = capsys.readouterr().err
    assert "3 of 3 partitions already extracted" in err and "extracted partition" not in err


def test_extract_in_partitions_lists_what_extract_lists(corpus, capsys):
    assert main(["extract", str(corpus), "--json"]) == 0
    plain = capsys.readouterr().out
    assert main(["extract", str(corpus), "--json", "--partition-size", "3"]) == 0
    listed = capsys.readouterr()
    assert listed.out == plain and plain
    assert "in 10 documents, in 4 partitions" in listed.err


@pytest.mark.parametrize("command", ["build", "extract"])
def test_workers_and_a_scheduler_together_exit_2(corpus, tmp_path, capsys, command):
    arguments = [command, str(corpus), "--workers", "2", "--scheduler", "tcp://127.0.0.1:8786"]
    if command == "build":
        arguments += ["--layers", str(tmp_path / "layers"), "--maps", str(tmp_path / "maps")]
    assert main(arguments) == 2
    assert "give one of them" in capsys.readouterr().err
    assert not (tmp_path / "layers").exists()


@pytest.mark.parametrize("value", ["0", "-3", "many"])
def test_a_partition_size_below_one_is_refused(corpus, capsys, value):
    with pytest.raises(SystemExit) as stop:
        main(["extract", str(corpus), "--partition-size", value])
    assert stop.value.code == 2 and "--partition-size" in capsys.readouterr().err


def test_a_scheduler_out_of_reach_exits_2_naming_it(corpus, tmp_path, capsys):
    assert main(["build", str(corpus), "--scheduler", "tcp://127.0.0.1:9", "--layers",
                 str(tmp_path / "layers"), "--maps", str(tmp_path / "maps")]) == 2
    assert "--scheduler tcp://127.0.0.1:9: cannot connect" in capsys.readouterr().err
    assert not (tmp_path / "maps").exists()
