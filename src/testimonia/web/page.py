"""What the web reader shows of one Analysis: the marked text and the side panels.

Everything here is plain data for the templates (no HTML): :func:`document_view`
turns an :class:`~testimonia.model.Analysis` into the marks of the text (segments,
notes, quotes coloured by speaker, mentions, cues, note markers, and every other
span a panel points to) and the panels (people, stances, claims with their chains
and factors, diagnostics). A :class:`SpanLink` is how a panel points into the text:
the span keys (``s<start>-<end>``) the page's script highlights, and an ``href`` to
the first of them that works without the script. Every number a panel shows is a
``SpanLink``, so each can be followed to the words it counts.

Example::

    view = document_view(analysis)
    view.fragments      # for the text, see render.spans_to_fragments
    view.claims[0].factors[0].link.keys   # "s86-175 s287-289"
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ..model import Analysis, Quote, Span
from .render import Fragment, Mark, spans_to_fragments

#: Speakers get colours 0..PALETTE-1 in order of first appearance (style.css has them).
PALETTE = 8


def span_key(span: Span) -> str:
    """Return the key of ``span`` used in ``data-k`` and as element id: ``s<start>-<end>``."""
    return f"s{span.start}-{span.end}"


@dataclass(frozen=True, slots=True)
class SpanLink:
    """A link from a panel into the text: the spans it highlights (none: plain text)."""

    label: str
    keys: str = ""  # space-separated span keys

    @property
    def href(self) -> str:
        """The anchor of the first span (the page scrolls there without the script)."""
        return "#" + self.keys.split(" ", 1)[0] if self.keys else ""


def _link(label: object, spans: Iterable[Span | None]) -> SpanLink:
    keys = dict.fromkeys(span_key(s) for s in spans if s is not None and len(s))
    return SpanLink(str(label), " ".join(keys))


@dataclass(frozen=True, slots=True)
class PersonRow:
    """A person or collective in the people panel."""

    id: str
    name: str
    kind: str
    role: str
    aliases: tuple[str, ...]
    mentions: SpanLink  # label: the mention count
    colour: int | None  # the speaker colour, when they speak


@dataclass(frozen=True, slots=True)
class StanceRow:
    """Holder → target with polarity and the evidence words."""

    holder: str
    target: str
    polarity: str
    evidence: SpanLink


@dataclass(frozen=True, slots=True)
class ChainNode:
    """One link of a chain of transmission (a person or a work)."""

    label: str
    link: SpanLink


@dataclass(frozen=True, slots=True)
class ChainView:
    """A chain: its path from origin to this document, and the quotes it rests on."""

    id: str
    nodes: tuple[ChainNode, ...]
    eyewitness: bool
    reason: str
    witness_stance: str
    quotes: SpanLink
    routes: int


@dataclass(frozen=True, slots=True)
class FactorView:
    """One reason in a verdict."""

    kind: str
    effect: int
    text: str
    link: SpanLink  # label: how many spans it rests on


@dataclass(frozen=True, slots=True)
class ClaimView:
    """A claim with its verdict, counts, chains and factors."""

    id: str
    text: str
    link: SpanLink
    grade: str
    scale: str
    independent: SpanLink
    support: SpanLink
    deny: SpanLink
    doubt: SpanLink
    chains: tuple[ChainView, ...]
    factors: tuple[FactorView, ...]


@dataclass(frozen=True, slots=True)
class DiagnosticView:
    """An oddity the stages reported."""

    code: str
    stage: str
    message: str
    link: SpanLink


@dataclass(frozen=True, slots=True)
class DocumentView:
    """Everything the document page shows."""

    title: str
    path: str
    doc_id: str
    format: str
    chars: int
    fragments: list[Fragment]
    people: tuple[PersonRow, ...]
    stances: tuple[StanceRow, ...]
    claims: tuple[ClaimView, ...]
    diagnostics: tuple[DiagnosticView, ...]
    counts: Mapping[str, int] = field(default_factory=dict)


def title_of(analysis: Analysis) -> str:
    """The document's title: its metadata, else its title segment, else its path."""
    doc = analysis.document
    if doc.meta.get("title"):
        return str(doc.meta["title"])
    for s in analysis.layer("segments"):
        if s.kind == "title":
            return " ".join(s.span.of(doc.text).split())[:200]
    return doc.path


def speaker_colours(quotes: Iterable[Quote]) -> dict[str, int]:
    """Colour index per speaker id, in order of their first quote."""
    out: dict[str, int] = {}
    for q in sorted(quotes, key=lambda q: q.span):
        if q.speaker and q.speaker not in out:
            out[q.speaker] = len(out) % PALETTE
    return out


def _quote_title(q: Quote, names: Mapping[str, str]) -> str:
    who = names.get(q.speaker, q.speaker) if q.speaker else "unknown speaker"
    to = f" → {names.get(q.addressee, q.addressee)}" if q.addressee else ""
    parts = [f"{q.id}: {who}{to}", f"{q.kind}, {q.mode}"]
    if q.cue:
        parts.append(f"cue ‘{q.cue}’")
    if q.rule:
        parts.append(f"speaker rule: {q.rule}")
    if q.addressee_rule:
        parts.append(f"addressee rule: {q.addressee_rule}")
    if q.note is not None:
        parts.append(f"note {q.note}")
    return " · ".join(parts)


def _marks(analysis: Analysis, colours: Mapping[str, int], targets: Iterable[Span]) -> list[Mark]:
    """The marks of the text; every target span gets an element carrying its key."""
    names = {e.id: e.name for e in analysis.layer("people")}
    marks: list[Mark] = []
    text = analysis.document.text
    pos = 0
    segments = sorted(analysis.layer("segments"), key=lambda s: s.span)
    for s in segments:
        marks.append(Mark(s.span, rank=0, css=f"seg seg-{s.kind}",
                          attrs={"data-kind": s.kind, "data-k": span_key(s.span)}))
        # blank lines between blocks: the blocks' margins space them, so the stylesheet
        # hides these (the text itself stays whole in the page)
        if s.span.start > pos and not text[pos:s.span.start].strip():
            marks.append(Mark(Span(pos, s.span.start), rank=0, css="gap", attrs={}))
        pos = max(pos, s.span.end)
    if segments and pos < len(text) and not text[pos:].strip():
        marks.append(Mark(Span(pos, len(text)), rank=0, css="gap", attrs={}))
    for n in analysis.layer("notes"):
        marks.append(Mark(n.span, rank=1, css="note", attrs={"data-k": span_key(n.span)}))
    for q in analysis.layer("quotes"):
        colour = f"sp{colours[q.speaker]}" if q.speaker in colours else "sp-none"
        marks.append(Mark(q.span, rank=2, css=f"q q-{q.kind} q-{q.mode} {colour}",
                          attrs={"title": _quote_title(q, names), "data-q": q.id,
                                 "data-k": span_key(q.span)}))
        if q.cue_span is not None:
            marks.append(Mark(q.cue_span, rank=3, css="cue",
                              attrs={"title": f"cue of {q.id}", "data-k": span_key(q.cue_span)}))
    for e in analysis.layer("people"):
        for s in e.mentions:
            marks.append(Mark(s, rank=3, css="m", attrs={"data-p": e.id, "title": e.name,
                                                         "data-k": span_key(s)}))
    for c in analysis.layer("claims"):
        if c.span is not None:
            marks.append(Mark(c.span, rank=2, css="claim-span",
                              attrs={"data-c": c.id, "data-k": span_key(c.span)}))
    for n in analysis.layer("notes"):
        if n.marker is not None:
            marks.append(Mark(n.marker, rank=4, tag="a", css="nm",
                              attrs={"href": "#" + span_key(n.span), "data-k": span_key(n.marker),
                                     "title": " ".join(n.text.split())[:300]}))
    have = {m.span for m in marks}
    marks += [Mark(s, rank=5, css="t", attrs={"data-k": span_key(s)})
              for s in dict.fromkeys(targets) if s not in have]
    # the first piece of the first element with a key carries it as id (anchors work
    # without the script); the order is the text's, so that is the outermost one
    seen: set[str] = set()
    out = []
    for m in sorted(marks, key=lambda m: (m.span.start, -m.span.end, m.rank)):
        key = m.attrs.get("data-k", "")
        out.append(Mark(m.span, m.rank, m.css, m.attrs, m.tag, "" if key in seen else key))
        seen.add(key)
    return out


def _claims(analysis: Analysis) -> tuple[ClaimView, ...]:
    names = {e.id: e.name for e in analysis.layer("people")}
    mentions = {e.id: e.mentions for e in analysis.layer("people")}
    quotes = {q.id: q for q in analysis.layer("quotes")}
    notes = {n.n: n for n in analysis.layer("notes") if n.n is not None}
    sources = {s.id: s for s in analysis.layer("sources")}
    assessments = {a.claim: a for a in analysis.layer("assessments")}

    def qspans(ids: Iterable[str]) -> list[Span]:
        return [quotes[i].span for i in ids if i in quotes]

    def node(p: str) -> ChainNode:
        if p in names:
            return ChainNode(names[p], _link(names[p], mentions.get(p, ())[:1]))
        if p.startswith("note-") and p[5:].isdigit() and int(p[5:]) in notes:
            n = notes[int(p[5:])]
            return ChainNode(f"note {p[5:]}", _link(f"note {p[5:]}", [n.span]))
        if p in sources:
            title = str(sources[p].reference.get("title") or p).split(",")[0]
            return ChainNode(title, _link(title, [sources[p].span]))
        return ChainNode(p, SpanLink(p))

    out = []
    for c in analysis.layer("claims"):
        a = assessments.get(c.id)
        chains = [ch for ch in analysis.layer("chains") if ch.claim == c.id]
        chain_views = tuple(ChainView(
            ch.id, tuple(node(p) for p in ch.path), ch.eyewitness, ch.eyewitness_reason,
            ch.witness_stance or "", _link(len(ch.quotes), qspans(ch.quotes)),
            len(ch.routes)) for ch in chains)
        factors = tuple(FactorView(f.kind, f.effect, f.text, _link(len(f.spans), f.spans))
                        for f in (a.factors if a else ()))
        chain_quotes = [q for ch in chains for q in ch.quotes]
        out.append(ClaimView(
            c.id, c.text, _link(c.text, [c.span]),
            a.grade if a else "", a.scale if a else "",
            _link(a.independent_chains if a else 0, qspans(chain_quotes)),
            _link(len(c.support), qspans(c.support)), _link(len(c.deny), qspans(c.deny)),
            _link(len(c.doubt), qspans(c.doubt)), chain_views, factors))
    return tuple(out)


def _targets(claims: Iterable[ClaimView], stances: Iterable[StanceRow],
             diagnostics: Iterable[DiagnosticView], people: Iterable[PersonRow]) -> list[Span]:
    """Every span some panel links to, so that each has an element in the text."""
    links: list[SpanLink] = []
    for c in claims:
        links += [c.link, c.independent, c.support, c.deny, c.doubt]
        links += [f.link for f in c.factors]
        for ch in c.chains:
            links += [ch.quotes] + [n.link for n in ch.nodes]
    links += [s.evidence for s in stances] + [d.link for d in diagnostics]
    links += [p.mentions for p in people]
    out = []
    for link in links:
        for key in link.keys.split():
            start, end = key[1:].split("-")
            out.append(Span(int(start), int(end)))
    return out


def document_view(analysis: Analysis) -> DocumentView:
    """Return what the document page shows of ``analysis`` (see the module docstring)."""
    doc = analysis.document
    names = {e.id: e.name for e in analysis.layer("people")}
    colours = speaker_colours(analysis.layer("quotes"))
    people = tuple(PersonRow(e.id, e.name, e.kind, e.role, tuple(dict.fromkeys(e.aliases)),
                             _link(len(e.mentions), e.mentions), colours.get(e.id))
                   for e in analysis.layer("people"))
    stances = tuple(StanceRow(names.get(s.holder, s.holder), names.get(s.target, s.target),
                              s.polarity, _link(s.cue or s.evidence.of(doc.text)[:80],
                                                [s.evidence]))
                    for s in analysis.layer("stances"))
    claims = _claims(analysis)
    diagnostics = tuple(DiagnosticView(d.code, d.stage, d.message,
                                       _link("here" if d.span else "", [d.span]))
                        for d in analysis.diagnostics)
    targets = _targets(claims, stances, diagnostics, people)
    fragments = spans_to_fragments(doc.text, _marks(analysis, colours, targets))
    counts = {k: len(analysis.layer(k)) for k in ("quotes", "people", "claims", "notes")}
    return DocumentView(title_of(analysis), doc.path, doc.doc_id, doc.format, len(doc.text),
                        fragments, people, stances, claims, diagnostics, counts)


def summary(analysis: Analysis) -> dict[str, Any]:
    """The index row of a document: title, counts and the top claim's verdict."""
    claims = analysis.layer("claims")
    top = claims[0] if claims else None
    a = next((a for a in analysis.layer("assessments") if top and a.claim == top.id), None)
    return {"title": title_of(analysis), "quotes": len(analysis.layer("quotes")),
            "people": len(analysis.layer("people")), "claims": len(claims),
            "top_claim": top.text if top else "", "grade": a.grade if a else "",
            "scale": a.scale if a else ""}
