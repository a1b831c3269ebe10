"""Property tests for every reader: any bytes → a Document or an InputError, nothing else.

For documents that parse, spans lie inside the text, the offset map never runs
backwards, and (for generated markup whose text is plain letters) every letter of
the text maps back to the same letter in the source.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from testimonia.errors import InputError
from testimonia.model import Document
from testimonia.read import read_bytes
from testimonia.read.blocks import monotonic
from testimonia.read.encoding import decode

FORMATS = ["txt", "md", "html", "tei"]
FAST = settings(max_examples=150, deadline=None,
                suppress_health_check=[HealthCheck.too_slow])

WORD = st.text(alphabet="abcdefghijXYZ", min_size=1, max_size=6)
SPACE = st.sampled_from([" ", "\n", "\r\n", "  ", "\t"])


def check_document(doc: Document, source_len: int) -> None:
    text = doc.text
    for _, span in doc.hints:
        assert 0 <= span.start < span.end <= len(text)
    points = doc.origin.points
    for (t1, s1), (t2, s2) in zip(points, points[1:], strict=False):
        assert t1 < t2 and s1 <= s2
    mapped = [doc.origin.to_source(i) for i in range(len(text) + 1)]
    assert mapped == sorted(mapped)
    assert all(0 <= m <= source_len + len(text) for m in mapped)


def read_or_error(data: bytes, fmt: str) -> Document | None:
    try:
        doc = read_bytes(data, f"prop.{fmt}", fmt)
    except InputError as e:
        assert e.code in ("T102", "T103", "T104", "T105", "T107")
        assert e.path == f"prop.{fmt}"
        return None
    assert isinstance(doc, Document) and doc.text.strip()
    return doc


@pytest.mark.parametrize("fmt", FORMATS)
@FAST
@given(data=st.binary(max_size=400))
def test_properties_any_bytes_give_a_document_or_an_input_error(fmt, data) -> None:
    doc = read_or_error(data, fmt)
    if doc is not None:
        check_document(doc, len(data))


HTML_TAGS = ["p", "div", "h1", "h3", "blockquote", "q", "em", "a", "li", "ol", "ul", "span",
             "script", "nav", "header", "footer", "article", "sup", "pre", "aside"]
HTML_PIECE = st.one_of(
    WORD, SPACE,
    st.sampled_from(HTML_TAGS).map(lambda t: f"<{t}>"),
    st.sampled_from(HTML_TAGS).map(lambda t: f"</{t}>"),
    st.sampled_from(["<br>", "<hr/>", "&amp;", "&nbsp;", "&#233;", "&bogus;", "<!-- c -->",
                     "<p class='footnotes'>", "<div id='fn2'>", "<", ">", "&"]),
)
MD_PIECE = st.one_of(
    WORD, SPACE,
    st.sampled_from(["# ", "## ", "> ", "* ", "- ", "1. ", "**", "*", "_", "`", "~~", "[",
                     "]", "(", ")", "![", "[^1]", "[^1]: ", "\n\n", "\n---\n", "\n```\n",
                     "\\", "<b>", "</b>", "<", ">", "[x](u)", "\n===\n"]),
)


@pytest.mark.parametrize("fmt,pieces", [("html", HTML_PIECE), ("md", MD_PIECE)])
@FAST
@given(data=st.data())
def test_properties_markup_soup_maps_every_letter_back(fmt, pieces, data) -> None:
    source = "".join(data.draw(st.lists(pieces, max_size=40)))
    doc = read_or_error(source.encode("utf-8"), fmt)
    if doc is None:
        return
    check_document(doc, len(source))
    for i, c in enumerate(doc.text):
        if c.isalpha() and c != "é":  # é comes from &#233;
            assert source[doc.origin.to_source(i)] == c


def xml_tree(depth: int) -> st.SearchStrategy[str]:
    tags = st.sampled_from(["p", "head", "note", "q", "said", "bibl", "hi", "div", "l",
                            "choice", "corr", "sic", "fw", "quote"])
    leaf = st.one_of(WORD, SPACE, st.just("<lb/>"), st.just("&amp;"))
    if depth == 0:
        return leaf
    child = xml_tree(depth - 1)
    element = st.tuples(tags, st.lists(child, max_size=4), st.booleans()).map(
        lambda x: "<" + x[0] + (' n="2"' if x[2] else "") + ">" + "".join(x[1]) + f"</{x[0]}>")
    return st.one_of(leaf, element)


@FAST
@given(body=st.lists(xml_tree(3), max_size=6))
def test_properties_tei_tree_maps_every_letter_back(body) -> None:
    source = "<TEI><teiHeader>h</teiHeader><text><body>" + "".join(body) + "</body></text></TEI>"
    doc = read_or_error(source.encode("utf-8"), "tei")
    if doc is None:
        return
    check_document(doc, len(source))
    for i, c in enumerate(doc.text):
        if c.isalpha():
            assert source[doc.origin.to_source(i)] == c


@FAST
@given(data=st.binary(max_size=300))
def test_properties_decode_is_total(data) -> None:
    try:
        text, enc = decode(data, "x")
    except InputError:
        return
    assert isinstance(text, str) and enc


@FAST
@given(st.lists(st.tuples(st.integers(0, 50), st.integers(0, 50)), max_size=30))
def test_properties_monotonic_cleans_any_points(points) -> None:
    points = sorted(points, key=lambda p: p[0])
    out = monotonic(points)
    for (t1, s1), (t2, s2) in zip(out, out[1:], strict=False):
        assert t1 < t2 and s1 <= s2 and s1 + (t2 - t1) - 1 <= s2


@pytest.mark.parametrize("fmt,pieces", [("html", HTML_PIECE), ("md", MD_PIECE)])
@FAST
@given(data=st.data())
def test_properties_hints_are_trimmed(fmt, pieces, data) -> None:
    source = "".join(data.draw(st.lists(pieces, max_size=40)))
    doc = read_or_error(source.encode("utf-8"), fmt)
    if doc is None:
        return
    for _, span in doc.hints:
        chunk = span.of(doc.text)
        assert chunk == chunk.strip() and chunk
