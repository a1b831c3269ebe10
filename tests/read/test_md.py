"""The Markdown reader: markup stripped, footnotes as numbered notes, offsets mapped."""

from __future__ import annotations

import pytest

from testimonia.read import read
from testimonia.read.md import read_md

from ..conftest import FIXTURES


def md(source: str) -> str:
    return read_md(source.encode("utf-8"), "t.md", "x").text


def hints_of(source: str) -> list[tuple[str, str]]:
    doc = read_md(source.encode("utf-8"), "t.md", "x")
    return [(k, s.of(doc.text)) for k, s in doc.hints]


@pytest.fixture(scope="module")
def article():
    return read(FIXTURES / "reader-article.md")


def test_md_fixture_text(article) -> None:
    assert article.text.split("\n\n") == [
        "The Well at Ostrava Lane",
        "by Martin Halloway",
        "The sexton told the inquest that the well was sealed in 1911.1\n"
        "His niece remembered it otherwise, as her letter shows.",
        "We drew water there every summer;\nI carried the bucket myself.",
        "What the records say",
        "The parish ledger is silent on the matter [sic].",
        "1. R. Kettle, Parish Minutes, vol. 2, p. 41.",
    ]


def test_md_fixture_meta_and_hints(article) -> None:
    assert article.meta["title"] == "The Well at Ostrava Lane"
    assert article.meta["authors"] == ["Martin Halloway"]
    assert [(k, s.of(article.text)) for k, s in article.hints] == [
        ("title", "The Well at Ostrava Lane"),
        ("block", "We drew water there every summer;\nI carried the bucket myself."),
        ("title", "What the records say"),
        ("note", "1. R. Kettle, Parish Minutes, vol. 2, p. 41."),
    ]


def test_md_fixture_offsets_map_back_to_the_source(article) -> None:
    source = (FIXTURES / "reader-article.md").read_text(encoding="utf-8")
    for word in ("Ostrava", "sexton", "sealed", "letter", "bucket", "myself", "[sic]", "Kettle"):
        i = article.text.index(word)
        j = article.origin.to_source(i)
        assert source[j:j + len(word)] == word


@pytest.mark.parametrize("source,expected", [
    ("Setext\n======\n\ntext", "Setext\n\ntext"),
    ("a **b** *c* _d_ __e__ ~~f~~", "a b c d e f"),
    ("snake_case_name stays", "snake_case_name stays"),
    ("an *unclosed star", "an *unclosed star"),
    ("`code *x*` and \\*esc\\*", "code *x* and *esc*"),
    ("[text](http://a.b/c_(d)) and [ref][r] and [sic]", "text and ref and [sic]"),
    ("![alt text](i.png) <https://x.org> <b>bold</b><!-- c -->", "alt text https://x.org bold"),
    ("* one\n* two\n\n1. three", "one\n\ntwo\n\n1. three"),
    ("a\n\n---\n\nb", "a\n\nb"),
    ("a  \nb\\\nc", "a\nb\nc"),
    ("```\n*kept*\n```", "*kept*"),
    ("[r]: http://x\ntext", "text"),
    ("x[^n]\n\n[^n]: first\n\n    more", "x1\n\n1. first\n\nmore"),
    ("a\r\nb\rc", "a\nb\nc"),
    ("He read _The\nTimes_ daily.", "He read The\nTimes daily."),
    ("[Footnote 1: See _Roe_, p. 3.]", "[Footnote 1: See Roe, p. 3.]"),
    ("a * b * c and 4*5", "a * b * c and 4*5"),
])
def test_md_strip(source, expected) -> None:
    assert md(source) == expected


@pytest.mark.parametrize("source,expected", [
    ("## Two ##\ntext", [("title", "Two")]),
    ("> a\n>\n> b\n\nc", [("block", "a\n\nb")]),
    ("> a\nlazy\n\nc", [("block", "a\nlazy")]),
    ("x[^b] y[^a]\n\n[^a]: A\n[^b]: B", [("note", "2. A"), ("note", "1. B")]),
])
def test_md_hints(source, expected) -> None:
    assert hints_of(source) == expected


def test_md_footnote_numbers_kept_when_numeric() -> None:
    assert md("x[^7]\n\n[^7]: seven") == "x7\n\n7. seven"
