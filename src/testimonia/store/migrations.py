"""Schema versions for the SQLite store, kept in ``PRAGMA user_version``.

Version 0 is an empty file; each step moves the schema up by one and runs in its
own transaction. A store whose version is newer than :data:`LATEST` was written by
a newer testimonia: refuse it (``StoreError`` T301) rather than guess.
"""

from __future__ import annotations

import sqlite3
from importlib import resources

from ..errors import StoreError


def _schema() -> str:
    return (resources.files("testimonia.store") / "schema.sql").read_text(encoding="utf-8")


#: version → SQL that brings the previous version up to it.
STEPS: dict[int, str] = {1: ""}  # 1: schema.sql (read lazily, it is the whole schema)
LATEST = max(STEPS)


def version(conn: sqlite3.Connection) -> int:
    """Return the store's schema version (0 for a new, empty store)."""
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: sqlite3.Connection, path: str = "") -> int:
    """Bring the store up to :data:`LATEST`; return the version it was at.

    ``conn`` must be in autocommit mode (``isolation_level=None``).

    Raises:
        StoreError: T301 when the store is newer than this testimonia knows.
    """
    found = version(conn)
    if found > LATEST:
        raise StoreError("T301", path=path,
                         detail=f"version {found}; this testimonia knows up to {LATEST}")
    for step in range(found + 1, LATEST + 1):
        sql = _schema() if step == 1 else STEPS[step]
        conn.execute("BEGIN IMMEDIATE")
        try:
            if version(conn) < step:  # another process may have migrated meanwhile
                for statement in _statements(sql):
                    conn.execute(statement)
                conn.execute(f"PRAGMA user_version = {step}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    return found


def _statements(sql: str) -> list[str]:
    """Split a script into statements (``executescript`` would commit on its own)."""
    out: list[str] = []
    buf = ""
    for line in sql.splitlines(keepends=True):
        if line.strip().startswith("--") and not buf.strip():
            continue
        buf += line
        if sqlite3.complete_statement(buf):
            out.append(buf.strip())
            buf = ""
    if buf.strip():
        out.append(buf.strip())
    return out
