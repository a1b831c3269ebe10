"""Highlighted text for the web reader: spans → a flat list of fragments the template nests.

The document page shows the text once, with every quote, mention, note marker and
segment marked in place. HTML elements must nest, but spans need not (a mention may
run across the start of a quote), so :func:`spans_to_fragments` splits the text at
every span boundary and, at each boundary, closes and reopens just as many elements
as it takes to keep the output well nested. A span cut in pieces keeps its ``Mark``
in every piece (``first`` tells the template which piece carries the element id).

The template renders each fragment with autoescape on: the opens, the escaped text,
the closes. No HTML is built here.

Example::

    frags = spans_to_fragments("a “b” c", [Mark(Span(2, 5), css="q")])
    [(f.text, [o.mark.css for o in f.opens], f.closes) for f in frags]
    # [('a ', [], 0), ('“b”', ['q'], 1), (' c', [], 0)]
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from ..model import Span


@dataclass(frozen=True, slots=True)
class Mark:
    """One span to mark in the text, and how the element that marks it looks.

    Attributes:
        span: the characters marked.
        rank: nesting preference; a lower rank is opened outside a higher one when both
            are open over the same characters (segments 0, notes 1, quotes 2, ...).
        css: the element's class attribute.
        attrs: further attributes (``title``, ``data-*``, ``href``), escaped on output.
        tag: ``span`` or ``a``.
        anchor: the element id, put on the first piece only (ids must be unique).
    """

    span: Span
    rank: int = 2
    css: str = ""
    attrs: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    tag: str = "span"
    anchor: str = ""


@dataclass(frozen=True, slots=True)
class Open:
    """An element to open: the mark, and whether this is its first piece."""

    mark: Mark
    first: bool


@dataclass(frozen=True, slots=True)
class Fragment:
    """Open ``opens`` (outermost first), write ``text``, then close ``closes`` elements.

    ``close_tags`` names the closed elements' tags, innermost first.
    """

    text: str
    opens: tuple[Open, ...] = ()
    closes: int = 0
    close_tags: tuple[str, ...] = ()


def spans_to_fragments(text: str, marks: Iterable[Mark]) -> list[Fragment]:
    """Split ``text`` at every mark boundary into well-nested fragments.

    Marks that nest come out nested (the longer one outside; of two identical spans,
    the lower rank, then the earlier in ``marks``). Marks that overlap without nesting
    are cut where needed and reopened. Empty marks and marks outside the text are
    dropped; a mark running past the end is clipped.

    Args:
        text: the document text.
        marks: the spans to mark, in any order.

    Returns:
        Fragments whose texts concatenate to ``text``; every non-empty piece of text
        inside a mark's span lies inside an element of that mark.
    """
    n = len(text)
    items: list[tuple[int, int, int, int, Mark]] = []
    for i, m in enumerate(marks):
        start, end = m.span.start, min(m.span.end, n)
        if start < end:
            items.append((start, end, m.rank, i, m))
    if not n:
        return []
    bounds = sorted({0, n} | {s for s, *_ in items} | {e for _, e, *_ in items})
    starting: dict[int, list[int]] = {}
    for k, (s, *_rest) in enumerate(items):
        starting.setdefault(s, []).append(k)

    def order(k: int) -> tuple[int, int, int, int]:
        s, e, rank, i, _ = items[k]
        # rank first (segments outside quotes), then earlier start, then longer: a span
        # that contains another is always opened before it, so nesting needs no cuts.
        return (rank, s, -e, i)

    active: set[int] = set()
    stack: list[int] = []
    opened: set[int] = set()
    plan: list[tuple[int, tuple[Open, ...], str]] = []  # (closes before, opens, text)
    for a, b in zip(bounds, bounds[1:], strict=False):
        active = {k for k in active if items[k][1] > a} | set(starting.get(a, ()))
        want = sorted(active, key=order)
        keep = 0
        while keep < len(stack) and keep < len(want) and stack[keep] == want[keep]:
            keep += 1
        opens = []
        for k in want[keep:]:
            opens.append(Open(items[k][4], k not in opened))
            opened.add(k)
        plan.append((len(stack) - keep, tuple(opens), text[a:b]))
        stack = want
    out = []
    depth: list[str] = []  # tags of the open elements, outermost first
    for j, (_, opens, piece) in enumerate(plan):
        depth += [o.mark.tag for o in opens]
        closes = plan[j + 1][0] if j + 1 < len(plan) else len(depth)
        tags = tuple(reversed(depth[len(depth) - closes:]))
        del depth[len(depth) - closes:]
        out.append(Fragment(piece, opens, closes, tags))
    return out
