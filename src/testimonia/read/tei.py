"""TEI XML reader: the ``<text>`` of a TEI document as blocks, with hints for its markup.

What it keeps: ``<p>``, ``<head>``, ``<ab>``, ``<l>``, list items, speeches, openers,
closers, bylines and the like, one block each, blank-line separated; whitespace is
collapsed; ``<lb/>`` is a newline. Inside ``<choice>`` the reading text wins
(``<corr>``, ``<reg>``, ``<expan>`` over ``<sic>``, ``<orig>``, ``<abbr>``).
``<fw>`` (running heads) and ``<teiHeader>`` are not text.

``<q>`` and direct ``<said>`` get quotation marks (“…”, nested ‘…’) unless their text
already opens with one, as a printed edition would show them.

Hints (``Document.hints``): ``title`` for ``<head>``; ``note`` for ``<note>`` (its
``n`` is in ``meta["notes"]``); ``quote`` for ``<q>``, ``<said>`` and ``<quote>``;
``bibl`` for ``<bibl>``; ``marker`` for a note's number left in the running text.

Metadata: ``title`` and ``authors`` from ``teiHeader/fileDesc/titleStmt``, ``language``
from ``xml:lang``.

Known limits: a ``<note>`` standing inside a paragraph becomes its own block where it
stands (its number glued to the text before it, as a printed marker would be, then
the note as "n. text"), so the paragraph is split in two around it; moving notes to
the end would make the offset map run backwards. DTD entity declarations are refused
(no entity expansion attacks); an undeclared entity such as ``&nbsp;`` is malformed XML.

``Document.origin`` maps text offsets to character offsets in the decoded source.

Example::

    >>> doc = read_tei(b"<TEI><text><body><p>He <said>came</said>.</p></body></text></TEI>",
    ...                "a.xml", "x")
    >>> doc.text, doc.hints[0][0]
    ('He “came”.', 'quote')
"""

from __future__ import annotations

import re
from xml.parsers import expat

from ..errors import InputError
from ..model import Document, Span
from .blocks import Blocks
from .encoding import decode

_BLOCK = {"p", "head", "ab", "l", "lg", "div", "div1", "div2", "div3", "div4", "div5",
          "body", "front", "back", "text", "group", "list", "item", "table", "row", "cell",
          "sp", "speaker", "stage", "byline", "dateline", "docTitle", "titlePart",
          "docAuthor", "docDate", "docImprint", "opener", "closer", "salute", "signed",
          "epigraph", "trailer", "argument", "listBibl", "listNote", "castList", "castItem",
          "figure", "titlePage", "postscript", "floatingText", "label", "note", "address"}
_SKIP = {"teiHeader", "fw", "facsimile", "standOff", "figDesc", "del", "surplus", "gap"}
_CHOICE_SKIP = {"sic", "orig", "abbr"}
_QUOTE = {"q", "said", "quote"}
_MARKS = set("“”‘’\"'«»„‚‹›")
_HAS_TEXT = re.compile(rb"<(?:[\w.-]+:)?text[\s>/]")


def _local(name: str) -> str:
    return name.rsplit(":", 1)[-1].rsplit(" ", 1)[-1]


class _Reader:
    def __init__(self, source: str, buf: bytes, has_text: bool) -> None:
        self.source = source
        self.buf = buf
        self.ascii = len(buf) == len(source)
        self._b, self._c = 0, 0
        self.out = Blocks()
        self.stack: list[tuple[str, int, bool]] = []  # (tag, hint handle, skips)
        self.skip = 0
        self.active = 0 if has_text else 1
        self.header: list[str] = []  # open elements inside teiHeader
        self.in_header = 0
        self.title: list[str] | None = None
        self.titles: list[str] = []
        self.authors: list[str] = []
        self.author: list[str] | None = None
        self.language = ""
        self.parser: expat.XMLParserType | None = None
        self.marks: list[list] = []  # [hint handle, source offset, pending|present|inserted]

    def src(self) -> int:
        """Character offset in the source of the current event."""
        assert self.parser is not None
        b = self.parser.CurrentByteIndex
        if self.ascii or b < 0:
            return max(b, 0)
        if b < self._b:
            self._b, self._c = 0, 0
        self._c += len(self.buf[self._b:b].decode("utf-8", "replace"))
        self._b = b
        return self._c

    def start(self, name: str, attrs: dict[str, str]) -> None:
        tag = _local(name)
        lang = attrs.get("xml:lang") or attrs.get("lang")
        if lang and not self.language:
            self.language = lang.split("-")[0].lower()
        if tag == "teiHeader":
            self.in_header += 1
        if self.in_header:
            self._header_start(tag)
        if tag == "text":
            self.active += 1
        skips = bool(self.skip or tag in _SKIP or (
            tag in _CHOICE_SKIP and self.stack and self.stack[-1][0] == "choice"))
        handle = -1
        if skips:
            self.skip += 1
        elif self.active:
            handle = self._open(tag, attrs)
        self.stack.append((tag, handle, skips))

    def _open(self, tag: str, attrs: dict[str, str]) -> int:
        out = self.out
        if tag == "lb":
            out.newline(self.src())
            return -1
        if tag == "space":
            out.text(" ", self.src())
            return -1
        if tag == "note":
            n = attrs.get("n", "")
            if n and out.cur.length:
                out.pending_space = -1  # a printed marker is glued to the word before it
                m = out.open("marker")
                out.insert(n, self.src())
                out.close(m)
            out.brk()
            h = out.open("note", n)
            if n:
                out.label(f"{n}. ", self.src())
            return h
        if tag in _BLOCK:
            out.brk()
        if tag == "head":
            return out.open("title")
        if tag in _QUOTE:
            h = out.open("quote")
            if tag == "q" or (tag == "said" and attrs.get("direct", "true") != "false"):
                # marks wait for the first words: an edition may already have them
                self.marks.append([h, self.src(), "pending"])
            return h
        if tag == "bibl":
            return out.open("bibl")
        return -1

    def end(self, name: str) -> None:
        tag = _local(name)
        while self.stack:
            t, handle, skips = self.stack.pop()
            if skips:
                self.skip -= 1
            elif handle >= 0:
                if self.marks and self.marks[-1][0] == handle:
                    _, src, state = self.marks.pop()
                    if state == "inserted":
                        closing = "’" if self._depth() % 2 else "”"
                        self.out.insert(closing, self.src(), glue=True)
                self.out.close(handle)
            if not skips and t in _BLOCK:
                self.out.brk()
            if self.in_header:
                self._header_end(t)
            if t == "teiHeader":
                self.in_header -= 1
            if t == "text":
                self.active -= 1
            if t == tag:
                break

    def _depth(self) -> int:
        return sum(1 for m in self.marks if m[2] == "inserted")

    def _marks_before(self, text: str) -> None:
        """Insert the opening marks of quotes whose first words arrive now."""
        first = text.lstrip()[:1]
        for m in self.marks:
            if m[2] != "pending":
                continue
            if first in _MARKS:
                m[2] = "present"
            else:
                opening = "‘" if self._depth() % 2 else "“"
                self.out.opening(opening, m[1])
                m[2] = "inserted"

    def data(self, text: str) -> None:
        if self.in_header:
            if self.title is not None:
                self.title.append(text)
            if self.author is not None:
                self.author.append(text)
        if self.skip or not self.active:
            return
        if self.marks and text.strip():
            self._marks_before(text)
        self.out.text(text, self.src())

    def _header_start(self, tag: str) -> None:
        self.header.append(tag)
        if "titleStmt" in self.header:
            if tag == "title" and self.title is None:
                self.title = []
            elif tag == "author" and self.author is None:
                self.author = []

    def _header_end(self, tag: str) -> None:
        if self.header:
            self.header.pop()
        if tag == "title" and self.title is not None:
            t = " ".join("".join(self.title).split())
            if t:
                self.titles.append(t)
            self.title = None
        elif tag == "author" and self.author is not None:
            a = " ".join("".join(self.author).split())
            if a and a not in self.authors:
                self.authors.append(a)
            self.author = None


def _refuse_entities(*args: object) -> None:
    raise ValueError("entity declarations are not allowed")


def read_tei(data: bytes, path: str, doc_id: str) -> Document:
    """Read a TEI XML document into a Document (see the module docstring).

    Raises:
        InputError: T102 empty, T103 binary, T104 undecodable, T105 malformed XML.
    """
    source, enc = decode(data, path)
    buf = source.encode("utf-8", "surrogatepass")
    reader = _Reader(source, buf, bool(_HAS_TEXT.search(buf)))
    parser = expat.ParserCreate("UTF-8")  # the text is already decoded; ignore the prolog
    reader.parser = parser
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.StartElementHandler = reader.start
    parser.EndElementHandler = reader.end
    parser.CharacterDataHandler = reader.data
    parser.EntityDeclHandler = _refuse_entities
    parser.SkippedEntityHandler = lambda name, is_param: None
    try:
        parser.Parse(buf, True)
    except expat.ExpatError as exc:
        detail = f"{expat.ErrorString(exc.code)} at line {exc.lineno}, column {exc.offset + 1}"
        raise InputError("T105", path=path, fmt="TEI XML", detail=detail) from exc
    except (ValueError, RecursionError, UnicodeError) as exc:
        raise InputError("T105", path=path, fmt="TEI XML", detail=str(exc)) from exc
    text, origin, hints = reader.out.finish()
    notes = []
    for kind, span, extra in hints:
        if kind == "note":
            notes.append({"n": extra or None, "span": span.as_list()})
    meta: dict[str, object] = {"encoding": enc, "authors": reader.authors}
    if reader.titles:
        meta["title"] = reader.titles[0]
    if reader.language:
        meta["language"] = reader.language
    if notes:
        meta["notes"] = notes
    return Document(doc_id=doc_id, path=path, text=text, format="tei", meta=meta,
                    origin=origin, hints=tuple((k, Span(s.start, s.end)) for k, s, _ in hints))
