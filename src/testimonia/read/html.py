"""HTML reader: paragraphs and headings as blank-line-separated blocks, mapped back to source.

What it keeps: the text of block elements (``<p>``, ``<h1>``–``<h6>``, ``<li>``,
``<blockquote>``, table cells, ...), one block each, separated by a blank line;
whitespace inside a block is collapsed as a browser would, ``<br>`` is a newline,
items of an ``<ol>`` get their number ("1. ") as a browser shows it.

What it drops: ``<script>``, ``<style>``, ``<nav>``, ``<head>`` (except ``<title>``),
``<header>``/``<footer>`` outside ``<article>``/``<main>`` (a page banner, not the
article's own header with its title and byline), elements marked as navigation
(``role``, ``hidden``, class/id words such as ``nav``, ``menu``, ``breadcrumb``),
footnote back-links, and boilerplate blocks such as "Click here to return to the …
index" or link-only navigation rows ("Home | Archive | Contact").

``<q>`` gets the quotation marks a browser shows (“…”, nested ‘…’), inserted into the
text and mapped to the tags.

Hints (``Document.hints``): ``title`` for headings, ``block`` for ``<blockquote>``,
``quote`` for ``<q>`` (marks included), ``note`` for each footnote (an element whose
class, id or role says footnote/endnote, ``<aside>``, or an item of a notes list).

``Document.origin`` maps text offsets to character offsets in the decoded source
(after the BOM), so every span can be traced back to the markup.

Example::

    >>> doc = read_html(b"<h1>Fire</h1><p>He said&nbsp;so.</p>", "a.html", "x")
    >>> doc.text
    'Fire\\n\\nHe said so.'
    >>> doc.hints[0][0]
    'title'
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from html.entities import html5
from html.parser import HTMLParser

from ..errors import InputError
from ..model import Document
from .blocks import Blocks
from .encoding import decode

# ------------------------------------------------------------------------- HTML

_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
         "param", "source", "track", "wbr", "keygen", "frame"}
_BLOCK = {"address", "article", "aside", "blockquote", "body", "caption", "center", "dd",
          "details", "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure",
          "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr",
          "html", "legend", "li", "main", "menu", "nav", "ol", "p", "pre", "section",
          "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul"}
_SKIP = {"script", "style", "noscript", "template", "nav", "iframe", "svg", "math",
         "object", "select", "button", "textarea", "canvas", "video", "audio", "map"}
_SKIP_ROLES = {"navigation", "banner", "contentinfo", "search", "menu", "menubar",
               "doc-backlink"}
_NAV_WORDS = {"nav", "navbar", "navigation", "menu", "breadcrumb", "breadcrumbs", "sidebar",
              "skip", "share", "sharing", "social", "cookie", "cookies", "backref",
              "backlink", "footnote-back", "footnote-backref", "reversefootnote",
              "pagination", "masthead"}
_NOTE_WORDS = {"footnote", "endnote", "note", "fn", "sidenote", "doc-footnote",
               "doc-endnote", "doc-biblioentry"}
_NOTES_WORDS = {"footnotes", "endnotes", "notes", "doc-endnotes", "doc-footnotes"}
_NOTE_ID = re.compile(r"^(?:fn|footnote|endnote|note|ftn|edn)[-_:]?\d+$", re.I)
_AUTHOR_META = {"author", "dc.creator", "citation_author", "dcterms.creator",
                "article:author", "book:author"}

_BOILERPLATE = re.compile(
    r"(?:click here to )?(?:return|go|back) (?:back )?to (?:the )?"
    r"(?:.{0,80}\b(?:index|contents|archive|top|home ?page|main page|home))\.?"
    r"|click here to return to .{0,120}"
    r"|skip to (?:main )?content|print (?:this )?(?:page|article)"
    r"|share (?:this|on) .{0,40}|all rights reserved\.?"
    r"|(?:copyright\s*)?(?:©|\(c\)|copyright)\s*\d{4}.{0,80}"
    r"|this page was last (?:updated|modified) .{0,60}",
    re.I)
_SEPARATORS = re.compile(r"[|»·•/]")


def is_boilerplate(text: str, link_share: float = 0.0) -> bool:
    """Return True for a navigation or boilerplate block ("Click here to return to ...").

    A block is boilerplate when it matches a known phrase outright, or when it is
    short, almost all link text, and reads like a menu row (separators between links).
    """
    flat = " ".join(text.split())
    if len(flat) <= 200 and _BOILERPLATE.fullmatch(flat):
        return True
    return link_share >= 0.9 and len(flat) <= 200 and bool(_SEPARATORS.search(flat))


def _tokens(value: str | None) -> set[str]:
    """Whole class/id/role tokens, lower-cased."""
    return {w.lower() for w in (value or "").split()}


def _parts(value: str | None) -> set[str]:
    """Tokens and their hyphen/underscore parts ("site-nav" → site-nav, site, nav)."""
    toks = _tokens(value)
    return toks | {p for t in toks for p in re.split(r"[-_]+", t) if p}


@dataclass
class _Open:
    tag: str
    skip: bool = False
    hint: int = -1
    notes: bool = False  # a container of notes
    link: bool = False
    ol: list[int] | None = None  # next item number, for <ol>


class _Parser(HTMLParser):
    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=False)
        self.source = source
        self.lines = [0] + [m.end() for m in re.finditer("\n", source)]
        self.out = Blocks(keep=lambda t, share: not is_boilerplate(t, share))
        self.stack: list[_Open] = []
        self.skip = 0
        self.in_head = False
        self.title: list[str] | None = None
        self.meta: dict[str, object] = {}
        self.authors: list[str] = []
        self.pre = 0

    # -- helpers -----------------------------------------------------------------

    def _src(self) -> int:
        line, col = self.getpos()
        return self.lines[min(line, len(self.lines)) - 1] + col

    def _inside(self, *tags: str) -> bool:
        return any(o.tag in tags for o in self.stack)

    def _in_note(self) -> bool:
        return any(o.hint >= 0 and self.out._hints[o.hint][0] == "note" for o in self.stack)

    def _skips(self, tag: str, attrs: dict[str, str | None]) -> bool:
        if tag in _SKIP or self.in_head:
            return True
        if tag in ("header", "footer") and not self._inside("article", "main"):
            return True
        if "hidden" in attrs or (attrs.get("aria-hidden") or "").lower() == "true":
            return True
        if (attrs.get("role") or "").lower() in _SKIP_ROLES:
            return True
        words = _parts(attrs.get("class")) | _parts(attrs.get("id"))
        if tag not in ("body", "html", "main", "article") and words & _NAV_WORDS:
            return True
        style = (attrs.get("style") or "").replace(" ", "").lower()
        return "display:none" in style

    def _note_kind(self, tag: str, attrs: dict[str, str | None]) -> str:
        words = (_tokens(attrs.get("class")) | _tokens(attrs.get("role"))
                 | _tokens(attrs.get("epub:type")))
        if words & _NOTES_WORDS:
            return "notes"
        if tag == "aside" or words & _NOTE_WORDS or _NOTE_ID.match(attrs.get("id") or ""):
            return "note"
        if tag in ("li", "p", "dd") and any(o.notes for o in self.stack):
            return "note"
        return ""

    # -- events ------------------------------------------------------------------

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k.lower(): v for k, v in attrs}
        if tag == "head":
            self.in_head = True
        elif tag == "body":
            self.in_head = False
        elif tag == "html" and a.get("lang"):
            self.meta["language"] = (a["lang"] or "").split("-")[0].lower()
        if tag == "meta":
            self._meta(a)
        if tag == "title" and self.title is None:
            self.title = []
        if tag in _VOID:
            if not self.skip and not self.in_head:
                if tag == "br":
                    self.out.newline(self._src())
                elif tag == "hr":
                    self.out.brk()
            return
        if tag in _BLOCK and tag != "html":
            self.in_head = False
            self.out.brk()
        o = _Open(tag)
        if self.skip or (tag != "title" and self._skips(tag, a)):
            o.skip = tag != "title"
        if o.skip:
            self.skip += 1
            self.stack.append(o)
            return
        if tag == "ol":
            try:
                o.ol = [int(a.get("start") or 1)]
            except ValueError:
                o.ol = [1]
        elif tag == "pre":
            self.pre += 1
        elif tag == "a":
            o.link = True
            self.out.in_link += 1
        kind = self._note_kind(tag, a)
        if kind == "notes":
            o.notes = True
        elif kind == "note" and not self._in_note():
            o.hint = self.out.open("note", a.get("id"))
        elif re.fullmatch(r"h[1-6]", tag):
            o.hint = self.out.open("title", int(tag[1]))
        elif tag == "blockquote":
            o.hint = self.out.open("block")
        elif tag == "q":
            # A browser shows <q> with quotation marks (HTML spec, 4.5.7); put them in
            # the text so the quotes stage sees what a reader sees: “…”, ‘…’ nested.
            o.hint = self.out.open("quote")
            nested = sum(1 for x in self.stack if x.tag == "q" and not x.skip) % 2
            self.out.opening("‘" if nested else "“", self._src())
        if tag == "li":
            ol = next((x.ol for x in reversed(self.stack) if x.tag in ("ol", "ul")), None)
            if ol is not None:
                self.out.label(f"{ol[0]}. ", self._src())
                ol[0] += 1
        self.stack.append(o)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "head":
            self.in_head = False
        if tag == "title" and self.title is not None and "title" not in self.meta:
            self.meta["title"] = " ".join("".join(self.title).split())
        if not any(o.tag == tag for o in self.stack):
            if tag in ("p", "br") and not self.skip:  # </p> alone makes an empty paragraph
                self.out.brk()
            return
        while self.stack:
            o = self.stack.pop()
            self._close(o)
            if o.tag == tag:
                break
        if tag in _BLOCK and not self.skip:
            self.out.brk()

    def _close(self, o: _Open) -> None:
        if o.skip:
            self.skip -= 1
        if o.tag == "q" and not o.skip:
            nested = sum(1 for x in self.stack if x.tag == "q" and not x.skip) % 2
            self.out.insert("’" if nested else "”", self._src(), glue=True)
        if o.hint >= 0:
            self.out.close(o.hint)
        if o.link:
            self.out.in_link -= 1
        if o.tag == "pre":
            self.pre -= 1

    def handle_data(self, data: str) -> None:
        if self.title is not None and "title" not in self.meta and self._inside("title"):
            self.title.append(data)
            return
        if self.skip or self.in_head:
            return
        src = self._src()
        if not self.pre:
            self.out.text(data, src)
            return
        for m in re.finditer(r"[^\r\n]+|\r\n|\r|\n", data):
            if m.group()[0] in "\r\n":
                self.out.newline(src + m.start())
            else:
                self.out.insert(m.group(), src + m.start())

    def _ref(self, value: str) -> None:
        if self.title is not None and "title" not in self.meta and self._inside("title"):
            self.title.append(value)
        elif not (self.skip or self.in_head):
            if self.pre:
                self.out.insert(value, self._src())
            else:
                self.out.text(value, self._src())

    def handle_entityref(self, name: str) -> None:
        end = self._src() + 1 + len(name)
        closed = self.source[end:end + 1] == ";"
        # Without its ";" only a legacy entity (&amp, &copy ...) is decoded, as browsers do.
        value = html5.get(name + ";") if closed else html5.get(name)
        if value is None:  # not an entity: keep it as written
            value = "&" + name + (";" if closed else "")
        self._ref(value)

    def handle_charref(self, name: str) -> None:
        try:
            cp = int(name[1:], 16) if name[:1] in "xX" else int(name)
            value = chr(cp) if 0 < cp < 0x110000 and not 0xD800 <= cp < 0xE000 else "\ufffd"
        except (ValueError, OverflowError):
            value = "\ufffd"
        self._ref(value)

    def _meta(self, a: dict[str, str | None]) -> None:
        name = (a.get("name") or a.get("property") or "").lower()
        content = " ".join((a.get("content") or "").split())
        if not content:
            return
        if name in _AUTHOR_META and content not in self.authors:
            self.authors.append(content)
        elif name in ("dc.title", "citation_title", "og:title"):
            self.meta.setdefault("meta_title", content)
        elif name in ("description", "dc.description"):
            self.meta.setdefault("description", content)
        elif name in ("dc.language", "language") and "language" not in self.meta:
            self.meta["language"] = content.split("-")[0].lower()


_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.I)


def _decode_html(data: bytes, path: str) -> tuple[str, str]:
    """Decode, trusting a declared ``<meta charset>`` when the bytes are not UTF-8."""
    m = _CHARSET.search(data[:4096])
    if m and not data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        declared = m.group(1).decode("ascii").lower()
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            try:
                codecs.lookup(declared)
                if data.strip() and b"\x00" not in data[:8192]:
                    return data.decode(declared), declared
            except (LookupError, UnicodeDecodeError):
                pass
    return decode(data, path)


def read_html(data: bytes, path: str, doc_id: str) -> Document:
    """Read an HTML page into a Document (see the module docstring).

    Raises:
        InputError: T102 empty, T103 binary, T104 undecodable, T105 unparseable.
    """
    source, enc = _decode_html(data, path)
    parser = _Parser(source)
    try:
        parser.feed(source)
        parser.close()
    except Exception as exc:  # html.parser may still assert on pathological markup
        raise InputError("T105", path=path, fmt="HTML", detail=str(exc) or type(exc).__name__) \
            from exc
    text, origin, hints = parser.out.finish()
    meta: dict[str, object] = {"encoding": enc, **parser.meta}
    title = meta.pop("title", None) or meta.pop("meta_title", None)
    if not title:
        title = next((s.of(text) for k, s, _ in hints if k == "title"), None)
    meta.pop("meta_title", None)
    if title:
        meta["title"] = " ".join(str(title).split())
    meta["authors"] = parser.authors
    return Document(doc_id=doc_id, path=path, text=text, format="html", meta=meta,
                    origin=origin, hints=tuple((k, s) for k, s, _ in hints))
