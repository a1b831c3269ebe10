"""The store interface, and the rows every backend writes for one analysed document.

A store holds analysed documents keyed by ``doc_id`` (the sha256 of the input
bytes), each with its pipeline fingerprint and its evidence JSON, plus one table
per layer so that a corpus can be queried across documents (whose chains share a
witness, which quotes a person spoke). Layer tables all carry ``doc_id``; records
refer to each other by their ids *within* a document, as in the model.

:func:`rows` turns an :class:`~testimonia.model.Analysis` into those rows, so the
SQLite and PostgreSQL backends write exactly the same thing; the evidence JSON is
the lossless copy (``get`` reads it back with ``from_evidence``), the tables are
the queryable one. ``documents.counts`` records how many rows each layer table
got, so a reader can check that a document is complete (the kill -9 test does).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable

from ..model import Analysis

#: Layer tables and their columns, in insertion order (``documents`` first).
TABLES: dict[str, tuple[str, ...]] = {
    "documents": ("doc_id", "path", "format", "title", "authors", "language", "text", "meta",
                  "fingerprint", "evidence", "counts", "added_at"),
    "segments": ("doc_id", "idx", "kind", "start", "end"),
    "notes": ("doc_id", "id", "n", "label", "marker_start", "marker_end", "start", "end",
              "text", "same_as"),
    "references": ("doc_id", "id", "note_id", "source_id", "start", "end", "csl"),
    "quotes": ("doc_id", "id", "start", "end", "text", "kind", "mode", "speaker",
               "addressee", "parent", "cue", "note", "rule"),
    "people": ("doc_id", "id", "name", "kind", "qid", "role", "mentions"),
    "aliases": ("doc_id", "person_id", "alias"),
    "stances": ("doc_id", "idx", "holder", "target", "polarity", "start", "end", "cue"),
    "claims": ("doc_id", "id", "text", "subject", "target", "start", "end", "support",
               "deny", "doubt"),
    "chains": ("doc_id", "claim_id", "id", "origin", "witness", "witness_stance",
               "eyewitness", "path", "quotes"),
    "assessments": ("doc_id", "claim_id", "grade", "scale", "independent_chains",
                    "subject_admission", "subject_denial", "doubters", "silences",
                    "explanation", "factors"),
}
#: Tables deleted child-first when a document is replaced (documents last).
LAYER_TABLES: tuple[str, ...] = tuple(t for t in TABLES if t != "documents")


@dataclass(frozen=True, slots=True)
class StoredDocument:
    """A row of the documents table, without the big columns."""

    doc_id: str
    path: str
    format: str
    title: str | None
    fingerprint: str
    added_at: str


@dataclass(frozen=True, slots=True)
class SearchHit:
    """A full-text match: the document, what matched (document text or a quote), a snippet."""

    doc_id: str
    path: str
    where: str  # "document" or "quote"
    quote_id: str | None
    snippet: str


@runtime_checkable
class Store(Protocol):
    """What ingest and the presenters need from a store (SQLite, PostgreSQL)."""

    def fingerprint_of(self, doc_id: str) -> str | None:
        """Return the pipeline fingerprint ``doc_id`` was stored with, or None if absent."""

    def put(self, analysis: Analysis, fingerprint: str, evidence: Mapping[str, Any]) -> None:
        """Write one document and all its rows in one transaction, replacing any old copy.

        Raises:
            StoreError: the store is locked, unreachable or refused the write.
        """

    def get(self, doc_id: str) -> Analysis | None:
        """Return the stored Analysis (from its evidence JSON), or None."""

    def documents(self) -> list[StoredDocument]:
        """Return every stored document, oldest first."""

    def counts(self, doc_id: str) -> tuple[dict[str, int], dict[str, int]]:
        """Return (rows each layer table should hold for ``doc_id``, rows it holds)."""

    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        """Full-text search over document text and quotes."""

    def close(self) -> None:
        """Release the connection."""


def _json(v: Any) -> str:
    return json.dumps(v, ensure_ascii=False, sort_keys=True)


def _ends(span: Any) -> tuple[int | None, int | None]:
    return (span.start, span.end) if span is not None else (None, None)


def rows(analysis: Analysis, fingerprint: str, evidence: Mapping[str, Any],
         added_at: str) -> dict[str, list[tuple[Any, ...]]]:
    """Return the rows of every table for one analysed document.

    Args:
        analysis: the analysed document.
        fingerprint: the pipeline fingerprint it was analysed with.
        evidence: its evidence JSON (``to_evidence(analysis)``), stored verbatim.
        added_at: an ISO timestamp.

    Returns:
        ``{table: [row, ...]}`` with rows in the column order of :data:`TABLES`.
    """
    doc = analysis.document
    d = doc.doc_id
    text = doc.text
    meta = evidence.get("document", {}).get("meta", dict(doc.meta))
    out: dict[str, list[tuple[Any, ...]]] = {t: [] for t in TABLES}
    out["documents"].append(())  # filled in last, with the row counts
    out["segments"] = [(d, i, s.kind, s.span.start, s.span.end)
                       for i, s in enumerate(analysis.layer("segments"))]
    for i, n in enumerate(analysis.layer("notes")):
        nid = n.id or f"n{i + 1}"
        out["notes"].append((d, nid, n.n, n.label, *_ends(n.marker), n.span.start, n.span.end,
                             n.text, n.same_as))
        refs = list(n.references) or ([n.reference] if n.reference is not None else [])
        for j, ref in enumerate(refs):
            out["references"].append((d, f"{nid}.r{j + 1}", nid, None, n.span.start,
                                       n.span.end, _json(_plain(ref))))
    for s in analysis.layer("sources"):
        out["references"].append((d, s.id, None, s.id, s.span.start, s.span.end,
                                   _json(_plain(s.reference))))
    for q in analysis.layer("quotes"):
        out["quotes"].append((d, q.id, q.span.start, q.span.end, q.span.of(text), q.kind,
                              q.mode, q.speaker, q.addressee, q.parent, q.cue, q.note, q.rule))
    for e in analysis.layer("people"):
        out["people"].append((d, e.id, e.name, e.kind, e.qid, e.role,
                              _json([m.as_list() for m in e.mentions])))
        out["aliases"] += [(d, e.id, a) for a in dict.fromkeys(e.aliases)]
    out["stances"] = [(d, i, s.holder, s.target, s.polarity, s.evidence.start, s.evidence.end,
                       s.cue) for i, s in enumerate(analysis.layer("stances"))]
    for c in analysis.layer("claims"):
        out["claims"].append((d, c.id, c.text, c.subject, c.target, *_ends(c.span),
                              _json(list(c.support)), _json(list(c.deny)), _json(list(c.doubt))))
    for ch in analysis.layer("chains"):
        out["chains"].append((d, ch.claim, ch.id, ch.origin, ch.witness, ch.witness_stance,
                              int(ch.eyewitness), _json(list(ch.path)), _json(list(ch.quotes))))
    for a in analysis.layer("assessments"):
        out["assessments"].append((
            d, a.claim, a.grade, a.scale, a.independent_chains, int(a.subject_admission),
            int(a.subject_denial), _json(list(a.doubters)), _json(list(a.silences)),
            _json(list(a.explanation)),
            _json([{"kind": f.kind, "effect": f.effect, "text": f.text,
                    "spans": [s.as_list() for s in f.spans]} for f in a.factors])))
    counts = {t: len(r) for t, r in out.items() if t != "documents"}
    out["documents"][0] = (
        d, doc.path, doc.format, meta.get("title"), _json(list(meta.get("authors") or [])),
        meta.get("language", "en"), text, _json(meta), fingerprint, _json(evidence),
        _json(counts), added_at)
    return out


def _plain(v: Any) -> Any:
    if isinstance(v, Mapping):
        return {str(k): _plain(x) for k, x in v.items()}
    if isinstance(v, list | tuple):
        return [_plain(x) for x in v]
    return v
