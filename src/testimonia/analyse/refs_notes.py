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

from .refs_fields import clean, pages, parse_date, parse_names
from .refs_forms import (
    INTERVIEW,
    PUB_WORD,
    authors,
    book_rest,
    comma_fields,
    date_follows,
    interview,
    newspaper,
    parse_after_title,
    parse_archive,
    parse_imprint,
    short_form,
)
from .refs_text import (
    DATE_COMMA,
    SHEET,
    VOL_PAGE,
    is_date_chunk,
    is_open_quote,
    locator,
    name_tail,
    quote_end,
    quoted,
    split_imprint,
    split_top,
    tail_pages,
)

CSL = dict[str, Any]

_ABBREV = {"ed", "eds", "vol", "vols", "no", "pp", "op", "cit", "loc", "trans", "cf", "edn", "repr",
           "esp", "ibid", "id", "al", "mass", "st", "dr", "mr", "fol", "ff", "ll", "n", "nos", "ch"}


_SIGNAL = re.compile(
    r"^(?:(?:(?:see|cf|cfr|compare|also|see also|and|but|for|quoted in|cited in|on this|vgl|siehe|"
    r"voir|vedi|v)\b|e\.\s?g\.|i\.\s?e\.|z\.\s?B\.)\.?,?\s*)+", re.I)


_IBID = re.compile(r"^(?:ibid|ibidem|ib|ebd|ebenda|ivi)\b\.?\s*,?\s*(?P<rest>.*)$", re.I)


_IDEM = re.compile(r"^(?:idem|id|eadem|ders|dies)\b\.?\s*,?\s*(?P<rest>.*)$", re.I)


_OPCIT = re.compile(r"^(?P<head>.*?),?\s*\b(?P<kind>op\.\s*cit|loc\.\s*cit|art\.\s*cit|ouvr\.\s*cit|"
                    r"a\.\s*a\.\s*O|cit)\.?(?=[\s,;]|$)\s*,?\s*(?P<rest>.*)$", re.I)


_LOCATOR = re.compile(r"^(?:(?:pp?|S|ss|col|fol|fols|ll?)\.\s*)?[\divxlcIVXLC][\w–—\-, ]*?\.?$")


_URL = re.compile(r"<?(?:https?://|www\.)[^\s<>]+[^\s<>.,;:)]>?")


_DOI = re.compile(r"\b(?:doi:\s*|https?://(?:dx\.)?doi\.org/)?(10\.\d{4,9}/[^\s,;]+[^\s,;.)])", re.I)


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
    s = DATE_COMMA.sub(lambda m: m[1] + "\u2063 " + m[2], note.strip())  # protect "June 4, 1992"
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
            if word and word.group(1).isdigit() and re.match(
                    r"\s*(?:Aufl|Auflage|Ausg|Band|Bd|Jahrhundert|Jh|Teil|Halbband)\b", p[m.end() - 1:]):
                continue  # German ordinals: "2. Aufl.", "19. Jahrhundert"
            out.append(p[start:m.start() + 1].strip())
            start = m.end()
        out.append(p[start:].strip())
    out = [o for o in out if o]
    return [o.replace("\u2063 ", ", ") for o in out]


def _strip_signal(s: str) -> str:
    s = s.strip().strip(";")
    # commentary before the citation: "For the replies, see X" / "..., for which see X"
    m = re.match(r"^[^“‘\"]{0,160}?\b(?:see also|see|compare|cf\.)\s+(?=[A-Z‘“])", s)
    if m:
        s = s[m.end():]
    # leading lower-case commentary chunks: "and, for a different emphasis, S. Fitzpatrick ..."
    while True:
        m = re.match(r"^(?:and,?\s+)?[a-z][^,“‘(A-Z]*\s[^,“‘(A-Z]*,\s+(?=[A-Z‘“])", s)
        if not m:
            break
        s = s[m.end():]
    prev = None
    while prev != s:
        prev = s
        s = _SIGNAL.sub("", s).strip()
    return s


def parse_citation(c: str) -> CSL | None:
    """Parse one citation (already split off its note); None when nothing is found."""
    c = _strip_signal(c)
    if not c:
        return None
    c = DATE_COMMA.sub(lambda m: m[1] + " " + m[2], c)  # "June 4, 1992" is one field
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


def _parse_citation(c: str) -> CSL | None:
    if not c.strip(" ."):
        return None
    m = _IBID.match(c)
    if m:
        item: CSL = {"backref": "ibid"}
        sheet = SHEET.match(m["rest"].strip().rstrip(".")) if m["rest"] else None
        loc = pages(sheet["n"]) if sheet else (locator(m["rest"]) if m["rest"] else None)
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
        if m["rest"] and locator(m["rest"]):
            item["locator"] = locator(m["rest"])
        return item
    iv = interview(c)
    if iv:
        return iv
    m = _OPCIT.match(c)
    kind_word = m["kind"].lower().replace(" ", "") if m else ""
    head = [h for h, _ in split_top(m["head"], ",")] if m and m["head"].strip() else []
    # a bare "cit." (Italian "Rossi, Storia, cit., p. 5") only after an author and a title
    if m and head and (kind_word != "cit" or len(head) >= 2):
        kind = "loc. cit." if kind_word.startswith("loc") else "op. cit."
        item = {"backref": kind}
        names = parse_names(name_tail(head[0]) if head else "")
        if names:
            item["author"] = names
        if len(head) > 1:
            item["_short"] = clean(head[1])
        loc = locator(m["rest"]) if m["rest"] else None
        if loc:
            item["locator"] = loc
        return item
    chunks = [x for x, _ in split_top(c, ",")]
    item = {}
    if parse_archive(chunks, item):
        return item
    # quoted title?
    qi = None
    for k, ch in enumerate(chunks):
        if ch and is_open_quote(ch, 0) and quote_end(ch, 0) > 0:
            qi = k
            break
    head, par, tail = split_imprint(c)
    if qi is not None:
        people, eds, used = authors(chunks[:qi])
        if people:
            item["author"] = people
        if eds:
            item["editor"] = eds
        title = quoted(chunks[qi])
        qstart = c.find(chunks[qi])
        rest = c[qstart + quote_end(chunks[qi], 0):]
        if title and not people and not eds and qi == 0 and not rest.strip(" .,"):
            return None
        if title and (people or eds or qi == 0):
            if not people and not eds and date_follows(rest):
                item["container-title"] = title  # "‘Times Literary Supplement’, 23.6.1971, p. 733."
                comma_fields([x for x, _ in split_top(rest, ",")], item)
                item["type"] = "article-magazine"
                return item
            if people and (not rest.strip(" ,.") or locator(rest.strip(" ,")) is not None):
                return short_form({"author": people}, title, rest)  # Martin, “Origins,” 845.
            item["title"] = title
            # chunk text after the quotation, within the same chunk ("‘Title’ Vol. 1")
            parse_after_title(rest, item)
            if people and "type" not in item:
                item["type"] = "article-journal"
            if not any(k in item for k in ("container-title", "publisher", "issued", "locator")):
                # short form with a quoted title: Martin, “Origins,” 845
                if people and len(item) <= 3:
                    return short_form(item, title, rest)
            if "type" not in item:
                item["type"] = "article-journal"
            return item
    if par is not None:  # Chicago book: Authors, Title, trans. X (Place: Pub, Year), 394.
        hchunks = [x for x, _ in split_top(head, ",")]
        people, eds, used = authors(hchunks)
        # commentary before the names: "He is quoted as saying ‘no’, Feliks Chuev, Title (...)"
        while not (people or eds) and len(hchunks) > 2 and re.search(r"\b[a-z]{3,}\b", hchunks[0]) \
                and authors(hchunks[1:])[0]:
            hchunks = hchunks[1:]
            people, eds, used = authors(hchunks)
        if people:
            item["author"] = people
        if eds:
            item["editor"] = eds
        if not (people or eds) and len(hchunks) < 2:
            return None
        book_rest(hchunks[used:], item)
        parse_imprint(par, item)
        tail_pages(item, tail)
        item["type"] = "book"
        return item if "title" in item else (item if people else None)
    news = newspaper(chunks)
    if news:
        return news
    if len(chunks) >= 2 and re.match(r"(?:an?\s+)?(?:interview|conversation)s?\b", chunks[1].strip(), re.I):
        iv = interview(chunks[1].strip() + ", " + ", ".join(chunks[2:]))
        people, _, _ = authors(chunks[:1])
        if iv is not None and people:  # "Otto Keller, interview with the author, 12 June 1988."
            iv["author"] = people
            return iv
    # short form: Family, Short Title, 10.
    if len(chunks) >= 2:
        people, eds, used = authors(chunks)
        rest = chunks[1:]
        if not people and not eds and len(chunks[0].split()) >= 3 and (
                any(PUB_WORD.search(t) for t in rest) or any(
                    is_date_chunk(t.rstrip(".")) for t in rest)):
            # an unsigned work: "Report of the Commission ..., Government Printer, Accra, 1922, p. 17."
            item = {"title": clean(chunks[0])}
            comma_fields(rest, item)
            return item
        if people and len(people) <= 3 and used < len(chunks):
            rest = chunks[used:]
            vp = VOL_PAGE.match(rest[-1].rstrip(".")) if len(rest) > 1 else None
            loc = (pages(vp["p"]) if vp else locator(rest[-1])) if len(rest) > 1 else None
            title_chunks = rest[:-1] if loc else rest
            if 1 <= len(title_chunks) <= 2 and not any(PUB_WORD.search(t) for t in title_chunks) \
                    and not any(parse_date(t) for t in title_chunks):
                item = {"backref": "short", "author": people, "_short": clean(", ".join(title_chunks))}
                if loc:
                    item["locator"] = loc
                if vp:
                    item["volume"] = vp["v"]
                return item
            # British book without parentheses: Name, ‘Title’ handled above; Name, Title, Pub, Place, Year
            if any(PUB_WORD.search(t) for t in rest) or any(parse_date(t) for t in rest):
                item = {"author": people, "title": clean(rest[0])}
                comma_fields(rest[1:], item)
                item["type"] = "book"
                return item
    return None


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
            re.search(r"\b(?:op|loc|art)\.\s*cit\b|\ba\.\s*a\.\s*O\.|,\s*cit\.(?:,|$)", s, re.I) or \
            re.match(r"(?:cfr|vedi|vgl)\b\.?\s", s, re.I):
        return True
    if re.search(r"\)\s*[,:]\s*(?:(?:pp?|S)\.\s*)?(?:\d+:\s*)?[\dxivl]+(?:\s*[-–]\s*[\dxivl]+)?"
                 r"(?:,\s*(?:at|esp\.)\s*"
                 r"(?:pp?\.\s*)?\d+[\d–\-]*)?\.?$", s) and re.search(r"\([^()]*\d{4}\)", s) and (
                _given_first(s) or re.search(r",\s(?:[A-Z][\w.’'-]*\s+){1,3}[A-Z][\w’'-]+,\s+[^,]+\(", s)):
        return True  # imprint or date in parentheses, then a pinpoint: Chicago note
    if re.search(r"\bf\.\s*\d+,\s*op\.\s*\d+|\bbox\s+\d+,\s*folder\s+\d+", s, re.I) or INTERVIEW.match(s):
        return True
    if re.match(r"^[^,]{2,40},\s+[^,]{2,80},\s+(?:(?:pp?|S)\.\s*)?(?:\d+:\s*)?\d+[\d–\-]*\.?$", s) and \
            not re.search(r"\d{4}", s):
        return True  # short form
    if re.search(r"(?:^|\.\s|,\s)(?:see|cf\.|compare),?\s+(?:e\.\s?g\.,?\s+)?[A-Z‘“]", s, re.I) and \
            re.search(r"\d{4}", s):
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
