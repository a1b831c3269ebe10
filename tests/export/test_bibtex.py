"""BibTeX and CSL-JSON exports of a document's references (issue 3)."""

from __future__ import annotations

import re

import pytest

from testimonia.export.bibtex import escape, to_bibtex
from testimonia.export.csl import to_csl_json
from testimonia.model import Note, Source, Span
from testimonia.testing import make_analysis

BOOK = {"type": "book", "author": [{"family": "Abelard", "given": "Ruth"}],
        "translator": [{"family": "Brandt", "given": "Tom"}], "title": "Bridges & Piers: 100% Stone",
        "publisher": "Pontifex Press", "publisher-place": "Leeds", "issued": "1990-05", "locator": "12",
        "language": "fr"}
ARTICLE = {"type": "article-journal", "author": [{"family": "Cole", "given": "Ann"}],
           "title": "Iron_Works", "container-title": "Engineering Review", "volume": "4", "issue": "2",
           "issued": "1901", "page": "33–40"}


def analysis():  # noqa: ANN201
    notes = (
        Note(1, Span(0, 1), "1", reference=BOOK, id="n1"),
        Note(2, Span(1, 2), "2", reference={**BOOK, "locator": "14"}, same_as=1, id="n2"),
        Note(3, Span(2, 3), "3", reference=ARTICLE, references=(ARTICLE, {**BOOK, "locator": "3"}), id="n3"),
        Note(4, Span(3, 4), "4", reference=None, id="n4"),
    )
    src = Source("s1", Span(4, 5), {"type": "book", "title": "Memoir", "author": [{"literal": "Anon"}]})
    return make_analysis("abcdef", notes=notes, sources=(src,))


def test_csl_lists_each_work_once_without_cite_fields() -> None:
    items = to_csl_json(analysis())
    assert [i["id"] for i in items] == ["n1", "n3-1", "s1"]  # ibid. and the repeat in n3 left out
    assert all("locator" not in i and "same_as" not in i for i in items)
    assert items[0]["title"] == BOOK["title"] and items[0]["translator"] == BOOK["translator"]
    assert items[0]["issued"] == {"date-parts": [[1990, 5]]}


def test_csl_empty_analysis() -> None:
    assert to_csl_json(make_analysis("x")) == []


def test_bibtex_entries_types_and_fields() -> None:
    out = to_bibtex(analysis())
    entries = re.findall(r"^@(\w+)\{([^,]+),", out, re.M)
    assert entries == [("book", "abelard1990a"), ("article", "cole1901a"), ("book", "anona")]
    assert "author = {Abelard, Ruth}," in out and "translator = {Brandt, Tom}," in out
    assert "title = {Bridges \\& Piers: 100\\% Stone}," in out
    assert "title = {Iron\\_Works}," in out and "journal = {Engineering Review}," in out
    assert "pages = {33--40}," in out and "number = {2}," in out and "month = {may}," in out
    assert "address = {Leeds}," in out and "origlanguage = {fr}," in out
    assert "author = {{Anon}}," in out


def test_bibtex_braces_balance() -> None:
    out = to_bibtex(analysis())
    assert out.count("{") - out.count("\\{") == out.count("}") - out.count("\\}")


@pytest.mark.parametrize("raw, want", [("a&b", "a\\&b"), ("{x}", "\\{x\\}"), ("~", "\\textasciitilde{}"),
                                       ("plain", "plain")])
def test_bibtex_escape(raw: str, want: str) -> None:
    assert escape(raw) == want


def test_bibtex_duplicate_keys_get_suffixes() -> None:
    a = dict(BOOK, title="Other")
    notes = (Note(1, Span(0, 1), "1", reference=BOOK, id="n1"), Note(2, Span(1, 2), "2", reference=a, id="n2"))
    out = to_bibtex(make_analysis("ab", notes=notes))
    assert re.findall(r"^@\w+\{([^,]+),", out, re.M) == ["abelard1990a", "abelard1990b"]
