"""spans_to_fragments: nesting, overlap, clipping, and the text coming back whole."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from testimonia.model import Span
from testimonia.testing import marked
from testimonia.web.render import Fragment, Mark, spans_to_fragments


def _tree(frags: list[Fragment]) -> str:
    """Write fragments as ``<css>text</>`` to compare shapes in a table."""
    out = []
    for f in frags:
        out += [f"<{o.mark.css}{'' if o.first else '+'}>" for o in f.opens]
        out.append(f.text)
        out.append("</>" * f.closes)
    return "".join(out)


def _marks(source: str) -> tuple[str, list[Mark]]:
    text, spans = marked(source)
    return text, [Mark(s, css=label) for label, ss in sorted(spans.items()) for s in ss]


@pytest.mark.parametrize(("source", "expected"), [
    ("plain", "plain"),
    ("a [q:b] c", "a <q>b</> c"),
    ("[o:he said [i:‘yes’] twice]", "<o>he said <i>‘yes’</> twice</>"),
    ("[q:[p:Anna]] left", "<p><q>Anna</></> left"),  # identical: the earlier mark outside
    ("x [a:one [b:two] three] [c:four]", "x <a>one <b>two</> three</> <c>four</>"),
])
def test_render_nested_spans_come_out_nested(source: str, expected: str) -> None:
    text, marks = _marks(source)
    assert _tree(spans_to_fragments(text, marks)) == expected


def test_render_overlapping_spans_are_cut_and_reopened() -> None:
    text = "abcdefgh"
    frags = spans_to_fragments(text, [Mark(Span(0, 5), css="a"), Mark(Span(3, 8), css="b")])
    assert _tree(frags) == "<a>abc<b>de</></><b+>fgh</>"


def test_render_lower_rank_opens_outside_when_spans_are_equal() -> None:
    marks = [Mark(Span(0, 3), rank=3, css="m"), Mark(Span(0, 3), rank=0, css="seg")]
    assert _tree(spans_to_fragments("abc", marks)) == "<seg><m>abc</></>"


def test_render_lower_rank_is_never_inside_a_higher_one() -> None:
    # a segment starting inside a quote: the quote is cut, the segment stays outermost
    marks = [Mark(Span(0, 6), rank=2, css="q"), Mark(Span(3, 9), rank=0, css="seg")]
    assert _tree(spans_to_fragments("abcdefghi", marks)) == "<q>abc</><seg><q+>def</>ghi</>"


@pytest.mark.parametrize("span", [Span(2, 2), Span(20, 30)])
def test_render_empty_or_outside_marks_are_dropped(span: Span) -> None:
    assert _tree(spans_to_fragments("abcdef", [Mark(span, css="x")])) == "abcdef"


def test_render_mark_past_the_end_is_clipped() -> None:
    assert _tree(spans_to_fragments("abcdef", [Mark(Span(4, 99), css="x")])) == "abcd<x>ef</>"


def test_render_empty_text_gives_no_fragments() -> None:
    assert spans_to_fragments("", [Mark(Span(0, 0))]) == []


@st.composite
def _text_and_marks(draw: st.DrawFn) -> tuple[str, list[Mark]]:
    text = draw(st.text(min_size=0, max_size=40))
    n = len(text)
    marks = []
    for i in range(draw(st.integers(0, 8))):
        a = draw(st.integers(0, n + 3))
        b = draw(st.integers(a, n + 5))
        marks.append(Mark(Span(a, b), rank=draw(st.integers(0, 3)), css=f"m{i}",
                          tag=draw(st.sampled_from(["span", "a"]))))
    return text, marks


@given(_text_and_marks())
def test_render_fragments_rebuild_text_and_cover_every_mark(case) -> None:
    text, marks = case
    frags = spans_to_fragments(text, marks)
    assert "".join(f.text for f in frags) == text
    pos, stack, covered = 0, [], {m.css: set() for m in marks}
    first_seen: dict[str, int] = {}
    for f in frags:
        for o in f.opens:
            stack.append(o.mark)
            first_seen[o.mark.css] = first_seen.get(o.mark.css, 0) + int(o.first)
        for m in stack:
            covered[m.css].update(range(pos, pos + len(f.text)))
        pos += len(f.text)
        assert f.closes <= len(stack)  # never closes what is not open: well nested
        assert f.close_tags == tuple(m.tag for m in reversed(stack[len(stack) - f.closes:]))
        del stack[len(stack) - f.closes:]
    assert stack == []
    for m in marks:
        want = set(range(m.span.start, min(m.span.end, len(text))))
        assert covered[m.css] == want  # covered exactly: no more, no less
        if want:
            assert first_seen[m.css] == 1  # exactly one piece carries the id
