"""The evidence export (``testimonia-evidence/1``) and its lossless reader.

``to_evidence(analysis)`` returns the dict the spec describes
(``shared/spec/evidence-format.md``); ``from_evidence(data)`` rebuilds the
Analysis from it, so ``from_evidence(to_evidence(a))`` equals ``a`` in every
layer (``runs`` timings aside). The document text is inlined as
``document.text`` so the export stands alone, whatever the input format.
``validate(data)`` checks it against ``schema/evidence.schema.json``.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any

from ..model import (
    Analysis,
    Assessment,
    Chain,
    Claim,
    Diagnostic,
    Document,
    Entity,
    Factor,
    Mention,
    Note,
    OffsetMap,
    Quote,
    Segment,
    Source,
    Span,
    StageRun,
    Stance,
)

FORMAT = "testimonia-evidence/1"


def _span(s: Span | None) -> list[int] | None:
    return s.as_list() if s is not None else None


def _unspan(v: Any) -> Span | None:
    return Span.from_list(v) if v is not None else None


def _plain(v: Any) -> Any:
    """Mappings (frozen or not) and tuples → JSON-ready dicts and lists."""
    if isinstance(v, dict) or hasattr(v, "items"):
        return {str(k): _plain(x) for k, x in v.items()}
    if isinstance(v, list | tuple):
        return [_plain(x) for x in v]
    return v


def _entity(e: Entity) -> dict[str, Any]:
    return {"id": e.id, "name": e.name, "kind": e.kind, "aliases": list(e.aliases),
            "mentions": [m.as_list() for m in e.mentions], "qid": e.qid, "role": e.role}


def _quote(q: Quote, text: str) -> dict[str, Any]:
    return {"id": q.id, "span": q.span.as_list(), "text": q.span.of(text), "kind": q.kind,
            "mode": q.mode, "speaker": q.speaker, "addressee": q.addressee,
            "parent": q.parent, "cue": q.cue, "cue_span": _span(q.cue_span), "note": q.note,
            "rule": q.rule, "addressee_rule": q.addressee_rule}


def _note(n: Note) -> dict[str, Any]:
    return {"id": n.id, "n": n.n, "label": n.label, "marker": _span(n.marker),
            "span": n.span.as_list(), "text": n.text,
            "reference": _plain(n.reference) if n.reference is not None else None,
            "references": _plain(n.references), "same_as": n.same_as}


def _factor(f: Factor) -> dict[str, Any]:
    return {"kind": f.kind, "effect": f.effect, "text": f.text,
            "spans": [s.as_list() for s in f.spans]}


def _chain(c: Chain) -> dict[str, Any]:
    return {"id": c.id, "origin": c.origin, "witness": c.witness,
            "witness_stance": c.witness_stance, "eyewitness": c.eyewitness,
            "path": list(c.path), "quotes": list(c.quotes),
            "routes": [list(r) for r in c.routes], "eyewitness_reason": c.eyewitness_reason}


def _assessment(a: Assessment) -> dict[str, Any]:
    return {"grade": a.grade, "scale": a.scale, "independent_chains": a.independent_chains,
            "subject_admission": a.subject_admission, "subject_denial": a.subject_denial,
            "doubters": list(a.doubters), "silences": list(a.silences),
            "explanation": list(a.explanation), "factors": [_factor(f) for f in a.factors]}


def to_evidence(analysis: Analysis) -> dict[str, Any]:
    """Return the evidence JSON of ``analysis`` as a dict (see the module docstring)."""
    doc = analysis.document
    text = doc.text
    meta = _plain(doc.meta)
    entities = analysis.layer("people")
    chains = analysis.layer("chains")
    assessments = {a.claim: a for a in analysis.layer("assessments")}
    claims = []
    for c in analysis.layer("claims"):
        item: dict[str, Any] = {
            "id": c.id, "text": c.text, "subject": c.subject, "target": c.target,
            "span": _span(c.span), "support": list(c.support), "deny": list(c.deny),
            "doubt": list(c.doubt), "roles": [[q, r] for q, r in c.roles],
            "chains": [_chain(ch) for ch in chains if ch.claim == c.id],
        }
        if c.id in assessments:
            item["assessment"] = _assessment(assessments[c.id])
        claims.append(item)
    return {
        "format": FORMAT,
        "document": {
            "path": doc.path, "sha256": doc.doc_id, "format": doc.format,
            "title": meta.get("title"), "authors": list(meta.get("authors") or []),
            "language": meta.get("language", "en"), "meta": meta,
            "origin": [list(p) for p in doc.origin.points],
            "hints": [[k, s.as_list()] for k, s in doc.hints],
            "text": text,
        },
        "segments": [{"kind": s.kind, "span": s.span.as_list()} for s in analysis.layer("segments")],
        "people": [_entity(e) for e in entities if e.kind == "person"],
        "collectives": [_entity(e) for e in entities if e.kind != "person"],
        "mentions": [{"id": m.id, "span": m.span.as_list(), "text": m.text, "kind": m.kind,
                      "entity": m.entity} for m in analysis.layer("mentions")],
        "notes": [_note(n) for n in analysis.layer("notes")],
        "sources": [{"id": s.id, "span": s.span.as_list(), "reference": _plain(s.reference),
                     "credits": _span(s.credits)} for s in analysis.layer("sources")],
        "quote_spans": [_quote(q, text) for q in analysis.layer("quote_spans")],
        "reported": [_quote(q, text) for q in analysis.layer("reported")],
        "quotes": [_quote(q, text) for q in analysis.layer("quotes")],
        "stances": [{"holder": s.holder, "target": s.target, "polarity": s.polarity,
                     "evidence": s.evidence.as_list(), "cue": s.cue}
                    for s in analysis.layer("stances")],
        "claims": claims,
        "diagnostics": [{"code": d.code, "message": d.message, "span": _span(d.span),
                         "stage": d.stage} for d in analysis.diagnostics],
        "runs": [{"stage": r.stage, "version": r.version, "seconds": round(r.seconds, 6)}
                 for r in analysis.runs],
    }


def _read_quote(d: dict[str, Any]) -> Quote:
    return Quote(id=d["id"], span=Span.from_list(d["span"]), kind=d["kind"], mode=d["mode"],
                 speaker=d.get("speaker"), addressee=d.get("addressee"), parent=d.get("parent"),
                 cue=d.get("cue"), cue_span=_unspan(d.get("cue_span")), note=d.get("note"),
                 rule=d.get("rule", ""), addressee_rule=d.get("addressee_rule", ""))


def _read_entity(d: dict[str, Any]) -> Entity:
    return Entity(id=d["id"], name=d["name"], kind=d.get("kind", "person"),
                  aliases=tuple(d.get("aliases", ())),
                  mentions=tuple(Span.from_list(m) for m in d.get("mentions", ())),
                  qid=d.get("qid"), role=d.get("role", ""))


def _freeze(v: Any) -> Any:
    if isinstance(v, dict):
        return {k: _freeze(x) for k, x in v.items()}
    if isinstance(v, list):
        return [_freeze(x) for x in v]
    return v


def from_evidence(data: dict[str, Any]) -> Analysis:
    """Rebuild an Analysis from its evidence JSON (the inverse of :func:`to_evidence`)."""
    d = data["document"]
    doc = Document(doc_id=d["sha256"], path=d["path"], text=d["text"],
                   format=d.get("format", "txt"), meta=d.get("meta", {}),
                   origin=OffsetMap(tuple(tuple(p) for p in d.get("origin", ()))),
                   hints=tuple((k, Span.from_list(s)) for k, s in d.get("hints", ())))
    claims, chains, assessments = [], [], []
    for c in data.get("claims", []):
        claims.append(Claim(id=c["id"], text=c["text"], subject=c.get("subject"),
                            target=c.get("target"), support=tuple(c.get("support", ())),
                            deny=tuple(c.get("deny", ())), doubt=tuple(c.get("doubt", ())),
                            span=_unspan(c.get("span")),
                            roles=tuple((q, r) for q, r in c.get("roles", ()))))
        for ch in c.get("chains", []):
            chains.append(Chain(id=ch["id"], claim=c["id"], origin=ch.get("origin"),
                                witness=ch.get("witness"), witness_stance=ch.get("witness_stance"),
                                eyewitness=bool(ch.get("eyewitness")), path=tuple(ch["path"]),
                                quotes=tuple(ch.get("quotes", ())),
                                routes=tuple(tuple(r) for r in ch.get("routes", ())),
                                eyewitness_reason=ch.get("eyewitness_reason", "")))
        a = c.get("assessment")
        if a:
            assessments.append(Assessment(
                claim=c["id"], grade=a["grade"], scale=a.get("scale", ""),
                independent_chains=a["independent_chains"],
                subject_admission=a.get("subject_admission", False),
                subject_denial=a.get("subject_denial", False),
                doubters=tuple(a.get("doubters", ())), silences=tuple(a.get("silences", ())),
                factors=tuple(Factor(f["kind"], f["effect"], f["text"],
                                     tuple(Span.from_list(s) for s in f.get("spans", ())))
                              for f in a.get("factors", ()))))
    layers = {
        "segments": tuple(Segment(s["kind"], Span.from_list(s["span"]))
                          for s in data.get("segments", [])),
        "notes": tuple(Note(n=n.get("n"), span=Span.from_list(n["span"]), text=n["text"],
                            marker=_unspan(n.get("marker")), label=n.get("label", ""),
                            reference=_freeze(n.get("reference")),
                            references=tuple(_freeze(r) for r in n.get("references", ())),
                            same_as=n.get("same_as"), id=n.get("id", ""))
                       for n in data.get("notes", [])),
        "sources": tuple(Source(id=s["id"], span=Span.from_list(s["span"]),
                                reference=_freeze(s["reference"]),
                                credits=_unspan(s.get("credits")))
                         for s in data.get("sources", [])),
        "quote_spans": tuple(_read_quote(q) for q in data.get("quote_spans", [])),
        "reported": tuple(_read_quote(q) for q in data.get("reported", [])),
        "mentions": tuple(Mention(id=m["id"], span=Span.from_list(m["span"]), text=m["text"],
                                  kind=m.get("kind", "person"), entity=m.get("entity"))
                          for m in data.get("mentions", [])),
        "people": tuple(_read_entity(e) for e in
                        data.get("people", []) + data.get("collectives", [])),
        "quotes": tuple(_read_quote(q) for q in data.get("quotes", [])),
        "stances": tuple(Stance(holder=s["holder"], target=s["target"], polarity=s["polarity"],
                                evidence=Span.from_list(s["evidence"]), cue=s.get("cue", ""))
                         for s in data.get("stances", [])),
        "claims": tuple(claims),
        "chains": tuple(chains),
        "assessments": tuple(assessments),
    }
    diagnostics = tuple(Diagnostic(x["code"], x["message"], _unspan(x.get("span")),
                                   x.get("stage", "")) for x in data.get("diagnostics", []))
    runs = tuple(StageRun(r["stage"], r["version"], r["seconds"]) for r in data.get("runs", []))
    return Analysis(doc, layers, diagnostics, runs)


@lru_cache(maxsize=1)
def schema() -> dict[str, Any]:
    """Return the shipped JSON Schema of the evidence format."""
    ref = resources.files("testimonia") / "schema" / "evidence.schema.json"
    return json.loads(ref.read_text(encoding="utf-8"))


def validate(data: dict[str, Any]) -> None:
    """Validate an evidence dict against the shipped schema.

    Raises:
        jsonschema.ValidationError: when it does not conform.
    """
    import jsonschema

    jsonschema.validate(data, schema())


def dumps(data: dict[str, Any]) -> str:
    """Serialise canonically: sorted keys, indent 2, UTF-8 kept, final newline."""
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
