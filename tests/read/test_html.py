"""The HTML reader: blocks, dropped boilerplate, hints, metadata and the offset map."""

from __future__ import annotations

import pytest

from testimonia.errors import InputError
from testimonia.read import read, read_bytes
from testimonia.read.html import is_boilerplate, read_html

from ..conftest import FIXTURES


def html(body: str) -> str:
    return read_html(body.encode("utf-8"), "t.html", "x").text


def hints_of(body: str) -> list[tuple[str, str]]:
    doc = read_html(body.encode("utf-8"), "t.html", "x")
    return [(k, s.of(doc.text)) for k, s in doc.hints]


@pytest.fixture(scope="module")
def article():
    return read(FIXTURES / "reader-article.html")


def test_html_fixture_keeps_paragraphs_and_headings(article) -> None:
    assert article.text.split("\n\n") == [
        "The Well at Ostrava Lane",
        "by Martin Halloway",
        "The sexton told the inquest that the well was sealed in 1911.1 His niece remembered "
        "it otherwise: “we drew water there every summer”, she wrote.",
        "I carried the bucket myself & my brother watched.",
        "What the records say",
        "The parish ledger is silent on the matter.",
        "1. R. Kettle, Parish Minutes, vol. 2, p. 41.",
    ]


@pytest.mark.parametrize("dropped", [
    "not text", "Home", "Archive", "The Parish Historian", "Click here", "Copyright", "↩",
    "font-family",
])
def test_html_fixture_drops_scripts_navigation_and_boilerplate(article, dropped) -> None:
    assert dropped not in article.text


def test_html_fixture_meta(article) -> None:
    assert article.format == "html"
    assert article.meta["title"] == "The Well at Ostrava Lane"
    assert article.meta["authors"] == ["Martin Halloway"]
    assert article.meta["language"] == "en"


def test_html_fixture_hints(article) -> None:
    got = [(k, s.of(article.text)) for k, s in article.hints]
    assert got == [
        ("title", "The Well at Ostrava Lane"),
        ("quote", "“we drew water there every summer”"),
        ("block", "I carried the bucket myself & my brother watched."),
        ("title", "What the records say"),
        ("note", "1. R. Kettle, Parish Minutes, vol. 2, p. 41."),
    ]


def test_html_fixture_offsets_map_back_to_the_source(article) -> None:
    source = (FIXTURES / "reader-article.html").read_text(encoding="utf-8")
    for word in ("Ostrava", "sexton", "1911", "niece", "bucket", "ledger", "Kettle", "41"):
        i = article.text.index(word)
        j = article.origin.to_source(i)
        assert source[j:j + len(word)] == word


@pytest.mark.parametrize("body,expected", [
    ("<p>a  b\n c</p>", "a b c"),
    ("<p>one<br>two</p>", "one\ntwo"),
    ("<p>one<p>two", "one\n\ntwo"),
    ("<div>one<div>two</div>three</div>", "one\n\ntwo\n\nthree"),
    ("<p>caf&eacute; &amp; &#233;t&#xE9; &bogus; &#0;</p>", "café & été &bogus; \ufffd"),
    ("<pre>a\n  b</pre>", "a\n  b"),
    ("<p>&dd x &amp y &copy;</p>", "&dd x & y ©"),  # no ";": legacy entities only
    ("<ol start='3'><li>x</li><li>y</li></ol>", "3. x\n\n4. y"),
    ("<ul><li>x</li></ul>", "x"),
    ("<p>x<span hidden>secret</span>y</p>", "xy"),
    ("<p>x<span style='display: none'>secret</span>y</p>", "xy"),
    ("<div role='navigation'>menu</div><p>body</p>", "body"),
    ("<p>x</p><p><a href='/'>Back to top</a></p>", "x"),
    ("<p><a href='/'>Home</a> | <a href='/b'>Blog</a></p><p>x</p>", "x"),
    ("<p>Home, he said, was far.</p>", "Home, he said, was far."),
])
def test_html_blocks(body, expected) -> None:
    assert html(body) == expected


@pytest.mark.parametrize("text,link_share,expected", [
    ("Click here to return to the Soviet History index", 1.0, True),
    ("click here to return to the index.", 0.0, True),
    ("Return to the Archive", 1.0, True),
    ("Home | Archive | Contact", 1.0, True),
    ("Home | Archive | Contact", 0.0, False),
    ("He said he would return to the village.", 0.0, False),
    ("Copyright © 2024 The Parish Historian. All rights reserved.", 0.0, True),
    ("© 1999 A. Roe", 0.0, True),
    ("Copyright law changed in 1925.", 0.0, False),
])
def test_html_is_boilerplate(text, link_share, expected) -> None:
    assert is_boilerplate(text, link_share) is expected


@pytest.mark.parametrize("body,expected", [
    ("<h2>A</h2><p>b</p>", [("title", "A")]),
    ("<blockquote>one<p>two</p></blockquote><p>three</p>", [("block", "one\n\ntwo")]),
    ("<p>said <q> yes </q>.</p>", [("quote", "“yes”")]),
    ("<p><q>a <q>b</q> c</q></p>", [("quote", "“a ‘b’ c”"), ("quote", "‘b’")]),
    ("<p>x</p><aside>a note</aside>", [("note", "a note")]),
    ("<p>x</p><div id='fn3'>3. a note</div>", [("note", "3. a note")]),
    ("<p>x</p><div class='footnotes'><p>1 one</p><p>2 two</p></div>",
     [("note", "1 one"), ("note", "2 two")]),
    ("<p>x</p><div class='back'><div class='footnotes'><p>1 one</p></div></div>",
     [("note", "1 one")]),
    ("<p><b></b>x</p>", []),
])
def test_html_hints(body, expected) -> None:
    assert hints_of(body) == expected


def test_html_title_falls_back_to_first_heading() -> None:
    doc = read_html(b"<h1>Heading</h1><p>x</p>", "t.html", "x")
    assert doc.meta["title"] == "Heading"


def test_html_declared_charset_is_used_when_not_utf8() -> None:
    data = '<meta charset="windows-1251"><p>Бухарин</p>'.encode("cp1251")
    assert read_html(data, "t.html", "x").text == "Бухарин"


@pytest.mark.parametrize("data,code", [
    (b"", "T102"),
    (b"<html><script>only</script></html>", "T107"),
    (b"\x00\x01\x02" * 100, "T103"),
])
def test_html_bad_input_is_an_input_error(data, code) -> None:
    with pytest.raises(InputError) as e:
        read_bytes(data, "bad.html")
    assert e.value.code == code and e.value.path == "bad.html"
