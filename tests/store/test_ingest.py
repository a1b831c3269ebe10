"""Ingest: idempotent by content hash, one transaction per document, bad files skipped."""

from __future__ import annotations

import sqlite3
import sys

import pytest

from testimonia.errors import EXIT_INPUT, EXIT_INTERNAL, StoreError
from testimonia.store.ingest import ingest
from testimonia.store.sqlite import SQLiteStore

from .fakes import CountingPipeline


def write_docs(folder, n: int, prefix: str = "doc") -> list[str]:
    paths = []
    for i in range(n):
        p = folder / f"{prefix}{i:03d}.txt"
        p.write_text(f"Report {i}\n\nAnna told Boris “the granary burned on day {i}”.\n",
                     encoding="utf-8")
        paths.append(str(p))
    return paths


def test_ingest_second_run_analyses_nothing(tmp_path) -> None:
    paths = write_docs(tmp_path, 4)
    fake = CountingPipeline()
    first = ingest(paths, tmp_path / "s.db", pipeline=fake)
    assert [i.status for i in first.items] == ["added"] * 4 and fake.calls == 4
    second = ingest(paths, tmp_path / "s.db", pipeline=fake)
    assert [i.status for i in second.items] == ["unchanged"] * 4
    assert fake.calls == 4  # no analysis work the second time


def test_ingest_unchanged_file_is_not_even_read(tmp_path, monkeypatch) -> None:
    paths = write_docs(tmp_path, 1)
    fake = CountingPipeline()
    ingest(paths, tmp_path / "s.db", pipeline=fake)

    def no_reading(*a, **k):
        raise AssertionError("read_bytes called for an unchanged file")

    monkeypatch.setattr(sys.modules["testimonia.read"], "read_bytes", no_reading)
    assert ingest(paths, tmp_path / "s.db", pipeline=fake).items[0].status == "unchanged"


def test_ingest_same_content_under_two_names_is_one_document(tmp_path) -> None:
    a, = write_docs(tmp_path, 1, "a")
    b = tmp_path / "copy.txt"
    b.write_bytes(open(a, "rb").read())
    fake = CountingPipeline()
    report = ingest([a, str(b)], tmp_path / "s.db", pipeline=fake)
    assert [i.status for i in report.items] == ["added", "unchanged"] and fake.calls == 1


def test_ingest_changed_content_is_a_new_document(tmp_path) -> None:
    p, = write_docs(tmp_path, 1)
    fake = CountingPipeline()
    ingest([p], tmp_path / "s.db", pipeline=fake)
    with open(p, "a", encoding="utf-8") as f:
        f.write("A later paragraph.\n")
    assert ingest([p], tmp_path / "s.db", pipeline=fake).items[0].status == "added"
    with SQLiteStore(tmp_path / "s.db") as store:
        assert len(store.documents()) == 2


def test_ingest_new_pipeline_version_reanalyses_and_replaces(tmp_path) -> None:
    paths = write_docs(tmp_path, 2)
    ingest(paths, tmp_path / "s.db", pipeline=CountingPipeline())
    newer = CountingPipeline(scale=2)
    newer.fingerprint = "fake@2"
    report = ingest(paths, tmp_path / "s.db", pipeline=newer)
    assert [i.status for i in report.items] == ["updated", "updated"] and newer.calls == 2
    with SQLiteStore(tmp_path / "s.db") as store:
        docs = store.documents()
        assert [d.fingerprint for d in docs] == ["fake@2", "fake@2"]
        for d in docs:
            expected, found = store.counts(d.doc_id)
            assert expected == found and found["segments"] == 4
        hits = [h.where for h in store.search("granary")]  # the old copies left the index
        assert sorted(hits) == ["document", "document", "quote", "quote"]


@pytest.mark.parametrize("name,data,code", [
    ("empty.txt", b"", "T102"),
    ("binary.txt", b"\x00\x01\x02\x03" * 50, "T103"),
    ("bad.xml", b"<TEI><p>open</TEI>", "T105"),
    ("data.docx", b"PK\x03\x04", "T106"),
    ("missing.txt", None, "T101"),
])
def test_ingest_bad_file_reported_and_skipped(tmp_path, name, data, code) -> None:
    good = write_docs(tmp_path, 2)
    bad = tmp_path / name
    if data is not None:
        bad.write_bytes(data)
    fake = CountingPipeline()
    seen = []
    report = ingest([good[0], str(bad), good[1]], tmp_path / "s.db", pipeline=fake,
                    progress=seen.append)
    assert [i.status for i in report.items] == ["added", "failed", "added"]
    failed = report.items[1]
    assert failed.error.code == code and failed.error.path == str(bad)
    assert report.exit_code == EXIT_INPUT
    assert [i.path for i in seen] == [good[0], str(bad), good[1]]
    with SQLiteStore(tmp_path / "s.db") as store:
        assert [d.path for d in store.documents()] == [good[0], good[1]]


def test_ingest_stage_bug_fails_that_file_only(tmp_path) -> None:
    paths = write_docs(tmp_path, 3)
    report = ingest(paths, tmp_path / "s.db", pipeline=CountingPipeline(fail_on="day 1"))
    assert [i.status for i in report.items] == ["added", "failed", "added"]
    assert report.items[1].error.code == "T400" and report.exit_code == EXIT_INTERNAL


class FailingStore(SQLiteStore):
    """Fails inside the transaction, after some tables are written."""

    def _write(self, table, table_rows):
        super()._write(table, table_rows)
        if table == "quotes" and any("day 1" in r[4] for r in table_rows):
            raise sqlite3.OperationalError("disk I/O error (simulated)")


def test_ingest_failure_mid_document_leaves_nothing_of_it(tmp_path) -> None:
    paths = write_docs(tmp_path, 3)
    store = FailingStore(tmp_path / "s.db")
    report = ingest(paths, tmp_path / "s.db", pipeline=CountingPipeline(), store=store)
    assert [i.status for i in report.items] == ["added", "failed", "added"]
    assert isinstance(report.items[1].error, StoreError)
    bad_id = report.items[1].doc_id
    for table in ("documents", "segments", "quotes", "people", "aliases", "claims"):
        n = store.conn.execute(f'SELECT count(*) FROM "{table}" WHERE doc_id = ?',
                               (bad_id,)).fetchone()[0]
        assert n == 0, table
    assert store.search("day") and all(h.doc_id != bad_id for h in store.search("granary"))
    store.close()


def test_ingest_locked_store_reports_the_file_and_goes_on(tmp_path) -> None:
    paths = write_docs(tmp_path, 2)
    db = tmp_path / "s.db"
    SQLiteStore(db).close()
    blocker = sqlite3.connect(db, isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")
    try:
        store = SQLiteStore(db, timeout=0.05)
        report = ingest(paths, db, pipeline=CountingPipeline(), store=store)
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    assert [i.status for i in report.items] == ["failed", "failed"]
    assert report.items[0].error.code == "T300" and "locked" in str(report.items[0].error)
    report = ingest(paths, db, pipeline=CountingPipeline(), store=store)
    assert [i.status for i in report.items] == ["added", "added"]
    store.close()


@pytest.mark.model
def test_ingest_real_pipeline_fixture(tmp_path) -> None:
    from ..conftest import FIXTURES

    report = ingest([str(FIXTURES / "reader-article.html")], tmp_path / "s.db")
    assert report.items[0].status == "added", report.items[0].error
    with SQLiteStore(tmp_path / "s.db") as store:
        d, = store.documents()
        expected, found = store.counts(d.doc_id)
        assert expected == found and found["segments"] > 0


def test_ingest_two_writers_at_once_keep_every_document_whole(tmp_path) -> None:
    import threading

    paths = write_docs(tmp_path, 12)
    db = tmp_path / "s.db"
    SQLiteStore(db).close()
    reports = []

    def run(order: list[str]) -> None:
        reports.append(ingest(order, db, pipeline=CountingPipeline(scale=20)))

    threads = [threading.Thread(target=run, args=(paths,)),
               threading.Thread(target=run, args=(paths[::-1],))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(i.status in ("added", "unchanged") for r in reports for i in r.items)
    with SQLiteStore(db) as store:
        docs = store.documents()
        assert len(docs) == 12
        for d in docs:
            expected, found = store.counts(d.doc_id)
            assert expected == found
