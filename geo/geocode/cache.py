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


class GeocodeCache:
    def __init__(self, path: str | Path | None = None):
        self.path = Path(path) if path else default_path()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(self.path)
        self.db.execute("PRAGMA journal_mode=WAL")
        # With WAL, NORMAL still survives a crash of the program (only not a power cut),
        # and commits cost microseconds instead of an fsync each.
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.execute(SCHEMA)
        self.db.commit()

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
