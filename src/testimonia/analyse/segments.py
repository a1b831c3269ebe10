"""Segments: what each part of a document is.

Finds title, byline, body, signature, notes, appended excerpt (a primary source
printed after the notes or the signature), credit line ("Courtesy: …",
"Translated from the French by …") and boilerplate ("Click here to return to
the … index", Project Gutenberg headers, ``[Illustration: …]``).

requires: nothing · provides: ``segments``

The unit is the *block*: text between blank lines. Blocks are classified by
their form and position, in three passes (find → resolve → annotate):

1. find: boilerplate, credit lines and note blocks by their own form;
2. resolve: title and byline at the top, the notes run (numbered from 1, each
   number glued to the text earlier on, or under a "Notes" heading), the
   signature (a short name-like block closing the author's text), and the
   excerpt (prose after the signature/notes);
3. annotate: consecutive blocks of one kind are joined into one segment.

Reader hints (HTML ``<h1>``, TEI ``<note>``) win over guesses.

Known limits: a body that itself ends with a short name-like line (a poem's
last line "Ivan Petrov") is read as a signature; notes that are not numbered
and have no heading are read as body.

Example::

    >>> from testimonia.testing import make_analysis, run_stage
    >>> out = run_stage(find_segments, make_analysis("A Title\\n\\nBody text here.\\n"))
    >>> [s.kind for s in out.layers["segments"]]
    ['title', 'body']
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Segment, Span
from ..settings import Settings
from .pipeline import LayerView, StageOutput, stage

_BLOCK_SEP = re.compile(r"\n[ \t\f\v]*\n\s*")
_BOILER = re.compile(
    r"^(click here|return to|back to (the )?(top|index|home)|home\s*\|)|"
    r"all rights reserved|^copyright\b|^©|^\*\*\*\s*(start|end) of|"
    r"project gutenberg|^share this|^subscribe|^print this|^(\[|\()?illustration[:\]]",
    re.IGNORECASE,
)
_CREDIT = re.compile(
    r"^(courtesy|source|sources|reprinted (from|by)|excerpted from|extracts? from|"
    r"translated (from|by)|translation:|from:)\b",
    re.IGNORECASE,
)
_NOTE_HEAD = re.compile(r"^(notes?|end ?notes|footnotes|references|sources and notes)\s*:?$",
                        re.IGNORECASE)
_NOTE_NUM = re.compile(r"^(?:\[(\d{1,3})\]|\((\d{1,3})\)|(\d{1,3})[.)]?)\s+\S")
_GUTENBERG_NOTE = re.compile(r"^\[Footnote\s+(\d+|[*†‡A-Za-z])\s*:", re.IGNORECASE)
_NAME_WORD = re.compile(r"^(?:[A-Z][\w’'\-]*\.?|[A-Z]\.(?:[A-Z]\.)*|de|da|di|du|del|della|van|"
                        r"von|der|den|la|le|y|bin|ibn|al-\w+|and|&)$")


@dataclass(frozen=True, slots=True)
class Block:
    """A run of text between blank lines."""

    start: int
    end: int
    text: str


def blocks_of(text: str) -> list[Block]:
    """Split ``text`` into blocks at blank lines; spans exclude surrounding whitespace."""
    out: list[Block] = []
    pos = 0
    for m in [*_BLOCK_SEP.finditer(text), None]:
        end = m.start() if m else len(text)
        chunk = text[pos:end]
        lead = len(chunk) - len(chunk.lstrip())
        s, e = pos + lead, pos + len(chunk.rstrip())
        if e > s:
            out.append(Block(s, e, text[s:e]))
        if m:
            pos = m.end()
    return out


def is_name_like(s: str, max_words: int = 6) -> bool:
    """Return True for a short line that reads as a person's name ("By Jules Humbert-Droz")."""
    s = s.strip().strip("—–-").strip()
    s = re.sub(r"^(by|par|von)\s+", "", s, flags=re.IGNORECASE)
    if not s or "\n" in s or len(s) > 60 or s.endswith((".", "!", "?", ":", ",")) and not \
            re.search(r"\b[A-Z]\.$", s):
        return False
    words = s.replace(",", " ").split()
    if not 1 <= len(words) <= max_words:
        return False
    caps = sum(1 for w in words if w[0].isupper())
    return caps >= 1 and all(_NAME_WORD.match(w) for w in words)


def _note_number(b: Block) -> int | None:
    m = _NOTE_NUM.match(b.text)
    if not m:
        return None
    return int(next(g for g in m.groups() if g))


def _glued_marker(text: str, n: int, before: int) -> bool:
    """Is note number ``n`` glued to a word or punctuation somewhere before ``before``?"""
    pat = re.compile(rf"(?<=[^\s\d.,]|[.,;:!?’”\"')\]])(?:{n}|\[{n}\]|\({n}\))(?!\d|\.\d)")
    sup = "⁰¹²³⁴⁵⁶⁷⁸⁹"
    sup_n = "".join(sup[int(d)] for d in str(n))
    return bool(pat.search(text, 0, before)) or sup_n in text[:before]


def _notes_runs(text: str, blocks: list[Block], kinds: list[str | None]) -> set[int]:
    """Mark numbered endnote runs (and a "Notes" heading before them) as notes.

    Returns:
        The indices of the blocks marked (interleaved footnotes are not among them).
    """
    marked: set[int] = set()
    i = 0
    while i < len(blocks):
        heading = kinds[i] is None and bool(_NOTE_HEAD.match(blocks[i].text))
        j = i + 1 if heading else i
        if j < len(blocks) and kinds[j] is None and _note_number(blocks[j]) == 1 and j > 0:
            run = [j]
            expect = 2
            k = j + 1
            while k < len(blocks) and kinds[k] is None:
                lines = blocks[k].text
                if _note_number(blocks[k]) == expect:
                    run.append(k)
                    expect += 1
                    k += 1
                    continue
                break
            # a note block may hold several numbered lines (a list without blank lines)
            numbers = [_note_number(blocks[x]) or 0 for x in run]
            for x in run:
                lines = [ln for ln in blocks[x].text.split("\n") if ln.strip()]
                if len(lines) > 1 and all(_NOTE_NUM.match(ln) for ln in lines):
                    numbers += [int(next(g for g in _NOTE_NUM.match(ln).groups() if g))
                                for ln in lines[1:]]
            glued = sum(_glued_marker(text, n, blocks[j].start) for n in numbers if n)
            if heading or glued * 2 >= len(numbers):
                for x in ([i] if heading else []) + run:
                    kinds[x] = "notes"
                    marked.add(x)
                i = k
                continue
        i += 1
    return marked


def classify(text: str, blocks: list[Block], hints: tuple = ()) -> list[str]:
    """Return one segment kind per block."""
    kinds: list[str | None] = [None] * len(blocks)
    hinted = {k: [s for kk, s in hints if kk == k] for k in ("title", "note", "block")}
    for i, b in enumerate(blocks):
        span = Span(b.start, b.end)
        if any(h.overlaps(span) for h in hinted["note"]):
            kinds[i] = "notes"
        elif any(h.contains(span) or span.contains(h) for h in hinted["title"]) and i <= 1:
            kinds[i] = "title"
        elif len(b.text) < 400 and _BOILER.search(b.text):  # length first: the cheap test
            kinds[i] = "boilerplate"
        elif _GUTENBERG_NOTE.match(b.text):
            kinds[i] = "notes"
        elif _CREDIT.match(b.text) and i > 0:
            kinds[i] = "credit"
    # Project Gutenberg: everything before "*** START OF" and from "*** END OF" on.
    for i, b in enumerate(blocks):
        if re.match(r"^\*\*\*\s*START OF", b.text, re.IGNORECASE):
            kinds[: i + 1] = ["boilerplate"] * (i + 1)
        elif re.match(r"^\*\*\*\s*END OF", b.text, re.IGNORECASE):
            kinds[i:] = ["boilerplate"] * (len(blocks) - i)
            break
    endnotes = _notes_runs(text, blocks, kinds)

    # Title and byline at the top (after any leading boilerplate).
    top = next((i for i, k in enumerate(kinds) if k is None), None)
    if top is not None and "title" not in kinds:
        t = blocks[top].text
        if "\n" not in t and len(t) <= 200 and not t.rstrip().endswith((".", ":")) or \
                re.match(r"^#\s", t):
            kinds[top] = "title"
    first_title = next((i for i, k in enumerate(kinds) if k == "title"), None)
    if first_title is not None:
        nxt = first_title + 1
        if nxt < len(blocks) and kinds[nxt] is None and is_name_like(blocks[nxt].text) and \
                nxt + 1 < len(blocks):
            kinds[nxt] = "byline"

    # The author's text ends at the first notes/credit block after some prose,
    # or at the end; a short name-like block just before that end is the signature.
    prose = [i for i, k in enumerate(kinds) if k is None]
    if not prose:
        return [k or "body" for k in kinds]
    first_prose = prose[0]
    end = next((i for i in range(first_prose, len(blocks))
                if i in endnotes or kinds[i] == "credit"), len(blocks))
    # the last credit block: "a credit line after block i" is one test, not a scan to the end
    # (which made the loops below quadratic on a book-length text; issue 4)
    last_credit = max((i for i, k in enumerate(kinds) if k == "credit"), default=-1)
    sig = None
    for i in range(end - 1, first_prose, -1):
        if kinds[i] is None:
            if is_name_like(blocks[i].text, max_words=5):
                sig = i
            break
    if sig is None:
        # A signature may also stand between body and an appended excerpt, with no notes.
        for i in range(first_prose + 1, end - 1):
            if kinds[i] is None and is_name_like(blocks[i].text, max_words=5) and \
                    last_credit >= i:
                sig = i
                break
    if sig is not None:
        kinds[sig] = "signature"
    author_end = sig if sig is not None else end
    # Prose after the author's text (after the signature or the endnotes) is an
    # appended excerpt, as is prose standing just before a closing credit line.
    first_note = min((k for k in endnotes if k >= first_prose), default=len(blocks))
    for i in range(author_end + 1, len(blocks)):
        if kinds[i] is None:
            notes_before = first_note < i
            credit_after = last_credit >= i
            if (sig is not None and i > sig) or notes_before or credit_after:
                kinds[i] = "excerpt"
    return [k or "body" for k in kinds]


@stage("segments", requires=(), provides=("segments",), version=1)
def find_segments(view: LayerView, settings: Settings) -> StageOutput:
    """Split the document into blocks, classify them, and join runs of one kind."""
    text = view.text
    blocks = blocks_of(text)
    kinds = classify(text, blocks, view.document.hints)
    segments: list[Segment] = []
    for b, k in zip(blocks, kinds, strict=True):
        # consecutive blocks of one kind make one segment; notes and boilerplate blocks
        # are joined too, so an endnote list is one "notes" segment
        if segments and segments[-1].kind == k and k not in ("title", "byline", "signature"):
            segments[-1] = Segment(k, Span(segments[-1].span.start, b.end))
        else:
            segments.append(Segment(k, Span(b.start, b.end)))
    return StageOutput({"segments": segments})
