"""Quotation marks: tell openers, closers and apostrophes apart, and pair them.

The helper behind :mod:`quotes` (issue 4). It knows nothing of kinds or
speakers; it turns a text into paragraphs, classifies every quotation mark,
and pairs marks into nested spans with a stack, recovering from unbalanced and
mismatched marks instead of letting one stray mark swallow the rest of the
document.

Conventions handled:

- straight, curly, low-9 and angle marks (``' " ‘ ’ “ ” ‚ „ « » ‹ ›``);
- apostrophes: ``don’t``, ``Humbert-Droz’s``, elisions ``L’ Internationale``,
  clitics of tokenized text (``John ’s``, ``do n’t``), ``’tis``, ``’90s``;
  a closing-looking ``s’`` is a closer only while a single quote is open;
- a quote running over several paragraphs: the opening mark repeated at each
  paragraph, the closing one only at the end (or no mark at all in between);
- one mark doing the work of two: a double opener closed by a single closer
  with no single quote open (``"Did he …?’ – ‘Yes’``: the outer quote and its
  first inner turn start together), and a final closer ending both the inner
  turn and the outer quote.

Recovery: an inner quote still open at a paragraph end is closed there; an
outer one is carried into the next paragraph only when that paragraph opens
with a quotation mark or a closer without an opener follows within a few
paragraphs; otherwise it is closed at its paragraph end. Each recovery is a
:class:`~testimonia.model.Diagnostic`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Diagnostic, Span

FAMILY = {"‘": "s", "’": "s", "'": "s", "‚": "s", "“": "d", "”": "d", '"': "d", "„": "d",
          "«": "a", "»": "a", "‹": "g", "›": "g"}
MARKS = "".join(FAMILY)
_MARK_RE = re.compile("''|``|[" + re.escape(MARKS) + "]")
_CLITIC = re.compile(r"(?:s|ll|re|ve|d|m|t|S|LL|RE|VE|D|M|T)(?!\w)")
_ELIDED_WORD = re.compile(r"(?:tis|twas|twere|twill|em|til|till|cause|round|n|tween|neath|gainst|"
                          r"ere|bout|specially|un|im|er|ow|ome|ad|appen|e|is|ave|Tis|Twas|Em|"
                          r"Cause|Round|N|Tween|Neath|Gainst|Bout)(?!\w)|\d\d?s?(?!\w)")
_ELISION_PREFIX = re.compile(r"(?:^|(?<=[\s(\[—–-]))(?:[LlDdJjNnSsCcMmTt]|[Qq]u|[Pp]uisqu|[Jj]usqu|"
                             r"[Ll]orsqu|[Oo]|[Dd]ell|[Nn]ell|[Ss]ull|[Aa]ll|[Dd]all|[Bb]ell|[Qq]uell)$")
_OPEN_PRE = set(" \t\n\r([{<—–-/\u00a0") | set("‘“«„‚‹")
_NOTE_TAIL = re.compile(r"[\s\d*†‡§¹²³⁴⁵⁶⁷⁸⁹⁰\[\]().,;:]*$")
_PARA_SPLIT = re.compile(r"\n[ \t\f\v]*\n\s*")


@dataclass(frozen=True, slots=True)
class Mark:
    """One quotation mark and what it is taken for."""

    pos: int
    char: str
    role: str  # open, close, either, close_or_apos, apos
    family: str
    width: int = 1  # two for the doubled apostrophes and backticks of some newswires


@dataclass(slots=True)
class RawQuote:
    """A paired (or recovered) quotation before kinds are assigned."""

    start: int  # first char of the content
    end: int  # one past the last char of the content
    open_mark: int | None
    close_mark: int | None
    parent: int | None = None  # index into the list of raw quotes
    family: str = ""
    paragraphs: tuple[int, int] = (0, 0)
    recovered: bool = False
    parent_open: object = None  # the stack entry below this one when it closed


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Split ``text`` into paragraphs: blank-line blocks, or lines when there are none.

    Text with no blank lines but many lines (one sentence a line, as tokenized
    corpora are) is read line by line; quotes may still run across lines.
    """
    out: list[tuple[int, int]] = []
    pos = 0
    for m in _PARA_SPLIT.finditer(text):
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, len(text)))
    if len(out) == 1 and text.count("\n") > 3:
        out, pos = [], 0
        for line in text.split("\n"):
            out.append((pos, pos + len(line)))
            pos += len(line) + 1
    return [(s, _rstrip(text, s, e)) for s, e in out if text[s:e].strip()]


def _rstrip(text: str, s: int, e: int) -> int:
    while e > s and text[e - 1].isspace():
        e -= 1
    return e


def classify(text: str, i: int) -> Mark:
    """Classify the quotation mark at ``text[i]`` by its neighbours."""
    c = text[i]
    fam = FAMILY[c]
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    left_space = prev.isspace() or prev in _OPEN_PRE
    right_space = nxt.isspace() or (not nxt.isalnum() and nxt not in MARKS and nxt not in "([{$£€")
    if c in "’'":
        if prev.isalnum() and nxt.isalpha():
            return Mark(i, c, "apos", fam)
        if prev.isalpha() and nxt == " " and _ELISION_PREFIX.search(text[max(0, i - 8):i]):
            if i + 2 < len(text) and text[i + 2].isalpha():
                return Mark(i, c, "apos", fam)
        if left_space and nxt.isalnum():
            rest = text[i + 1:i + 12]
            if (prev.isspace() and _CLITIC.match(rest)) or _ELIDED_WORD.match(rest):
                return Mark(i, c, "apos", fam)
            if prev.isspace() and text[i - 2:i - 1].isalpha() and rest[:2].lower() == "t " \
                    and text[i - 2] in "nN":
                return Mark(i, c, "apos", fam)
            return Mark(i, c, "open", fam)
        if prev.isspace() and nxt.isspace():
            if text[i - 2:i - 1] in ("s", "S", "z", "Z"):
                return Mark(i, c, "close_or_apos", fam)  # tokenized "Clerks ' Office"
            return Mark(i, c, "either" if c == "'" else "close", fam)
        if prev in "sSzZ" and (nxt.isspace() or nxt in ",.;:!?)"):
            return Mark(i, c, "close_or_apos", fam)
        if not left_space:
            return Mark(i, c, "close", fam)
        return Mark(i, c, "either", fam)
    if c in "‘‚„‹":
        if c == "‘" and prev.isalpha() and nxt.isalpha():
            return Mark(i, c, "apos", fam)
        return Mark(i, c, "open", fam)
    if c in "”›":
        if left_space and not right_space:
            return Mark(i, c, "either", fam)
        return Mark(i, c, "close", fam)
    if c == "“":
        if not left_space and right_space:
            return Mark(i, c, "either", fam)  # “…“ (closing as opener) or „…“
        return Mark(i, c, "open", fam)
    if c == "«":
        return Mark(i, c, "either" if (not left_space and right_space) else "open", fam)
    if c == "»":
        return Mark(i, c, "either" if (left_space and not right_space) else "close", fam)
    # the straight double quote
    if left_space and not right_space:
        return Mark(i, c, "open", fam)
    if right_space and not left_space:
        return Mark(i, c, "close", fam)
    return Mark(i, c, "either", fam)


def _classify_double(text: str, i: int) -> Mark:
    """Two apostrophes (or backticks) used as one double quotation mark (newswire style)."""
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + 2] if i + 2 < len(text) else " "
    if text[i] == "`":
        return Mark(i, '"', "open", "d", 2)
    left_space = prev.isspace() or prev in _OPEN_PRE
    right_space = nxt.isspace() or (not nxt.isalnum() and nxt not in MARKS)
    role = "open" if left_space and not right_space else \
        "close" if right_space and not left_space else "either"
    return Mark(i, '"', role, "d", 2)


def marks_in(text: str, start: int, end: int) -> list[Mark]:
    """Classified marks in ``text[start:end]``, apostrophes left out."""
    out = []
    for m in _MARK_RE.finditer(text, start, end):
        if len(m.group(0)) == 2:
            mk = _classify_double(text, m.start())
            out.append(mk)
            continue
        mk = classify(text, m.start())
        if mk.role != "apos":
            out.append(mk)
    return out


@dataclass(slots=True)
class _Open:
    mark: Mark | None
    start: int
    para: int
    carried: bool = False
    has_inner: bool = False
    index: int = -1  # position in the output list once emitted
    child_end: int = 0  # where its latest inner quote ends: it never ends before that


class Pairer:
    """Pair marks paragraph by paragraph; collect quotes and diagnostics."""

    def __init__(self, text: str, carry_window: int = 3) -> None:
        self.text = text
        self.quotes: list[RawQuote] = []
        self.diags: list[Diagnostic] = []
        self.paras = paragraphs(text)
        self.line_mode = len(self.paras) > 1 and not _PARA_SPLIT.search(text)
        self.carry_window = 12 if self.line_mode else carry_window
        self._marks = [marks_in(text, s, e) for s, e in self.paras]

    # -- helpers -------------------------------------------------------------------
    def _content_start(self, pos: int) -> int:
        while pos < len(self.text) and self.text[pos].isspace():
            pos += 1
        return pos

    def _emit(self, op: _Open, end: int, close: Mark | None, stack: list[_Open],
              para: int, recovered: bool = False) -> None:
        e = end
        while e > op.start and (self.text[e - 1].isspace()
                                or (recovered and self.text[e - 1] in MARKS)):
            e -= 1
        e = max(e, op.child_end)
        if e <= op.start:
            return
        parent = next((o for o in reversed(stack) if o is not op), None)
        if parent is not None:
            parent.child_end = max(parent.child_end, e)
        q = RawQuote(op.start, e, op.mark.pos if op.mark else None,
                     close.pos if close else None, None,
                     op.mark.family if op.mark else "", (op.para, para), recovered)
        self.quotes.append(q)
        op.index = len(self.quotes) - 1
        if parent is not None:
            parent.has_inner = True
        q.parent_open = parent

    def _final_closer(self, pi: int) -> Mark | None:
        """The paragraph's last mark when it is a closer ending the paragraph."""
        marks = self._marks[pi]
        if not marks:
            return None
        last = marks[-1]
        if last.role not in ("close", "either", "close_or_apos"):
            return None
        tail = self.text[last.pos + last.width:self.paras[pi][1]]
        return last if _NOTE_TAIL.fullmatch(tail) else None

    def _opens_para(self, pi: int) -> Mark | None:
        s, _ = self.paras[pi]
        marks = self._marks[pi]
        if marks and marks[0].pos == self._content_start(s) and marks[0].role in ("open", "either"):
            return marks[0]
        return None

    def _orphan_ahead(self, pi: int) -> bool:
        """A closing mark with no opener before it in the next few paragraphs."""
        for pj in range(pi + 1, min(len(self.paras), pi + 1 + self.carry_window)):
            for mk in self._marks[pj]:
                if mk.role in ("close", "either", "close_or_apos"):
                    return True
                if mk.role == "open":
                    return False
        return False

    # -- the pass ------------------------------------------------------------------
    def run(self) -> list[RawQuote]:
        """Pair every mark of the text; return the quotes in order of closing."""
        carried: _Open | None = None
        for pi, (ps, _pe) in enumerate(self.paras):
            marks = self._marks[pi]
            stack: list[_Open] = []
            skip_first = False
            reserve: Mark | None = None
            if carried is not None:
                stack.append(carried)
                reserve = self._final_closer(pi)
                first = self._opens_para(pi)
                if first is not None:
                    skip_first = not self._first_is_inner(pi, first, reserve, carried)
                    if not skip_first and not carried.has_inner and carried.para == pi - 1 \
                            and not self._ends_with_colon(pi - 1) and reserve is None:
                        # "…" then a paragraph that is a balanced quote of its own:
                        # the carry was a missing closer, not a continuation.
                        self._close_at_para_end(carried, pi - 1, [])
                        stack, reserve = [], None
            for k, mk in enumerate(marks):
                if skip_first and k == 0:
                    continue
                if reserve is not None and mk is reserve:
                    while stack:
                        op = stack.pop()
                        self._emit(op, mk.pos, mk, stack, pi)
                    continue
                self._step(mk, stack, pi)
            # paragraph end: inner quotes close here, the outer one may carry on
            carried = None
            while len(stack) > 1:
                op = stack.pop()
                self._close_at_para_end(op, pi, stack)
            if stack:
                op = stack[0]
                at_start = op.mark is None or op.mark.pos == self._content_start(ps) or \
                    self.text[ps:op.mark.pos].rstrip().endswith(":") or op.carried or \
                    self.line_mode  # one sentence a line: quotes run over lines
                nxt = pi + 1 < len(self.paras)
                if at_start and nxt and (self._opens_para(pi + 1) or self._orphan_ahead(pi)):
                    op.carried = True
                    carried = op
                else:
                    self._close_at_para_end(op, pi, [])
        return self.quotes

    def _ends_with_colon(self, pi: int) -> bool:
        s, e = self.paras[pi]
        return self.text[s:e].rstrip().endswith(":")

    def _close_at_para_end(self, op: _Open, pi: int, stack: list[_Open]) -> None:
        end = self.paras[pi][1]
        self._emit(op, end, None, stack, pi, recovered=True)
        span = Span(op.mark.pos if op.mark else op.start, end)
        self.diags.append(Diagnostic("quotes.unclosed", "quotation mark never closed; "
                                     "closed at the end of its paragraph", span))

    def _first_is_inner(self, pi: int, first: Mark, reserve: Mark | None,
                        carried: _Open) -> bool:
        """Does the paragraph's opening mark open a quote of its own (else it continues)?"""
        marks = [m for m in self._marks[pi] if m is not reserve]
        depth = 0
        for mk in marks:
            if mk.role == "open" or (mk.role == "either" and depth == 0):
                depth += 1
            elif mk.role in ("close", "either") or (mk.role == "close_or_apos" and depth):
                depth -= 1
                if depth == 0:
                    return True
        # unclosed: a short question or exclamation on its own line is a turn of dialogue
        s, e = self.paras[pi]
        body = self.text[first.pos + 1:e].strip()
        return (reserve is None and body.endswith(("?", "!", "?!", "!?"))
                and len(body.split()) <= 8)

    def _step(self, mk: Mark, stack: list[_Open], pi: int) -> None:
        role = mk.role
        if role == "either":
            role = "close" if any(o.mark and o.mark.family == mk.family for o in stack) else "open"
        elif role == "close_or_apos":
            if stack and stack[-1].mark and stack[-1].mark.family == "s":
                role = "close"
            else:
                return
        if role == "open":
            stack.append(_Open(mk, self._content_start(mk.pos + mk.width), pi))
            return
        if not stack:
            self.diags.append(Diagnostic("quotes.orphan_close", "closing quotation mark "
                                         "without an opening one", Span(mk.pos, mk.pos + 1)))
            return
        top = stack[-1]
        tfam = top.mark.family if top.mark else ""
        if tfam == mk.family or not tfam:
            stack.pop()
            self._emit(top, mk.pos, mk, stack, pi)
            return
        deeper = [o for o in stack[:-1] if o.mark and o.mark.family == mk.family]
        if tfam == "d" and mk.family == "s" and not deeper and len(stack) == 1 \
                and not top.has_inner:
            # "Did he …?’ – ‘Yes’: the double mark opened the outer quote and its first
            # inner turn together; the single closer ends only the turn.
            inner = _Open(None, top.start, pi)
            stack.append(inner)
            stack.pop()
            self._emit(inner, mk.pos, mk, stack, pi)
            self.diags.append(Diagnostic("quotes.implied_open", "closing single mark inside "
                                         "a double quote: the turn starts with the quote",
                                         Span(mk.pos, mk.pos + 1)))
            return
        stack.pop()
        self._emit(top, mk.pos, mk, stack, pi)
        self.diags.append(Diagnostic("quotes.mismatched", f"‘{top.mark.char if top.mark else ''}’"
                                     f" closed by ‘{mk.char}’", Span(mk.pos, mk.pos + 1)))


def pair_quotes(text: str) -> tuple[list[RawQuote], list[Diagnostic]]:
    """Pair the quotation marks of ``text``; parents are indices into the list returned.

    The list is sorted by start, outer before inner.
    """
    p = Pairer(text)
    raw = p.run()
    order = sorted(range(len(raw)), key=lambda i: (raw[i].start, -raw[i].end))
    # parents: the open quote that was below on the stack when this one closed
    out = [raw[i] for i in order]
    new_index = {id(q): k for k, q in enumerate(out)}
    for q in out:
        par = q.parent_open
        q.parent = None
        if par is not None and par.index >= 0:
            q.parent = new_index[id(raw[par.index])]
    # a parent emitted later than the child still has index -1 at the child's emit time;
    # fall back on containment for those
    for k, q in enumerate(out):
        if q.parent is None and q.parent_open is not None:
            cands = [j for j, o in enumerate(out) if j != k and o.start <= q.start
                     and q.end <= o.end and (o.end - o.start) > (q.end - q.start)]
            q.parent = max(cands, key=lambda j: out[j].start) if cands else None
    return out, p.diags
