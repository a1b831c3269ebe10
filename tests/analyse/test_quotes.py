"""Quotation spans: marks, apostrophes, nesting, paragraphs, recovery, kinds (issue 4)."""

from __future__ import annotations

import random

import pytest

from testimonia.analyse.quote_marks import classify
from testimonia.analyse.quotes import find_quotes, find_spans
from testimonia.model import Segment, Span
from testimonia.testing import make_analysis, run_stage


def spans_of(text: str, segments: tuple[Segment, ...] = ()) -> list[tuple[str, str]]:
    quotes, _ = find_spans(text, segments)
    return [(q.kind, q.span.of(text)) for q in quotes]


@pytest.mark.parametrize(("text", "want"), [
    ("He said, “We will go.”", [("speech", "We will go.")]),
    ('"Come here," she said.', [("speech", "Come here,")]),
    ("He wrote: «We refuse to go.»", [("speech", "We refuse to go.")]),
    ("Er sagte: „Wir gehen morgen.“", [("speech", "Wir gehen morgen.")]),
    ("‘Humbert-Droz’s friends don’t agree,’ she said.",
     [("speech", "Humbert-Droz’s friends don’t agree,")]),
    ("The president said ''We are here to stay.''", [("speech", "We are here to stay.")]),
    ("the Clerks ' Office was shut and the clerks ' work was done .", []),
    ("Rock ’n’ roll in the ’90s was loud, ’tis true.", []),
])
def test_quotes_marks_and_apostrophes(text: str, want: list[tuple[str, str]]) -> None:
    assert spans_of(text) == want


def test_quotes_elision_is_not_a_closing_mark() -> None:
    text = "He cited ‘De Lénin à Staline, Dix Ans Au Service de L’ Internationale’ in full."
    assert spans_of(text) == [
        ("title", "De Lénin à Staline, Dix Ans Au Service de L’ Internationale")]


@pytest.mark.parametrize(("text", "i", "role"), [
    ("don’t", 3, "apos"),
    ("L’ Internationale", 1, "apos"),
    ("John ’s hat", 5, "apos"),
    ("do n’t go", 4, "apos"),
    ("said ‘no’ then", 5, "open"),
    ("said ‘no’ then", 8, "close"),
    ("the Bolsheviks’ line", 14, "close_or_apos"),
    ('a "b" c', 2, "open"),
    ('a "b" c', 4, "close"),
])
def test_quotes_classify_marks(text: str, i: int, role: str) -> None:
    assert classify(text, i).role == role


def test_quotes_nesting_three_levels_records_parents() -> None:
    text = "“He told me, ‘She said “no” to him,’ and left.”"
    quotes, _ = find_spans(text)
    got = [(q.id, q.span.of(text), q.parent) for q in quotes]
    assert got == [
        ("q1", "He told me, ‘She said “no” to him,’ and left.", None),
        ("q2", "She said “no” to him,", "q1"),
        ("q3", "no", "q2"),
    ]


def test_quotes_multi_paragraph_with_repeated_opening_marks() -> None:
    text = "He began:\n\n“The first part of the speech.\n\n“The second part of it.”\n\nThen silence."
    assert spans_of(text) == [
        ("speech", "The first part of the speech.\n\n“The second part of it.")]


def test_quotes_multi_paragraph_without_marks_between_holds_a_block() -> None:
    text = ("The reviewer wrote: ‘The memoir has one passage that stops the reader:\n\n"
            "He told me that they had decided to act against the leader.\n\n"
            "He makes no further comment on it.’\n\nAfter that, nothing.")
    quotes, _ = find_spans(text)
    got = [(q.kind, q.span.of(text)[:20], q.parent) for q in quotes]
    assert got == [("speech", "The memoir has one p", None),
                   ("block", "He told me that they", "q1")]
    assert quotes[0].span.of(text).endswith("no further comment on it.")


def test_quotes_mismatched_marks_close_the_innermost_quote() -> None:
    text = ("‘It was heated. ‘Go,’ he said.\n\n\"I never said that’ shouted Ivan. Then he left."
            "\n\n‘It ended.’")
    quotes, diags = find_spans(text)
    texts = [q.span.of(text) for q in quotes]
    assert "I never said that" in texts
    assert any(d.code == "quotes.mismatched" for d in diags)


def test_quotes_unclosed_quote_stops_at_its_paragraph() -> None:
    text = "She said “wait for me here.\n\nThe next day came. Nobody spoke.\n\nLater he nodded."
    quotes, diags = find_spans(text)
    assert [q.span.of(text) for q in quotes] == ["wait for me here."]
    assert [d.code for d in diags] == ["quotes.unclosed"]


def test_quotes_double_opener_closed_by_single_starts_outer_and_turn() -> None:
    text = ("The record reads:\n\n\"Did you go there?’ – ‘Yes’. ‘Why?’ – ‘To see it.’ "
            "He paused.\n\n‘Then they let him go.’")
    quotes, _ = find_spans(text)
    got = [(q.span.of(text)[:17], q.parent) for q in quotes]
    assert got[0] == ("Did you go there?", None) and quotes[0].span.of(text).endswith("go.")
    assert got[1:] == [("Did you go there?", "q1"), ("Yes", "q1"), ("Why?", "q1"),
                       ("To see it.", "q1")]


def test_quotes_short_unclosed_exclamation_inside_a_long_quote_is_a_turn() -> None:
    text = ("He recalled:\n\n‘We met. ‘Go away’, he said.\n\n‘How could you?!\n\n"
            "‘I thought he would hit him.’")
    texts = [q.span.of(text) for q in find_spans(text)[0]]
    assert "How could you?!" in texts
    assert "I thought he would hit him." not in texts


@pytest.mark.parametrize(("text", "kind"), [
    ("He was not an ‘outsider’ at all.", "scare"),
    ("It is not necessary to put a ‘disconcerting question-mark’ on it.", "scare"),
    ("in the pages of the ‘Times Literary Supplement’ thirty years ago", "title"),
    ("‘Yes’, answered Ivan.", "speech"),
    ("Ivan inquires ‘but where are your people?’ and waits.", "speech"),
])
def test_quotes_kinds(text: str, kind: str) -> None:
    assert [k for k, _ in spans_of(text)] == [kind]


def test_quotes_in_notes_are_titles() -> None:
    text = "Body text.1\n\n1. Ann Smith, ‘A history of bridges’, Oxford, 1990."
    segs = (Segment("body", Span(0, 11)), Segment("notes", Span(13, len(text))))
    assert spans_of(text, segs) == [("title", "A history of bridges")]


def test_quotes_block_after_colon() -> None:
    text = ("He wrote as follows:\n\nWe shall never surrender this line to anyone at all.\n\n"
            "That was all.")
    segs = (Segment("body", Span(0, len(text))),)
    assert spans_of(text, segs) == [
        ("block", "We shall never surrender this line to anyone at all.")]


def test_quotes_stage_declares_and_returns_quote_spans() -> None:
    text = "‘Yes’, answered Ivan."
    out = run_stage(find_quotes, make_analysis(text, segments=(), notes=()))
    assert [q.span.of(text) for q in out.layers["quote_spans"]] == ["Yes"]
    assert find_quotes.version == 1


@pytest.mark.parametrize("seed", range(12))
def test_quotes_mark_soup_never_raises_and_nests(seed: int) -> None:
    rng = random.Random(seed)
    pieces = ["‘", "’", "“", "”", '"', "'", "«", "»", "„", "word ", "a b. ", "\n\n", "x’s ",
              ": ", "? ", "– "]
    text = "".join(rng.choice(pieces) for _ in range(80))
    quotes, _ = find_spans(text)
    for q in quotes:
        assert 0 <= q.span.start <= q.span.end <= len(text)
    spans = [q.span for q in quotes]
    for a in spans:  # well nested: any two spans are disjoint or one holds the other
        for b in spans:
            assert not a.overlaps(b) or a.contains(b) or b.contains(a)
    ids = {q.id for q in quotes}
    assert all(q.parent is None or q.parent in ids for q in quotes)
