"""Quotation spans (issue 4): marks, nesting, kinds; no speakers yet.

Finds everything in quotation marks and every passage set off as a block
quotation, nests them, and says what each is: ``speech`` (words someone said
or wrote), ``block`` (a paragraph quoted as a whole without marks), ``title``
(a work or periodical: the ‘Times Literary Supplement’), ``scare`` (words held
at a distance: not an ‘outsider’). Speakers come later (:mod:`attribution`).

requires: ``segments``, ``notes`` · provides: ``quote_spans``

find → resolve → annotate:

1. find: :mod:`quote_marks` classifies each mark (opener, closer, apostrophe)
   and pairs marks paragraph by paragraph with a stack, carrying a quote over
   paragraph breaks only where the text says so (repeated opening marks, or a
   closer with no opener a few paragraphs on);
2. resolve: a paragraph introduced by a paragraph ending in a colon and
   printed without marks is a block quotation; the kind of each span is read
   from its form, its segment and the words just before it;
3. annotate: one :class:`~testimonia.model.Quote` per span, ids ``q1``, ``q2``
   … in text order (outer before inner), ``parent`` the enclosing quote.

Known limits: plain text carries no indentation-free signal for a block
quotation that is not introduced by a colon; a title in marks that looks like
a sentence ("‘Thus Spake Kaganovich’" is fine, "‘Where Are We Going?’" in a
body is taken for speech).

Example::

    >>> from testimonia.testing import make_analysis, run_stage
    >>> out = run_stage(find_quotes, make_analysis("‘Yes’, answered Bukharin."))
    >>> [(q.kind, q.span.of("‘Yes’, answered Bukharin.")) for q in out.layers["quote_spans"]]
    [('speech', 'Yes')]
"""

from __future__ import annotations

import re

from ..model import Diagnostic, Quote, Segment, Span
from ..settings import Settings
from .pipeline import LayerView, StageOutput, stage
from .quote_marks import MARKS, RawQuote, pair_quotes, paragraphs

_NON_TEXT_SEGMENTS = {"notes", "credit", "boilerplate"}
_TITLE_CUE = re.compile(
    r"(?:\b(?:entitled|titled|called|named|book|books|article|articles|essay|novel|poem|paper|"
    r"newspaper|journal|magazine|periodical|review|film|movie|song|play|pamphlet|series|"
    r"column|chapter|monograph|volume|edition|report|the daily|the weekly|in the pages of)"
    r"|\b(?:the|The|in|In|of|by)\s*)\s*$")
_SPEECH_BEFORE = re.compile(
    r"\b(?:said|says|say|asked|asks|ask|answered|answers|replied|replies|shouted|cried|"
    r"exclaimed|whispered|told|inquired|inquires|added|continued|declared|muttered|repeated|"
    r"called out|retorted|wrote|writes|stated|insisted)\b[^.!?]{0,40}[,:]?\s*$", re.IGNORECASE)
_SPEECH_AFTER = re.compile(
    r"^[\s,]*(?:[–—-]\s*)?(?:\w+\s+){0,3}?(?:said|says|asked|asks|answered|answers|replied|"
    r"replies|shouted|cried|exclaimed|whispered|inquired|added|continued|declared|muttered|"
    r"repeated|retorted|observed|remarked|returned)\b", re.IGNORECASE)
_LIST_START = re.compile(r"^\s*(?:\d{1,3}[.)]|[-*•·]|\([a-z0-9]{1,3}\))\s")
_WORD = re.compile(r"[^\W_][\w’'\-]*")
_SMALL = {"a", "an", "the", "of", "and", "in", "on", "at", "to", "for", "de", "la", "le", "du",
          "des", "à", "au", "aux", "et", "von", "van", "der", "die", "das", "und", "or", "with",
          "by", "from", "l", "d"}


def _segment_kind(segments: tuple[Segment, ...], pos: int) -> str:
    for seg in segments:
        if seg.span.start <= pos < seg.span.end:
            return seg.kind
    return "body"


def _title_case(words: list[str]) -> bool:
    content = [w for w in words if w.lower() not in _SMALL]
    if not content:
        return False
    caps = sum(1 for w in content if w[:1].isupper() or w[:1].isdigit())
    return caps == len(content) and (len(words) >= 2 or content[0].isupper() is False)


def classify_kind(text: str, start: int, end: int, seg_kind: str,
                  open_mark: int | None, close_mark: int | None) -> str:
    """Return the kind of a marked span: speech, title or scare."""
    body = text[start:end]
    words = _WORD.findall(body)
    terminal = body.rstrip().endswith(("?", "!", ".", "…", "...")) or bool(
        re.search(r"[.?!]\s+[A-Z‘“\"']", body))
    line_start = text.rfind("\n", 0, start) + 1
    before = text[max(line_start, start - 60):open_mark if open_mark is not None else start]
    after_pos = (close_mark + 1) if close_mark is not None else end
    after = text[after_pos:after_pos + 40]
    if not words:
        return "scare"
    if seg_kind in _NON_TEXT_SEGMENTS:
        return "title" if len(words) <= 25 and not re.search(r"[.?!]\s+[A-Z]", body) else "speech"
    if _SPEECH_AFTER.match(after):
        return "speech"
    if _title_case(words) and 2 <= len(words) <= 8 and not terminal and \
            not body.rstrip().endswith(","):
        return "title"  # "told ‘Fox News Sunday’": a programme, not the words told
    if _SPEECH_BEFORE.search(before):
        return "speech"
    if _title_case(words) and len(words) >= 2 and len(words) <= 15 and not terminal:
        return "title"
    if _title_case(words) and _TITLE_CUE.search(before) and not terminal and \
            not before.rstrip().endswith((":", ",")) and len(words) <= 15:
        return "title"
    if len(words) <= 4 and not terminal and not body[:1].isupper():
        stripped = before.rstrip()
        if stripped and not stripped.endswith((":", "–", "—")) and not stripped.endswith(tuple(MARKS)):
            return "scare"
    return "speech"


def _blocks(text: str, marked: list[RawQuote], segments: tuple[Segment, ...]) -> list[Span]:
    """Paragraphs set off as quotations: introduced by a colon, printed without marks."""
    paras = paragraphs(text)
    if len(paras) > 1 and "\n\n" not in text and "\r\n\r\n" not in text:
        return []  # one line per sentence: a colon at a line end says nothing
    out = []
    for (ps, pe), (qs, qe) in zip(paras, paras[1:], strict=False):
        if not text[ps:pe].rstrip().endswith(":"):
            continue
        para = text[qs:qe]
        if not para.strip() or para.lstrip()[:1] in MARKS or _LIST_START.match(para):
            continue
        if _segment_kind(segments, qs) not in ("body", "excerpt") or \
                _segment_kind(segments, ps) != _segment_kind(segments, qs):
            continue
        if len(para.split()) > 400 or len(para.split()) < 4:
            continue
        if any(q.start <= qs < q.end and q.parent is None and q.paragraphs[0] == q.paragraphs[1]
               for q in marked):
            continue
        if any(m in para for m in "‘“«\""):
            continue  # a paragraph with its own quotes is narration, not a set-off passage
        out.append(Span(qs, qe))
    return out


def find_spans(text: str, segments: tuple[Segment, ...] = ()) -> tuple[list[Quote], list[Diagnostic]]:
    """Find quotation spans in ``text``; return Quote records (ids q1…) and diagnostics."""
    raw, diags = pair_quotes(text)
    items: list[tuple[Span, str, int | None]] = []  # span, kind, raw parent index
    for q in raw:
        kind = classify_kind(text, q.start, q.end, _segment_kind(segments, q.start),
                             q.open_mark, q.close_mark)
        items.append((Span(q.start, q.end), kind, q.parent))
    raw_spans = [it[0] for it in items]
    for b in _blocks(text, raw, segments):
        # the innermost marked quote around the block is its parent
        around = [i for i, s in enumerate(raw_spans) if s.start <= b.start and b.end <= s.end]
        parent = max(around, key=lambda i: raw_spans[i].start) if around else None
        items.append((b, "block", parent))
    order = sorted(range(len(items)), key=lambda i: (items[i][0].start, -items[i][0].end))
    ids = {i: f"q{k + 1}" for k, i in enumerate(order)}
    # parents of marked quotes are indices into raw (== first len(raw) items)
    quotes = []
    for i in order:
        span, kind, parent = items[i]
        pid = ids[parent] if parent is not None else None
        quotes.append(Quote(id=ids[i], span=span, kind=kind, mode="direct", parent=pid))
    # a quote inside a title or scare phrase is part of it, not testimony of its own
    kinds = {q.id: q.kind for q in quotes}
    quotes = [q if not (q.parent and kinds.get(q.parent) in ("title", "scare"))
              else Quote(q.id, q.span, "scare", q.mode, parent=q.parent) for q in quotes]
    return quotes, diags


@stage("quotes", requires=("segments", "notes"), provides=("quote_spans",), version=1)
def find_quotes(view: LayerView, settings: Settings) -> StageOutput:
    """Find quotation spans, block quotations and their kinds."""
    quotes, diags = find_spans(view.text, tuple(view["segments"]))
    return StageOutput({"quote_spans": quotes}, tuple(diags))
