"""Reference parsing (issue 3): one string per line in, CSL-JSON per line out.

Finds, in each line, the works it cites and returns them as CSL-JSON; resolves
back-references (ibid., id., op. cit., loc. cit., a.a.O., ebd., short forms) to
the earlier line that cites the same work (``same_as``, 1-based line number) and
fills the item in from it, keeping the line's own locator.

Two parsers, tried in order:

1. note rules (:mod:`testimonia.analyse.refs_notes`) for humanities footnotes:
   Chicago notes with an imprint in parentheses, British comma style with quoted
   titles, newspapers, archive files, back-references and short forms;
2. a CRF (:mod:`testimonia.analyse.refs_crf`) trained on AnyStyle's core set for
   bibliography entries the rules do not claim.

Known limits: one line is one note or one bibliography entry; italics are lost in
plain text, so an unquoted title is found by position only.

Example::

    >>> parse_references(["J. Smith, A Book (London: Hale, 1990), 12.", "Ibid., 14."])  # doctest: +SKIP
    [{'type': 'book', 'author': [...], 'title': 'A Book', ..., 'locator': '12'},
     {..., 'locator': '14', 'same_as': 1}]

Run as a module to parse a file: ``python -m testimonia.analyse.references FILE``.
"""

from __future__ import annotations

import json
import re
import sys
from typing import Any

from . import refs_crf
from .refs_backrefs import resolve_backrefs
from .refs_fields import clean, pages, parse_date, parse_names, split_volume
from .refs_notes import looks_like_note, parse_note

CSL = dict[str, Any]

_LABEL_FIELD = {
    "title": "title", "journal": "container-title", "container-title": "container-title",
    "collection-title": "collection-title", "publisher": "publisher",
    "location": "publisher-place", "edition": "edition", "genre": "genre", "note": "note",
    "url": "URL", "doi": "DOI", "isbn": "ISBN", "archive": "archive",
    "archive_location": "archive_location",
}


def _runs(tokens: list[str], labels: list[str]) -> list[tuple[str, str]]:
    runs: list[tuple[str, list[str]]] = []
    for tok, lab in zip(tokens, labels, strict=False):
        if runs and runs[-1][0] == lab:
            runs[-1][1].append(tok)
        else:
            runs.append((lab, [tok]))
    return [(lab, " ".join(toks)) for lab, toks in runs]


def csl_from_labels(tokens: list[str], labels: list[str]) -> CSL:
    """Turn labelled tokens (AnyStyle labels) into one CSL-JSON item."""
    item: CSL = {}
    for lab, text in _runs(tokens, labels):
        if lab in ("author", "editor", "translator"):
            names = parse_names(text)
            if names:
                item.setdefault(lab, []).extend(names)
            elif re.fullmatch(r"[\s\-–—_.,]+", text):
                item.setdefault(lab, []).append({"literal": text.strip()})
        elif lab == "date":
            d = parse_date(text)
            if d and "issued" not in item:
                item["issued"] = d
            elif not d and "issued" not in item and clean(text):
                item["issued"] = {"raw": clean(text)}
        elif lab == "volume":
            for k, v in split_volume(text).items():
                item.setdefault(k, v)
        elif lab == "pages":
            p = pages(text)
            if p:
                item.setdefault("page", p)
        elif lab in ("citation-number", "backref"):
            continue
        elif lab == "conjunction":  # "in": what follows is the container of a part
            item["_part"] = True
        elif lab in _LABEL_FIELD:
            f = _LABEL_FIELD[lab]
            v = text.strip() if f in ("URL", "DOI") else clean(text)
            if f == "DOI":
                v = re.sub(r"^(?:doi:\s*|https?://(?:dx\.)?doi\.org/)", "", v, flags=re.I).rstrip(".")
            if v:
                item[f] = (item[f] + " " + v) if f in item and f in ("title", "note") else item.get(f, v)
    item["type"] = _guess_type(item)
    item.pop("_part", None)
    return item


def _guess_type(item: CSL) -> str:
    if "archive" in item or "archive_location" in item:
        return "manuscript"
    if item.get("_part") or "«" in str(item.get("title", "")):
        return "chapter" if "publisher" in item or "editor" in item else "article-journal"
    if "container-title" in item:
        if "editor" in item or "publisher" in item:
            return "chapter"
        return "article-journal"
    if item.get("genre") and re.search(r"thesis|dissertation|diss", str(item["genre"]), re.I):
        return "thesis"
    if "URL" in item and "publisher" not in item:
        return "webpage"
    return "book"


def parse_crf(line: str) -> CSL:
    """Parse one bibliography entry with the CRF (empty dict when the model is missing)."""
    tokens = line.split()
    if not tokens:
        return {}
    try:
        labels = refs_crf.tag(tokens)
    except (ImportError, OSError):
        return {}
    return csl_from_labels(tokens, labels)


def parse_line(line: str, notes_mode: bool = False) -> list[CSL]:
    """Parse one line into its cited items (back-references not yet resolved).

    Args:
        line: one note or bibliography entry.
        notes_mode: the line comes from a list of notes: try the note rules even
            when the line has no note-only feature.
    """
    line = (line or "").strip()
    if not line:
        return []
    items = parse_note(line, force=notes_mode)
    if items:
        return items
    item = parse_crf(line)
    if notes_mode and not _looks_cited(item, line):
        return []  # a note of pure commentary cites nothing: never invent a work
    return [item] if item else []


def _looks_cited(item: CSL, line: str) -> bool:
    """Does a CRF parse of a note look like a citation rather than labelled prose?"""
    has_who = any(item.get(k) for k in ("author", "editor", "container-title", "publisher"))
    has_where = any(item.get(k) for k in ("issued", "page", "volume", "URL", "DOI"))
    prose = len(re.findall(r"\b[a-z]{3,}\b", line)) > 0.4 * max(1, len(line.split()))
    return bool(item.get("title")) and has_who and has_where and not prose


def _parse_all(lines: list[str]) -> list[list[CSL]]:
    # A file whose lines are mostly notes is read as notes throughout: short forms
    # and plain book notes carry no feature of their own.
    flags = [looks_like_note(x) for x in lines if x.strip()]
    notes_mode = bool(flags) and sum(flags) >= 0.25 * len(flags)
    parsed = [parse_line(line, notes_mode) for line in lines]
    resolve_backrefs(parsed)
    return parsed


def parse_references(lines: list[str]) -> list[dict]:
    """Parse reference strings, one per line, into CSL-JSON, resolving back-references.

    Args:
        lines: one note or bibliography entry per element, in document order.

    Returns:
        One CSL-JSON item per line (``{}`` where nothing was found). A line citing
        several works is ``{"items": [item, ...], "same_as": <first item's>}`` (the
        wrapper CSL processors and the scorer read). ``same_as`` is the 1-based
        number of the line a back-reference resolves to, or None; ``backref``
        names the form (``ibid``, ``op. cit.``, ``loc. cit.``, ``short``, ``idem``).
    """
    parsed = _parse_all(lines)
    out: list[dict] = []
    for items in parsed:
        if not items:
            out.append({})
        elif len(items) == 1:
            out.append(items[0])
        else:  # several works: the scorer's and CSL processors' "items" wrapper
            out.append({"items": items, "same_as": items[0].get("same_as")})
    return out


def parse_references_items(lines: list[str]) -> list[list[dict]]:
    """Like :func:`parse_references` but returns every line's list of items."""
    return _parse_all(lines)


def main(argv: list[str] | None = None) -> int:
    """Read FILE (or stdin), print a JSON array with one element per line."""
    args = sys.argv[1:] if argv is None else argv
    if args and args[0] != "-":
        with open(args[0], encoding="utf-8") as fh:
            text = fh.read()
    else:
        text = sys.stdin.read()
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    result = parse_references_items(lines)
    json.dump([items if len(items) != 1 else items[0] for items in result], sys.stdout,
              ensure_ascii=False)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
