"""Outputs are written into a staging folder first and moved into place file by file with
``os.replace``, so a build that fails or is interrupted never leaves a half-written output."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path


@contextlib.contextmanager
def staged(*finals: Path) -> Iterator[list[Path]]:
    """Scratch folders beside each final folder; only when the block succeeds do their files
    replace those in the final folders, so a failed build publishes nothing."""
    stages: list[Path] = []
    try:
        for final in finals:
            final.parent.mkdir(parents=True, exist_ok=True)
            stage = tempfile.mkdtemp(prefix=f".{final.name}.staging-", dir=final.parent)
            stages.append(Path(stage))
        yield stages
        for stage, final in zip(stages, finals, strict=True):
            for path in sorted(stage.rglob("*")):
                if path.is_file():
                    target = final / path.relative_to(stage)
                    target.parent.mkdir(parents=True, exist_ok=True)
                    os.replace(path, target)
    finally:
        for stage in stages:
            shutil.rmtree(stage, ignore_errors=True)
