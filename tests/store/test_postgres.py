"""The PostgreSQL store (same interface as SQLite); skipped when no server answers.

Uses ``TESTIMONIA_TEST_PG`` (default ``postgresql://127.0.0.1:5432/test``) and a
throw-away schema per test, dropped afterwards.
"""

from __future__ import annotations

import os
import uuid

import pytest

from testimonia.errors import StoreError
from testimonia.export.evidence import to_evidence
from testimonia.store.ingest import ingest
from testimonia.testing import make_document

from .fakes import CountingPipeline

DSN = os.environ.get("TESTIMONIA_TEST_PG", "postgresql://127.0.0.1:5432/test")
psycopg = pytest.importorskip("psycopg")


def _reachable() -> bool:
    try:
        psycopg.connect(DSN, connect_timeout=2).close()
    except psycopg.Error:
        return False
    return True


pytestmark = pytest.mark.skipif(not _reachable(), reason=f"no PostgreSQL at {DSN}")
TEXT = "Letters\n\nAnna told Boris “the granary burned at night”.\n\nBoris denied it."


@pytest.fixture
def store():
    from testimonia.store.postgres import PostgresStore

    s = PostgresStore(DSN, schema=f"testimonia_test_{uuid.uuid4().hex[:10]}")
    yield s
    s.drop()
    s.close()


def test_postgres_round_trip_and_counts(store) -> None:
    analysis = CountingPipeline().run(make_document(TEXT, "letters.txt"))
    d = analysis.document.doc_id
    assert store.fingerprint_of(d) is None
    store.put(analysis, "fake@1", to_evidence(analysis))
    store.put(analysis, "fake@1", to_evidence(analysis))  # replaced, not doubled
    assert store.fingerprint_of(d) == "fake@1"
    expected, found = store.counts(d)
    assert expected == found and found["quotes"] == 1
    back = store.get(d)
    for name, records in analysis.layers.items():
        assert back.layer(name) == records, name
    assert [x.doc_id for x in store.documents()] == [d]


def test_postgres_search(store) -> None:
    analysis = CountingPipeline().run(make_document(TEXT, "letters.txt"))
    store.put(analysis, "fake@1", to_evidence(analysis))
    assert {h.where for h in store.search("granary")} == {"document", "quote"}
    assert {h.where for h in store.search("denied")} == {"document"}


def test_postgres_failed_write_leaves_nothing(store) -> None:
    analysis = CountingPipeline().run(make_document("x\u0000y “q”", "nul.txt"))
    with pytest.raises(StoreError):
        store.put(analysis, "fake@1", to_evidence(analysis))  # text may not hold NUL
    assert store.documents() == []
    assert store.conn.execute(f'SELECT count(*) FROM "{store.schema}".quotes').fetchone()[0] == 0


def test_postgres_newer_schema_is_refused_t301(store) -> None:
    from testimonia.store.postgres import PostgresStore

    store.conn.execute(f'UPDATE "{store.schema}".store_meta SET value = %s '
                       "WHERE key = 'schema_version'", ("99",))
    with pytest.raises(StoreError) as e:
        PostgresStore(DSN, schema=store.schema)
    assert e.value.code == "T301"


def test_postgres_unreachable_is_t300() -> None:
    from testimonia.store.postgres import PostgresStore

    with pytest.raises(StoreError) as e:
        PostgresStore("postgresql://127.0.0.1:1/none", connect_timeout=1)
    assert e.value.code == "T300"


def test_postgres_ingest_by_url(tmp_path, store, monkeypatch) -> None:
    p = tmp_path / "a.txt"
    p.write_text(TEXT, encoding="utf-8")
    fake = CountingPipeline()
    assert ingest([str(p)], DSN, pipeline=fake, store=store).items[0].status == "added"
    assert ingest([str(p)], DSN, pipeline=fake, store=store).items[0].status == "unchanged"
    assert fake.calls == 1
