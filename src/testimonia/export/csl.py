"""CSL-JSON export of a document's references (issue 3).

``to_csl_json(analysis)`` returns the works the document cites — every item of
every note, then every source (credit line) — once each, as CSL-JSON items with
an ``id``. Back-references (a note whose ``same_as`` is set) repeat an earlier
work and are left out; so are repeats of a work already listed. Cite-level
variables (``locator``) and testimonia's bookkeeping (``same_as``, ``backref``)
are dropped, and ``issued`` becomes CSL ``date-parts``: what is left is a
bibliography a CSL processor can format.

Example::

    >>> from testimonia.model import Note, Span
    >>> from testimonia.testing import make_analysis
    >>> a = make_analysis("x", notes=(Note(1, Span(0, 1), "x", reference={"type": "book", "title": "T"}),))
    >>> to_csl_json(a)
    [{'id': 'n1', 'type': 'book', 'title': 'T'}]
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Mapping
from typing import Any

from ..model import Analysis

_DROP = {"locator", "same_as", "backref", "items", "id"}


def _plain(v: Any) -> Any:
    if isinstance(v, Mapping):
        return {k: _plain(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [_plain(x) for x in v]
    return v


def _work_key(item: Mapping[str, Any]) -> tuple[str, str, str]:
    def fold(s: Any) -> str:
        s = unicodedata.normalize("NFKD", str(s or "")).casefold()
        return re.sub(r"[^\w]+", "", s)

    names = item.get("author") or item.get("editor") or []
    fam = fold(names[0].get("family") or names[0].get("literal")) if names else ""
    return fam, fold(item.get("title")), fold(item.get("container-title") or item.get("archive_location"))


def _date_parts(value: str) -> dict[str, Any]:
    """'1995-09' (the evidence format's date) → CSL's ``{"date-parts": [[1995, 9]]}``."""
    m = re.fullmatch(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", value.strip())
    if not m:
        return {"raw": value}
    return {"date-parts": [[int(x) for x in m.groups() if x]]}


def _cited(analysis: Analysis) -> Iterator[tuple[str, Mapping[str, Any]]]:
    for note in analysis.layer("notes"):
        if note.same_as is not None:
            continue
        items = note.references or ((note.reference,) if note.reference else ())
        base = note.id or f"n{note.n}"
        for k, item in enumerate(items, start=1):
            if item:
                yield (base if len(items) == 1 else f"{base}-{k}"), item
    for src in analysis.layer("sources"):
        if src.reference:
            yield src.id, src.reference


def to_csl_json(analysis: Analysis) -> list[dict[str, Any]]:
    """Return the document's cited works as CSL-JSON items, each once, with an ``id``."""
    out: list[dict[str, Any]] = []
    seen: set[tuple[str, str, str]] = set()
    for ident, item in _cited(analysis):
        key = _work_key(item)
        if any(key) and key in seen:
            continue
        seen.add(key)
        clean = {k: _plain(v) for k, v in item.items() if k not in _DROP and not k.startswith("_")}
        if isinstance(clean.get("issued"), str):
            clean["issued"] = _date_parts(clean["issued"])
        if not any(k in clean for k in ("title", "container-title", "author", "archive")):
            continue
        out.append({"id": ident, **clean})
    return out
