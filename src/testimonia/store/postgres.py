"""The PostgreSQL store: the SQLite store's interface and rows, via psycopg 3.

For a corpus shared by several people or processes. Tables live in one schema
(``testimonia`` unless told otherwise), with the same tables and columns as
``schema.sql``; JSON columns are ``jsonb`` and full-text search uses generated
``tsvector`` columns with GIN indexes instead of FTS5. Each document is written in
one transaction, serialised per document by an advisory lock. The schema version
lives in ``<schema>.store_meta``; a newer one than this testimonia knows is refused
(``StoreError`` T301). Needs the ``postgres`` extra (``psycopg[binary]``).

Example::

    store = PostgresStore("postgresql://127.0.0.1:5432/test")
    store.put(analysis, pipeline.fingerprint, to_evidence(analysis))
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from ..errors import ModelError, StoreError
from ..model import Analysis
from .base import LAYER_TABLES, TABLES, SearchHit, StoredDocument, rows

LATEST = 1
_JSON = {"documents": {"authors", "meta", "evidence", "counts"}, "references": {"csl"},
         "people": {"mentions"}, "claims": {"support", "deny", "doubt"},
         "chains": {"path", "quotes"},
         "assessments": {"doubters", "silences", "explanation", "factors"}}
_INT = {"idx", "n", "marker_start", "marker_end", "start", "end", "same_as", "note",
        "independent_chains"}
_BOOL = {"eyewitness", "subject_admission", "subject_denial"}


def _q(name: str) -> str:
    return f'"{name}"'


def _ddl(schema: str) -> list[str]:
    s = _q(schema)
    out = [f"CREATE SCHEMA IF NOT EXISTS {s}",
           f"CREATE TABLE IF NOT EXISTS {s}.store_meta (key text PRIMARY KEY, value text)"]
    for table, cols in TABLES.items():
        defs = []
        for c in cols:
            kind = ("jsonb" if c in _JSON.get(table, ()) else
                    "integer" if c in _INT | _BOOL else "text")
            if table == "documents" and c == "doc_id":
                defs.append("doc_id text PRIMARY KEY")
            elif c == "doc_id":
                defs.append(f"doc_id text NOT NULL REFERENCES {s}.documents(doc_id) "
                            "ON DELETE CASCADE")
            else:
                defs.append(f"{_q(c)} {kind}")
        if table == "documents":
            defs.append("tsv tsvector GENERATED ALWAYS AS (to_tsvector('simple', "
                        "coalesce(title, '') || ' ' || text)) STORED")
        if table == "quotes":
            defs.append("tsv tsvector GENERATED ALWAYS AS (to_tsvector('simple', text)) STORED")
        out.append(f"CREATE TABLE IF NOT EXISTS {s}.{_q(table)} ({', '.join(defs)})")
        if table != "documents":
            out.append(f"CREATE INDEX IF NOT EXISTS {_q(table + '_doc')} "
                       f"ON {s}.{_q(table)} (doc_id)")
    out.append(f"CREATE INDEX IF NOT EXISTS documents_tsv ON {s}.documents USING gin (tsv)")
    out.append(f"CREATE INDEX IF NOT EXISTS quotes_tsv ON {s}.quotes USING gin (tsv)")
    return out


def _redact(dsn: str) -> str:
    return re.sub(r"://([^:@/]+):[^@/]*@", r"://\1:***@", dsn)


class PostgresStore:
    """A store in a PostgreSQL schema (see the module docstring).

    Args:
        dsn: a libpq connection string or ``postgresql://`` URL.
        schema: the schema holding the tables.
        connect_timeout: seconds to wait for the server.

    Raises:
        ModelError: psycopg is not installed (exit 3, like a missing model).
        StoreError: T300 unreachable, T301 schema newer than this testimonia.
    """

    def __init__(self, dsn: str, schema: str = "testimonia", connect_timeout: int = 5) -> None:
        try:
            import psycopg
        except ImportError as exc:  # pragma: no cover - depends on the extra
            raise ModelError("T300", path=_redact(dsn),
                             detail="PostgreSQL needs psycopg: pip install "
                                    "'testimonia[postgres]'") from exc
        self._psycopg = psycopg
        self.path = _redact(dsn)
        self.schema = schema
        try:
            self.conn = psycopg.connect(dsn, autocommit=True, connect_timeout=connect_timeout)
        except psycopg.Error as exc:
            raise StoreError("T300", path=self.path,
                             detail=f"cannot connect: {str(exc).strip()}") from exc
        self._migrate()

    def _t(self, table: str) -> str:
        return f"{_q(self.schema)}.{_q(table)}"

    def _migrate(self) -> None:
        try:
            with self.conn.transaction():
                self.conn.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", (self.schema,))
                self.conn.execute(f"CREATE SCHEMA IF NOT EXISTS {_q(self.schema)}")
                self.conn.execute(f"CREATE TABLE IF NOT EXISTS {self._t('store_meta')} "
                                  "(key text PRIMARY KEY, value text)")
                row = self.conn.execute(f"SELECT value FROM {self._t('store_meta')} "
                                        "WHERE key = 'schema_version'").fetchone()
                found = int(row[0]) if row else 0
                if found > LATEST:
                    raise StoreError("T301", path=self.path,
                                     detail=f"version {found}; this testimonia knows up to "
                                            f"{LATEST}")
                if found < 1:
                    for statement in _ddl(self.schema):
                        self.conn.execute(statement)
                    self.conn.execute(f"INSERT INTO {self._t('store_meta')} VALUES "
                                      "('schema_version', %s) ON CONFLICT (key) DO UPDATE "
                                      "SET value = excluded.value", (str(LATEST),))
        except self._psycopg.Error as exc:
            raise StoreError("T300", path=self.path, detail=str(exc).strip()) from exc

    def fingerprint_of(self, doc_id: str) -> str | None:
        """Return the fingerprint ``doc_id`` was stored with, or None if absent."""
        try:
            row = self.conn.execute(f"SELECT fingerprint FROM {self._t('documents')} "
                                    "WHERE doc_id = %s", (doc_id,)).fetchone()
        except self._psycopg.Error as exc:
            raise StoreError("T300", path=self.path, detail=str(exc).strip()) from exc
        return row[0] if row else None

    def put(self, analysis: Analysis, fingerprint: str, evidence: Mapping[str, Any]) -> None:
        """Write one document and all its rows in one transaction, replacing an old copy.

        Raises:
            StoreError: T300 when the server refuses the write (nothing is written then).
        """
        added = datetime.now(UTC).isoformat(timespec="seconds")
        table_rows = rows(analysis, fingerprint, evidence, added)
        doc_id = analysis.document.doc_id
        try:
            with self.conn.transaction(), self.conn.cursor() as cur:
                cur.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", (doc_id,))
                cur.execute(f"DELETE FROM {self._t('documents')} WHERE doc_id = %s", (doc_id,))
                for table, cols in TABLES.items():
                    if not table_rows[table]:
                        continue
                    json_cols = _JSON.get(table, set())
                    marks = ", ".join("%s::jsonb" if c in json_cols else "%s" for c in cols)
                    cur.executemany(f"INSERT INTO {self._t(table)} "
                                    f"({', '.join(map(_q, cols))}) VALUES ({marks})",
                                    table_rows[table])
        except self._psycopg.Error as exc:
            raise StoreError("T300", path=self.path, detail=str(exc).strip()) from exc

    def get(self, doc_id: str) -> Analysis | None:
        """Return the stored Analysis (rebuilt from its evidence JSON), or None."""
        from ..export.evidence import from_evidence

        row = self.conn.execute(f"SELECT evidence FROM {self._t('documents')} "
                                "WHERE doc_id = %s", (doc_id,)).fetchone()
        return from_evidence(row[0]) if row else None

    def documents(self) -> list[StoredDocument]:
        """Return every stored document, oldest first."""
        cur = self.conn.execute(f"SELECT doc_id, path, format, title, fingerprint, added_at "
                                f"FROM {self._t('documents')} ORDER BY added_at, doc_id")
        return [StoredDocument(*r) for r in cur]

    def counts(self, doc_id: str) -> tuple[dict[str, int], dict[str, int]]:
        """Return (rows each layer table should hold for ``doc_id``, rows it holds)."""
        row = self.conn.execute(f"SELECT counts FROM {self._t('documents')} WHERE doc_id = %s",
                                (doc_id,)).fetchone()
        found = {t: self.conn.execute(f"SELECT count(*) FROM {self._t(t)} WHERE doc_id = %s",
                                      (doc_id,)).fetchone()[0] for t in LAYER_TABLES}
        return (row[0] if row else {}), found

    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        """Full-text search (web-search syntax) over document text and quotes."""
        q = "websearch_to_tsquery('simple', %s)"
        docs = self.conn.execute(
            f"SELECT doc_id, path, ts_headline('simple', text, {q}, "
            "'StartSel=[,StopSel=],MaxWords=12,MinWords=4') "
            f"FROM {self._t('documents')} WHERE tsv @@ {q} LIMIT %s",
            (query, query, limit)).fetchall()
        quotes = self.conn.execute(
            f"SELECT q.doc_id, d.path, q.id, ts_headline('simple', q.text, {q}, "
            "'StartSel=[,StopSel=],MaxWords=12,MinWords=4') "
            f"FROM {self._t('quotes')} q JOIN {self._t('documents')} d USING (doc_id) "
            f"WHERE q.tsv @@ {q} LIMIT %s", (query, query, limit)).fetchall()
        return ([SearchHit(d, p, "document", None, s) for d, p, s in docs]
                + [SearchHit(d, p, "quote", i, s) for d, p, i, s in quotes])

    def drop(self) -> None:
        """Drop the whole schema (tests use a throw-away schema)."""
        self.conn.execute(f"DROP SCHEMA IF EXISTS {_q(self.schema)} CASCADE")

    def close(self) -> None:
        """Close the connection."""
        self.conn.close()
