"""Notes and references (issue 3): markers, notes, CSL-JSON, ibid., credit lines.

Finds:
    each note (numbered endnotes, symbol notes, Gutenberg "[Footnote N: ...]",
    reader hints of kind "note"), the marker in the text that points to it
    ("Chuyev.1", "in 1928.2", "revelation.’3", superscripts, "[12]", "(12)", "*"),
    the CSL-JSON of what it cites, and which earlier note an ibid./op. cit./
    loc. cit./short form repeats; and credit lines ("Courtesy: ... Translated from
    the French by X.") as sources, linked to the excerpt they credit.

Requires ``segments`` (kinds "notes", "credit", "excerpt", "boilerplate" are used
when present; without them the trailing numbered paragraphs, or numbered footnote
paragraphs between the text's paragraphs, are taken as notes; reader hints of kind
"note" and "marker" are used whenever the reader gives them).
Provides ``notes`` (:class:`~testimonia.model.Note`) and ``sources``
(:class:`~testimonia.model.Source`).

Known limits: one numbering per document (restarting footnote numbers per page
link to the first fitting marker); a marker must come before the next note's
marker; a symbol note links to the first free marker with the same symbol.
Missing notes, unreferenced notes and back-references with no single antecedent
are reported as diagnostics (``notes.missing``, ``notes.unreferenced``,
``notes.unresolved_backref``), never invented.

Example::

    >>> from testimonia.testing import make_analysis, run_stage
    >>> text = "He said so.1\\n\\n1. J. Roe, A Book (London: Hale, 1990), 12."
    >>> out = run_stage(find_notes, make_analysis(text, segments=()))
    >>> out.layers["notes"][0].marker, out.layers["notes"][0].reference["title"]
    (Span(start=11, end=12), 'A Book')
"""

from __future__ import annotations

import re
from typing import Any

from ..model import Diagnostic, Note, Source, Span
from ..settings import Settings
from .notes_find import (
    Candidate,
    NoteBlock,
    find_gutenberg_notes,
    find_marker_candidates,
    find_note_blocks,
    footnote_paragraphs,
    link_markers,
    trailing_notes_region,
)
from .pipeline import LayerView, StageOutput, stage
from .references import parse_line
from .refs_backrefs import resolve_backrefs
from .refs_fields import parse_names
from .refs_forms import LANGUAGES
from .refs_notes import parse_citation

_CREDIT = re.compile(r"^\s*(?:Courtesy|Source|Sources|Reprinted from|Excerpted from|Extracts? from|"
                     r"Taken from|From)\s*:\s*", re.I)
_TRANSLATED = re.compile(r"(?:Translated|Translation|Trans\.)\s+(?:from\s+(?:the\s+)?(?P<lang>[A-Z][a-z]+)\s+)?"
                         r"(?:(?:in)?to\s+[A-Z][a-z]+\s+)?by\s+(?P<names>(?:[^.;]|(?<=\b[A-Z])\.)+)\.?",
                         re.I)


def _regions(view: LayerView) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """(notes regions, body regions) from segments, or the text itself."""
    text = view.text
    segs = list(view["segments"])
    notes = [(s.span.start, s.span.end) for s in segs if s.kind == "notes"]
    # markers stand anywhere but in the notes, credit lines and boilerplate
    skip = sorted((s.span.start, s.span.end) for s in segs
                  if s.kind in ("notes", "credit", "boilerplate"))
    body, pos = [], 0
    for a, b in skip:
        if a > pos:
            body.append((pos, a))
        pos = max(pos, b)
    if pos < len(text):
        body.append((pos, len(text)))
    if not notes and not segs and not _hint_spans(view):
        r = trailing_notes_region(text)
        # an endnote list, or footnotes between the paragraphs: whichever holds more notes
        feet = footnote_paragraphs(text, [])
        notes = [r] if r and len(find_note_blocks(text, [r])) >= len(feet) else feet
    return sorted(set(notes)), body


def _note_id(b: NoteBlock, i: int, earlier: list[Note]) -> str:
    """"n12" for note 12; unique even where a numbering restarts ("n1", "n1-2")."""
    base = f"n{b.n if b.n is not None else i + 1}"
    taken = {n.id for n in earlier}
    if base not in taken:
        return base
    k = 2
    while f"{base}-{k}" in taken:
        k += 1
    return f"{base}-{k}"


def _hint_markers(view: LayerView) -> list[Candidate]:
    """Markers a reader saw (TEI ``<ref>``/``<note n>`` anchors, HTML ``<sup>``): strong evidence."""
    out = []
    for kind, sp in view.document.hints:
        label = sp.of(view.text).strip("[]() ")
        if kind == "marker" and len(sp):
            out.append(Candidate(sp, int(label) if label.isdigit() else None, label, "hint"))
    return out


def _hint_spans(view: LayerView) -> list[Span]:
    return sorted(sp for kind, sp in view.document.hints if kind == "note" and len(sp))


def _hint_blocks(view: LayerView, blocks: list[NoteBlock]) -> list[NoteBlock]:
    """Notes a reader marked (TEI/HTML ``<note>``): labelled ones are split as usual;
    one without a label is a note of its own, numbered by its place among them."""
    out: list[NoteBlock] = []
    for k, sp in enumerate(_hint_spans(view), start=1):
        if any(b.span.overlaps(sp) for b in blocks + out):
            continue
        found = find_note_blocks(view.text, [(sp.start, sp.end)])
        if found:
            out.extend(found)
            continue
        body = sp.of(view.text)
        lead = len(body) - len(body.lstrip())
        inner = Span(sp.start + lead, sp.start + len(body.rstrip()))
        if len(inner):
            out.append(NoteBlock(k, "", inner, inner))
    return out


def _reference_items(blocks: list[NoteBlock], text: str) -> list[list[dict[str, Any]]]:
    """Parse every note's body (in order) and resolve back-references across them."""
    # a note wrapped over lines reads as one line; "Kagano-\nvich" is one word again
    bodies = [re.sub(r"(?<=[a-z])-\n\s*(?=[a-z])", "", b.body.of(text)) for b in blocks]
    parsed = [parse_line(re.sub(r"\s*\n\s*", " ", body), notes_mode=True) for body in bodies]
    resolve_backrefs(parsed)
    return parsed


def _credit_sources(view: LayerView, notes_end: int = 0) -> tuple[list[Source], list[Diagnostic]]:
    text = view.text
    segs = list(view["segments"])
    lines = [s.span for s in segs if s.kind == "credit"]
    if not segs or not lines:
        lines = [Span(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)
                 if _CREDIT.match(m.group()) and len(m.group()) < 600]
    out: list[Source] = []
    diags: list[Diagnostic] = []
    for k, span in enumerate(lines, start=1):
        ref = parse_credit(span.of(text))
        if not ref:
            diags.append(Diagnostic("notes.credit_unparsed", "a credit line with no reference found",
                                    span, "notes"))
            continue
        after = notes_end if notes_end <= span.start else 0
        out.append(Source(f"s{k}", span, ref, _credited(segs, span, text, after)))
    return out, diags


def _credited(segs: list, span: Span, text: str = "", after: int = 0) -> Span | None:
    """The excerpt (or body) just before a credit line: what it credits.

    Without segments: the text between the end of the notes (``after``) and the
    credit line, or the paragraph just before it when nothing precedes it.
    """
    before = [s for s in segs if s.span.end <= span.start and s.kind in ("excerpt", "body")]
    if before:
        return before[-1].span
    if segs or not text:
        return None
    chunk = text[after:span.start]
    if after == 0:
        paras = [m for m in re.finditer(r"\S[^\n]*(?:\n(?!\s*\n)[^\n]*)*", chunk)]
        if not paras:
            return None
        return Span(paras[-1].start(), paras[-1].start() + len(paras[-1].group().rstrip()))
    lead = len(chunk) - len(chunk.lstrip())
    end = after + len(chunk.rstrip())
    return Span(after + lead, end) if end > after + lead else None


def parse_credit(line: str) -> dict[str, Any]:
    """Parse a credit line into CSL-JSON, with translator and original language.

    >>> parse_credit("Courtesy: J. Roe, ‘Un livre’, Hale, Paris, 1971. Translated from the French by A. Poe.")["language"]
    'fr'
    """
    s = _CREDIT.sub("", line.strip())
    translator: list[dict[str, str]] = []
    lang = None
    m = _TRANSLATED.search(s)
    if m:
        translator = parse_names(m["names"])
        if m["lang"] and m["lang"].lower() in LANGUAGES:
            lang = LANGUAGES[m["lang"].lower()]
        s = (s[:m.start()] + s[m.end():]).strip()
    ref = parse_citation(s.rstrip(" .") + ".") or {}
    if not ref:
        items = parse_line(s, notes_mode=True)
        ref = items[0] if items else {}
    ref = {k: v for k, v in ref.items() if not k.startswith("_") and k != "backref"}
    if translator:
        ref["translator"] = translator
    if lang:
        ref["language"] = lang
    return ref


@stage("notes", requires=("segments",), provides=("notes", "sources"), version=1)
def find_notes(view: LayerView, settings: Settings) -> StageOutput:
    """Find notes, their markers and references, and credit lines (see module doc)."""
    text = view.text
    notes_regions, body = _regions(view)
    blocks = find_note_blocks(text, notes_regions)
    blocks += _hint_blocks(view, blocks)
    gutenberg = find_gutenberg_notes(text)
    blocks += [g for g in gutenberg if not any(g.span.overlaps(b.span) for b in blocks)]
    blocks.sort(key=lambda b: b.span.start)
    # markers live in the body, outside every note
    cands = [c for c in find_marker_candidates(text, body) + _hint_markers(view)
             if not any(c.span.overlaps(b.span) for b in blocks)]
    linked = link_markers(cands, blocks)
    parsed = _reference_items(blocks, text)
    index_to_n = {i + 1: b.n for i, b in enumerate(blocks)}
    diags: list[Diagnostic] = []
    notes: list[Note] = []
    for i, (b, items) in enumerate(zip(blocks, parsed, strict=True)):
        marker = linked.get(i)
        if marker is None and b.label:  # an unlabelled reader note stands where it is cited
            diags.append(Diagnostic("notes.unreferenced", f"note {b.label} has no marker in the text",
                                    b.span, "notes"))
        same_as = None
        clean_items = []
        for it in items:
            it = dict(it)
            sa = it.pop("same_as", None)
            kind = it.pop("backref", None)
            if sa is not None:
                sa = index_to_n.get(sa)
            elif kind in ("ibid", "op. cit.", "loc. cit.", "short") and not it.get("title"):
                diags.append(Diagnostic("notes.unresolved_backref",
                                        f"note {b.label}: {kind} has no single earlier work to repeat",
                                        b.span, "notes"))
            if same_as is None and sa is not None and not clean_items:
                same_as = sa
            clean_items.append(it)
        notes.append(Note(
            n=b.n, span=b.span, text=b.span.of(text), marker=marker.span if marker else None,
            label=b.label, reference=clean_items[0] if clean_items else None,
            references=tuple(clean_items) if len(clean_items) > 1 else (),
            same_as=same_as, id=_note_id(b, i, notes)))
    # strong marker forms with no note: a missing note, reported
    linked_ids = {id(c) for c in linked.values()}
    numbers = {b.n for b in blocks}
    for c in cands if blocks else ():
        if id(c) in linked_ids or c.form not in ("superscript", "bracket", "hint"):
            continue
        if c.n is not None and c.n not in numbers:
            diags.append(Diagnostic("notes.missing", f"marker {c.label} points to no note", c.span, "notes"))
    ends = [b.span.end for b in blocks]
    sources, sdiags = _credit_sources(view, max(ends) if ends else 0)
    return StageOutput({"notes": notes, "sources": sources}, tuple(diags + sdiags))
