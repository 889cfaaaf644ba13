"""Files of a git repository at one commit, read without a work tree (``git cat-file``)."""

from __future__ import annotations

import subprocess
from pathlib import Path


class SnapshotError(RuntimeError):
    """A snapshot that is not there, or not at the pinned commit."""


class Snapshot:
    def __init__(self, git_dir: str | Path, commit: str):
        self.git_dir, self.commit = Path(git_dir), commit
        if not (self.git_dir / "objects").is_dir() and (self.git_dir / ".git").is_dir():
            self.git_dir = self.git_dir / ".git"
        try:
            self._git("cat-file", "-e", f"{commit}^{{commit}}")
        except subprocess.CalledProcessError:
            raise SnapshotError(f"{git_dir} has no commit {commit}") from None

    def _git(self, *args: str, data: bytes | None = None) -> bytes:
        return subprocess.run(["git", f"--git-dir={self.git_dir}", *args], input=data,
                              capture_output=True, check=True).stdout

    def names(self, folder: str) -> list[str]:
        """The files in ``folder`` at the commit, sorted."""
        out = self._git("ls-tree", "--name-only", self.commit, f"{folder.rstrip('/')}/")
        return sorted(line.rsplit("/", 1)[-1] for line in out.decode().splitlines())

    def read(self, paths: list[str]) -> dict[str, bytes]:
        """The contents of ``paths`` at the commit, read through one ``git cat-file``; a path
        missing from the snapshot (files of 4 MiB and more are left out) is missing here."""
        request = "".join(f"{self.commit}:{path}\n" for path in paths).encode()
        out = self._git("cat-file", "--batch", data=request)
        found: dict[str, bytes] = {}
        position = 0
        for path in paths:
            end = out.index(b"\n", position)
            header = out[position:end].split()
            position = end + 1
            if header[-1] == b"missing":
                continue
            size = int(header[2])
            found[path] = out[position:position + size]
            position += size + 1
        return found

    def __str__(self) -> str:
        return f"{self.git_dir}@{self.commit[:12]}"
