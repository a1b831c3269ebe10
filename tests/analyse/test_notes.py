"""Notes stage: marker forms, note blocks, linking, back-references, credit lines (issue 3)."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from testimonia.analyse.notes import find_notes, parse_credit
from testimonia.analyse.segments import find_segments
from testimonia.model import Analysis, Segment, Span
from testimonia.testing import make_analysis, make_document, marked, run_stage

NOTES_TAIL = """

1. Ruth Abelard, A History of Bridges (Leeds: Pontifex Press, 1990), 12.

2. Ibid., 14."""


def notes_of(text: str, segments: tuple = ()) -> tuple[list, list]:
    out = run_stage(find_notes, make_analysis(text, segments=segments))
    return list(out.layers["notes"]), list(out.diagnostics)


def markers(source: str) -> tuple[list[Span | None], list[Span]]:
    """Run the stage on marked text; return (found markers in note order, expected [m:] spans)."""
    text, spans = marked(source)
    notes, _ = notes_of(text)
    return [n.marker for n in notes], spans.get("m", [])


@pytest.mark.issue(3)
@pytest.mark.parametrize("body", [
    "The engineer called it sound.[m:1] Others said so too.[m:2]",  # glued after a full stop
    "The bridge opened in 1887.[m:1] It fell in 1890.[m:2]",  # after a year: not a decimal
    "He called it ‘a bridge too far.’[m:1] Nobody agreed.’[m:2]",  # after a closing quote
    "He called it “a bridge too far”[m:1] and left,[m:2] angry.",  # after quote and comma-less
    "The engineer called it sound[m:¹] and the mayor agreed[m:²].",  # superscripts
    "The engineer called it sound [m:\\[1\\]] and the mayor agreed [m:\\[2\\]].",  # [n]
    "The engineer Abelard[m:1] said so; so did Brandt[m:2].",  # glued to a name (flattened <sup>)
    "The engineer called it sound(1) once; the mayor agreed(2).".replace(
        "(1)", "[m:(1)]").replace("(2)", "[m:(2)]"),  # (n) glued to the word
])
def test_notes_marker_forms(body: str) -> None:
    found, want = markers(body + NOTES_TAIL)
    assert found == want


@pytest.mark.issue(3)
def test_notes_decimal_is_not_a_marker() -> None:
    text = "Traffic grew by 3.5 per cent in 1891.2 Then it fell.\n\n1. A. Roe, Roads, 3.\n\n2. Ibid., 4."
    notes, diags = notes_of(text)
    assert notes[0].marker is None  # "3.5" is a decimal, never note 5 or note 1
    assert any(d.code == "notes.unreferenced" for d in diags)
    assert notes[1].marker is not None and text[notes[1].marker.start:notes[1].marker.end] == "2"
    assert text[notes[1].marker.start - 5:notes[1].marker.start] == "1891."


@pytest.mark.issue(3)
def test_notes_stray_numbers_invent_nothing() -> None:
    text = "Gate 12 opened at 10.30 with 400 people, 3 carts and route B52.\n\n1. A. Roe, Gates, 3."
    notes, diags = notes_of(text)
    assert len(notes) == 1 and notes[0].marker is None
    assert [d.code for d in diags] == ["notes.unreferenced"]


@pytest.mark.issue(3)
def test_notes_missing_note_is_reported() -> None:
    text = "One claim.¹ Another claim.² A third.³\n\n¹ A. Roe, Roads, 3.\n\n² Ibid."
    notes, diags = notes_of(text)
    assert [n.n for n in notes] == [1, 2]
    missing = [d for d in diags if d.code == "notes.missing"]
    assert len(missing) == 1 and text[missing[0].span.start:missing[0].span.end] == "³"


@pytest.mark.issue(3)
def test_notes_symbol_notes() -> None:
    text, spans = marked("The mayor denied it.[m:*]\n\n* Minutes of the council, 4 May 1890.")
    notes, _ = notes_of(text)
    assert [n.marker for n in notes] == spans["m"]
    assert notes[0].n is None and notes[0].label == "*"


@pytest.mark.issue(3)
def test_notes_gutenberg_footnotes() -> None:
    text, spans = marked("The bridge stood[m:\\[1\\]] for a year.\n\n"
                         "[note:\\[Footnote 1: See J. Roe, Bridges (York: Arch Press, 1850), 7.\\]]\n")
    notes, _ = notes_of(text)
    assert len(notes) == 1
    assert notes[0].marker == spans["m"][0] and notes[0].span == spans["note"][0]
    assert notes[0].reference["title"] == "Bridges"


@pytest.mark.issue(3)
def test_notes_spans_text_and_references() -> None:
    text = "It held.1 It fell.2" + NOTES_TAIL
    notes, diags = notes_of(text)
    assert diags == []
    first, second = notes
    assert first.text == first.span.of(text) and first.text.startswith("1. Ruth Abelard")
    assert first.reference["author"] == [{"family": "Abelard", "given": "Ruth"}]
    assert first.reference["publisher"] == "Pontifex Press" and first.reference["locator"] == "12"
    assert first.same_as is None
    # ibid. resolves to note 1 and carries a copy of its reference with its own locator
    assert second.same_as == 1
    assert second.reference["title"] == "A History of Bridges" and second.reference["locator"] == "14"


@pytest.mark.issue(3)
@pytest.mark.parametrize("backref, same_as", [
    ("Ibid.", 1), ("Ibid., p. 9.", 1), ("Id., 9.", 1), ("Ebd., S. 9.", 1),
    ("Abelard, op. cit., p. 9.", 1), ("Abelard, loc. cit.", 1), ("Abelard, a.a.O., S. 9.", 1),
    ("Abelard, History of Bridges, 9.", 1), ("Abelard, History, 9.", 1),
])
def test_notes_backreference_forms(backref: str, same_as: int) -> None:
    text = ("It held.1 It was old.2 It fell.3\n\n"
            "1. Ruth Abelard, A History of Bridges (Leeds: Pontifex Press, 1990), 12.\n\n"
            "2. Tom Brandt, “Iron and Stone,” Engineering Review 4, no. 2 (1901): 33.\n\n"
            f"3. {backref}")
    notes, _ = notes_of(text)
    expect = same_as if not backref.startswith(("Ibid", "Id", "Ebd")) else 2
    assert notes[2].same_as == expect
    if expect == 1:
        assert notes[2].reference["title"] == "A History of Bridges"


@pytest.mark.issue(3)
def test_notes_ibid_after_multi_citation_note_stays_unresolved() -> None:
    text = ("A.1 B.2\n\n1. Ruth Abelard, Bridges (Leeds: Pontifex Press, 1990), 12; "
            "Tom Brandt, Roads (York: Arch Press, 1901), 3.\n\n2. Ibid., 5.")
    notes, diags = notes_of(text)
    assert len(notes[0].references) == 2
    assert notes[1].same_as is None
    assert [d.code for d in diags] == ["notes.unresolved_backref"]


@pytest.mark.issue(3)
@pytest.mark.parametrize("note", [
    "1. Ruth Abelard, ‘An unclosed title, Pontifex Press, 1990, p. 3.",
    "1. “", "1. ,,,;;;", "1. (((1990", "1. 1928.5", "1. See. Cf. Ibid. Op. cit.",
    "1. Abelard, op. cit.",  # op. cit. with no antecedent
])
def test_notes_malformed_notes_do_not_crash(note: str) -> None:
    text = "A sentence.1\n\n" + note
    notes, _ = notes_of(text)
    assert len(notes) == 1
    assert notes[0].same_as is None  # nothing to resolve to: never guessed


@pytest.mark.issue(3)
def test_notes_uses_segments_and_hints() -> None:
    text = "Body text here.1\n\nNotes\n\n1. A. Roe, Roads (York: Arch Press, 1850), 7."
    start = text.index("1. A.")
    segs = (Segment("body", Span(0, 16)), Segment("notes", Span(start, len(text))))
    notes, _ = notes_of(text, segs)
    assert notes[0].span.start == start and notes[0].marker == Span(15, 16)
    doc = make_document(text)
    doc = type(doc)(doc.doc_id, doc.path, doc.text, hints=(("note", Span(start, len(text))),))
    out = run_stage(find_notes, Analysis(doc).with_layers({"segments": (Segment("body", Span(0, 16)),)}))
    assert out.layers["notes"][0].marker == Span(15, 16)


@pytest.mark.issue(3)
def test_notes_credit_line_source() -> None:
    text = ("Title\n\nSome body.\n\nAn excerpt from the memoir follows here.\n\n"
            "Courtesy: Anna Weber, ‘Brücken und Straßen’, Pontifex Verlag, Basel, 1962, pp. 10-12. "
            "Translated from the German by Ruth Abelard.\n")
    out = run_stage(find_notes, make_analysis(text, segments=()))
    (src,) = out.layers["sources"]
    ref = src.reference
    assert src.span.of(text).startswith("Courtesy:")
    assert ref["author"] == [{"family": "Weber", "given": "Anna"}]
    assert ref["title"] == "Brücken und Straßen"
    assert ref["translator"] == [{"family": "Abelard", "given": "Ruth"}]
    assert ref["language"] == "de" and ref["issued"] == "1962"
    assert ref["publisher"] == "Pontifex Verlag" and ref["publisher-place"] == "Basel"


@pytest.mark.issue(3)
def test_notes_credit_links_the_excerpt_segment() -> None:
    text = "Body.\n\nExcerpt text.\n\nCourtesy: Anna Weber, ‘Brücken’, Pontifex Verlag, Basel, 1962."
    segs = (Segment("body", Span(0, 5)), Segment("excerpt", Span(7, 21)),
            Segment("credit", Span(23, len(text))))
    out = run_stage(find_notes, make_analysis(text, segments=segs))
    assert out.layers["sources"][0].credits == Span(7, 21)


def test_notes_parse_credit_languages() -> None:
    ref = parse_credit("Courtesy: I. Roe, ‘Kniga’, Nauka, Moscow, 1970. Translated from the Russian by A. Poe.")
    assert ref["language"] == "ru" and ref["translator"][0]["family"] == "Poe"


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="ab .,;:‘’“”\"'()[]*†¹²123456789\n", max_size=200))
def test_notes_random_text_never_raises(text: str) -> None:
    notes, diags = notes_of(text)
    for n in notes:
        assert 0 <= n.span.start <= n.span.end <= len(text)
        if n.marker is not None:
            assert 0 <= n.marker.start < n.marker.end <= len(text)
            assert not n.marker.overlaps(n.span)


@pytest.mark.shared
@pytest.mark.issue(3)
def test_notes_seed_markers_and_ibid_match_gold(seed_path, seed_gold) -> None:  # noqa: ANN001
    text = seed_path.read_text(encoding="utf-8")
    a = make_analysis(text)
    a = a.with_layers(run_stage(find_segments, a).layers)
    notes = run_stage(find_notes, a).layers["notes"]
    got = {(n.n, tuple(n.marker.as_list()) if n.marker else None, n.same_as) for n in notes}
    want = {(g["n"], tuple(g["marker"]), g.get("same_as")) for g in seed_gold["notes"]}
    assert got == want
    assert json.dumps([n.span.as_list() for n in notes]) == json.dumps(
        [g["span"] for g in seed_gold["notes"]])


@pytest.mark.issue(3)
def test_notes_unlabelled_reader_notes_are_notes() -> None:
    text = "Body text here. A. Roe, Roads (York: Arch Press, 1850), 7. More body."
    start = text.index("A. Roe")
    end = text.index(" More")
    doc = make_document(text)
    doc = type(doc)(doc.doc_id, doc.path, doc.text, hints=(("note", Span(start, end)),))
    out = run_stage(find_notes, Analysis(doc).with_layers({"segments": ()}))
    (note,) = out.layers["notes"]
    assert note.span == Span(start, end) and note.n == 1 and note.reference["title"] == "Roads"
    assert out.diagnostics == ()


@pytest.mark.issue(3)
def test_notes_credit_without_segments_credits_the_text_after_the_notes() -> None:
    text = ("Body.1\n\n1. A. Roe, Roads (York: Arch Press, 1850), 7.\n\n"
            "The excerpt, first paragraph.\n\nIts second paragraph.\n\n"
            "Courtesy: Anna Weber, ‘Brücken’, Pontifex Verlag, Basel, 1962.")
    out = run_stage(find_notes, make_analysis(text, segments=()))
    (src,) = out.layers["sources"]
    assert src.credits.of(text) == "The excerpt, first paragraph.\n\nIts second paragraph."


@pytest.mark.issue(3)
@pytest.mark.parametrize("note", [
    "1. This was what the clerk told the committee in the winter of 1890, and nobody disputed it.",
    "1. The figures are my own estimates and should be treated with some caution.",
])
def test_notes_commentary_note_cites_nothing(note: str) -> None:
    notes, _ = notes_of("A claim.1\n\n" + note)
    assert notes[0].reference is None and notes[0].references == ()


@pytest.mark.issue(3)
def test_notes_numbering_may_start_past_one_in_a_notes_segment() -> None:
    text = "An excerpt.12 More.13\n\n12. A. Roe, Roads (York: Arch Press, 1850), 7.\n\n13. Ibid., 9."
    start = text.index("12. A.")
    segs = (Segment("excerpt", Span(0, start - 2)), Segment("notes", Span(start, len(text))))
    notes, diags = notes_of(text, segs)
    assert [(n.n, n.marker.of(text) if n.marker else None, n.same_as) for n in notes] == [
        (12, "12", None), (13, "13", 12)]
    assert diags == []


@pytest.mark.issue(3)
def test_notes_footnotes_between_paragraphs_without_segments() -> None:
    text = ("The bridge was begun in spring.1 It took a year.\n\n"
            "1 A. Roe, Roads (York: Arch Press, 1850), 7.\n\n"
            "The engineer left before it was done.2\n\n"
            "2 Ibid., 9.\n\n"
            "Later the town bought it.")
    notes, diags = notes_of(text)
    assert [(n.n, n.marker.of(text) if n.marker else None, n.same_as) for n in notes] == [
        (1, "1", None), (2, "2", 1)]
    assert notes[0].span.of(text).startswith("1 A. Roe") and diags == []


@pytest.mark.issue(3)
def test_notes_reader_marker_hints_win() -> None:
    text = "In 1911 (1) the well was closed.1\n\n1. R. Kettle, Parish Minutes, vol. 2, p. 41."
    hint = Span(text.index("(1)"), text.index("(1)") + 3)  # without it the glued ".1" would win
    doc = make_document(text)
    doc = type(doc)(doc.doc_id, doc.path, doc.text, hints=(("marker", hint),))
    out = run_stage(find_notes, Analysis(doc).with_layers({"segments": ()}))
    assert out.layers["notes"][0].marker == hint


@pytest.mark.issue(3)
def test_notes_wrapped_note_reads_as_one_line() -> None:
    text = ("A claim.1\n\n1. Ruth Abelard, A History of Bridges and Ferry Cross-\n"
            "ings (Leeds: Pontifex\n   Press, 1990), 12.")
    notes, _ = notes_of(text)
    ref = notes[0].reference
    assert ref["title"] == "A History of Bridges and Ferry Crossings"
    assert ref["publisher"] == "Pontifex Press" and ref["locator"] == "12"
