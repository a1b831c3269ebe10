"""kill -9 during ingest: every stored document is whole, the one being written is absent.

A child process ingests many files through a store whose write step announces
"inside <doc_id>" *within* the open transaction, and dawdles there on the fifth
document; the parent SIGKILLs it at that moment (and, in a second case, at a random point). Afterwards
the store passes ``integrity_check`` and ``foreign_key_check``, every document's
rows match the counts it was written with, no row belongs to a missing document,
and a new ingest resumes where the killed one stopped.
"""

from __future__ import annotations

import hashlib
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from testimonia.store.base import LAYER_TABLES
from testimonia.store.ingest import ingest
from testimonia.store.sqlite import SQLiteStore

from .fakes import CountingPipeline

ROOT = Path(__file__).resolve().parents[2]

CHILD = textwrap.dedent("""
    import sys, time
    sys.path[:0] = [{root!r}, {src!r}]
    from tests.store.fakes import CountingPipeline
    from testimonia.store.ingest import ingest
    from testimonia.store.sqlite import SQLiteStore

    class Dawdling(SQLiteStore):
        n = 0

        def _write(self, table, rows):
            super()._write(table, rows)
            if table == "quotes":  # inside the transaction: documents row already written
                Dawdling.n += 1
                print("inside", rows[0][0] if rows else "", flush=True)
                if Dawdling.n == {slow_at}:
                    time.sleep(30)

    paths = sys.argv[2:]
    store = Dawdling(sys.argv[1])
    ingest(paths, sys.argv[1], pipeline=CountingPipeline(scale=50), store=store,
           progress=lambda item: print("done", item.status, item.doc_id, flush=True))
""")


def make_files(folder: Path, n: int) -> list[str]:
    paths = []
    for i in range(n):
        p = folder / f"d{i:03d}.txt"
        p.write_text(f"Note {i}\n\nVera wrote “the bridge fell in year {i}” to Ivan.\n" * 3,
                     encoding="utf-8")
        paths.append(str(p))
    return paths


def run_and_kill(tmp_path: Path, paths: list[str], kill_at_inside: int | None,
                 kill_after_done: int = 0) -> tuple[list[str], str | None]:
    """Run the child; SIGKILL it inside document ``kill_at_inside + 1``, or as soon as
    ``kill_after_done`` documents are reported (wherever it then is: the child keeps
    writing while the parent reacts)."""
    script = tmp_path / "child.py"
    slow_at = -1 if kill_at_inside is None else kill_at_inside + 1
    script.write_text(CHILD.format(root=str(ROOT), src=str(ROOT / "src"), slow_at=slow_at))
    db = tmp_path / "s.db"
    child = subprocess.Popen([sys.executable, str(script), str(db), *paths],
                             stdout=subprocess.PIPE, text=True)
    done: list[str] = []
    inside = None
    try:
        assert child.stdout is not None
        start = time.monotonic()
        for line in child.stdout:
            word, *rest = line.split()
            if word == "done":
                done.append(rest[1])
            elif word == "inside":
                inside = rest[0] if rest else None
                if kill_at_inside is not None and len(done) >= kill_at_inside:
                    break
            if kill_at_inside is None and len(done) >= kill_after_done:
                break
            assert time.monotonic() - start < 60, "child too slow"
    finally:
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL
    return done, inside


def check_store(db: Path) -> set[str]:
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    conn.close()
    with SQLiteStore(db) as store:
        ids = {d.doc_id for d in store.documents()}
        for doc_id in ids:
            expected, found = store.counts(doc_id)
            assert expected == found, doc_id
            assert found["segments"] > 0 and found["quotes"] > 0
        for table in LAYER_TABLES:
            orphans = store.conn.execute(
                f'SELECT count(*) FROM "{table}" WHERE doc_id NOT IN '
                "(SELECT doc_id FROM documents)").fetchone()[0]
            assert orphans == 0, table
        assert store.conn.execute(
            "INSERT INTO documents_fts(documents_fts) VALUES ('integrity-check')") is not None
    return ids


def test_kill_mid_transaction_leaves_no_partial_document(tmp_path) -> None:
    paths = make_files(tmp_path, 30)
    done, inside = run_and_kill(tmp_path, paths, kill_at_inside=4)
    assert len(done) == 4 and inside is not None
    ids = check_store(tmp_path / "s.db")
    assert ids == set(done)  # the four finished documents, whole
    assert inside not in ids  # the one killed inside its transaction: nothing of it
    rest = CountingPipeline()
    report = ingest(paths, tmp_path / "s.db", pipeline=rest)
    assert report.count("unchanged") == 4 and report.count("added") == 26
    assert rest.calls == 26
    check_store(tmp_path / "s.db")


@pytest.mark.parametrize("kill_after_done", [3, 17, 60])
def test_kill_at_any_moment_keeps_the_store_consistent(tmp_path, kill_after_done) -> None:
    paths = make_files(tmp_path, 200)
    done, _ = run_and_kill(tmp_path, paths, kill_at_inside=None,
                           kill_after_done=kill_after_done)
    ids = check_store(tmp_path / "s.db")
    assert set(done) <= ids  # every reported document survived
    assert len(ids) < len(paths)
    expected = {hashlib.sha256(Path(p).read_bytes()).hexdigest() for p in paths}
    assert ids <= expected
