"""The embedded SQLite store (the default): WAL, foreign keys, FTS5, one transaction per document.

Writes go through one connection in autocommit mode; each document is written
inside its own ``BEGIN IMMEDIATE`` … ``COMMIT`` (the write lock is taken up front,
so two ingesting processes queue instead of failing halfway). A process killed
mid-document leaves an uncommitted WAL tail that SQLite discards on the next open:
the store holds whole documents or nothing of them.

Example::

    store = SQLiteStore("corpus.db")
    store.put(analysis, pipeline.fingerprint, to_evidence(analysis))
    store.search("granary fire")
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ..errors import StoreError
from ..model import Analysis
from .base import LAYER_TABLES, TABLES, SearchHit, StoredDocument, rows
from .migrations import LATEST, migrate, version


def _quoted(name: str) -> str:
    return f'"{name}"'


def _insert_sql(table: str) -> str:
    cols = TABLES[table]
    return (f"INSERT INTO {_quoted(table)} ({', '.join(map(_quoted, cols))}) "
            f"VALUES ({', '.join('?' * len(cols))})")


def _error(exc: sqlite3.Error, path: str) -> StoreError:
    msg = str(exc)
    if "locked" in msg or "busy" in msg:
        msg = "the store is locked by another process (try again when it finishes)"
    return StoreError("T300", path=path, detail=msg)


class SQLiteStore:
    """A store in one SQLite file (see the module docstring).

    Args:
        path: the database file (created, with its schema, when missing).
        timeout: seconds to wait for another writer's lock before ``StoreError``.

    Raises:
        StoreError: T300 when the file cannot be opened or is not a database,
            T301 when its schema is newer than this testimonia.
    """

    def __init__(self, path: str | Path, timeout: float = 30.0, readonly: bool = False) -> None:
        self.path = str(path)
        self.readonly = readonly
        try:
            if readonly:
                # A reader (the web reader) never creates, migrates or writes: SQLite
                # itself refuses any write on a ``mode=ro`` connection.
                uri = Path(self.path).resolve().as_uri() + "?mode=ro"
                self.conn = sqlite3.connect(uri, uri=True, timeout=timeout,
                                            isolation_level=None, check_same_thread=False)
                self.conn.execute("PRAGMA query_only = ON")
                found = version(self.conn)
                if found != LATEST:
                    raise StoreError("T301" if found > LATEST else "T300", path=self.path,
                                     detail=f"schema version {found}, expected {LATEST}"
                                     + ("" if found > LATEST else
                                        " (run `testimonia ingest` once to upgrade it)"))
                return
            self.conn = sqlite3.connect(self.path, timeout=timeout, isolation_level=None,
                                        check_same_thread=False)
            self.conn.execute("PRAGMA journal_mode = WAL")
            self.conn.execute("PRAGMA foreign_keys = ON")
            # NORMAL is safe in WAL mode against a killed process; only an OS crash or
            # power loss can drop the last commits, and never leaves half a document.
            self.conn.execute("PRAGMA synchronous = NORMAL")
            migrate(self.conn, self.path)
        except sqlite3.Error as exc:
            raise _error(exc, self.path) from exc

    # -- writing -----------------------------------------------------------------

    def fingerprint_of(self, doc_id: str) -> str | None:
        """Return the fingerprint ``doc_id`` was stored with, or None if absent."""
        try:
            row = self.conn.execute("SELECT fingerprint FROM documents WHERE doc_id = ?",
                                    (doc_id,)).fetchone()
        except sqlite3.Error as exc:
            raise _error(exc, self.path) from exc
        return row[0] if row else None

    def put(self, analysis: Analysis, fingerprint: str, evidence: Mapping[str, Any]) -> None:
        """Write one document and all its rows in one transaction, replacing an old copy.

        Raises:
            StoreError: T300 when the store is locked or refuses the write (nothing
                of the document is written then).
        """
        added = datetime.now(UTC).isoformat(timespec="seconds")
        table_rows = rows(analysis, fingerprint, evidence, added)
        doc_id = analysis.document.doc_id
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise _error(exc, self.path) from exc
        try:
            for table in reversed(LAYER_TABLES):
                self.conn.execute(f"DELETE FROM {_quoted(table)} WHERE doc_id = ?", (doc_id,))
            self.conn.execute("DELETE FROM documents WHERE doc_id = ?", (doc_id,))
            for table in TABLES:
                self._write(table, table_rows[table])
            self.conn.execute("COMMIT")
        except BaseException as exc:
            self.conn.execute("ROLLBACK")
            if isinstance(exc, sqlite3.Error):
                raise _error(exc, self.path) from exc
            raise

    def _write(self, table: str, table_rows: list[tuple[Any, ...]]) -> None:
        """Insert the rows of one table (a seam for the crash tests)."""
        if table_rows:
            self.conn.executemany(_insert_sql(table), table_rows)

    # -- reading -----------------------------------------------------------------

    def get(self, doc_id: str) -> Analysis | None:
        """Return the stored Analysis (rebuilt from its evidence JSON), or None."""
        from ..export.evidence import from_evidence

        row = self.conn.execute("SELECT evidence FROM documents WHERE doc_id = ?",
                                (doc_id,)).fetchone()
        return from_evidence(json.loads(row[0])) if row else None

    def documents(self) -> list[StoredDocument]:
        """Return every stored document, oldest first."""
        cur = self.conn.execute("SELECT doc_id, path, format, title, fingerprint, added_at "
                                "FROM documents ORDER BY rowid")
        return [StoredDocument(*r) for r in cur]

    def counts(self, doc_id: str) -> tuple[dict[str, int], dict[str, int]]:
        """Return (rows each layer table should hold for ``doc_id``, rows it holds)."""
        row = self.conn.execute("SELECT counts FROM documents WHERE doc_id = ?",
                                (doc_id,)).fetchone()
        expected = json.loads(row[0]) if row else {}
        found = {t: self.conn.execute(f"SELECT count(*) FROM {_quoted(t)} WHERE doc_id = ?",
                                      (doc_id,)).fetchone()[0] for t in LAYER_TABLES}
        return expected, found

    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        """Full-text search (FTS5 syntax) over document text and quotes.

        Raises:
            StoreError: T300 on a malformed query.
        """
        try:
            docs = self.conn.execute(
                "SELECT d.doc_id, d.path, snippet(documents_fts, 1, '[', ']', '…', 12) "
                "FROM documents_fts JOIN documents d ON d.rowid = documents_fts.rowid "
                "WHERE documents_fts MATCH ? ORDER BY rank LIMIT ?", (query, limit)).fetchall()
            quotes = self.conn.execute(
                "SELECT q.doc_id, d.path, q.id, snippet(quotes_fts, 0, '[', ']', '…', 12) "
                "FROM quotes_fts JOIN quotes q ON q.rowid = quotes_fts.rowid "
                "JOIN documents d ON d.doc_id = q.doc_id "
                "WHERE quotes_fts MATCH ? ORDER BY rank LIMIT ?", (query, limit)).fetchall()
        except sqlite3.Error as exc:
            raise StoreError("T300", path=self.path, detail=f"search: {exc}") from exc
        return ([SearchHit(d, p, "document", None, s) for d, p, s in docs]
                + [SearchHit(d, p, "quote", q, s) for d, p, q, s in quotes])

    def close(self) -> None:
        """Close the connection (checkpointing the WAL)."""
        self.conn.close()

    def __enter__(self) -> SQLiteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
