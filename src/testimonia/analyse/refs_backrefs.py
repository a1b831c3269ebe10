"""Resolve back-references across notes (issue 3): ibid., op. cit., loc. cit., short forms.

Works on the per-line item lists that :mod:`refs_notes` produces, in order. An
item carrying ``backref`` (``ibid``, ``op. cit.``, ``loc. cit.``, ``short``,
``idem``) is resolved to a unique antecedent, following the Chicago rules:

- *ibid.* repeats the single work of the note just before (not after a note that
  cites several works: then it stays unresolved);
- *op. cit.*, *loc. cit.* and short forms go to the first full citation of the
  same author's work (for short forms, and where the author has several works,
  the title must match; an *op. cit.* still ambiguous takes the latest work);
  a short form with nothing before it is kept as a brief first citation;
- *idem* is a new work by the previous note's author: the author is filled in,
  ``same_as`` stays None.

A resolved item gets ``same_as`` (1-based line number of the antecedent) and the
antecedent's fields; its own locator wins, and *ibid.*/*loc. cit.* without one
repeat the antecedent's. An unresolvable item keeps ``same_as`` None — never
guessed. ``backref`` stays on the item and names the form; ``_short`` and other
helper keys are removed at the end.

Example::

    >>> items = [[{"author": [{"family": "Roe"}], "title": "T", "locator": "3"}],
    ...          [{"backref": "ibid", "locator": "5"}]]
    >>> resolve_backrefs(items); items[1][0]["same_as"], items[1][0]["title"]
    (1, 'T')
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

CSL = dict[str, Any]
_KEEP_OWN = {"locator", "same_as", "volume"}  # "Brandt, Roads, 1:12": its own volume


def _fold(s: str) -> str:
    s = unicodedata.normalize("NFKD", s or "").casefold()
    return "".join(c for c in s if c.isalnum() or c == " ")


def _families(item: CSL) -> set[str]:
    out = set()
    for key in ("author", "editor"):
        for n in item.get(key) or []:
            fam = n.get("family") or n.get("literal") or ""
            if fam:
                out.add(_fold(fam).split()[-1] if _fold(fam).split() else "")
    return out - {""}


def _title_words(s: str) -> list[str]:
    stop = {"the", "a", "an", "of", "and", "in", "on", "der", "die", "das", "le", "la", "les"}
    return [w for w in _fold(s).split() if w not in stop]


def _title_match(short: str, item: CSL) -> bool:
    sw = _title_words(short)
    if not sw:
        return True
    for key in ("title", "container-title"):
        tw = _title_words(str(item.get(key) or ""))
        if tw and all(w in tw for w in sw):
            return True
    return False


def _merge(ante: CSL, own: CSL, line_no: int, keep_locator: bool) -> CSL:
    out = {k: v for k, v in ante.items() if k not in ("same_as", "backref", "_short", "id")}
    for k, v in own.items():
        if k in _KEEP_OWN or k.startswith("_") or k == "backref":
            out[k] = v
    if not own.get("locator"):
        if keep_locator and ante.get("locator"):
            out["locator"] = ante["locator"]
        else:
            out.pop("locator", None)
    out["same_as"] = line_no
    return out


def _as_first_citation(item: CSL, short: str) -> CSL:
    out = {k: v for k, v in item.items() if k not in ("backref", "_short")}
    m = re.search(r",?\s*\bvol\.\s*(\w+)\s*$", short, re.I)
    if m:
        out["volume"] = m[1]
        short = short[:m.start()]
    out["title"] = short.strip(" ,")
    out.setdefault("type", "book")
    out["same_as"] = None
    return out


def resolve_backrefs(lines: list[list[CSL]]) -> None:
    """Resolve back-references in place over per-line item lists (see module doc)."""
    # (line number, item) of full citations seen so far, newest last
    seen: list[tuple[int, CSL]] = []
    prev_items: list[CSL] = []
    prev_line = 0
    for idx, items in enumerate(lines, start=1):
        for k, item in enumerate(items):
            kind = item.get("backref")
            if kind == "ibid":
                if k > 0:
                    # "...; ibid., 12" inside one note: the work just before; it has a
                    # note number only if it is itself a repeat of an earlier note
                    items[k] = _merge(items[k - 1], item, 0, keep_locator=True)
                    items[k]["same_as"] = items[k - 1].get("same_as")
                elif len(prev_items) == 1:
                    # the note just before, which cites one work (a chain of ibid.
                    # points back one step: that note cites the same work)
                    items[k] = _merge(prev_items[0], item, prev_line, keep_locator=True)
                else:  # no note before, or it cites several works: never guessed
                    items[k] = dict(item)
                    items[k]["same_as"] = None
            elif kind in ("op. cit.", "loc. cit.", "short"):
                fams = _families(item)
                short = item.get("_short", "")
                cands = [(ln, it) for ln, it in seen
                         if fams and fams & _families(it) and (kind != "short" or _title_match(short, it))]
                if kind != "short" and short:
                    narrowed = [(ln, it) for ln, it in cands if _title_match(short, it)]
                    cands = narrowed or cands
                works = {(_fold(str(it.get("title", ""))), _fold(str(it.get("container-title", ""))))
                         for _, it in cands}
                if cands and len(works) == 1:
                    ln, ante = cands[0]  # the first full citation of that work
                    items[k] = _merge(ante, item, ln, keep_locator=(kind == "loc. cit."))
                elif cands and kind == "op. cit.":
                    ln, ante = cands[-1]  # several works by the author: the latest one
                    items[k] = _merge(ante, item, ln, keep_locator=False)
                elif kind == "short" and short:
                    # no earlier citation: "R. Kettle, Parish Minutes, vol. 2, p. 41" is a
                    # brief first citation; keep what it says, and let later notes match it
                    items[k] = _as_first_citation(item, short)
                    seen.append((idx, items[k]))
                else:
                    items[k] = dict(item)
                    items[k]["same_as"] = None
            elif kind == "idem":
                prev = items[k - 1] if k > 0 else (prev_items[-1] if prev_items else None)
                if prev is not None and prev.get("author") and not item.get("author"):
                    item["author"] = [dict(n) for n in prev["author"]]
                item["same_as"] = None
                seen.append((idx, item))
            else:
                item.setdefault("same_as", None)
                seen.append((idx, item))
        prev_items, prev_line = items, idx
    for items in lines:
        for k, item in enumerate(items):
            items[k] = {kk: v for kk, v in item.items() if not kk.startswith("_")}
            if "backref" in items[k] and items[k]["backref"] is None:
                del items[k]["backref"]



