"""Ingest: read, analyse and store many files, one transaction per document.

Idempotent by content hash: the file's bytes are hashed *before* anything else,
and a document already stored with the same pipeline fingerprint is reported
``unchanged`` without being read or analysed. A document stored by another
pipeline version is analysed again and replaced (``updated``). A bad file is
reported ``failed`` with its :class:`~testimonia.errors.TestimoniaError` and the
batch goes on; nothing of it reaches the store.

Example::

    report = ingest(["a.txt", "b.html"], "corpus.db", Settings.load())
    [(i.path, i.status) for i in report.items]   # [('a.txt', 'added'), ...]
"""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from ..errors import InputError, StageError, TestimoniaError, most_severe
from ..model import Analysis, Document
from ..settings import Settings
from .base import Store


class _Pipeline(Protocol):
    fingerprint: str

    def run(self, document: Document, settings: Settings | None = None) -> Analysis: ...


@dataclass(frozen=True, slots=True)
class IngestItem:
    """What happened to one path: ``added``, ``updated``, ``unchanged`` or ``failed``."""

    path: str
    status: str
    doc_id: str | None = None
    error: TestimoniaError | None = None


@dataclass(frozen=True, slots=True)
class IngestReport:
    """Every path's outcome, in input order."""

    items: tuple[IngestItem, ...]

    def count(self, status: str) -> int:
        """Return how many paths ended with ``status``."""
        return sum(1 for i in self.items if i.status == status)

    @property
    def exit_code(self) -> int:
        """The most severe exit code among the failures (0 when none failed)."""
        return most_severe([i.error.exit_code for i in self.items if i.error is not None])


def _load(path: str, max_bytes: int) -> bytes:
    """Return the bytes at ``path`` (``-`` for stdin), with the reader's error codes."""
    if path == "-":
        return sys.stdin.buffer.read()
    fp = Path(path)
    if not fp.exists():
        raise InputError("T101", path=path)
    if not fp.is_file():
        raise InputError("T100", path=path, detail="not a regular file")
    try:
        if fp.stat().st_size > max_bytes:
            raise InputError("T100", path=path, detail=f"larger than {max_bytes} bytes")
        return fp.read_bytes()
    except OSError as exc:
        raise InputError("T100", path=path, detail=exc.strerror or str(exc)) from exc


def open_store(db: str | Path, readonly: bool = False) -> Store:
    """Open the store at ``db``: a ``postgresql://`` URL or an SQLite file path.

    ``readonly`` opens an SQLite file for reading only (it must exist and be at the
    current schema); a PostgreSQL reader relies on the role's grants instead.

    Raises:
        StoreError: the store cannot be opened or its schema is too new.
    """
    target = str(db)
    if target.startswith(("postgresql://", "postgres://")):
        from .postgres import PostgresStore

        return PostgresStore(target)
    from .sqlite import SQLiteStore

    return SQLiteStore(target, readonly=readonly)


def _evidence(analysis: Analysis) -> Mapping[str, Any]:
    from ..export.evidence import to_evidence

    return to_evidence(analysis)


def ingest(paths: Iterable[str | Path], db_path: str | Path, settings: Settings | None = None,
           progress: Callable[[IngestItem], None] | None = None,
           pipeline: _Pipeline | None = None, store: Store | None = None) -> IngestReport:
    """Analyse ``paths`` into the store at ``db_path``, one transaction per document.

    Args:
        paths: files to ingest (``-`` reads stdin).
        db_path: an SQLite file, or a ``postgresql://`` URL.
        settings: resolved settings (``max_bytes`` and the stages' own).
        progress: called with each path's :class:`IngestItem` as soon as it is done.
        pipeline: the pipeline to run (default: the built-in one); tests pass a fake.
        store: an open store to use instead of opening ``db_path``.

    Returns:
        The report: each path with ``added``, ``updated``, ``unchanged`` or ``failed``.

    Raises:
        StoreError: the store cannot be opened (per-document store errors are
            reported in the items instead).
    """
    settings = settings or Settings.load()
    if pipeline is None:
        from ..registry import default_pipeline

        pipeline = default_pipeline()
    fingerprint = pipeline.fingerprint
    own = store is None
    st = open_store(db_path) if store is None else store
    items: list[IngestItem] = []
    try:
        for raw in paths:
            item = _one(str(raw), st, pipeline, fingerprint, settings)
            items.append(item)
            if progress is not None:
                progress(item)
    finally:
        if own:
            st.close()
    return IngestReport(tuple(items))


def _one(path: str, store: Store, pipeline: _Pipeline, fingerprint: str,
         settings: Settings) -> IngestItem:
    doc_id = None
    try:
        data = _load(path, settings.max_bytes)
        doc_id = hashlib.sha256(data).hexdigest()
        previous = store.fingerprint_of(doc_id)
        if previous == fingerprint:
            return IngestItem(path, "unchanged", doc_id)
        from ..read import read_bytes

        analysis = pipeline.run(read_bytes(data, path), settings)
        store.put(analysis, fingerprint, _evidence(analysis))
        return IngestItem(path, "added" if previous is None else "updated", doc_id)
    except TestimoniaError as exc:  # InputError, StageError, StoreError, ...
        return IngestItem(path, "failed", doc_id, exc)
    except Exception as exc:  # a bug: report it for this file, keep the batch going
        err = StageError("T400", path=path, stage="ingest",
                         detail=f"{type(exc).__name__}: {exc}")
        err.__cause__ = exc
        return IngestItem(path, "failed", doc_id, err)
