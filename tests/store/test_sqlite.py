"""The SQLite store: schema versions, round trip, full-text search, refusal of bad files."""

from __future__ import annotations

import sqlite3

import pytest

from testimonia.errors import StoreError
from testimonia.export.evidence import to_evidence
from testimonia.store.migrations import LATEST, version
from testimonia.store.sqlite import SQLiteStore
from testimonia.testing import make_document

from .fakes import CountingPipeline

TEXT = "Letters\n\nAnna told Boris “the granary burned at night”.\n\nBoris denied it."


@pytest.fixture
def analysis():
    return CountingPipeline().run(make_document(TEXT, "letters.txt"))


def test_sqlite_new_store_has_latest_schema_wal_and_foreign_keys(tmp_path) -> None:
    with SQLiteStore(tmp_path / "s.db") as store:
        assert version(store.conn) == LATEST
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert store.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_sqlite_reopening_keeps_documents(tmp_path, analysis) -> None:
    with SQLiteStore(tmp_path / "s.db") as store:
        store.put(analysis, "fake@1", to_evidence(analysis))
    with SQLiteStore(tmp_path / "s.db") as store:
        assert store.fingerprint_of(analysis.document.doc_id) == "fake@1"


def test_sqlite_newer_schema_is_refused_t301(tmp_path) -> None:
    db = tmp_path / "s.db"
    conn = sqlite3.connect(db)
    conn.execute(f"PRAGMA user_version = {LATEST + 1}")
    conn.close()
    with pytest.raises(StoreError) as e:
        SQLiteStore(db)
    assert e.value.code == "T301" and e.value.path == str(db) and e.value.exit_code == 3


def test_sqlite_not_a_database_is_t300(tmp_path) -> None:
    db = tmp_path / "s.db"
    db.write_bytes(b"this is not a database file at all" * 100)
    with pytest.raises(StoreError) as e:
        SQLiteStore(db)
    assert e.value.code == "T300"


def test_sqlite_round_trip_through_evidence(tmp_path, analysis) -> None:
    with SQLiteStore(tmp_path / "s.db") as store:
        store.put(analysis, "fake@1", to_evidence(analysis))
        back = store.get(analysis.document.doc_id)
        assert store.get("0" * 64) is None
    assert back.document.text == analysis.document.text
    for name, records in analysis.layers.items():
        assert back.layer(name) == records, name


def test_sqlite_layer_rows_are_queryable(tmp_path, analysis) -> None:
    with SQLiteStore(tmp_path / "s.db") as store:
        store.put(analysis, "fake@1", to_evidence(analysis))
        d = analysis.document.doc_id
        q = store.conn.execute("SELECT text, speaker FROM quotes WHERE doc_id = ?", (d,)).fetchall()
        assert q == [("“the granary burned at night”", "p1")]
        aliases = store.conn.execute(
            "SELECT p.name FROM aliases a JOIN people p ON p.doc_id = a.doc_id "
            "AND p.id = a.person_id WHERE a.alias = 'BORIS'").fetchall()
        assert aliases == [("Boris",)]
        expected, found = store.counts(d)
        assert expected == found


@pytest.mark.parametrize("query,where", [
    ("granary", {"document", "quote"}),
    ("denied", {"document"}),
    ("nothing_like_this", set()),
])
def test_sqlite_search(tmp_path, analysis, query, where) -> None:
    with SQLiteStore(tmp_path / "s.db") as store:
        store.put(analysis, "fake@1", to_evidence(analysis))
        store.put(analysis, "fake@1", to_evidence(analysis))  # replaced, not doubled
        hits = store.search(query)
    assert {h.where for h in hits} == where
    assert len(hits) == len(where)


def test_sqlite_bad_query_is_a_store_error(tmp_path) -> None:
    with SQLiteStore(tmp_path / "s.db") as store, pytest.raises(StoreError):
        store.search('"unbalanced')


def test_sqlite_foreign_keys_refuse_orphans(tmp_path) -> None:
    with SQLiteStore(tmp_path / "s.db") as store, pytest.raises(sqlite3.IntegrityError):
        store.conn.execute("INSERT INTO segments VALUES ('nope', 0, 'body', 0, 1)")


def test_sqlite_readonly_store_reads_but_refuses_writes(tmp_path, analysis) -> None:
    db = tmp_path / "s.db"
    with SQLiteStore(db) as store:
        store.put(analysis, "fake@1", to_evidence(analysis))
    with SQLiteStore(db, readonly=True) as reader:
        assert reader.fingerprint_of(analysis.document.doc_id) == "fake@1"
        assert reader.search("granary")
        with pytest.raises(StoreError) as e:
            reader.put(analysis, "fake@2", to_evidence(analysis))
        assert e.value.code == "T300"
    with SQLiteStore(db) as store:
        assert store.fingerprint_of(analysis.document.doc_id) == "fake@1"


@pytest.mark.parametrize("found", [0, LATEST + 1])
def test_sqlite_readonly_store_never_migrates(tmp_path, found) -> None:
    db = tmp_path / "s.db"
    conn = sqlite3.connect(db)
    conn.execute(f"PRAGMA user_version = {found}")
    conn.close()
    with pytest.raises(StoreError) as e:
        SQLiteStore(db, readonly=True)
    assert e.value.code == ("T301" if found else "T300")
    assert version(sqlite3.connect(db)) == found
