"""BibTeX export of a document's references (issue 3).

``to_bibtex(analysis)`` writes the works :func:`~testimonia.export.csl.to_csl_json`
lists as BibTeX (biblatex-friendly: ``translator``, ``language``, ``origlanguage``
are biblatex fields, ignored by classic BibTeX). Text stays UTF-8; the
characters BibTeX treats specially (``& % $ # _ { } ~ ^ \\``) are escaped, so any
title round-trips through a BibTeX parser.

Example::

    >>> from testimonia.model import Note, Span
    >>> from testimonia.testing import make_analysis
    >>> ref = {"type": "book", "title": "A & B", "author": [{"family": "Roe", "given": "J."}], "issued": "1990"}
    >>> print(to_bibtex(make_analysis("x", notes=(Note(1, Span(0, 1), "x", reference=ref),))), end="")
    @book{roe1990a,
      author = {Roe, J.},
      title = {A \\& B},
      year = {1990},
    }
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from typing import Any

from ..model import Analysis
from .csl import to_csl_json

TYPES = {
    "book": "book", "article-journal": "article", "article-magazine": "article",
    "article-newspaper": "article", "review": "article", "chapter": "incollection",
    "paper-conference": "inproceedings", "thesis": "phdthesis", "report": "techreport",
    "manuscript": "unpublished", "webpage": "misc", "interview": "misc",
}
_SPECIAL = re.compile(r"([&%$#_{}~^\\])")
_ESCAPES = {"&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_", "{": r"\{", "}": r"\}",
            "~": r"\textasciitilde{}", "^": r"\textasciicircum{}", "\\": r"\textbackslash{}"}
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def escape(s: str) -> str:
    """Escape the characters BibTeX treats specially."""
    return _SPECIAL.sub(lambda m: _ESCAPES[m.group(1)], s)


def _names(names: Any) -> str:
    out = []
    for n in names or []:
        if not isinstance(n, Mapping):
            out.append(escape(str(n)))
        elif n.get("literal"):
            out.append("{" + escape(str(n["literal"])) + "}")
        elif n.get("given"):
            out.append(f"{escape(str(n.get('family', '')))}, {escape(str(n['given']))}")
        else:
            out.append(escape(str(n.get("family", ""))))
    return " and ".join(x for x in out if x)


def _date(v: Any) -> tuple[str | None, str | None]:
    if isinstance(v, Mapping):
        parts = (v.get("date-parts") or [[]])[0]
        if parts:
            y = str(parts[0])
            m = _MONTHS[int(parts[1]) - 1] if len(parts) > 1 and 1 <= int(parts[1]) <= 12 else None
            return y, m
        v = v.get("raw") or v.get("literal") or ""
    m = re.match(r"^(\d{4})(?:-(\d{2}))?", str(v or ""))
    if not m:
        y = re.search(r"\d{4}", str(v or ""))
        return (y.group() if y else None), None
    return m[1], (_MONTHS[int(m[2]) - 1] if m[2] and 1 <= int(m[2]) <= 12 else None)


def _key(item: Mapping[str, Any], used: set[str]) -> str:
    names = item.get("author") or item.get("editor") or []
    fam = (names[0].get("family") or names[0].get("literal") or "") if names else ""
    if not fam:
        fam = str(item.get("container-title") or item.get("archive") or item.get("title") or "ref")
    base = unicodedata.normalize("NFKD", fam).encode("ascii", "ignore").decode()
    words = base.split()
    pick = (words[-1] if names else next((w for w in words if w.lower() not in ("the", "a", "an")), words[0])) \
        if words else base
    base = re.sub(r"[^A-Za-z]", "", pick).lower() or "ref"
    year, _ = _date(item.get("issued"))
    base += year or ""
    for suffix in "abcdefghijklmnopqrstuvwxyz":
        if base + suffix not in used:
            used.add(base + suffix)
            return base + suffix
    k = len(used)
    used.add(f"{base}{k}")
    return f"{base}{k}"


def entry(item: Mapping[str, Any], used: set[str]) -> str:
    """Return one BibTeX entry for a CSL-JSON item (``used``: keys taken so far)."""
    kind = TYPES.get(str(item.get("type") or ""), "misc")
    container = item.get("container-title")
    fields: list[tuple[str, str]] = []
    for role in ("author", "editor", "translator"):
        if item.get(role):
            fields.append((role, _names(item[role])))
    if item.get("title"):
        fields.append(("title", escape(str(item["title"]))))
    if container:
        fields.append(("journal" if kind == "article" else "booktitle", escape(str(container))))
    if item.get("collection-title"):
        fields.append(("series", escape(str(item["collection-title"]))))
    year, month = _date(item.get("issued"))
    if year:
        fields.append(("year", year))
    if month:
        fields.append(("month", month))
    simple = (("volume", "volume"), ("issue", "number"), ("edition", "edition"),
              ("publisher", "publisher"), ("publisher-place", "address"), ("archive", "howpublished"),
              ("archive_location", "note"), ("URL", "url"), ("DOI", "doi"), ("ISBN", "isbn"),
              ("language", "origlanguage"))
    for csl_name, bib in simple:
        if item.get(csl_name):
            fields.append((bib, escape(str(item[csl_name]))))
    if item.get("page"):
        fields.append(("pages", escape(re.sub(r"\s*[-–—]\s*", "--", str(item["page"])))))
    body = "".join(f"  {k} = {{{v}}},\n" for k, v in fields if v)
    return f"@{kind}{{{_key(item, used)},\n{body}}}\n"


def to_bibtex(analysis: Analysis) -> str:
    """Return the document's cited works as BibTeX entries, blank-line separated."""
    used: set[str] = set()
    return "\n".join(entry(item, used) for item in to_csl_json(analysis))
