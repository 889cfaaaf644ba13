"""A SQLite cache of online geocoders' answers, keyed by provider, query and context; the
provider is the service's name (nominatim), or its name and server (nominatim@http://…) for
a server given with --geocoder-url.

Each answer is committed the moment it arrives, so an interrupted run resumes without asking a
service twice. An empty answer (the service knows no such place) is cached too; a failure
(timeout, 429, 5xx) is not, so it is asked again next time.
"""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

SCHEMA = """
CREATE TABLE IF NOT EXISTS answers (
    provider TEXT NOT NULL,
    query TEXT NOT NULL,
    context TEXT NOT NULL,
    candidates TEXT NOT NULL,  -- JSON list of {lon, lat, precision_m, address, admin}
    PRIMARY KEY (provider, query, context)
) WITHOUT ROWID
"""


def default_path() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "renewal-atlas" / "geocode.sqlite"


class CacheError(RuntimeError):
    """A cache that cannot be used now (another run holds it); the message says which."""


class GeocodeCache:
    """``set_aside``: where a corrupt cache file was moved, when one was (a new one is made)."""

    def __init__(self, path: str | Path | None = None):
        self.path = Path(path) if path else default_path()
        self.set_aside: Path | None = None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.db = self._open()
        except sqlite3.OperationalError as error:
            if "locked" in str(error) or "busy" in str(error):
                raise CacheError(f"{self.path}: the cache is in use by another run; wait for "
                                 "it, or give another --cache") from None
            raise CacheError(f"{self.path}: the cache cannot be opened ({error})") from None
        except sqlite3.DatabaseError:  # not a database, or a damaged one: keep it for a look
            self.set_aside = self.path.with_name(f"{self.path.name}.corrupt")
            os.replace(self.path, self.set_aside)
            self.db = self._open()
        except OSError as error:
            raise CacheError(f"{self.path}: the cache cannot be opened ({error.strerror})"
                             ) from None

    def _open(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=5)
        try:
            db.execute("PRAGMA journal_mode=WAL")
            # With WAL, NORMAL still survives a crash of the program (only not a power cut),
            # and commits cost microseconds instead of an fsync each.
            db.execute("PRAGMA synchronous=NORMAL")
            db.execute(SCHEMA)
            db.execute("SELECT COUNT(*) FROM answers").fetchone()
            db.commit()
        except sqlite3.Error:
            db.close()
            raise
        return db

    def get(self, provider: str, query: str, context: str) -> list[dict] | None:
        """The cached candidates (maybe none), or None when this provider was never asked."""
        row = self.db.execute(
            "SELECT candidates FROM answers WHERE provider = ? AND query = ? AND context = ?",
            (provider, query, context)).fetchone()
        return json.loads(row[0]) if row else None

    def put(self, provider: str, query: str, context: str, candidates: list[dict]) -> None:
        with self.db:  # one transaction per answer: committed before the next request
            self.db.execute("INSERT OR REPLACE INTO answers VALUES (?, ?, ?, ?)",
                            (provider, query, context,
                             json.dumps(candidates, ensure_ascii=False)))

    def stats(self) -> dict[str, dict[str, int]]:
        """Per provider: answers cached, and how many of them found something."""
        rows = self.db.execute(
            "SELECT provider, COUNT(*), SUM(candidates != '[]') FROM answers GROUP BY provider "
            "ORDER BY provider")
        return {provider: {"answers": total, "found": found or 0}
                for provider, total, found in rows}

    def clear(self, provider: str | None = None) -> int:
        with self.db:
            if provider:  # the service's own answers and those of its other servers
                cursor = self.db.execute(
                    "DELETE FROM answers WHERE provider = ? OR provider LIKE ? ESCAPE '\\'",
                    (provider, provider.replace("%", "\\%").replace("_", "\\_") + "@%"))
            else:
                cursor = self.db.execute("DELETE FROM answers")
        self.db.execute("VACUUM")
        return cursor.rowcount

    def close(self) -> None:
        self.db.close()
