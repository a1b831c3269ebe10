"""The document model: spans are checked, records are frozen, layers are added not edited."""

from __future__ import annotations

import dataclasses

import pytest

from testimonia.model import Analysis, OffsetMap, Segment, Span
from testimonia.testing import make_document, marked


@pytest.mark.parametrize("start,end", [(-1, 2), (5, 4), (0, -1)])
def test_model_span_rejects_bad_bounds(start: int, end: int) -> None:
    with pytest.raises(ValueError):
        Span(start, end)


def test_model_span_relations() -> None:
    a, b = Span(2, 8), Span(4, 6)
    assert a.contains(b) and not b.contains(a)
    assert a.overlaps(b) and not Span(0, 2).overlaps(a)
    assert Span(1, 4).of("abcdef") == "bcd"
    assert Span.from_list([3, 5]) == Span(3, 5) and Span(3, 5).as_list() == [3, 5]


def test_model_records_are_frozen() -> None:
    seg = Segment("body", Span(0, 3))
    with pytest.raises(dataclasses.FrozenInstanceError):
        seg.kind = "title"  # type: ignore[misc]


def test_model_with_layers_returns_new_analysis() -> None:
    a = Analysis(make_document("Hello."))
    b = a.with_layers({"segments": [Segment("body", Span(0, 6))]})
    assert a.layer("segments") == ()
    assert b.layer("segments") == (Segment("body", Span(0, 6)),)


@pytest.mark.parametrize("points,offset,expected", [
    ((), 7, 7),
    (((3, 4),), 2, 2),
    (((3, 4),), 3, 4),
    (((3, 4), (6, 8)), 5, 6),
    (((3, 4), (6, 8)), 9, 11),
])
def test_model_offset_map(points, offset, expected) -> None:
    assert OffsetMap(points).to_source(offset) == expected


def test_testing_marked_nested_and_literal_brackets() -> None:
    text, spans = marked("[q:‘Yes’, [c:answered]] [p:Bukharin] \\[sic\\]")
    assert text == "‘Yes’, answered Bukharin [sic]"
    assert [s.of(text) for s in spans["q"]] == ["‘Yes’, answered"]
    assert [s.of(text) for s in spans["c"]] == ["answered"]
    assert [s.of(text) for s in spans["p"]] == ["Bukharin"]


def test_testing_marked_rejects_unclosed() -> None:
    with pytest.raises(ValueError):
        marked("[q:open")
