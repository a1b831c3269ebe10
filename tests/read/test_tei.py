"""The TEI reader: text of <text>, hints for head/note/q/said/bibl, malformed XML as T105."""

from __future__ import annotations

import pytest

from testimonia.errors import InputError
from testimonia.read import read, read_bytes
from testimonia.read.tei import read_tei

from ..conftest import FIXTURES


def tei(body: str) -> tuple[str, list[tuple[str, str]]]:
    doc = read_tei(f"<TEI><text><body>{body}</body></text></TEI>".encode(), "t.xml", "x")
    return doc.text, [(k, s.of(doc.text)) for k, s in doc.hints]


@pytest.fixture(scope="module")
def article():
    return read(FIXTURES / "reader-article.xml")


def test_tei_fixture_text(article) -> None:
    assert article.text.split("\n\n") == [
        "The Well at Ostrava Lane",
        "The sexton told the inquest that the well was sealed in 1911.1",
        "1. R. Kettle, Parish Minutes, vol. 2, p. 41.",
        "His niece remembered it otherwise: “we drew water there every summer”, she wrote, "
        "and “the lid was never locked”.",
        "The parish ledger is silent on the matter.",
    ]


def test_tei_fixture_meta_and_hints(article) -> None:
    assert article.format == "tei"
    assert article.meta["title"] == "The Well at Ostrava Lane"
    assert article.meta["authors"] == ["Martin Halloway"]
    assert article.meta["language"] == "en"
    assert [(k, s.of(article.text)) for k, s in article.hints] == [
        ("title", "The Well at Ostrava Lane"),
        ("marker", "1"),
        ("note", "1. R. Kettle, Parish Minutes, vol. 2, p. 41."),
        ("bibl", "R. Kettle, Parish Minutes, vol. 2, p. 41."),
        ("quote", "“we drew water there every summer”"),
        ("quote", "“the lid was never locked”"),
    ]
    note = next(s for k, s in article.hints if k == "note")
    assert article.meta["notes"] == [{"n": "1", "span": note.as_list()}]


def test_tei_fixture_offsets_map_back_to_the_source(article) -> None:
    source = (FIXTURES / "reader-article.xml").read_text(encoding="utf-8")
    for word in ("Ostrava", "sexton", "Kettle", "niece", "summer", "locked", "ledger"):
        i = article.text.index(word)
        j = article.origin.to_source(i)
        assert source[j:j + len(word)] == word


@pytest.mark.parametrize("body,expected", [
    ("<p>a<lb/>b</p>", "a\nb"),
    ("<p>the <choice><sic>teh</sic><corr>the</corr></choice> end</p>", "the the end"),
    ("<p>x<fw>RUNNING HEAD</fw> y</p>", "x y"),
    ("<lg><l>one</l><l>two</l></lg>", "one\n\ntwo"),
    ("<p>caf\u00e9 &amp; &#233;</p>", "café & é"),
])
def test_tei_text(body, expected) -> None:
    assert tei(body)[0] == expected


@pytest.mark.parametrize("body,expected", [
    ("<p>He said <q>yes</q>.</p>", "He said “yes”."),
    ("<p>He said <q>“yes”</q>.</p>", "He said “yes”."),
    ("<p><q> a <q>b</q> c </q></p>", "“a ‘b’ c”"),
    ("<p>He said <said direct='false'>that he would</said>.</p>", "He said that he would."),
    ("<p><said>yes</said></p>", "“yes”"),
    ("<p><quote>Words of a book.</quote></p>", "Words of a book."),
])
def test_tei_quotation_marks(body, expected) -> None:
    text, hints = tei(body)
    assert text == expected
    assert [k for k, _ in hints] == ["quote"] * len(hints) and hints


def test_tei_non_ascii_offsets() -> None:
    source = "<TEI><text><body><p>Бухарин said <q>да</q>.</p></body></text></TEI>"
    doc = read_tei(source.encode(), "t.xml", "x")
    i = doc.text.index("да")
    assert source[doc.origin.to_source(i):][:2] == "да"
    assert doc.text == "Бухарин said “да”."


def test_tei_without_text_element_reads_everything() -> None:
    doc = read_tei(b"<doc><p>one</p><p>two</p></doc>", "t.xml", "x")
    assert doc.text == "one\n\ntwo"


@pytest.mark.parametrize("data,detail", [
    (b"<TEI><text><p>open</text></TEI>", "mismatched tag"),
    (b"<TEI>", "no element found"),
    (b"<x>&nbsp;</x>", "undefined entity"),
    (b'<!DOCTYPE x [<!ENTITY a "aa">]><x>&a;&a;</x>', "entity declarations"),
    (b"plain text, not XML", "syntax error"),
])
def test_tei_malformed_is_t105_naming_the_file(data, detail) -> None:
    with pytest.raises(InputError) as e:
        read_bytes(data, "bad.xml")
    assert e.value.code == "T105" and e.value.path == "bad.xml"
    assert detail in str(e.value) and "TEI XML" in str(e.value)
