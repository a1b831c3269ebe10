"""Parsers for the forms a footnote citation takes (issue 3).

Each function reads one form and fills a CSL-JSON item: archive files
(fond/opis'/delo/list, box/folder), book heads (title, trans., ed., edition,
"vol. N of Series"), imprints "(Place: Publisher, Year)", what follows a quoted
title (journal, chapter "in ...", comma style), British "Publisher, Place, Year",
newspapers without a quoted title, interviews and short forms. The dispatcher is
:func:`testimonia.analyse.refs_notes.parse_citation`.

Example::

    >>> item = {}
    >>> parse_imprint("London: Macmillan, 1968", item); item
    {'issued': '1968', 'publisher-place': 'London', 'publisher': 'Macmillan'}
"""

from __future__ import annotations

import re
from typing import Any

from .refs_crf import PLACES as _PLACES
from .refs_fields import clean, pages, parse_date, parse_names
from .refs_text import (
    MONTH_RE,
    SHEET,
    is_date_chunk,
    locator,
    looks_like_names,
    name_tail,
    quoted,
    split_imprint,
    split_top,
    tail_pages,
)

CSL = dict[str, Any]

_ARCHIVE_LOC = re.compile(r"^(?:f|fond|op|opis'?|d|delo|box|folder|file|series|piece|WKP|FO)\b\.?\s*\S*\d",
                          re.I)


_ARCHIVE_NAME = re.compile(r"\b(?:Archives?|Archiv|Archivio|Record Office|Library|Collection|"
                           r"[A-Z]{3,}(?=\W|$))")


_ROLE = re.compile(r"^(?P<role>trans\.\s*and\s*ed\.|ed\.\s*and\s*trans\.|"
                   r"(?:trans\.|transl\.|translated)(?:\s+from\s+(?:the\s+)?(?P<lang>[A-Z][a-z]+))?(?:\s+by)?|"
                   r"ed\.|eds\.|edited\s+by|comp\.|hrsg\.\s*v(?:on|\.)?)\s+(?P<names>.+)$",
                   re.I)


LANGUAGES = {
    "french": "fr", "german": "de", "russian": "ru", "italian": "it", "spanish": "es",
    "portuguese": "pt", "polish": "pl", "czech": "cs", "dutch": "nl", "swedish": "sv",
    "ukrainian": "uk", "hungarian": "hu", "chinese": "zh", "japanese": "ja", "greek": "el",
    "latin": "la", "yiddish": "yi", "hebrew": "he", "arabic": "ar", "turkish": "tr",
    "danish": "da", "norwegian": "no", "finnish": "fi", "romanian": "ro", "bulgarian": "bg",
    "serbian": "sr", "croatian": "hr", "georgian": "ka", "armenian": "hy", "persian": "fa",
}


INTERVIEW = re.compile(r"^(?P<kind>interview|conversation|author'?s? interview|personal communication)s?"
                        r"\s+(?:with|between)\s+(?P<who>[^,(]+?)(?:\s+by\s+(?P<by>[^,(]+))?"
                        r"(?:,\s*|\s+\(|$)(?P<rest>.*)$", re.I)


_EDITION = re.compile(r"^(?:\d+(?:st|nd|rd|th)|first|second|third|fourth|fifth|rev\.|revised|new)"
                      r"\s+(?:ed|edn|edition)\.?$|^\d+\.\s*Aufl\.?$", re.I)


_VOL_OF = re.compile(r"^vol\.\s*(?P<v>\w+)\s+of\s+(?P<series>.+)$", re.I)


PUB_WORD = re.compile(r"\b(?:Press|Verlag|Publishers?|Publishing|Books|Edizioni|Éditions|Editions|"
                       r"Gallimard|Seuil|Macmillan|Routledge|Penguin|Knopf|Norton|Doubleday|Praeger|"
                       r"Longman|Arnold|Cape|Atheneum|Harcourt|HarperCollins)\b")


def parse_archive(chunks: list[str], item: CSL) -> bool:
    """Fill ``item`` from an archive citation ("GARF, f. 9414, op. 1, d. 1155, ll. 1–3"); False if it is none."""
    first = next((i for i, c in enumerate(chunks) if _ARCHIVE_LOC.match(c)
                  or re.match(r"^(?:FO|WKP)\s*\d", c)), None)
    if first is None or first == 0:
        return False
    name_i = first - 1
    name = chunks[name_i]
    # "Hoover Institution Archives, Boris I. Nicolaevsky Collection, box 233"
    if name_i > 0 and _ARCHIVE_NAME.search(chunks[name_i - 1]) and re.search(r"Collection|Papers|Fond",
                                                                             name):
        name_i -= 1
        name = chunks[name_i]
        loc_chunks = chunks[name_i + 1:]
    else:
        loc_chunks = chunks[first:]
    if not _ARCHIVE_NAME.search(name):
        return False
    item["type"] = "manuscript"
    item["archive"] = name_tail(name) if re.search(r"\b[a-z]{2,}\b", name) else clean(name)
    locs, sheet = [], None
    for c in loc_chunks:
        m = SHEET.match(c.rstrip("."))
        if m:
            sheet = pages(m["n"])
        else:
            locs.append(c.rstrip("."))
    if locs:
        item["archive_location"] = ", ".join(locs)
    if sheet:
        item["locator"] = sheet
    for c in chunks[:name_i]:
        q = quoted(c)
        if q and "title" not in item:
            item["title"] = q
        d = parse_date(c)
        if d and "issued" not in item and len(d) > 4:
            item["issued"] = d
    return True


_MONTHS_WORD = re.compile(r"\b" + MONTH_RE + r"(?!\w)", re.I)
_TITLE_GLUE = {"of", "the", "a", "an", "des", "der", "die", "das", "di", "de", "du", "la", "le", "les",
               "for", "on", "into", "del", "della", "et", "und", "y", "e"}


def authors(chunks: list[str]) -> tuple[list[dict], list[dict], int]:
    """Leading name chunks → (authors, editors, chunks used)."""
    if not chunks:
        return [], [], 0
    first = chunks[0]
    if not looks_like_names(first):
        tail = name_tail(first)
        before = first[:len(first) - len(tail)].split()
        # "Report of the Commission ... Harbour Disturbances": a title, not "... in Name"
        if tail and before and before[-1].lower() in _TITLE_GLUE:
            return [], [], 0
    m = re.search(r"\s*\((?:eds?|hrsg|hg|dir|a cura di)\.?\)$", first, re.I)
    if m:  # "S. Fitzpatrick and M. Geyer (eds.), Title": editors of the work
        eds, _, used = authors([first[:m.start()]] + list(chunks[1:]))
        return [], eds, used
    if not looks_like_names(first):
        first = name_tail(first)
        if not first or not looks_like_names(first):
            return [], [], 0
    k = 1
    names = [first]
    # "A, B, and C" — continue while name-like chunks lead to one starting with "and "
    j = 1
    while j < len(chunks) and looks_like_names(chunks[j]) and not quoted(chunks[j]):
        if chunks[j].startswith("and ") or chunks[j].startswith("& "):
            names.extend(chunks[k:j + 1])
            k = j + 1
            break
        j += 1
    editors: list[dict] = []
    people = parse_names(", ".join(names).replace(", and ", " and "))
    if k < len(chunks) and re.fullmatch(r"eds?\.?|\(eds?\.\)", chunks[k].strip()):
        return [], people, k + 1
    return people, editors, k


def parse_imprint(inner: str, item: CSL) -> None:
    """Fill place, publisher and date from the inside of "(Place: Publisher, Year)"."""
    d = parse_date(inner)
    if d:
        item["issued"] = d
    body = re.sub(r",?\s*(?:\d{1,2}\s+)?(?:" + MONTH_RE + r"\s+)?\d{4}\s*$", "", inner, flags=re.I).strip(" ,")
    if not body:
        return
    if ":" in body:
        place, pub = body.split(":", 1)
        if place.strip():
            item["publisher-place"] = place.strip()
        if pub.strip(" ,"):
            item["publisher"] = pub.strip(" ,")
    elif PUB_WORD.search(body):
        item["publisher"] = body
    else:
        item["publisher-place"] = body


def book_rest(chunks: list[str], item: CSL) -> None:
    """Title chunks, then trans./ed./edition/vol. of/series."""
    title: list[str] = []
    after_role = False
    chunks = list(chunks)
    i = 0
    while i < len(chunks):
        c = chunks[i].strip()
        i += 1
        m = _ROLE.match(c)
        if m:
            role = m["role"].lower()
            more = [m["names"]]
            while i < len(chunks) and looks_like_names(chunks[i]) and (
                    any(x.startswith("and ") for x in chunks[i:i + 3])):
                more.append(chunks[i])
                i += 1
            names = parse_names(", ".join(more).replace(", and ", " and "))
            if "trans" in role:
                item.setdefault("translator", []).extend(names)
                if m["lang"] and m["lang"].lower() in LANGUAGES:
                    item["language"] = LANGUAGES[m["lang"].lower()]
            if role.startswith("ed") or "and ed" in role or "edited" in role:
                item.setdefault("editor", []).extend(names)
            after_role = True
            continue
        if _EDITION.match(c):
            num = re.match(r"\d+", c)
            item["edition"] = num.group() if num else re.match(r"\w+", c).group()
            after_role = True
            continue
        if re.fullmatch(r"\d+\s+(?:vols?|voll|Bde|tomes)\.?", c, re.I):
            item["number-of-volumes"] = re.match(r"\d+", c).group()
            after_role = True
            continue
        m = _VOL_OF.match(c)
        if m:
            item["volume"] = m["v"]
            item["collection-title"] = clean(m["series"])
            after_role = True
            continue
        if after_role:
            item["collection-title"] = clean(c)
        else:
            title.append(c)
    if title:
        item["title"] = clean(", ".join(title))


def parse_after_title(rest: str, item: CSL) -> None:
    """What follows a quoted title: container, volume/issue, date, pages; or 'in' + book."""
    rest = rest.strip().lstrip(",").strip()
    if re.match(r"^in\b:?\s", rest):  # a chapter in a book
        item["type"] = "chapter"
        rest = re.sub(r"^in\b:?\s+", "", rest)
        head, par, tail = split_imprint(rest)
        chunks = [c for c, _ in split_top(head, ",")]
        k = 0
        if chunks and re.search(r"\(eds?\.?\)$|\bet al\.?$", chunks[0]):
            names = parse_names(chunks[0])
            if "et al" in chunks[0]:
                item["container-author"] = names
            else:
                item["editor"] = names
            k = 1
        sub: CSL = {}
        book_rest(chunks[k:], sub)
        if "title" in sub:
            item["container-title"] = sub.pop("title")
        for key, v in sub.items():
            item.setdefault(key, v)
        if par is not None:
            parse_imprint(par, item)
        tail_pages(item, tail)
        return
    head, par, tail = split_imprint(rest)
    if par is not None:  # journal: Container 45, no. 4 (1986): 357–58
        item["type"] = "article-journal"
        d = parse_date(par)
        if d:
            item["issued"] = d
        h = head.strip(" ,")
        cut = len(h)
        mv = re.search(r"\bvol\.?\s*(\w+)", h, re.I)
        mi = re.search(r"\b(?:no|nr)\.\s*([\w–/-]+)", h, re.I)
        if mv:
            item["volume"] = mv[1]
            cut = min(cut, mv.start())
        if mi:
            item["issue"] = mi[1]
            cut = min(cut, mi.start())
        h = h[:cut].rstrip(" ,")
        m2 = re.search(r"(?:,\s*|\s+)(\d+|[IVXLC]+)$", h)
        if m2 and m2.start() > 0 and "volume" not in item:
            item["volume"] = m2[1]
            h = h[:m2.start()]
        if clean(h):
            item["container-title"] = clean(h)
        tail_pages(item, tail)
        return
    # no parentheses: comma style (newspapers, British notes)
    chunks = [c for c, _ in split_top(rest, ",")]
    comma_fields(chunks, item)


def imprint_pair(chunks: list[str], item: CSL) -> list[str]:
    """'Publisher, Place, 1971' (British notes) without a volume: take both; return the rest."""
    if any(re.search(r"\b(?:vol|no)\b\.?", c, re.I) for c in chunks):
        return chunks
    for y, c in enumerate(chunks):
        if y >= 2 and re.fullmatch(r"\d{4}\.?", c.strip()):
            a, b = chunks[y - 2].strip(), chunks[y - 1].strip()
            if any(re.search(r"\d|[‘“\"(]", x) or not x[:1].isupper() for x in (a, b)):
                return chunks
            if set(re.findall(r"[a-z]+", b.lower())) <= _PLACES or not \
                    set(re.findall(r"[a-z]+", a.lower())) <= _PLACES:
                item["publisher"], item["publisher-place"] = clean(a), clean(b)
            else:
                item["publisher"], item["publisher-place"] = clean(b), clean(a)
            return chunks[:y - 2] + chunks[y:]
    return chunks


def comma_fields(chunks: list[str], item: CSL) -> None:
    """British/newspaper comma style: container, Vol./No., date, pages, publisher, place."""
    chunks = imprint_pair(chunks, item)
    for c in chunks:
        c0 = c.strip().rstrip(".")
        if not c0:
            continue
        q = quoted(c0)
        vm = re.search(r"\bvol\.?\s*(\w+)", c0, re.I)
        nm = re.search(r"\bno\.?\s*(\w+)", c0, re.I)
        if vm or (nm and not re.search(r"[a-z]{4,}", c0.replace(nm.group(0), ""))):
            if vm:
                item["volume"] = vm[1]
            if nm:
                item["issue"] = nm[1]
            pre = re.split(r"\b(?:vol|no)\b", c0, flags=re.I)[0]
            if q:
                item.setdefault("container-title", q)
            elif clean(pre):
                item.setdefault("container-title", clean(pre))
            continue
        if q and "container-title" not in item:
            item["container-title"] = q
            continue
        py = re.fullmatch(r"([A-Z][^\d,;:()]{1,40}?)\s+((?:1[4-9]|20)\d\d)", c0)
        if py and "publisher-place" not in item and not re.search(_MONTHS_WORD, py[1]):
            item["publisher-place"], item["issued"] = py[1], py[2]  # Italian "Venezia 1990"
            continue
        d = parse_date(c0)
        if d and re.fullmatch(r"[\w\s./\-–]+", c0) and not PUB_WORD.search(c0) and \
                is_date_chunk(c0):
            item["issued"] = d
            continue
        loc = locator(c0)
        if loc is not None and any(k in item for k in ("issued", "container-title", "publisher", "archive")):
            if re.match(r"^pp\.", c0) and ("volume" in item or "issue" in item) and re.search(r"[-–]", loc):
                item["page"] = loc
            else:
                item["locator"] = loc
            continue
        if _ARCHIVE_NAME.search(c0) and not PUB_WORD.search(c0) and "archive" not in item \
                and not re.search(r"\b[a-z]{3,}\b", c0):  # "Town Archive": an unpublished source
            item["archive"] = clean(c0)
            item["type"] = "manuscript"
            continue
        if "archive" in item and "archive-place" not in item and loc is None and not d:
            item["archive-place"] = clean(c0)
            continue
        if PUB_WORD.search(c0) and "publisher" not in item:
            item["publisher"] = clean(c0)
            continue
        if "publisher" in item and "publisher-place" not in item:
            item["publisher-place"] = clean(c0)
            continue
        if "container-title" not in item:
            ct = clean(name_tail(c0) if re.search(r"\b[a-z]{3,}\b", c0) else c0)
            if ct:
                item["container-title"] = ct
    if "archive" in item:
        item["type"] = "manuscript"
    elif "publisher" in item:
        item["type"] = "report" if re.match(r"(?:Report|Minutes|Proceedings)\b", str(item.get("title", ""))) \
            else "book"
    elif "volume" in item or "issue" in item:
        item["type"] = "article-journal"
    elif "container-title" in item:
        item["type"] = "article-newspaper" if item.get("issued") and len(str(item["issued"])) > 7 \
            else item.get("type", "article-journal")


def interview(c: str) -> CSL | None:
    """'Interview with Anna Weber by Tom Brandt, Basel, 3 May 1990.' → an interview item."""
    m = INTERVIEW.match(c)
    if not m:
        return None
    item: CSL = {"type": "interview" if "interview" in m["kind"].lower() else "personal_communication"}
    # "Interview with the author": the document's author, not a name to parse
    who = parse_names(m["who"]) if m["who"].strip()[:1].isupper() else []
    if who:
        item["author"] = who
    if m["by"]:
        item["interviewer"] = parse_names(m["by"])
    rest = [x.strip(" .)") for x, _ in split_top(m["rest"] or "", ",")]
    for x in rest:
        d = parse_date(x)
        if d and "issued" not in item:
            item["issued"] = d
        elif x and x[:1].isupper() and "publisher-place" not in item and not re.search(r"\d", x):
            item["publisher-place"] = x
    return item


def newspaper(chunks: list[str]) -> CSL | None:
    """'... in the Times Literary Supplement, June 23 1971, 733.' (no quoted title)."""
    for i, ch in enumerate(chunks):
        d = parse_date(ch)
        if i == 0 or not d or len(d) < 10 or not is_date_chunk(ch):
            continue
        name = chunks[i - 1]
        item: CSL = {"type": "review" if re.search(r"\breview\b", " ".join(chunks[:i])) else
                     "article-newspaper",
                     "container-title": clean(name_tail(name) if re.search(r"\b[a-z]{3,}\b", name) else name),
                     "issued": d}
        if not item["container-title"]:
            return None
        people, _, used = authors(chunks[:i - 1]) if i > 1 else ([], [], 0)
        if people:
            item["author"] = people
        if i + 1 < len(chunks):
            tail_pages(item, chunks[i + 1])
        return item
    return None


def date_follows(rest: str) -> bool:
    """Does the text after a quoted name open with a date ("‘Gazette’, 23.6.1971")?"""
    r = rest.strip().lstrip(",").strip()
    first = split_top(r, ",")[0][0] if r else ""
    return bool(parse_date(first)) and is_date_chunk(first)


def short_form(item: CSL, title: str, rest: str) -> CSL:
    """A short form with a quoted title ("Martin, “Origins,” 845") for the resolver."""
    out = {"backref": "short", "author": item["author"], "_short": title}
    loc = locator(rest.strip().lstrip(",").strip())
    if loc:
        out["locator"] = loc
    return out
