"""Issue 18, publishing: kill -9 while moving left new layers beside old maps; two builds into
the same folders gave, in 5 of 17 runs, a result matching neither; killed builds left
staging folders forever; outputs of earlier builds were never removed; with --maps on another
mount (a Docker volume) every build failed with a cross-device error."""

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from geo.export.staging import recover, staged

OLD = {"layers": {"a.csv": "old", "gone.csv": "old"}, "maps": {"index.html": "old"}}
NEW = {"layers": {"a.csv": "new", "b.csv": "new"}, "maps": {"index.html": "new"}}

BUILD = textwrap.dedent("""
    import os, sys, time
    from pathlib import Path
    from geo.export import staging
    root, content = Path(sys.argv[1]), eval(sys.argv[2])
    kill_at, pause = int(sys.argv[3]), float(sys.argv[4])
    calls = 0
    real = os.replace
    def replace(*args):
        global calls
        calls += 1
        if calls == kill_at:
            os._exit(9)  # as kill -9: no cleanup runs
        real(*args)
    staging.os.replace = replace
    with staging.staged(root / "layers", root / "maps") as stages:
        for stage, files in zip(stages, content.values()):
            for name, text in files.items():
                (stage / name).write_text(text, encoding="utf-8")
        time.sleep(pause)
""")


def build(root: Path, content: dict, kill_at: int = 0, pause: float = 0.0):
    return subprocess.Popen([sys.executable, "-c", BUILD, str(root), repr(content),
                             str(kill_at), str(pause)])


def state(root: Path) -> dict:
    return {folder: {p.name: p.read_text(encoding="utf-8") for p in (root / folder).iterdir()
                     if not p.name.startswith(".")} for folder in ("layers", "maps")}


def leftovers(root: Path) -> list[str]:
    """What a build left besides its outputs, its manifests and its lock."""
    return sorted(str(p.relative_to(root)) for p in root.rglob(".*")
                  if p.name not in (".atlas-manifest", ".layers.lock"))


@pytest.fixture
def root(tmp_path):
    assert build(tmp_path, OLD).wait() == 0
    assert state(tmp_path) == OLD
    return tmp_path


@pytest.mark.parametrize("kill_at", range(1, 9))
def test_a_build_killed_at_any_step_leaves_the_old_outputs_or_the_new_never_a_mix(root, kill_at):
    """os.replace is called for the journal (1), each file moved in (2 to 4) and each
    folder's manifest (5, 6); the next build finishes what the killed one began."""
    status = build(root, NEW, kill_at=kill_at).wait()
    assert status == (9 if kill_at <= 6 else 0)
    recover(root / "layers", root / "maps")  # what the next build does first, under the lock
    assert state(root) in (OLD, NEW) and leftovers(root) == []
    if kill_at >= 2:  # the journal was written: the publication was finished
        assert state(root) == NEW


def test_outputs_the_new_build_does_not_make_are_removed_and_others_kept(root):
    (root / "layers" / "mine.txt").write_text("the user's own", encoding="utf-8")
    assert build(root, NEW).wait() == 0
    assert "gone.csv" not in state(root)["layers"]  # the old build's, not the new one's
    assert (root / "layers" / "mine.txt").exists()  # no build listed it: never touched


def test_two_builds_at_once_give_one_of_their_results(root):
    other = {"layers": {"c.csv": "other"}, "maps": {"index.html": "other"}}
    first, second = build(root, NEW, pause=1.0), build(root, other, pause=0.0)
    assert first.wait() == 0 and second.wait() == 0
    assert state(root) in (NEW, other) and leftovers(root) == []


def test_a_killed_builds_staging_folders_are_removed_by_the_next(root):
    (root / "layers" / ".staging-dead").mkdir()
    (root / "maps" / ".staging-dead").mkdir()
    with staged(root / "layers", root / "maps"):
        pass
    assert leftovers(root) == []


def test_layers_and_maps_in_one_folder_keep_each_others_files(tmp_path):
    """--layers and --maps may be one folder: neither's files count as the other's old."""
    for _ in range(2):
        with staged(tmp_path / "out", tmp_path / "out") as (layers, maps):
            (layers / "a.csv").write_text("layer", encoding="utf-8")
            (maps / "index.html").write_text("map", encoding="utf-8")
        assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
            ".atlas-manifest", "a.csv", "index.html"]
        manifest = (tmp_path / "out" / ".atlas-manifest").read_text(encoding="utf-8")
        assert manifest == "a.csv\nindex.html\n"  # so both are removed once not made
