"""Field normalisers for reference parsing (issue 3): names, dates, numbers, pages.

Each function takes the raw text of one field as printed and returns its CSL-JSON
value: a list of ``{"family", "given"}`` names, an ISO-like date string
(``"1995-09"``), a bare volume number, a page range. They never raise on odd input;
they return what they can (possibly nothing).

Example::

    >>> parse_names("Romero, C., Paunesku, D., & Dweck, C.")
    [{'family': 'Romero', 'given': 'C.'}, {'family': 'Paunesku', 'given': 'D.'}, {'family': 'Dweck', 'given': 'C.'}]
    >>> parse_date("September 1995")
    '1995-09'
"""

from __future__ import annotations

import re
import unicodedata

MONTHS = {
    "jan": 1, "janv": 1, "january": 1, "janvier": 1, "januar": 1, "gennaio": 1, "enero": 1,
    "feb": 2, "february": 2, "février": 2, "fevrier": 2, "februar": 2, "febbraio": 2,
    "mar": 3, "march": 3, "mars": 3, "märz": 3, "marzo": 3,
    "apr": 4, "april": 4, "avril": 4, "aprile": 4, "abril": 4,
    "may": 5, "mai": 5, "maggio": 5, "mayo": 5,
    "jun": 6, "june": 6, "juin": 6, "juni": 6, "giugno": 6, "junio": 6,
    "jul": 7, "july": 7, "juillet": 7, "juli": 7, "luglio": 7, "julio": 7,
    "aug": 8, "august": 8, "août": 8, "aout": 8, "agosto": 8,
    "sep": 9, "sept": 9, "september": 9, "septembre": 9, "settembre": 9, "septiembre": 9,
    "oct": 10, "october": 10, "octobre": 10, "oktober": 10, "ottobre": 10, "octubre": 10,
    "nov": 11, "november": 11, "novembre": 11, "noviembre": 11,
    "dec": 12, "december": 12, "décembre": 12, "decembre": 12, "dezember": 12, "dicembre": 12,
    "diciembre": 12,
}
PARTICLES = {"de", "da", "di", "del", "della", "van", "von", "der", "den", "du", "des", "la",
             "le", "ten", "ter", "zu", "dos", "das", "do", "af", "av", "d'", "l'"}
_ROLE_RE = re.compile(
    r"\(\s*(?:eds?|hrsg|hg|dir|trans|comp|coord)\.?\s*\)|"
    r"\b(?:edited|translated|compiled|introduced)\s+by\b|\b(?:ed|eds|hrsg|hg|trans|transl|comp)\.(?=\s|,|$)|"
    r"^\s*(?:in|by)\s*:?\s+|\bet\s+al\.?|\bu\.\s*a\.|\ba\s+c(?:ura)?\.?\s+di\b|\bcur\.|"
    r"\b(?:herausgegeben|hrsg\.)\s+von\b|\btraduit\s+par\b|\bsous\s+la\s+dir(?:ection|\.)\s+de\b", re.I)
_INITIALS = re.compile(r"^(?:[A-ZÀ-Þ]\.\s*-?)*[A-ZÀ-Þ]\.?$|^[A-ZÀ-Þ]{1,3}$|^[A-ZÀ-Þ]\.?-[A-ZÀ-Þ]\.?$")
_SPLIT = re.compile(r"\s*;\s*|\s*&\s*|,?\s+(?:and|und|et|y|e)\s+")


def _is_initials(s: str) -> bool:
    return bool(_INITIALS.match(s.replace(" ", ""))) if s else False


def _is_word_name(w: str) -> bool:
    return bool(w) and (w[0].isupper() or w.lower() in PARTICLES or _is_initials(w))


def _split_given_first(chunk: str) -> dict[str, str]:
    """'Stephen F. Cohen' / 'Maurice de Gandillac' / 'Heidegger M.' / 'Arias A'."""
    words = chunk.split()
    if len(words) == 1:
        return {"family": words[0]}
    # Vancouver / inverted without comma: "Peters OA", "Heidegger M."
    if _is_initials(words[-1]) and not _is_initials(words[0]):
        tail = [w for w in words[1:] if _is_initials(w)]
        if len(tail) == len(words) - 1 or (len(words) > 2 and _is_initials(words[-1])
                                           and words[0].lower() in PARTICLES):
            k = len(words) - len(tail)
            return {"family": " ".join(words[:k]), "given": " ".join(words[k:])}
    i = len(words) - 1
    while i > 1 and words[i - 1].lower() in PARTICLES:
        i -= 1
    return {"family": " ".join(words[i:]), "given": " ".join(words[:i])}


def parse_names(text: str) -> list[dict[str, str]]:
    """Split a printed name list into CSL names (``family``/``given``); [] when there are none."""
    s = unicodedata.normalize("NFC", text or "")
    s = re.sub(r"[\[\]{}()]", " ", _ROLE_RE.sub(" ", s))
    s = _ROLE_RE.sub(" ", s)
    s = re.sub(r"\s+", " ", s).strip(" ,;:")
    s = re.sub(r",?\s+(?:Jr|Sr|Jun|Sen|II|III)\b\.?", "", s)
    # "ROUSSILLON, René. CHABERT, Catherine." — persons separated by full stops
    s = re.sub(r"(?<=[^\W\d_]{2})\.\s+(?=[A-ZÀ-Þ][A-ZÀ-Þ'’\-]+,)", "; ", s)
    if not s or not re.search(r"[^\W\d_]", s):
        return []
    out: list[dict[str, str]] = []
    for chunk in _SPLIT.split(s):
        chunk = chunk.strip(" ,;:")
        if chunk.endswith(".") and not re.search(r"(?:^|[\s.\-])[^\W\d_]\.$", chunk):
            chunk = chunk[:-1]  # a full stop after a word, not an initial's
        if not chunk or not re.search(r"[^\W\d_]", chunk):
            continue
        parts = [p.strip() for p in chunk.split(",") if p.strip(" .")]
        i = 0
        while i < len(parts):
            p = parts[i]
            nxt = parts[i + 1] if i + 1 < len(parts) else None
            words = p.split()
            family_like = 1 <= len(words) <= 3 and not _is_initials(p) and not any(
                _is_initials(w) for w in words[1:])
            nw = nxt.split() if nxt else []
            given_like = bool(nw) and len(nw) <= 3 and all(_is_word_name(w) for w in nw) and \
                not any(w.lower() in PARTICLES for w in nw[:1])
            # a one-word given name, or a word and initials ("Jill G."): not a full name
            short_given = given_like and (len(nw) == 1 or all(_is_initials(w) for w in nw[1:]))
            if nxt is not None and family_like and (
                    _is_initials(nxt)
                    or (len(parts) == 2 and given_like and (len(words) == 1 or short_given))
                    # "Holden, Paul E., Carlton A. Pederson": only the first author inverted
                    or (i == 0 and len(parts) > 2 and short_given and len(parts[2].split()) >= 2)):
                given = nxt if nxt.endswith(".") or not _is_initials(nxt) else nxt
                out.append({"family": p, "given": given.strip()})
                i += 2
                continue
            if _is_initials(p) and out and "given" not in out[-1]:
                out[-1]["given"] = p
                i += 1
                continue
            out.append(_split_given_first(p))
            i += 1
    for n in out:
        n["family"] = n["family"].strip(" .,;:") or n["family"]
        if n.get("given"):
            n["given"] = n["given"].strip(" ,;:")
    return [n for n in out if re.search(r"[^\W\d_]", n.get("family", ""))]


def parse_date(text: str) -> str | None:
    """Return 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD' from printed text, or None without a year."""
    s = unicodedata.normalize("NFKC", text or "")
    m = re.search(r"(?<!\d)(\d{4})-(\d{1,2})(?:-(\d{1,2}))?(?!\d)", s)
    if m and 1 <= int(m[2]) <= 12:
        return m[1] + f"-{int(m[2]):02d}" + (f"-{int(m[3]):02d}" if m[3] else "")
    m = re.search(r"(?<!\d)(\d{1,2})[./](\d{1,2})[./](\d{4})(?!\d)", s)
    if m and 1 <= int(m[2]) <= 12 and 1 <= int(m[1]) <= 31:
        return f"{m[3]}-{int(m[2]):02d}-{int(m[1]):02d}"
    ym = re.search(r"(?<!\d)(1[0-9]\d{2}|20\d{2})(?!\d)", s)
    if not ym:
        return None
    year = ym[1]
    toks = re.findall(r"[^\W\d_]+\.?|\d+", s.lower())
    for i, t in enumerate(toks):
        mo = MONTHS.get(t.rstrip("."))
        if mo is None:
            continue
        day = None
        for j in (i - 1, i + 1):
            if 0 <= j < len(toks) and toks[j].isdigit() and len(toks[j]) <= 2 and 1 <= int(toks[j]) <= 31:
                day = int(toks[j])
                break
        return f"{year}-{mo:02d}" + (f"-{day:02d}" if day else "")
    return year


def clean(text: str) -> str:
    """Strip the punctuation a field carries from its neighbours, and outer quotes."""
    s = re.sub(r"\s+", " ", text or "").strip()
    s = s.strip(" ,;:")
    s = re.sub(r"^(?:[‘“\"«„]|'(?!\w'))+", "", s)
    s = re.sub(r"(?:[’”\"»]|(?<!\w)')+[.,;:]?$", "", s)
    s = s.strip(" ,;:")
    if s.endswith(".") and not re.search(r"(?:\b[A-Z]|\b(?:ed|eds|vol|no|co|inc|ltd|al|etc|jr|st))\.$",
                                         s, re.I):
        s = s[:-1]
    return s.strip()


def first_number(text: str) -> str | None:
    """Return the first number (arabic or roman) of a volume/issue field.

    A year is skipped when another number is there: "XIV (1976)" is volume XIV,
    "t. 36 (1888)" volume 36.
    """
    toks = re.findall(r"\d+|[^\W\d_]+", text or "")
    nums = [t for i, t in enumerate(toks) if t.isdigit() or (
        re.fullmatch(r"[IVXLC]+|[ivxlc]{2,}", t)
        # "V. 37": a one-letter abbreviation before a number, not a roman numeral
        and not (len(t) == 1 and i + 1 < len(toks) and toks[i + 1].isdigit()))]
    for t in nums:
        if not (t.isdigit() and len(t) == 4 and 1400 <= int(t) <= 2099):
            return t
    return nums[0] if nums else None


def split_volume(text: str) -> dict[str, str]:
    """'vol.36, no. 9' → volume 36, issue 9; '12(3)' → 12, 3; 'Bd. 4' → 4."""
    s = text or ""
    out: dict[str, str] = {}
    m = re.search(r"(\d+)\s*\(\s*([\w–-]+)\s*\)", s)
    if m and not re.fullmatch(r"\d{4}", m[2]):  # "36 (1888)": a year, not an issue
        return {"volume": m[1], "issue": m[2]}
    m = re.search(r"\b(?:no|nr|n|issue|heft|h)\.?\s*(\d+[\w–/-]*)", s, re.I)
    if m:
        out["issue"] = m[1]
        s = s[:m.start()] + s[m.end():]
    v = first_number(s)
    if v and "issue" in out and re.fullmatch(r"(?:1[4-9]|20)\d\d", v):
        v = None  # "n. 37-38 (1936)": the year of an issue, not a volume
    if v:
        out["volume"] = v
    elif "issue" in out:
        pass
    else:
        c = clean(s)
        if c:
            out["volume"] = c
    return out


def pages(text: str) -> str:
    """Return a page range as printed, without 'p.'/'pp.' and trailing punctuation."""
    s = re.sub(r"^\s*(?:pp?|pages?|S|ss?|ff|col|cols|fols?|ll?)\.?\s*", "", (text or "").strip(), flags=re.I)
    s = re.sub(r"\s*[-–—]\s*", "–" if "–" in s else "-", s)
    return s.strip(" .,;:()")
