"""Rules for humanities footnotes (issue 3): split a note into citations, parse each.

Handles what the CRF's bibliography training data lacks: Chicago notes with an
imprint in parentheses ("Title (Place: Publisher, Year), 394."), British comma
style with quoted titles ("Name, ‘Title’, Publisher, Place, 1980, p. 394."),
journal and newspaper citations, archive files (fond/opis'/delo/list,
box/folder), translators and editors, commentary around citations, and the
back-reference forms (ibid., id., idem, op. cit., loc. cit., a.a.O., ebd., short
forms) — marked with ``backref`` for :mod:`refs_backrefs` to resolve.

:func:`parse_note` returns None for a line that does not look like a note, so
the caller can hand it to the CRF.

Known limits: titles without quotation marks are found by position; a note
mixing commentary and citations without punctuation between them may lose the
commentary boundary.

Example::

    >>> parse_note("Ibid., p. 12.")
    [{'backref': 'ibid', 'locator': '12'}]
"""

from __future__ import annotations

import re
from typing import Any

from .refs_crf import PLACES as _PLACES
from .refs_fields import MONTHS, clean, pages, parse_date, parse_names

CSL = dict[str, Any]

_ABBREV = {"ed", "eds", "vol", "vols", "no", "pp", "op", "cit", "loc", "trans", "cf", "edn", "repr",
           "esp", "ibid", "id", "al", "mass", "st", "dr", "mr", "fol", "ff", "ll", "n", "nos", "ch"}

_OPEN = "‘“\"'«„"
_CLOSE_FOR = {"‘": "’", "“": "”", "\"": "\"", "'": "'", "«": "»", "„": "“"}
_MONTH_RE = r"(?:" + "|".join(sorted((m for m in MONTHS if len(m) > 2), key=len, reverse=True)) + r")\.?"
_DATE_COMMA = re.compile(rf"\b({_MONTH_RE}\s+\d{{1,2}}),\s+(\d{{4}})\b", re.I)
_SIGNAL = re.compile(
    r"^(?:(?:see|cf|compare|also|see also|and|but|for|quoted in|cited in|on this|e\.g\.|"
    r"vgl|siehe|voir)\b\.?,?\s*)+", re.I)
_IBID = re.compile(r"^(?:ibid|ibidem|ib|ebd|ebenda|ivi)\b\.?\s*,?\s*(?P<rest>.*)$", re.I)
_IDEM = re.compile(r"^(?:idem|id|eadem|ders|dies)\b\.?\s*,?\s*(?P<rest>.*)$", re.I)
_OPCIT = re.compile(r"^(?P<head>.*?),?\s*\b(?P<kind>op\.\s*cit|loc\.\s*cit|a\.\s*a\.\s*O|cit)\.?"
                    r"\s*,?\s*(?P<rest>.*)$", re.I)
_LOCATOR = re.compile(r"^(?:(?:pp?|S|ss|col|fol|fols|ll?)\.\s*)?[\divxlcIVXLC][\w–—\-, ]*?\.?$")
_ARCHIVE_LOC = re.compile(r"^(?:f|fond|op|opis'?|d|delo|box|folder|file|series|piece|WKP|FO)\b\.?\s*\S*\d",
                          re.I)
_SHEET = re.compile(r"^(?:ll?|list|fol|fols)\.\s*(?P<n>\d[\w–\-, ]*)$", re.I)
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
_URL = re.compile(r"<?(?:https?://|www\.)[^\s<>]+[^\s<>.,;:)]>?")
_DOI = re.compile(r"\b(?:doi:\s*|https?://(?:dx\.)?doi\.org/)?(10\.\d{4,9}/[^\s,;]+[^\s,;.)])", re.I)
_INTERVIEW = re.compile(r"^(?P<kind>interview|conversation|author'?s? interview|personal communication)s?"
                        r"\s+(?:with|between)\s+(?P<who>[^,(]+?)(?:\s+by\s+(?P<by>[^,(]+))?"
                        r"(?:,\s*|\s+\(|$)(?P<rest>.*)$", re.I)
_EDITION = re.compile(r"^(?:\d+(?:st|nd|rd|th)|first|second|third|fourth|fifth|rev\.|revised|new)"
                      r"\s+(?:ed|edn|edition)\.?$|^\d+\.\s*Aufl\.?$", re.I)
_VOL_OF = re.compile(r"^vol\.\s*(?P<v>\w+)\s+of\s+(?P<series>.+)$", re.I)
_PUB_WORD = re.compile(r"\b(?:Press|Verlag|Publishers?|Publishing|Books|Edizioni|Éditions|Editions|"
                       r"Gallimard|Seuil|Macmillan|Routledge|Penguin|Knopf|Norton|Doubleday|Praeger|"
                       r"Longman|Arnold|Cape|Atheneum|Harcourt|HarperCollins)\b")


# ---------------------------------------------------------------- splitting


def _quote_end(s: str, i: int) -> int:
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
            word_inside = close in "’'" and (nxt.isalpha() or bool(re.match(r"(?:^|\W)[^\W\d_]$",
                                                                            s[max(0, j - 2):j])))
            if not word_inside:
                if depth == 0:
                    return j + 1
                depth -= 1
        j += 1
    return -1


def _is_open_quote(s: str, i: int) -> bool:
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
        elif depth == 0 and _is_open_quote(s, i):
            e = _quote_end(s, i)
            if e > 0:
                i = e
                continue
        elif depth == 0 and c in seps and (i + 1 == len(s) or s[i + 1] == " "):
            out.append((s[start:i].strip(), c))
            start = i + 1
        i += 1
    out.append((s[start:].strip(), ""))
    return [(a, b) for a, b in out if a or b]


_AND_NEXT = re.compile(r",\s+and\s+(?=(?:[A-Z][\w.\-’']*\s+){0,4}[A-Z][\w\-’']+,\s+[‘“'\"])")


def _split_and(p: str) -> list[str]:
    """Split "..., 1986, and J. Habermas, 'Title', ..." where a dated citation ends before "and"."""
    out, start = [], 0
    for m in _AND_NEXT.finditer(p):
        if re.search(r"\d{4}\)?[^,]*$", p[start:m.start()]):
            out.append(p[start:m.start()])
            start = m.end()
    out.append(p[start:])
    return out


def split_citations(note: str) -> list[str]:
    """Split a note into citation candidates at top-level ';' and sentence ends."""
    s = _DATE_COMMA.sub(lambda m: m[1] + "\u2063 " + m[2], note.strip())  # protect "June 4, 1992"
    parts = [p for p, _ in split_top(s, ";")]
    # "..., 6 June 1986, and J. Habermas, 'Title', ...": a second citation joined by "and"
    parts = [x for p in parts for x in _split_and(p)]
    out: list[str] = []
    for p in parts:
        # sentence breaks: ". " + capital, not after an initial or an abbreviation
        start = 0
        for m in re.finditer(r"(?<=[a-z0-9\)’”'])\.\s+(?=[A-Z])", p):
            word = re.search(r"(\w+)$", p[:m.start()])
            if word and word.group(1).lower() in _ABBREV:
                continue
            out.append(p[start:m.start() + 1].strip())
            start = m.end()
        out.append(p[start:].strip())
    out = [o for o in out if o]
    return [o.replace("\u2063 ", ", ") for o in out]


# ---------------------------------------------------------------- helpers


def _strip_signal(s: str) -> str:
    s = s.strip().strip(";")
    # commentary before the citation: "For the replies, see X" / "..., for which see X"
    m = re.match(r"^[^“‘\"]{0,160}?\b(?:see also|see|compare|cf\.)\s+(?=[A-Z‘“])", s)
    if m:
        s = s[m.end():]
    # leading lower-case commentary chunks: "and, for a different emphasis, S. Fitzpatrick ..."
    while True:
        m = re.match(r"^(?:and,?\s+)?[a-z][^,“‘(]*\s[^,“‘(]*,\s+(?=[A-Z‘“])", s)
        if not m:
            break
        s = s[m.end():]
    prev = None
    while prev != s:
        prev = s
        s = _SIGNAL.sub("", s).strip()
    return s


def _name_tail(s: str) -> str:
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


def _looks_like_names(s: str) -> bool:
    s = re.sub(r"\bet al\.?", "", s).strip(" ,")
    s = re.sub(r"^and\s+", "", s)
    words = s.split()
    if not words or len(words) > 10:
        return False
    return all(w[:1].isupper() or w.lower() in ("and", "de", "von", "van", "der", "la", "&")
               for w in words) and not re.search(r"\d", s)


def _locator(s: str) -> str | None:
    s = s.strip().rstrip(".").strip()
    if not s:
        return None
    if re.fullmatch(r"(?:(?:pp?|S|col|cols)\.\s*)?(?:[\dxivlc]+[a-z]?(?:\s*[-–—]\s*[\dxivlc]+)?"
                    r"(?:,\s*)?)+(?:\s*ff?\.?)?", s, re.I) and \
            re.search(r"\d|^(?:(?:pp?|S|col|cols)\.\s*)?[ivxlc]", s, re.I):
        return pages(s)
    return None


def _tail_pages(item: CSL, tail: str) -> None:
    """', 285.' / ': 357–58' / ', pp. 1319-53, at p. 1320' / ', esp. 830' → page/locator."""
    t = tail.strip().lstrip(":,").strip().rstrip(".")
    if not t:
        return
    m = re.match(r"^(?P<range>.+?),?\s+(?:at|esp\.|especially)\s+(?P<pin>.+)$", t)
    if m and _locator(m["range"]) and _locator(m["pin"]):
        item["page"] = _locator(m["range"])
        item["locator"] = _locator(m["pin"])
        return
    loc = _locator(t)
    if loc:
        item["locator"] = loc


# ---------------------------------------------------------------- one citation


def _parse_archive(chunks: list[str], item: CSL) -> bool:
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
    item["archive"] = _name_tail(name) if re.search(r"\b[a-z]{2,}\b", name) else clean(name)
    locs, sheet = [], None
    for c in loc_chunks:
        m = _SHEET.match(c.rstrip("."))
        if m:
            sheet = pages(m["n"])
        else:
            locs.append(c.rstrip("."))
    if locs:
        item["archive_location"] = ", ".join(locs)
    if sheet:
        item["locator"] = sheet
    for c in chunks[:name_i]:
        q = _quoted(c)
        if q and "title" not in item:
            item["title"] = q
        d = parse_date(c)
        if d and "issued" not in item and len(d) > 4:
            item["issued"] = d
    return True


def _quoted(c: str) -> str | None:
    i = next((k for k in range(len(c)) if _is_open_quote(c, k)), None)
    if i is None:
        return None
    e = _quote_end(c, i)
    if e < 0:
        return None
    return clean(c[i + 1:e - 1]).rstrip(",") or None


def _authors(chunks: list[str]) -> tuple[list[dict], list[dict], int]:
    """Leading name chunks → (authors, editors, chunks used)."""
    if not chunks:
        return [], [], 0
    first = chunks[0]
    if not _looks_like_names(first):
        first = _name_tail(first)
        if not first or not _looks_like_names(first):
            return [], [], 0
    k = 1
    names = [first]
    # "A, B, and C" — continue while name-like chunks lead to one starting with "and "
    j = 1
    while j < len(chunks) and _looks_like_names(chunks[j]) and not _quoted(chunks[j]):
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


def _parse_imprint(inner: str, item: CSL) -> None:
    d = parse_date(inner)
    if d:
        item["issued"] = d
    body = re.sub(r",?\s*(?:\d{1,2}\s+)?(?:" + _MONTH_RE + r"\s+)?\d{4}\s*$", "", inner, flags=re.I).strip(" ,")
    if not body:
        return
    if ":" in body:
        place, pub = body.split(":", 1)
        if place.strip():
            item["publisher-place"] = place.strip()
        if pub.strip(" ,"):
            item["publisher"] = pub.strip(" ,")
    elif _PUB_WORD.search(body):
        item["publisher"] = body
    else:
        item["publisher-place"] = body


def _book_rest(chunks: list[str], item: CSL) -> None:
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
            while i < len(chunks) and _looks_like_names(chunks[i]) and (
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


def _parse_after_title(rest: str, item: CSL) -> None:
    """What follows a quoted title: container, volume/issue, date, pages; or 'in' + book."""
    rest = rest.strip().lstrip(",").strip()
    if re.match(r"^in\b:?\s", rest):  # a chapter in a book
        item["type"] = "chapter"
        rest = re.sub(r"^in\b:?\s+", "", rest)
        head, par, tail = _split_imprint(rest)
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
        _book_rest(chunks[k:], sub)
        if "title" in sub:
            item["container-title"] = sub.pop("title")
        for key, v in sub.items():
            item.setdefault(key, v)
        if par is not None:
            _parse_imprint(par, item)
        _tail_pages(item, tail)
        return
    head, par, tail = _split_imprint(rest)
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
        _tail_pages(item, tail)
        return
    # no parentheses: comma style (newspapers, British notes)
    chunks = [c for c, _ in split_top(rest, ",")]
    _comma_fields(chunks, item)


def _imprint_pair(chunks: list[str], item: CSL) -> list[str]:
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


def _comma_fields(chunks: list[str], item: CSL) -> None:
    """British/newspaper comma style: container, Vol./No., date, pages, publisher, place."""
    chunks = _imprint_pair(chunks, item)
    for c in chunks:
        c0 = c.strip().rstrip(".")
        if not c0:
            continue
        q = _quoted(c0)
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
        d = parse_date(c0)
        if d and re.fullmatch(r"[\w\s./\-–]+", c0) and not _PUB_WORD.search(c0) and \
                len(re.sub(r"[\d\s./\-–]", "", c0)) <= 12:
            item["issued"] = d
            continue
        loc = _locator(c0)
        if loc is not None and ("issued" in item or "container-title" in item or "publisher" in item):
            if re.match(r"^pp\.", c0) and ("volume" in item or "issue" in item) and re.search(r"[-–]", loc):
                item["page"] = loc
            else:
                item["locator"] = loc
            continue
        if _PUB_WORD.search(c0) and "publisher" not in item:
            item["publisher"] = clean(c0)
            continue
        if "publisher" in item and "publisher-place" not in item:
            item["publisher-place"] = clean(c0)
            continue
        if "container-title" not in item:
            item["container-title"] = clean(_name_tail(c0) if re.search(r"\b[a-z]{3,}\b", c0) else c0)
    if "publisher" in item:
        item["type"] = "book"
    elif "volume" in item or "issue" in item:
        item["type"] = "article-journal"
    elif "container-title" in item:
        item["type"] = "article-newspaper" if item.get("issued") and len(str(item["issued"])) > 7 \
            else item.get("type", "article-journal")


def _split_imprint(s: str) -> tuple[str, str | None, str]:
    """Split at the last top-level parenthesis holding a year: (head, inside, tail)."""
    best = None
    depth, start = 0, -1
    i = 0
    while i < len(s):
        c = s[i]
        if depth == 0 and _is_open_quote(s, i):
            e = _quote_end(s, i)
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


def parse_citation(c: str) -> CSL | None:
    """Parse one citation (already split off its note); None when nothing is found."""
    c = _strip_signal(c)
    if not c:
        return None
    c = _DATE_COMMA.sub(lambda m: m[1] + " " + m[2], c)  # "June 4, 1992" is one field
    ids: CSL = {}
    m = _DOI.search(c)
    if m:
        ids["DOI"] = m[1]
        c = (c[:m.start()] + c[m.end():]).strip(" ,.;") + "."
    m = _URL.search(c)
    if m:
        ids["URL"] = m.group().strip("<>")
        c = re.sub(r"\s*(?:available at|online at|at|URL)?:?\s*$", "", c[:m.start()], flags=re.I).rstrip(" ,") \
            + c[m.end():]
    item = _parse_citation(c)
    if item is not None and ids:
        item.update(ids)
    elif item is None and ids:
        item = {"type": "webpage", **ids}
    return item


def _interview(c: str) -> CSL | None:
    """'Interview with Anna Weber by Tom Brandt, Basel, 3 May 1990.' → an interview item."""
    m = _INTERVIEW.match(c)
    if not m:
        return None
    item: CSL = {"type": "interview" if "interview" in m["kind"].lower() else "personal_communication"}
    who = parse_names(m["who"])
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


def _parse_citation(c: str) -> CSL | None:
    if not c.strip(" ."):
        return None
    m = _IBID.match(c)
    if m:
        item: CSL = {"backref": "ibid"}
        sheet = _SHEET.match(m["rest"].strip().rstrip(".")) if m["rest"] else None
        loc = pages(sheet["n"]) if sheet else (_locator(m["rest"]) if m["rest"] else None)
        if loc:
            item["locator"] = loc
        return item
    m = _IDEM.match(c)
    if m and m["rest"] and re.search(r"[A-Za-z]{3}", m["rest"]):
        item = parse_citation("Anon Anonymous, " + m["rest"]) or {}
        item.pop("author", None)
        item["backref"] = "idem"
        return item
    if m:
        item = {"backref": "ibid"}
        if m["rest"] and _locator(m["rest"]):
            item["locator"] = _locator(m["rest"])
        return item
    iv = _interview(c)
    if iv:
        return iv
    m = _OPCIT.match(c)
    if m and m["kind"].lower().replace(" ", "") in ("op.cit", "loc.cit", "a.a.o") and m["head"].strip():
        kind = "loc. cit." if m["kind"].lower().startswith("loc") else "op. cit."
        head = [h for h, _ in split_top(m["head"], ",")]
        item = {"backref": kind}
        names = parse_names(_name_tail(head[0]) if head else "")
        if names:
            item["author"] = names
        if len(head) > 1:
            item["_short"] = clean(head[1])
        loc = _locator(m["rest"]) if m["rest"] else None
        if loc:
            item["locator"] = loc
        return item
    chunks = [x for x, _ in split_top(c, ",")]
    item = {}
    if _parse_archive(chunks, item):
        return item
    # quoted title?
    qi = None
    for k, ch in enumerate(chunks):
        if ch and _is_open_quote(ch, 0) and _quote_end(ch, 0) > 0:
            qi = k
            break
    head, par, tail = _split_imprint(c)
    if qi is not None:
        people, eds, used = _authors(chunks[:qi])
        if people:
            item["author"] = people
        if eds:
            item["editor"] = eds
        title = _quoted(chunks[qi])
        qstart = c.find(chunks[qi])
        rest = c[qstart + _quote_end(chunks[qi], 0):]
        if title and not people and not eds and qi == 0 and not rest.strip(" .,"):
            return None
        if title and (people or eds or qi == 0):
            if not people and not eds and _date_follows(rest):
                item["container-title"] = title  # "‘Times Literary Supplement’, 23.6.1971, p. 733."
                _comma_fields([x for x, _ in split_top(rest, ",")], item)
                item["type"] = "article-magazine"
                return item
            if people and (not rest.strip(" ,.") or _locator(rest.strip(" ,")) is not None):
                return _short_form({"author": people}, title, rest)  # Martin, “Origins,” 845.
            item["title"] = title
            # chunk text after the quotation, within the same chunk ("‘Title’ Vol. 1")
            _parse_after_title(rest, item)
            if people and "type" not in item:
                item["type"] = "article-journal"
            if not any(k in item for k in ("container-title", "publisher", "issued", "locator")):
                # short form with a quoted title: Martin, “Origins,” 845
                if people and len(item) <= 3:
                    return _short_form(item, title, rest)
            if "type" not in item:
                item["type"] = "article-journal"
            return item
    if par is not None:  # Chicago book: Authors, Title, trans. X (Place: Pub, Year), 394.
        hchunks = [x for x, _ in split_top(head, ",")]
        people, eds, used = _authors(hchunks)
        if people:
            item["author"] = people
        if eds:
            item["editor"] = eds
        if not (people or eds) and len(hchunks) < 2:
            return None
        _book_rest(hchunks[used:], item)
        _parse_imprint(par, item)
        _tail_pages(item, tail)
        item["type"] = "book"
        return item if "title" in item else (item if people else None)
    news = _newspaper(chunks)
    if news:
        return news
    # short form: Family, Short Title, 10.
    if len(chunks) >= 2:
        people, eds, used = _authors(chunks)
        if people and len(people) <= 3 and used < len(chunks):
            rest = chunks[used:]
            loc = _locator(rest[-1]) if len(rest) > 1 else None
            title_chunks = rest[:-1] if loc else rest
            if 1 <= len(title_chunks) <= 2 and not any(_PUB_WORD.search(t) for t in title_chunks) \
                    and not any(parse_date(t) for t in title_chunks):
                item = {"backref": "short", "author": people, "_short": clean(", ".join(title_chunks))}
                if loc:
                    item["locator"] = loc
                return item
            # British book without parentheses: Name, ‘Title’ handled above; Name, Title, Pub, Place, Year
            if any(_PUB_WORD.search(t) for t in rest) or any(parse_date(t) for t in rest):
                item = {"author": people, "title": clean(rest[0])}
                _comma_fields(rest[1:], item)
                item["type"] = "book"
                return item
    return None


def _newspaper(chunks: list[str]) -> CSL | None:
    """'... in the Times Literary Supplement, June 23 1971, 733.' (no quoted title)."""
    for i, ch in enumerate(chunks):
        d = parse_date(ch)
        if i == 0 or not d or len(d) < 10 or len(re.sub(r"[\d\s./\-–]", "", ch)) > 12:
            continue
        name = chunks[i - 1]
        item: CSL = {"type": "review" if re.search(r"\breview\b", " ".join(chunks[:i])) else
                     "article-newspaper",
                     "container-title": clean(_name_tail(name) if re.search(r"\b[a-z]{3,}\b", name) else name),
                     "issued": d}
        if not item["container-title"]:
            return None
        people, _, used = _authors(chunks[:i - 1]) if i > 1 else ([], [], 0)
        if people:
            item["author"] = people
        if i + 1 < len(chunks):
            _tail_pages(item, chunks[i + 1])
        return item
    return None


def _date_follows(rest: str) -> bool:
    r = rest.strip().lstrip(",").strip()
    first = split_top(r, ",")[0][0] if r else ""
    return bool(parse_date(first)) and len(re.sub(r"[\d\s./\-–]", "", first)) <= 12


def _short_form(item: CSL, title: str, rest: str) -> CSL:
    out = {"backref": "short", "author": item["author"], "_short": title}
    loc = _locator(rest.strip().lstrip(",").strip())
    if loc:
        out["locator"] = loc
    return out


def _given_first(s: str) -> bool:
    """'Stephen F. Cohen, ...' (notes) rather than 'Cohen, S. F.' / 'Cohen SF,' (bibliographies)."""
    head = s.split(",", 1)[0].strip()
    words = head.split()
    if not 2 <= len(words) <= 5 or re.search(r"\d|[a-z]{2}[.!?]\s", head):
        return False
    return not re.fullmatch(r"(?:[A-Z]\.?){1,3}", words[-1]) and words[-1][:1].isupper()


def looks_like_note(line: str) -> bool:
    """Cheap test: does the line carry a feature only footnotes have (not bibliographies)?

    Deliberately strict: bibliography entries go to the CRF, which knows them better;
    a file that is mostly notes is read as notes throughout (see ``references``).
    """
    s = line.strip()
    if re.match(r"^\[?\d+[\].]\s", s) or re.match(r"^[^()‘“\"']{0,120}\(\d{4}[a-z]?\)", s):
        return False  # numbered (IEEE) or author-date entries: bibliography style
    if _IBID.match(s) or re.match(r"^(?:idem|id)\b", s, re.I) or \
            re.search(r"\b(?:op|loc)\.\s*cit\b|\ba\.\s*a\.\s*O\.", s, re.I):
        return True
    if re.search(r"\)\s*[,:]\s*(?:pp?\.\s*)?[\dxivl]+(?:\s*[-–]\s*[\dxivl]+)?(?:,\s*(?:at|esp\.)\s*"
                 r"(?:pp?\.\s*)?\d+[\d–\-]*)?\.?$", s) and re.search(r"\([^()]*\d{4}\)", s) and \
            _given_first(s):
        return True  # imprint or date in parentheses, then a pinpoint: Chicago note
    if re.search(r"\bf\.\s*\d+,\s*op\.\s*\d+|\bbox\s+\d+,\s*folder\s+\d+", s, re.I) or _INTERVIEW.match(s):
        return True
    if re.match(r"^[^,]{2,40},\s+[^,]{2,80},\s+(?:pp?\.\s*)?\d+[\d–\-]*\.?$", s) and \
            not re.search(r"\d{4}", s):
        return True  # short form
    if re.search(r"(?:^|\.\s|,\s)(?:see|cf\.|compare)\s+[A-Z‘“]", s, re.I) and re.search(r"\d{4}", s):
        return True
    if _given_first(s) and re.match(r"^[^,‘“]+,\s*(?:“[^”]+,”|‘[^’]+(?:’\w[^’]*)*’,)", s):
        return True  # Given Family, “Title,” ... / Given Family, ‘Title’, ...
    if re.match(r"^[‘“][^’”]+[’”],\s", s) and re.search(r",\s*(?:pp?\.\s*)?\d+(?:[-–]\d+)?\.?$", s):
        return True  # ‘Gazette’, 2.5.1931, p. 4.
    return False


def parse_note(line: str, force: bool = False) -> list[CSL] | None:
    """Parse a note into its cited items, or None when the line is not note-style.

    Args:
        line: the note text, without its number.
        force: parse even when :func:`looks_like_note` says no (a known notes list).
    """
    if not force and not looks_like_note(line):
        return None
    items: list[CSL] = []
    for cit in split_citations(line):
        try:
            it = parse_citation(cit)
        except (ValueError, IndexError):  # a malformed citation is skipped, never fatal
            it = None
        if it:
            items.append(it)
    return items
