"""Find note markers and note blocks in a document's text (issue 3).

Two finders, both pure functions over ``str`` and spans:

- :func:`find_note_blocks` — the notes themselves: numbered endnote lists ("1. ...",
  "[1] ...", "1 ..."), symbol notes ("* ...", "† ..."), Gutenberg footnotes
  ("[Footnote 5: ...]"), and reader hints of kind "note" (TEI/HTML ``<note>``);
- :func:`find_marker_candidates` — every place a note marker *may* stand: digits
  glued after a word, punctuation or closing quote ("Chuyev.1", "in 1928.2",
  "revelation.’3"), superscript digits, "[12]", "(12)", "*", "†".

Candidates are cheap and over-generate; :func:`link_markers` keeps only those that
fit the note numbering in order, so "grew by 3.5 per cent" stays a decimal.

Example::

    >>> text = "He said so.1\\n\\n1. J. Roe, A Book, 3."
    >>> [b.n for b in find_note_blocks(text, [(text.index("1. J"), len(text))])]
    [1]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Span

SUPERSCRIPTS = {"⁰": "0", "¹": "1", "²": "2", "³": "3", "⁴": "4", "⁵": "5", "⁶": "6", "⁷": "7",
                "⁸": "8", "⁹": "9"}
SYMBOLS = "*†‡§¶"
_CLOSERS = ".,;:!?’”\"')»"


@dataclass(frozen=True, slots=True)
class NoteBlock:
    """One note as found: its number (or symbol label), whole span, and the body after the label."""

    n: int | None
    label: str
    span: Span
    body: Span


@dataclass(frozen=True, slots=True)
class Candidate:
    """A place where a marker may stand: its span, number or symbol, and how it is written."""

    span: Span
    n: int | None
    label: str
    form: str  # hint | glued | superscript | bracket | paren | symbol | footnote


# ---------------------------------------------------------------- note blocks

_NUMBERED = re.compile(r"^[ \t]*(?:\[(?P<b>\d{1,3})\]|\((?P<p>\d{1,3})\)|(?P<d>\d{1,3})[.)]?|"
                       r"(?P<s>[¹²³⁴⁵⁶⁷⁸⁹⁰]+))[ \t]+(?=\S)", re.M)
_SYMBOL_NOTE = re.compile(r"^[ \t]*(?P<sym>[*†‡§¶]{1,3})[ \t]*(?=\S)", re.M)
_GUTENBERG = re.compile(r"\[Footnote\s+(?P<n>\d{1,3}|[A-Za-z*†]):\s*(?P<body>.*?)\](?=\s*(?:\n|$))", re.S)


def _sup_int(s: str) -> int:
    return int("".join(SUPERSCRIPTS[c] for c in s))


def find_note_blocks(text: str, regions: list[tuple[int, int]]) -> list[NoteBlock]:
    """Split each notes region into numbered (or symbol) notes.

    A note runs from its label to the next label at a line start, or to the end of
    the region; blank lines inside a note are kept (a note may have paragraphs)
    only when the next paragraph does not open with a label.
    """
    out: list[NoteBlock] = []
    for start, end in regions:
        chunk = text[start:end]
        heads = []
        for m in _NUMBERED.finditer(chunk):
            if m["s"]:
                n = _sup_int(m["s"])
            else:
                n = int(m["b"] or m["p"] or m["d"])
            heads.append((m.start(), m.end(), n, m.group().strip()))
        for m in _SYMBOL_NOTE.finditer(chunk):
            heads.append((m.start(), m.end(), None, m["sym"]))
        heads.sort()
        heads = _increasing(heads)
        for i, (hs, he, n, label) in enumerate(heads):
            ne = heads[i + 1][0] if i + 1 < len(heads) else len(chunk)
            body = chunk[he:ne].rstrip()
            s0 = start + hs + (len(chunk[hs:he]) - len(chunk[hs:he].lstrip()))
            e0 = start + he + len(body)
            if e0 <= start + he:
                continue
            out.append(NoteBlock(n, label, Span(s0, e0), Span(start + he, e0)))
    return out


def _increasing(heads: list[tuple[int, int, int | None, str]]) -> list[tuple[int, int, int | None, str]]:
    """Keep numbered heads that continue the count (n, n + 1, ...), so "1945 was ..." at a
    line start inside a note is not a new note; symbol heads are kept as they come."""
    out = []
    last = 0
    for h in heads:
        n = h[2]
        if n is None:
            out.append(h)
        elif not any(x[2] is not None for x in out) or n == last + 1:
            # the first number may be anything (an excerpt's notes 12-15); then + 1 each
            out.append(h)
            last = n
    return out


def find_gutenberg_notes(text: str) -> list[NoteBlock]:
    """Project Gutenberg footnotes written inline as "[Footnote 5: ...]"."""
    out = []
    for m in _GUTENBERG.finditer(text):
        label = m["n"]
        n = int(label) if label.isdigit() else None
        out.append(NoteBlock(n, label, Span(m.start(), m.end()), Span(m.start("body"), m.end("body"))))
    return out


_HEAD = re.compile(r"\s*(?:\[(?P<b>\d{1,3})\]|(?P<d>\d{1,3})[.)]?|(?P<s>[¹²³⁴⁵⁶⁷⁸⁹⁰]+)|(?P<y>[*†‡]))\s+\S")


def _head_number(para: str) -> int | None:
    m = _HEAD.match(para[:16])
    if not m:
        return None
    if m["y"]:
        return 0  # a symbol note: counts as a label, not a number
    return _sup_int(m["s"]) if m["s"] else int(m["b"] or m["d"])


def trailing_notes_region(text: str) -> tuple[int, int] | None:
    """Without a segments layer: the last run of paragraphs numbered 1, 2, 3 ... (or "*")."""
    paras = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+(?:\n(?!\s*\n)[^\n]+)*", text)]
    for i in range(len(paras) - 1, 0, -1):  # never the first paragraph: that is the text
        if _head_number(text[paras[i][0]:paras[i][1]]) not in (0, 1):
            continue
        j, k, last_end = i, _head_number(text[paras[i][0]:paras[i][1]]), paras[i][1]
        while j + 1 < len(paras):
            n = _head_number(text[paras[j + 1][0]:paras[j + 1][1]])
            if n is None or (n != k + 1 and n != 0):
                break
            j, k, last_end = j + 1, (n or k), paras[j + 1][1]
        return paras[i][0], last_end
    return None


def footnote_paragraphs(text: str, before: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Without segments: footnote blocks between the paragraphs (notes at page feet).

    A paragraph opening with the label of the next note number (1, then 2, ...)
    is a footnote when a marker with that number stands in the text before it,
    after the previous footnote. ``before`` are regions already known as notes
    (the trailing list), left out here.
    """
    paras = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+(?:\n(?!\s*\n)[^\n]+)*", text)]
    out: list[tuple[int, int]] = []
    expected, last = 1, 0
    for i, (a, b) in enumerate(paras):
        if i == 0 or any(x <= a < y for x, y in before):
            continue
        n = _head_number(text[a:b])
        if n != expected:
            continue
        body = text[last:a]
        if any(c.n == n for c in find_marker_candidates(body, [(0, len(body))])):
            out.append((a, b))
            expected, last = expected + 1, b
    return out if len(out) >= 1 else []


# ---------------------------------------------------------------- marker candidates

_GLUED = re.compile(r"(?<=[^\W\d_]|[.,;:!?’”\"')»\]])(?P<n>\d{1,3})(?=[\s,;:.!?)\]’”]|$)")
_SUP = re.compile(r"[¹²³⁴⁵⁶⁷⁸⁹⁰]+")
_BRACKET = re.compile(r"\[(?P<n>\d{1,3})\]")
_PAREN = re.compile(r"(?<=\S)\((?P<n>\d{1,3})\)")
_SYM = re.compile(r"(?<=[^\s*†‡])(?P<s>[*†‡]{1,3})(?=[\s,.;:]|$)")


def _glued_ok(text: str, m: re.Match[str]) -> bool:
    """Reject what is a number, not a marker: decimals, ordinals, dates, codes."""
    s, e = m.start(), m.end()
    before = text[s - 1]
    if before == ".":
        # "1928.2 Another" is a marker; "3.5 per cent" and "1.2.3" are not
        prev = re.search(r"(\S+)\.$", text[max(0, s - 30):s])
        if prev and re.fullmatch(r"\d{1,3}", prev.group(1)):
            return False  # 3.5, 12.4 — decimals and section numbers
        return _next_upper(text, e)
    if before == ":" or (before == "," and (s < 2 or not text[s - 2].isalpha())):
        return False  # "12:30" times, "1,000" thousands, "3,4" lists; "argued,2" is a marker
    if before.isalpha():
        word = re.search(r"(\w+)$", text[max(0, s - 20):s])
        w = word.group(1) if word else ""
        # "COVID19", "B52", "H2O": capitals or mixed codes glued to digits are not markers
        return len(w) > 2 and (w.islower() or (w[0].isupper() and w[1:].islower()))
    return True


def _next_upper(text: str, e: int) -> bool:
    """After "word.3": the end, a line break, a closer, or a new sentence must follow."""
    rest = text[e:e + 4]
    if not rest or rest[0] in "\n,;:)]’”":
        return True
    rest = rest.lstrip(" ")
    return not rest or rest[0].isupper() or rest[0] in "‘“\"'\n(["


def find_marker_candidates(text: str, regions: list[tuple[int, int]]) -> list[Candidate]:
    """Every place in ``regions`` (the body) where a note marker may stand, in text order."""
    out: list[Candidate] = []
    for start, end in regions:
        chunk = text[start:end]
        for m in _GLUED.finditer(chunk):
            if _glued_ok(chunk, m):
                out.append(Candidate(Span(start + m.start(), start + m.end()), int(m["n"]), m["n"], "glued"))
        for m in _SUP.finditer(chunk):
            out.append(Candidate(Span(start + m.start(), start + m.end()), _sup_int(m.group()), m.group(),
                                 "superscript"))
        for m in _BRACKET.finditer(chunk):
            if not chunk[m.end():m.end() + 1] == ":":
                out.append(Candidate(Span(start + m.start(), start + m.end()), int(m["n"]), m.group(),
                                     "bracket"))
        for m in _PAREN.finditer(chunk):
            out.append(Candidate(Span(start + m.start(), start + m.end()), int(m["n"]), m.group(), "paren"))
        for m in _SYM.finditer(chunk):
            out.append(Candidate(Span(start + m.start(), start + m.end()), None, m["s"], "symbol"))
    out.sort(key=lambda c: (c.span.start, c.span.end))
    return out


_FORM_RANK = {"hint": -1, "superscript": 0, "footnote": 0, "bracket": 1, "glued": 2, "paren": 3}


def link_markers(cands: list[Candidate], notes: list[NoteBlock]) -> dict[int, Candidate]:
    """Pick, for each note (by index), the marker that stands for it, in order.

    A document writes its markers one way: each form (glued, superscript, [n], (n))
    is tried alone and the one that links most notes wins, so a list item "(1)"
    cannot steal note 1 from a superscript. Numbered notes take the first
    candidate with their number after the previous note's marker; symbol notes
    the first unused candidate with the same symbol. A note with no fitting
    candidate gets none (the stage reports it).
    """
    best: dict[int, Candidate] = {}
    best_key: tuple[int, int] = (0, 0)
    for form in sorted({c.form for c in cands if c.n is not None}, key=lambda f: _FORM_RANK.get(f, 9)):
        linked = _link_numbered([c for c in cands if c.form == form], notes)
        key = (len(linked), -_FORM_RANK.get(form, 9))
        if key > best_key:
            best, best_key = linked, key
    used = {id(c) for c in best.values()}
    for i, note in enumerate(notes):
        if note.n is not None:
            continue
        for c in cands:
            if id(c) not in used and c.n is None and c.label == note.label and \
                    not c.span.overlaps(note.span):
                best[i] = c
                used.add(id(c))
                break
    return best


def _link_numbered(cands: list[Candidate], notes: list[NoteBlock]) -> dict[int, Candidate]:
    linked: dict[int, Candidate] = {}
    pos = 0
    for i, note in enumerate(notes):
        if note.n is None:
            continue
        for c in cands:
            if c.n != note.n or c.span.start < pos or c.span.overlaps(note.span):
                continue
            linked[i] = c
            pos = c.span.end
            break
    return linked
