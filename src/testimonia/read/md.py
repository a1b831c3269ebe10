"""Markdown reader: markup stripped, paragraphs kept, every character mapped to the source.

What it strips: ATX and setext heading marks, emphasis (``*``, ``_``, ``**``, ``~~``),
code-span backticks, link and image syntax (the link text / alt text stays; URLs go),
link reference definitions, bullet marks, block-quote ``>`` marks, inline HTML tags,
backslash escapes, hard-break trailing spaces, YAML front matter (its ``title`` and
``author`` go to ``meta``). Ordered-list numbers stay: they are part of the text.

Footnotes: a reference ``[^1]`` becomes its number glued to the text ("so.1"), as a
printed marker is; a definition ``[^1]: text`` becomes the block "1. text" with a
``note`` hint. Labels that are not all numbers are renumbered in order of first use.
Hints: ``title`` for headings, ``block`` for block quotes, ``note`` for footnotes.

Paragraphs are separated by one blank line; line breaks inside a paragraph stay.
``Document.origin`` maps text offsets to character offsets in the decoded source.

Known limits: no nested lists or indented code blocks (their lines read as text);
an emphasis mark left unclosed stays in the text; square brackets that are not
link syntax ("[sic]") are kept, as they are usually editorial.

Example::

    >>> read_md(b"# Fire\\n\\nHe *said* so.[^1]\\n\\n[^1]: Roe, p. 3.\\n", "a.md", "x").text
    'Fire\\n\\nHe said so.1\\n\\n1. Roe, p. 3.'
"""

from __future__ import annotations

import re
from bisect import bisect_right

from ..model import Document, Span
from .blocks import Blocks
from .encoding import decode

_LINE = re.compile(r"([^\r\n]*)(\r\n|\r|\n|$)")
_QUOTE_PREFIX = re.compile(r"^(?: {0,3}> ?)+")
_ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_HR = re.compile(r"^ {0,3}(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_LINKDEF = re.compile(r"^ {0,3}\[(?!\^)[^\]]+\]:[ \t]*\S+")
_FOOTDEF = re.compile(r"^ {0,3}\[\^([^\]\s]+)\]:[ \t]*")
_FOOTREF = re.compile(r"\[\^([^\]\s]+)\](?!:)")
_LIST = re.compile(r"^(?:([-*+])|\d{1,9}[.)])[ \t]+")
_INLINE = re.compile(r"""
    (?P<ticks>`+)(?P<code>.+?)(?P=ticks)
  | \\(?P<esc>[!-/:-@\[-`{-~])
  | !\[(?P<alt>[^\]]*)\]\((?:[^()\n]|\([^()\n]*\))*\)
  | \[\^(?P<fn>[^\]\s]+)\]
  | \[(?P<link>(?:[^\[\]]|\[[^\]]*\])+)\](?:\((?:[^()\n]|\([^()\n]*\))*\)|\[[^\]\n]*\])
  | <(?P<auto>(?:https?|mailto|ftp):[^>\s]+)>
  | <!--.*?-->
  | </?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>
  | (?P<mark>\*\*|__|~~)(?=\S)(?P<strong>.+?)(?<=\S)(?P=mark)
  | \*(?=[^\s*])(?P<em>.+?)(?<=[^\s*])\*
  | (?<!\w)_(?=[^\s_])(?P<em2>.+?)(?<=[^\s_])_(?!\w)
""", re.X | re.S)


def _front_matter(lines: list[tuple[str, int]]) -> tuple[int, dict[str, object]]:
    """Return how many lines the YAML front matter takes, and title/authors from it."""
    if not lines or lines[0][0].strip() != "---":
        return 0, {}
    for j in range(1, min(len(lines), 80)):
        if lines[j][0].strip() in ("---", "..."):
            break
    else:
        return 0, {}
    meta: dict[str, object] = {}
    authors: list[str] = []
    key = ""
    for line, _ in lines[1:j]:
        m = re.match(r"^([A-Za-z_-]+):\s*(.*)$", line)
        if m:
            key, value = m.group(1).lower(), m.group(2).strip().strip("\"'")
            if key == "title" and value:
                meta["title"] = value
            elif key in ("author", "authors") and value:
                authors += [a.strip().strip("\"'") for a in value.strip("[]").split(",")
                            if a.strip()]
        elif key in ("author", "authors") and line.strip().startswith("- "):
            authors.append(line.strip()[2:].strip().strip("\"'"))
    if authors:
        meta["authors"] = authors
    return j + 1, meta


def _numbering(text: str) -> dict[str, str]:
    """Footnote label → the number shown: kept when all labels are numbers."""
    labels = [m.group(1) for m in _FOOTREF.finditer(text)]
    labels += [m.group(1) for m in re.finditer(r"(?m)^ {0,3}\[\^([^\]\s]+)\]:", text)]
    order = list(dict.fromkeys(labels))
    if all(x.isdigit() for x in order):
        return {x: str(int(x)) for x in order}
    return {x: str(i) for i, x in enumerate(order, 1)}


class _Writer:
    def __init__(self, numbers: dict[str, str]) -> None:
        self.out = Blocks(collapse=False)
        self.numbers = numbers
        self.para: list[tuple[str, int]] = []
        self.kind = ""  # "", "title", "note", "code"
        self.extra: object = None

    def flush(self) -> None:
        if self.para:
            out = self.out
            h = -1
            if self.kind == "title":
                h = out.open("title", self.extra)
            elif self.kind == "note":
                h = out.open("note", self.extra)
                out.label(f"{self.numbers.get(str(self.extra), self.extra)}. ", self.para[0][1])
            if self.kind == "code":
                for k, (line, src) in enumerate(self.para):
                    if k:
                        out.newline(src - 1)
                    out.text(line, src)
            else:
                self._inline()
            if h >= 0:
                out.close(h)
        self.para = []
        self.kind, self.extra = "", None
        self.out.brk()

    def _inline(self) -> None:
        joined = "\n".join(line for line, _ in self.para)
        starts, srcs, pos = [], [], 0
        for line, src in self.para:
            starts.append(pos)
            srcs.append(src)
            pos += len(line) + 1

        def emit(a: int, b: int) -> None:
            while a < b:
                i = bisect_right(starts, a) - 1
                end = min(b, starts[i + 1] if i + 1 < len(starts) else b)
                self.out.text(joined[a:end], srcs[i] + a - starts[i])
                a = end

        def walk(a: int, b: int) -> None:
            while a < b:
                m = _INLINE.search(joined, a, b)
                if not m:
                    emit(a, b)
                    return
                emit(a, m.start())
                if m.group("fn") is not None:
                    label = m.group("fn")
                    i = bisect_right(starts, m.start()) - 1
                    self.out.insert(self.numbers.get(label, label), srcs[i] + m.start() - starts[i])
                elif m.group("code") is not None:
                    emit(m.start("code"), m.end("code"))
                else:
                    for name in ("esc", "alt", "auto", "link", "strong", "em", "em2"):
                        if m.group(name) is not None:
                            s, e = m.start(name), m.end(name)
                            (emit if name in ("esc", "alt", "auto") else walk)(s, e)
                            break
                a = m.end()

        walk(0, len(joined))


def read_md(data: bytes, path: str, doc_id: str) -> Document:
    """Read a Markdown file into a Document (see the module docstring).

    Raises:
        InputError: T102 empty, T103 binary, T104 undecodable.
    """
    source, enc = decode(data, path)
    lines = [(m.group(1), m.start()) for m in _LINE.finditer(source) if m.group(0)]
    first, meta = _front_matter(lines)
    w = _Writer(_numbering(source))
    out = w.out
    quote = -1
    fence = ""
    i = first
    while i < len(lines):
        line, src = lines[i]
        i += 1
        if fence:
            if line.strip().startswith(fence):
                fence = ""
                w.flush()
            else:
                w.para.append((line, src))
            continue
        m = _QUOTE_PREFIX.match(line)
        content, csrc = (line[m.end():], src + m.end()) if m else (line, src)
        if m and quote < 0:
            w.flush()
            quote = out.open("block")
        elif not m and quote >= 0 and (not content.strip() or not w.para):
            w.flush()
            out.close(quote)
            quote = -1
        if not content.strip():
            if w.kind == "note" and i < len(lines) and lines[i][0][:1] in (" ", "\t") \
                    and lines[i][0].strip():
                w.para.append(("", csrc))  # a footnote's next paragraph, indented
            else:
                w.flush()
            continue
        lead = len(content) - len(content.lstrip())
        content, csrc = content.strip(), csrc + lead
        if content.endswith("\\") and not content.endswith("\\\\"):
            content = content[:-1].rstrip()  # a hard line break
        if (f := _FENCE.match(line)) and not m:
            w.flush()
            fence, w.kind = f.group(1), "code"
            continue
        if (h := _ATX.match(content)) is not None:
            w.flush()
            text = h.group(2) or ""
            if text:
                w.kind, w.extra = "title", len(h.group(1))
                w.para.append((text, csrc + h.start(2)))
                w.flush()
            continue
        if _SETEXT.match(content) and w.para and not w.kind:
            w.kind, w.extra = "title", 1 if content.startswith("=") else 2
            w.flush()
            continue
        if _HR.match(content):
            w.flush()
            continue
        if _LINKDEF.match(content):
            continue
        if (fd := _FOOTDEF.match(content)) is not None:
            w.flush()
            w.kind, w.extra = "note", fd.group(1)
            w.para.append((content[fd.end():], csrc + fd.end()))
            continue
        if (li := _LIST.match(content)) is not None:
            w.flush()
            if li.group(1):  # a bullet: the mark goes, the item stays
                content, csrc = content[li.end():], csrc + li.end()
        w.para.append((content, csrc))
    w.flush()
    if quote >= 0:
        out.close(quote)
    text, origin, hints = out.finish()
    if "title" not in meta:
        heads = [(extra, s) for k, s, extra in hints if k == "title"]
        if heads:
            meta["title"] = min(heads, key=lambda h: (h[0] or 9, h[1].start))[1].of(text)
    meta = {"encoding": enc, "authors": [], **meta}
    return Document(doc_id=doc_id, path=path, text=text, format="md", meta=meta,
                    origin=origin, hints=tuple((k, Span(s.start, s.end)) for k, s, _ in hints))
