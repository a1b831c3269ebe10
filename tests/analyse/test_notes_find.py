"""Marker candidates, note blocks and linking, tested directly (issue 3)."""

from __future__ import annotations

import pytest

from testimonia.analyse.notes_find import (
    find_gutenberg_notes,
    find_marker_candidates,
    find_note_blocks,
    footnote_paragraphs,
    link_markers,
    trailing_notes_region,
)


def cands(text: str) -> list[tuple[str, int | None, str]]:
    return [(c.span.of(text), c.n, c.form) for c in find_marker_candidates(text, [(0, len(text))])]


@pytest.mark.parametrize("text, want", [
    ("It held.3 Then", [("3", 3, "glued")]),
    ("in 1928.2 Another", [("2", 2, "glued")]),
    ("revelation.’3", [("3", 3, "glued")]),
    ("said so¹²", [("¹²", 12, "superscript")]),
    ("a claim [12] here", [("[12]", 12, "bracket")]),
    ("a claim(4) here", [("(4)", 4, "paren")]),
    ("the mayor denied it.* Then", [("*", None, "symbol")]),
    ("argued,2 that", [("2", 2, "glued")]),
])
def test_notes_find_candidate_forms(text: str, want: list) -> None:
    assert cands(text) == want


@pytest.mark.parametrize("text", [
    "grew by 3.5 per cent", "at 10.30 sharp", "some 1,000 men", "route B52 north", "H2O and CO2",
    "on 23.6.1971 it", "see section 1.2 above", "in 1928. Then", "chapter 3 begins",
])
def test_notes_find_numbers_that_are_not_markers(text: str) -> None:
    assert [c for c in cands(text) if c[2] == "glued"] == []


def test_notes_find_note_blocks_count_on() -> None:
    text = "1. First note.\n2. Second note, which says\n1945 was a year.\n3. Third."
    blocks = find_note_blocks(text, [(0, len(text))])
    assert [b.n for b in blocks] == [1, 2, 3]
    assert blocks[1].body.of(text) == "Second note, which says\n1945 was a year."


def test_notes_find_trailing_region_and_footnote_paragraphs() -> None:
    text = "Body text.1 More.2\n\n1. A note.\n\n2. Another."
    start, end = trailing_notes_region(text)
    assert text[start:end] == "1. A note.\n\n2. Another."
    feet = "Body.1\n\n1 A note.\n\nMore body.2\n\n2 Another note.\n\nEnd."
    assert [feet[a:b] for a, b in footnote_paragraphs(feet, [])] == ["1 A note.", "2 Another note."]
    assert trailing_notes_region("Just one paragraph.") is None


def test_notes_find_gutenberg() -> None:
    text = "Text.[1]\n\n[Footnote 1: A note\nover two lines.]\n"
    (g,) = find_gutenberg_notes(text)
    assert g.n == 1 and g.body.of(text) == "A note\nover two lines."


def test_notes_find_link_prefers_the_form_that_links_most() -> None:
    text = "A list (1) and (2). The claim¹ and the other².\n\n¹ Note one.\n\n² Note two."
    start = text.index("¹ Note")
    blocks = find_note_blocks(text, [(start, len(text))])
    links = link_markers(find_marker_candidates(text, [(0, start)]), blocks)
    assert [links[i].form for i in sorted(links)] == ["superscript", "superscript"]


def test_notes_find_markers_follow_note_order() -> None:
    text = "Second claim.2 First claim.1 Second again.2\n\n1. One.\n\n2. Two."
    start = text.index("1. One")
    blocks = find_note_blocks(text, [(start, len(text))])
    links = link_markers(find_marker_candidates(text, [(0, start)]), blocks)
    # note 1's marker comes first; note 2 takes the first "2" after it
    assert links[0].span.start == text.index(".1") + 1
    assert links[1].span.start == text.index("again.2") + 6
