"""Text layout shared by the markup readers (HTML, TEI, Markdown): blocks, hints, offsets.

A reader walks its source in order and hands :class:`Blocks` pieces of text with the
source offset each starts at, block breaks, line breaks, inserted text (list numbers,
quotation marks a browser would show) and hint open/close events. :meth:`Blocks.finish`
lays the kept blocks out blank-line separated and returns the text, an
:class:`~testimonia.model.OffsetMap` back to the source (cleaned by :func:`monotonic`
so it never runs backwards) and the hints as spans of that text.

Example::

    >>> b = Blocks()
    >>> b.text("  He   said ", 10); h = b.open("quote"); b.text("yes", 30); b.close(h)
    >>> b.brk(); b.text("Next.", 50)
    >>> text, origin, hints = b.finish()
    >>> text, origin.to_source(text.index("yes")), hints[0][1].of(text)
    ('He said yes\\n\\nNext.', 30, 'yes')
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field

from ..model import OffsetMap, Span

_RUNS = re.compile(r"\s\s+|^\s|\s$")  # whitespace that collapses or trims
_ONE_SPACE = re.compile(r"[^\S ]")  # a lone tab, newline, no-break space ...


@dataclass
class _Block:
    parts: list[str] = field(default_factory=list)
    points: list[tuple[int, int]] = field(default_factory=list)  # (pos in block, source)
    length: int = 0
    link_chars: int = 0
    dropped: bool = False

    def text(self) -> str:
        return "".join(self.parts)


class Blocks:
    """Collects text pieces with their source offsets into blocks, then lays them out.

    Pieces come in source order. ``collapse=True`` collapses whitespace as HTML does
    (and trims each block); ``collapse=False`` keeps pieces verbatim (Markdown).
    Hints are opened and closed around pieces and come out as spans of the final
    text, clipped to the blocks that survived.

    Args:
        collapse: collapse runs of whitespace to one space.
        keep: a predicate on a finished block's text and its link share (the part of
            its letters and digits inside ``<a>``); a block it rejects is dropped as
            boilerplate.
    """

    def __init__(self, collapse: bool = True,
                 keep: Callable[[str, float], bool] | None = None) -> None:
        self.collapse = collapse
        self.keep = keep
        self.blocks: list[_Block] = []
        self.cur = _Block()
        self.pending_space = -1  # source offset of a space not yet written, or -1
        self.line_start = True
        self.in_link = 0
        self._label_at = (-1, -1)
        self._hints: list[list] = []  # [kind, (block, pos), (block, pos) | None, extra]

    # -- writing -----------------------------------------------------------------

    def _emit(self, s: str, src: int) -> None:
        b = self.cur
        if not b.points or src - b.length != b.points[-1][1] - b.points[-1][0]:
            b.points.append((b.length, src))
        b.parts.append(s)
        b.length += len(s)
        if self.in_link:
            b.link_chars += sum(c.isalnum() for c in s)
        self.line_start = s.endswith("\n")

    def text(self, s: str, src: int) -> None:
        """Add ``s``, whose first character stands at source offset ``src``."""
        if not s:
            return
        if not self.collapse:
            self._emit(s, src)
            return
        # Stretches where each whitespace character stands alone keep their length
        # (each becomes one space), so they go out in one piece; only runs of two or
        # more collapse, and only there does the offset map need a new point.
        pos = 0
        for m in _RUNS.finditer(s):
            if m.start() > pos:
                self._words(s[pos:m.start()], src + pos)
            if not self.line_start and self.cur.length and self.pending_space < 0:
                self.pending_space = src + m.start()
            pos = m.end()
        if pos < len(s):
            self._words(s[pos:], src + pos)

    def _words(self, s: str, src: int) -> None:
        """Add a stretch that starts and ends with non-space, single spaces inside."""
        if self.pending_space >= 0:
            self._emit(" ", self.pending_space)
            self.pending_space = -1
        self._emit(_ONE_SPACE.sub(" ", s), src)

    def insert(self, s: str, src: int, glue: bool = False) -> None:
        """Add text that is not in the source (a list number), mapped to ``src``.

        ``glue`` drops a pending space first (a closing quotation mark).
        """
        if glue:
            self.pending_space = -1
        if self.pending_space >= 0:
            self._emit(" ", self.pending_space)
            self.pending_space = -1
        self._emit(s, src)

    def opening(self, s: str, src: int) -> None:
        """Insert an opening mark; whitespace right after it is dropped."""
        self.insert(s, src)
        self.line_start = True  # i.e. no space may follow yet

    def label(self, s: str, src: int) -> None:
        """Insert a list label ("1. "); a block break right after it is ignored."""
        self.insert(s, src)
        self._label_at = (len(self.blocks), self.cur.length)

    def newline(self, src: int) -> None:
        """A hard line break inside the block (``<br>``, ``<lb/>``)."""
        self.pending_space = -1
        if self.cur.length:
            self._emit("\n", src)

    def brk(self) -> None:
        """End the current block (a no-op when it is empty)."""
        if self._label_at == (len(self.blocks), self.cur.length):
            return  # "1. " then <p>: the paragraph belongs on the label's line
        self.pending_space = -1
        self.line_start = True
        b = self.cur
        if not b.length:
            return
        if self.keep is not None:
            t = b.text().strip()
            words = sum(c.isalnum() for c in t)
            b.dropped = not self.keep(t, b.link_chars / max(1, words))
        self.blocks.append(b)
        self.cur = _Block()

    def _pos(self) -> tuple[int, int]:
        extra = 1 if self.pending_space >= 0 and self.cur.length else 0
        return len(self.blocks), self.cur.length + extra

    def open(self, kind: str, extra: object = None) -> int:
        """Start a hint of ``kind`` here; return its handle for :meth:`close`."""
        self._hints.append([kind, self._pos(), None, extra])
        return len(self._hints) - 1

    def close(self, handle: int) -> None:
        """End the hint ``handle`` here (the first close wins)."""
        h = self._hints[handle]
        if h[2] is None:
            h[2] = (len(self.blocks), self.cur.length)

    # -- layout ------------------------------------------------------------------

    def finish(self) -> tuple[str, OffsetMap, list[tuple[str, Span, object]]]:
        """Lay the blocks out; return the text, its offset map and the hints.

        Hints come back as ``(kind, span, extra)``, in document order.
        """
        for h in self._hints:
            if h[2] is None:
                h[2] = (len(self.blocks), self.cur.length)
        self.brk()
        out: list[str] = []
        points: list[tuple[int, int]] = []
        total = 0
        starts: list[int] = []  # where each block begins in the text (or would)
        leads: list[int] = []
        kept: list[int] = []  # kept length (0 when dropped)
        before: list[int] = []  # where the text ended before each block
        for b in self.blocks:
            before.append(total)
            raw = b.text()
            lead = len(raw) - len(raw.lstrip())
            body = raw.strip()
            if b.dropped or not body:
                starts.append(total)
                leads.append(0)
                kept.append(0)
                continue
            if total:
                out.append("\n\n")
                total += 2
            starts.append(total)
            leads.append(lead)
            kept.append(len(body))
            points.append((total, _block_source(b.points, lead)))
            for pos, src in b.points:
                if lead < pos < lead + len(body):
                    points.append((total + pos - lead, src))
            out.append(body)
            total += len(body)
        text = "".join(out)
        n = len(self.blocks)
        next_start = [total] * (n + 1)
        for i in range(n - 1, -1, -1):
            next_start[i] = starts[i] if kept[i] else next_start[i + 1]

        def at_start(b: int, pos: int) -> int:
            if b < n and kept[b] and pos - leads[b] < kept[b]:
                return starts[b] + max(pos - leads[b], 0)
            return next_start[min(b + 1, n)]

        def at_end(b: int, pos: int) -> int:
            if b < n and kept[b] and pos > leads[b]:
                return starts[b] + min(pos - leads[b], kept[b])
            return before[b] if b < n else total

        hints = []
        for kind, (b0, p0), (b1, p1), extra in self._hints:
            s, e = at_start(b0, p0), at_end(b1, p1)
            while s < e and text[s].isspace():
                s += 1
            while e > s and text[e - 1].isspace():
                e -= 1
            if e > s:
                hints.append((kind, Span(s, e), extra))
        hints.sort(key=lambda h: (h[1].start, -h[1].end))
        return text, OffsetMap(monotonic(points)), hints


def _block_source(points: list[tuple[int, int]], pos: int) -> int:
    i = bisect_right(points, (pos, float("inf"))) - 1
    p, s = points[max(i, 0)]
    return s + (pos - p)


def monotonic(points: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    """Return ``points`` cleaned so that the offset map never runs backwards.

    Text offsets become strictly increasing and source offsets non-decreasing; where
    inserted text (a block separator) is longer than the source gap it stands in,
    its characters are pinned to the next point's source offset.
    """
    out: list[tuple[int, int]] = []
    for t, s in points:
        if out and t <= out[-1][0]:
            out.pop()  # a later point at the same text offset wins
        if out:
            t1, s1 = out[-1]
            s = max(s, s1)
            if s1 + (t - t1) - 1 > s:  # the run before t would overtake s
                first = t1 + max(s - s1, 0)
                out.extend((x, s) for x in range(max(first, t1 + 1), t))
            elif s - s1 == t - t1:
                continue  # implied by the previous point
        out.append((t, s))
    return tuple(out)
