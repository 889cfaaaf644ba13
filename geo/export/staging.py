"""Publishing a build's outputs: all of them, or none, and never two builds' at once.

1. A build takes a lock beside the first output folder (``.<name>.lock``): a second build
   into the same folders waits for the first to finish.
2. It writes into a scratch folder inside each output folder (``.staging-*``: on the same
   file system even when the output folder is a mount of its own, a Docker volume, so
   moving a file in is a rename, never a copy).
3. To publish, it first writes a journal (``.<name>.publish.json``): which scratch files go
   where, and which files of the previous build (listed in each folder's
   ``.atlas-manifest``) the new one no longer makes. Then it moves the files in, removes
   those, writes the new manifests and deletes the journal.
4. A build killed while publishing leaves its journal: the next build, under the lock,
   finishes that publication first, so the two folders never stay half old, half new. It
   also removes scratch folders that killed builds left.

Files in the output folders that no build listed are never touched.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows: builds into one folder are not serialised there
    fcntl = None  # type: ignore[assignment]

MANIFEST = ".atlas-manifest"
STAGING = ".staging-"


class OutputFolderError(ValueError):
    """An output folder that is a file, or cannot be made; the message names it."""


@contextlib.contextmanager
def staged(*finals: Path) -> Iterator[list[Path]]:
    """Scratch folders in each final folder; only when the block succeeds are they
    published into the final folders, so a failed build publishes nothing."""
    for final in finals:
        if final.exists() and not final.is_dir():
            raise OutputFolderError(f"{final}: is a file, not a folder for the outputs")
        try:
            final.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise OutputFolderError(f"{final}: cannot be made ({error.strerror})") from None
    with _locked(finals[0]):
        recover(*finals)
        stages = [Path(tempfile.mkdtemp(prefix=STAGING, dir=final)) for final in finals]
        try:
            yield stages
            publish(list(zip(stages, finals, strict=True)))
        finally:
            for stage in stages:
                shutil.rmtree(stage, ignore_errors=True)


@contextlib.contextmanager
def _locked(final: Path) -> Iterator[None]:
    lock = final.parent / f".{final.name}.lock"
    with lock.open("a") as handle:
        if fcntl is not None:  # released when the file is closed, or the process dies
            fcntl.flock(handle, fcntl.LOCK_EX)
        yield


def _journal(final: Path) -> Path:
    return final.parent / f".{final.name}.publish.json"


def publish(pairs: list[tuple[Path, Path]]) -> None:
    """Move each stage's files into its final folder, as one journaled step."""
    plan = []
    made: dict[str, set[str]] = {}  # each final folder's new files (two outputs may share one)
    for stage, final in pairs:
        new = sorted(p.relative_to(stage).as_posix() for p in stage.rglob("*") if p.is_file())
        plan.append({"stage": str(stage.absolute()), "final": str(final.absolute()),
                     "files": new})
        made.setdefault(str(final.absolute()), set()).update(new)
    for final, new in made.items():
        plan.append({"final": final, "manifest": sorted(new),
                     "remove": sorted(set(_manifest(Path(final))) - new)})
    journal = _journal(pairs[0][1])
    scratch = journal.with_name(journal.name + ".tmp")
    with scratch.open("w", encoding="utf-8") as handle:
        json.dump(plan, handle, ensure_ascii=False)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(scratch, journal)  # from here on, the publication will be finished
    _carry_out(plan)
    journal.unlink()


def recover(*finals: Path) -> None:
    """Finish a publication a killed build left, and remove the scratch folders of killed
    builds (called under the lock, so no live build owns any)."""
    journal = _journal(finals[0])
    if journal.exists():
        try:
            plan = json.loads(journal.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            plan = None  # killed before the journal was whole: nothing was moved yet
        if plan:
            _carry_out(plan)
        journal.unlink()
    for final in finals:
        for stale in final.glob(f"{STAGING}*"):
            shutil.rmtree(stale, ignore_errors=True)
        with contextlib.suppress(FileNotFoundError):
            _journal(final).with_name(_journal(final).name + ".tmp").unlink()


def _carry_out(plan: list[dict]) -> None:
    """Move the files in, then in each folder remove what the new build no longer makes and
    list what it made. Each step can be repeated: a file moved is not in its stage any more."""
    for step in plan:
        final = Path(step["final"])
        if "stage" in step:
            stage = Path(step["stage"])
            for name in step["files"]:
                source, target = stage / name, final / name
                if source.exists():
                    target.parent.mkdir(parents=True, exist_ok=True)
                    os.replace(source, target)
        else:
            for name in step["remove"]:
                with contextlib.suppress(FileNotFoundError):
                    (final / name).unlink()
            _write_manifest(final, step["manifest"])


def _manifest(final: Path) -> list[str]:
    try:
        return (final / MANIFEST).read_text(encoding="utf-8").split("\n")[:-1]
    except FileNotFoundError:
        return []


def _write_manifest(final: Path, files: list[str]) -> None:
    final.mkdir(parents=True, exist_ok=True)
    scratch = final / f"{MANIFEST}.tmp"
    scratch.write_text("".join(f"{name}\n" for name in files), encoding="utf-8")
    os.replace(scratch, final / MANIFEST)
