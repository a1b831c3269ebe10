"""Text helpers for reading footnotes (issue 3): quotations, top-level splitting, locators.

Quotation marks are matched as a reader would: a curly or straight quote opens
only where a quotation can start, and an apostrophe inside a word ("Stalin’s",
"L’ Internationale") does not close one. :func:`split_top` splits at commas or
semicolons outside quotations and brackets.

Example::

    >>> split_top("A, ‘B, C’, (D, E)")
    [('A', ','), ('‘B, C’', ','), ('(D, E)', '')]
"""

from __future__ import annotations

import re
from typing import Any

from .refs_fields import MONTHS, clean, pages

CSL = dict[str, Any]

_OPEN = "‘“\"'«„"


_CLOSE_FOR = {"‘": "’", "“": "”", "\"": "\"", "'": "'", "«": "»", "„": "“"}


MONTH_RE = r"(?:" + "|".join(sorted((m for m in MONTHS if len(m) > 2), key=len, reverse=True)) + r")\.?"


DATE_COMMA = re.compile(rf"\b({MONTH_RE}\s+\d{{1,2}}),\s+(\d{{4}})\b", re.I)


SHEET = re.compile(r"^(?:ll?|list|fol|fols)\.\s*(?P<n>\d[\w–\-, ]*)$", re.I)


def quote_end(s: str, i: int) -> int:
    """Index just past the quotation opened at ``s[i]``, or -1 when it is never closed."""
    op = s[i]
    close = _CLOSE_FOR[op]
    j = i + 1
    depth = 0
    while j < len(s):
        c = s[j]
        if op in "“\"" and c == "“" and op == "“":
            depth += 1
        elif c == close:
            nxt = s[j + 1:j + 2]
            # apostrophe, not a closing quote: Stalin’s, L’ Internationale, d’une
            elided = bool(re.match(r"(?:^|\W)[^\W\d_]$", s[max(0, j - 2):j])) and \
                bool(re.match(r" [^\W\d_]", s[j + 1:j + 3]))  # "L’ Internationale"
            word_inside = close in "’'" and (nxt.isalpha() or elided)
            if not word_inside:
                if depth == 0:
                    return j + 1
                depth -= 1
        j += 1
    return -1


def is_open_quote(s: str, i: int) -> bool:
    """Can ``s[i]`` open a quotation (straight quotes only after a space or bracket)?"""
    c = s[i]
    if c not in _OPEN:
        return False
    if c in "'\"":  # straight quotes open only after a space, start or opening bracket
        return (i == 0 or s[i - 1] in " ([") and i + 1 < len(s) and not s[i + 1].isspace()
    return True


def split_top(s: str, seps: str = ",;") -> list[tuple[str, str]]:
    """Split at separators outside quotes and brackets; return (chunk, separator) pairs."""
    out: list[tuple[str, str]] = []
    depth = 0
    start = i = 0
    while i < len(s):
        c = s[i]
        if c in "([":
            depth += 1
        elif c in ")]" and depth:
            depth -= 1
        elif depth == 0 and is_open_quote(s, i):
            e = quote_end(s, i)
            if e > 0:
                i = e
                continue
        elif depth == 0 and c in seps and (i + 1 == len(s) or s[i + 1] == " "):
            out.append((s[start:i].strip(), c))
            start = i + 1
        i += 1
    out.append((s[start:].strip(), ""))
    return [(a, b) for a, b in out if a or b]


def is_date_chunk(s: str) -> bool:
    """Is this comma-chunk a date and nothing else ('June 4 1992', '23.6.1971', 'Summer 1994')?"""
    if not re.search(r"\d{4}", s):
        return False
    rest = re.sub(MONTH_RE + r"|\b(?:spring|summer|autumn|fall|winter)\b|[\d\s./\-–()]", "", s,
                  flags=re.I)
    return len(rest) <= 2


def name_tail(s: str) -> str:
    """The trailing run of name words in a commentary chunk ('... are in Feliks Chuev')."""
    words = s.split()
    k = len(words)
    while k > 0:
        w = words[k - 1]
        if w[:1].isupper() or re.match(r"^(?:[A-Z]\.)+$", w) or (w.lower() in ("de", "von", "van", "and")
                                                                and k < len(words)):
            k -= 1
        else:
            break
    tail = words[k:]
    while tail and tail[0].lower() == "and":
        tail = tail[1:]
    return " ".join(tail)


def looks_like_names(s: str) -> bool:
    """Is ``s`` a list of personal names (capitalised words, initials, "and")?"""
    s = re.sub(r"\bet al\.?", "", s).strip(" ,")
    s = re.sub(r"^and\s+", "", s)
    words = s.split()
    if not words or len(words) > 10:
        return False
    return all(w[:1].isupper() or w.lower() in ("and", "de", "von", "van", "der", "la", "&")
               for w in words) and not re.search(r"\d", s)


def locator(s: str) -> str | None:
    """The cited place as printed: '394', 'pp. 9-10' → '9-10', 'chap. 3', 'n. 4'; else None."""
    s = s.strip().rstrip(".").strip()
    if not s:
        return None
    m = re.fullmatch(r"(chap|ch|n|nn|note|notes|fig|sec|para|§)\.?\s*(\d+[\d–\-]*)", s, re.I)
    if m:  # not a page: keep the label, the scorer and CSL both read the number
        return f"{m[1]}. {m[2]}" if m[1] != "§" else f"§ {m[2]}"
    if re.fullmatch(r"(?:(?:pp?|S|col|cols)\.\s*)?(?:[\dxivlc]+[a-z]?(?:\s*[-–—]\s*[\dxivlc]+)?"
                    r"(?:,\s*)?)+(?:\s*ff?\.?)?", s, re.I) and \
            re.search(r"\d|^(?:(?:pp?|S|col|cols)\.\s*)?[ivxlc]", s, re.I):
        return pages(s)
    return None


VOL_PAGE = re.compile(r"^(?:vol\.\s*)?(?P<v>\d+|[IVXLC]+):\s*(?P<p>\d+[\d–\-]*)$")


def tail_pages(item: CSL, tail: str) -> None:
    """', 285.' / ': 357–58' / ', pp. 1319-53, at p. 1320' / ', esp. 830' / ', 2:45' → page/locator."""
    t = tail.strip().lstrip(":,").strip().rstrip(".")
    if not t:
        return
    m = VOL_PAGE.match(t)
    if m:  # "2:45": volume 2, page 45 of a multivolume work
        item["volume"], item["locator"] = m["v"], pages(m["p"])
        return
    m = re.match(r"^(?P<range>.+?),?\s+(?:at|esp\.|especially)\s+(?P<pin>.+)$", t)
    if m and locator(m["range"]) and locator(m["pin"]):
        item["page"] = locator(m["range"])
        item["locator"] = locator(m["pin"])
        return
    loc = locator(t)
    if loc:
        item["locator"] = loc


def quoted(c: str) -> str | None:
    """The text of the first complete quotation in ``c``, cleaned; None without one."""
    i = next((k for k in range(len(c)) if is_open_quote(c, k)), None)
    if i is None:
        return None
    e = quote_end(c, i)
    if e < 0:
        return None
    return clean(c[i + 1:e - 1]).rstrip(",") or None


def split_imprint(s: str) -> tuple[str, str | None, str]:
    """Split at the last top-level parenthesis holding a year: (head, inside, tail)."""
    best = None
    depth, start = 0, -1
    i = 0
    while i < len(s):
        c = s[i]
        if depth == 0 and is_open_quote(s, i):
            e = quote_end(s, i)
            if e > 0:
                i = e
                continue
        if c == "(":
            if depth == 0:
                start = i
            depth += 1
        elif c == ")" and depth:
            depth -= 1
            if depth == 0 and re.search(r"\d{4}", s[start:i]):
                best = (start, i)
        i += 1
    if best is None:
        return s, None, ""
    return s[:best[0]], s[best[0] + 1:best[1]], s[best[1] + 1:]
