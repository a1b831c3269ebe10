"""The web reader's pages: status codes, escaping, links from every number to its spans."""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser

import pytest

from testimonia.errors import StoreError
from testimonia.export.evidence import to_evidence
from testimonia.web.app import create_app, snippet_parts
from testimonia.web.page import span_key


class _Tree(HTMLParser):
    """Collect elements (tag, attrs) and check that every end tag closes the open one."""

    VOID = {"meta", "link", "input", "br", "hr", "img"}

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.quotes: list[str] = []  # data-q of the open elements
        self.inside: dict[str, set[str]] = {}  # quote id -> the quotes around it
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.errors: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        self.elements.append((tag, a))
        if "data-q" in a:
            self.inside.setdefault(a["data-q"], set()).update(self.quotes)
        if tag not in self.VOID:
            self.stack.append(tag)
            self.quotes.append(a.get("data-q", ""))

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:]}")
        else:
            self.stack.pop()
            self.quotes.pop()


def _parse(html: str) -> _Tree:
    tree = _Tree()
    tree.feed(html)
    return tree


def _doc_url(analysis) -> str:
    return f"/doc/{analysis.document.doc_id}"


def test_app_index_lists_documents_with_counts_and_verdict(client, analysis) -> None:
    r = client.get("/")
    assert r.status_code == 200
    assert _doc_url(analysis) in r.text
    assert "Admiralty 4 (doubtful)" in r.text and "the granary burned at night" in r.text
    assert f'href="{_doc_url(analysis)}#all-quotes" title="Highlight every quote">3<' in r.text


@pytest.mark.parametrize("url", ["/", "/search?q=granary", "/doc/{id}", "/nope", "/doc/abc"])
def test_app_pages_escape_the_document_text(client, analysis, url) -> None:
    r = client.get(url.format(id=analysis.document.doc_id))
    assert "<script>alert" not in r.text
    assert "<blink>" not in r.text


def test_app_document_shows_script_as_text(client, analysis) -> None:
    r = client.get(_doc_url(analysis))
    assert r.status_code == 200
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in r.text
    assert "script-src 'self'" in r.headers["content-security-policy"]


def test_app_document_html_is_well_nested(client, analysis) -> None:
    tree = _parse(client.get(_doc_url(analysis)).text)
    assert tree.errors == [] and tree.stack == []


def test_app_document_page_holds_the_whole_text(client, analysis) -> None:
    html = client.get(_doc_url(analysis)).text
    body = re.search(r'<article class="text" id="text">(.*)</article>', html, re.S).group(1)
    assert unescape(re.sub(r"<[^>]+>", "", body)) == analysis.document.text


def test_app_mentions_carry_their_person(client, analysis) -> None:
    elements = _parse(client.get(_doc_url(analysis)).text).elements
    by_person = {}
    for _, a in elements:
        if "data-p" in a:
            by_person.setdefault(a["data-p"], []).append(a["data-k"])
    assert by_person == {e.id: [span_key(s) for s in e.mentions]
                         for e in analysis.layer("people")}


def test_app_document_nests_the_inner_quote_in_the_outer(client, analysis) -> None:
    html = client.get(_doc_url(analysis)).text
    tree = _parse(html)
    assert tree.inside["q2"] - {""} == {"q1"}
    assert tree.inside["q1"] - {""} == set() == tree.inside["q3"] - {""}
    titles = re.findall(r'title="(q2:[^"]*)"', html)
    assert titles == ["q2: Boris → Anna Petrova · speech, direct · speaker rule: embedded"]


def test_app_quotes_of_one_speaker_share_a_colour(client, analysis) -> None:
    elements = _parse(client.get(_doc_url(analysis)).text).elements
    colour = {a["data-q"]: [c for c in a["class"].split() if c.startswith("sp")]
              for _, a in elements if "data-q" in a}
    assert colour["q2"] == colour["q3"] != colour["q1"]


def test_app_every_factor_span_has_a_link_and_a_target(client, analysis) -> None:
    elements = _parse(client.get(_doc_url(analysis)).text).elements
    links = {a["data-spans"] for _, a in elements if "data-spans" in a}
    keys = {a["data-k"] for _, a in elements if "data-k" in a}
    ids = {a["id"] for _, a in elements if "id" in a}
    for f in analysis.layer("assessments")[0].factors:
        if f.spans:
            want = " ".join(span_key(s) for s in f.spans)
            assert want in links
            assert {span_key(s) for s in f.spans} <= keys
            assert span_key(f.spans[0]) in ids  # the href works without the script


def test_app_every_panel_link_points_at_an_element(client, analysis) -> None:
    elements = _parse(client.get(_doc_url(analysis)).text).elements
    keys = {a["data-k"] for _, a in elements if "data-k" in a}
    ids = {a["id"] for _, a in elements if "id" in a}
    links = [a for t, a in elements if t == "a" and "data-spans" in a]
    assert len(links) >= 10
    for a in links:
        assert set(a["data-spans"].split()) <= keys
        assert a["href"][1:] in ids


def test_app_note_marker_links_to_its_note(client, analysis) -> None:
    elements = _parse(client.get(_doc_url(analysis)).text).elements
    note = analysis.layer("notes")[0]
    markers = [a for t, a in elements if t == "a" and "nm" in a.get("class", "").split()]
    assert [m["href"] for m in markers] == ["#" + span_key(note.span)]
    assert any(a.get("id") == span_key(note.span) for _, a in elements)


def test_app_people_panel_counts_link_to_mentions(client, analysis) -> None:
    html = client.get(_doc_url(analysis)).text
    anna = analysis.layer("people")[0]
    keys = " ".join(span_key(s) for s in anna.mentions)
    assert f'data-spans="{keys}">2</a> mentions' in html
    assert 'data-person="p1"' in html


def test_app_segments_are_blocks_of_their_kind(client, analysis) -> None:
    elements = _parse(client.get(_doc_url(analysis)).text).elements
    kinds = [a["data-kind"] for _, a in elements if "data-kind" in a]
    assert kinds == ["title", "body", "notes"]


def test_app_evidence_json_is_the_export(client, analysis) -> None:
    r = client.get(_doc_url(analysis) + "/evidence.json")
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/json")
    assert r.json() == to_evidence(analysis)


@pytest.mark.parametrize("url", ["/doc/0000", "/doc/0000/evidence.json", "/no/such/page"])
def test_app_unknown_is_a_404_page(client, url) -> None:
    r = client.get(url)
    assert r.status_code == 404
    assert r.headers["content-type"].startswith("text/html")
    assert "Not found" in r.text and "Traceback" not in r.text


@pytest.mark.parametrize("q", ['"granary', "AND", "granary)", "x" * 501, "NEAR(("])
def test_app_bad_query_is_a_400_page(client, q) -> None:
    r = client.get("/search", params={"q": q})
    assert r.status_code == 400
    assert "Bad request" in r.text and "Traceback" not in r.text


def test_app_search_finds_text_and_quotes_with_snippets(client, analysis) -> None:
    r = client.get("/search", params={"q": "granary"})
    assert r.status_code == 200
    assert "<mark>granary</mark>" in r.text or "<mark>Granary</mark>" in r.text
    assert f'{_doc_url(analysis)}#quote-q2' in r.text
    assert "The Granary &lt;script&gt;alert(1)&lt;/script&gt; Affair</a>" in r.text  # the title


def test_app_empty_search_shows_the_form(client) -> None:
    r = client.get("/search")
    assert r.status_code == 200 and 'name="q"' in r.text


def test_app_missing_store_is_refused(tmp_path) -> None:
    with pytest.raises(StoreError) as e:
        create_app(str(tmp_path / "missing.db"))
    assert e.value.code == "T300"
    assert not (tmp_path / "missing.db").exists()


def test_app_static_files_are_served(client) -> None:
    assert client.get("/static/style.css").status_code == 200
    assert client.get("/static/reader.js").status_code == 200


@pytest.mark.parametrize(("snippet", "parts"), [
    ("plain", [("plain", False)]),
    ("a [b] c", [("a ", False), ("b", True), (" c", False)]),
    ("[x]…", [("x", True), ("…", False)]),
    ("open [only", [("open [only", False)]),
])
def test_app_snippet_parts(snippet, parts) -> None:
    assert snippet_parts(snippet) == parts


def test_app_internal_error_is_a_plain_500_page(db_path, monkeypatch) -> None:
    from fastapi.testclient import TestClient

    import testimonia.web.app as web_app

    def broken(analysis):
        raise RuntimeError("boom <script>")

    monkeypatch.setattr(web_app, "document_view", broken)
    with TestClient(create_app(db_path), raise_server_exceptions=False) as c:
        analysis_id = c.get("/").text.split('href="/doc/', 1)[1].split('"', 1)[0]
        r = c.get(f"/doc/{analysis_id}")
    assert r.status_code == 500
    assert "Something went wrong" in r.text
    assert "Traceback" not in r.text and "boom" not in r.text


def test_app_empty_store_says_so(tmp_path) -> None:
    from fastapi.testclient import TestClient

    from testimonia.store.sqlite import SQLiteStore

    SQLiteStore(tmp_path / "empty.db").close()
    with TestClient(create_app(str(tmp_path / "empty.db"))) as c:
        r = c.get("/")
    assert r.status_code == 200 and "holds no documents" in r.text
