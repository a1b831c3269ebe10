"""The document page model: which spans each panel number links to, colours, titles."""

from __future__ import annotations

import pytest

from testimonia.model import Quote, Segment, Span
from testimonia.testing import make_analysis
from testimonia.web.page import document_view, span_key, speaker_colours, summary, title_of

from .conftest import build


def _keys(spans) -> str:
    return " ".join(span_key(s) for s in spans)


def test_page_claim_counts_link_the_quotes_they_count() -> None:
    a = build()
    quotes = {q.id: q.span for q in a.layer("quotes")}
    c = document_view(a).claims[0]
    assert (c.support.label, c.support.keys) == ("1", _keys([quotes["q2"]]))
    assert (c.deny.label, c.deny.keys) == ("1", _keys([quotes["q3"]]))
    assert (c.doubt.label, c.doubt.keys) == ("0", "")
    assert c.independent.label == "1" and c.grade.startswith("hearsay")


def test_page_factor_links_carry_their_spans_and_count() -> None:
    a = build()
    view = document_view(a)
    for f, fv in zip(a.layer("assessments")[0].factors, view.claims[0].factors, strict=True):
        assert fv.link.keys == _keys(f.spans)
        assert fv.link.label == str(len(f.spans))


def test_page_chain_path_nodes_link_people_and_notes() -> None:
    a = build()
    chain = document_view(a).claims[0].chains[0]
    note = a.layer("notes")[0]
    boris = a.layer("people")[1]
    assert [n.label for n in chain.nodes] == ["Boris", "Anna Petrova", "note 1"]
    assert chain.nodes[0].link.keys == span_key(boris.mentions[0])
    assert chain.nodes[2].link.keys == span_key(note.span)


def test_page_speaker_colours_follow_first_appearance() -> None:
    quotes = [Quote("b", Span(10, 12), speaker="p2"), Quote("a", Span(0, 2), speaker="p1"),
              Quote("c", Span(20, 22), speaker="p1"), Quote("d", Span(30, 32))]
    assert speaker_colours(quotes) == {"p1": 0, "p2": 1}


@pytest.mark.parametrize(("meta", "segments", "expected"), [
    ({"title": "From meta"}, (Segment("title", Span(0, 5)),), "From meta"),
    ({}, (Segment("title", Span(0, 5)),), "Title"),
    ({}, (), "<test>"),
])
def test_page_title_falls_back_from_meta_to_segment_to_path(meta, segments, expected) -> None:
    a = make_analysis("Title\n\nBody.", segments=segments)
    if meta:
        from dataclasses import replace

        a = replace(a, document=replace(a.document, meta=meta))
    assert title_of(a) == expected


def test_page_blank_lines_between_segments_are_gaps() -> None:
    a = make_analysis("Title\n\nBody.\n", segments=(Segment("title", Span(0, 5)),
                                                   Segment("body", Span(7, 12))))
    css = [o.mark.css for f in document_view(a).fragments for o in f.opens]
    assert css == ["seg seg-title", "gap", "seg seg-body", "gap"]


def test_page_summary_gives_the_top_claim_and_its_verdict() -> None:
    s = summary(build())
    assert (s["quotes"], s["people"], s["claims"]) == (3, 2, 1)
    assert s["top_claim"] == "the granary burned at night"
    assert s["scale"] == "Admiralty 4 (doubtful)"


def test_page_document_without_layers_still_renders() -> None:
    view = document_view(make_analysis("Just text."))
    assert "".join(f.text for f in view.fragments) == "Just text."
    assert view.claims == () and view.people == ()
