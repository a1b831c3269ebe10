"""A linear-chain CRF that labels the tokens of a reference string (issue 3).

The model (``testimonia/data/refs_crf.model``) is trained by
``scripts/train_refs_crf.py`` on AnyStyle's ``core.xml`` (BSD-2-Clause, see
``data/refs_crf.LICENSE``). Tokens are the whitespace-separated words of the
string, as in AnyStyle; labels are AnyStyle's (author, title, journal, date,
volume, pages, publisher, location, editor, ...). Turning labelled runs into
CSL-JSON is :mod:`testimonia.analyse.references`' job.

Known limits: trained on mostly STEM, author-date bibliographies; humanities
footnotes are handled by the rules in ``references`` before the CRF is asked.

Example::

    >>> tag(["Smith,", "J.", "(1999).", "A", "title.", "Journal,", "3,", "1-9."])  # doctest: +SKIP
    ['author', 'author', 'date', 'title', 'title', 'journal', 'volume', 'pages']
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from importlib import resources
from pathlib import Path

MODEL_NAME = "refs_crf.model"
#: Second model, trained on LinkedBooks (Italian historiography of Venice): see
#: ``scripts/train_refs_lb.py`` and ``data/refs_crf_lb.LICENSE``.
LB_MODEL_NAME = "refs_crf_lb.model"
_IT_WORDS = {"di", "del", "della", "delle", "dei", "degli", "nel", "nella", "nei", "il", "lo", "gli",
             "per", "con", "dal", "dalla", "alla", "sul", "sulla", "ai", "tra", "fra", "cura", "voll",
             "sec", "cit", "ivi", "archivio", "biblioteca", "busta", "reg", "fasc", "filza", "secolo",
             "storia", "veneto", "veneta", "veneziana", "veneziano", "italiana", "venezia", "milano",
             "roma", "firenze", "padova", "torino", "bologna", "napoli", "treviso", "vicenza", "verona",
             "anno", "atti", "istituto", "chiesa", "san", "santa", "notizie", "opere", "ed", "tomo"}
_EN_WORDS = {"the", "of", "and", "on", "for", "with", "journal", "press", "university", "from", "to",
             "by", "in:", "an", "a", "is", "are", "de", "des", "der", "und", "les", "et"}

_MONTHS = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "sept", "oct",
           "nov", "dec", "january", "february", "march", "april", "june", "july", "august",
           "september", "october", "november", "december", "janvier", "février", "mars",
           "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre",
           "décembre", "januar", "februar", "märz", "juni", "juli", "oktober", "dezember",
           "spring", "summer", "autumn", "fall", "winter"}
_ROLE = {"ed.", "eds.", "ed", "eds", "(ed.)", "(eds.)", "(ed.),", "(eds.),", "editor", "editors",
         "edited", "hrsg.", "(hrsg.)", "hg.", "trans.", "transl.", "translated", "tr.", "trad.",
         "by", "in", "in:", "dir.", "(dir.)"}
_PUB = {"press", "verlag", "publishers", "publishing", "books", "university", "editions",
        "éditions", "edizioni", "gallimard", "routledge", "springer", "elsevier", "wiley",
        "macmillan", "penguin", "harper", "blackwell", "sage", "oxford", "cambridge", "ltd",
        "inc", "co.", "inc.", "ltd.", "academic", "presses", "universitaires", "seuil", "bloomsbury"}
PLACES = {"london", "new", "york", "paris", "berlin", "oxford", "cambridge", "chicago",
           "boston", "moscow", "munich", "münchen", "frankfurt", "leipzig", "amsterdam",
           "princeton", "berkeley", "stuttgart", "wien", "vienna", "roma", "rome", "milano",
           "torino", "venezia", "bologna", "firenze", "madrid", "barcelona", "tokyo", "basel",
           "zürich", "zurich", "leiden", "haven", "ny", "ma", "ca", "nj", "il", "uk", "usa",
           "washington", "philadelphia", "toronto", "sydney", "dordrecht", "heidelberg",
           "hamburg", "göttingen", "bern", "genève", "geneva", "brussels", "bruxelles",
           "stockholm", "copenhagen", "oslo", "warsaw", "prague", "budapest", "beijing"}


def _shape(w: str) -> str:
    s = re.sub(r"[A-ZÀ-Þ]", "A", w)
    s = re.sub(r"[a-zß-ÿ]", "a", s)
    s = re.sub(r"\d", "9", s)
    s = re.sub(r"(.)\1+", r"\1", s)
    return s[:8]


def _core(w: str) -> str:
    return re.sub(r"^\W+|\W+$", "", w.lower())


@lru_cache(maxsize=65536)
def _word_features(w: str) -> tuple[str, ...]:
    """The features of one token on its own (cached: words repeat across references)."""
    c = _core(w)
    wn = unicodedata.normalize("NFKC", w)
    f = [
        "w=" + c[:20],
        "sh=" + _shape(wn),
        "p3=" + c[:3],
        "s3=" + c[-3:],
        "s2=" + c[-2:],
        "last=" + (wn[-1] if wn else ""),
        "first=" + (wn[0] if wn else ""),
    ]
    if c.isdigit():
        f.append(f"digits={min(len(c), 5)}")
        if len(c) == 4 and 1400 <= int(c) <= 2099:
            f.append("year")
    if re.search(r"\d{4}", wn):
        f.append("has_year")
    if re.search(r"\d+\s*[-–—]\s*\d+", wn):
        f.append("range")
    if re.match(r"^[A-ZÀ-Þ]\.?,?$|^([A-ZÀ-Þ]\.){1,3},?$|^[A-ZÀ-Þ]{1,3},?$", wn):
        f.append("initial")
    if wn[:1].isupper():
        f.append("cap")
    if c in _MONTHS:
        f.append("month")
    if c in _ROLE or wn.lower() in _ROLE:
        f.append("role")
    if c in _PUB:
        f.append("pub")
    if c in PLACES:
        f.append("place")
    if wn[:1] in "‘“\"'«(":
        f.append("open=" + wn[0])
    if wn[-1:] in "’”\"'»)":
        f.append("close=" + wn[-1])
    if re.match(r"^(https?://|www\.|doi:|10\.\d)", wn.lower()):
        f.append("url")
    if c in {"pp", "p", "pages", "s", "ss"}:
        f.append("pp")
    if c in {"vol", "vols", "volume", "no", "nr", "issue", "bd", "jg", "n"}:
        f.append("volno")
    if c in {"et", "al", "and", "&", "und"}:
        f.append("conj=" + c)
    return tuple(f)


@lru_cache(maxsize=131072)
def _context_features(w: str, d: int) -> tuple[str, ...]:
    """A neighbour's features as seen from ``d`` tokens away: all of them for the adjacent
    tokens, word, shape and flags for those further off."""
    base = _word_features(w)
    picked = base if abs(d) == 1 else base[:2] + base[7:]
    return tuple(f"{d}:{g}" for g in picked)


def token_features(tokens: list[str]) -> list[list[str]]:
    """Return CRFsuite feature strings for each token (the same at training and tagging)."""
    n = len(tokens)
    out: list[list[str]] = []
    for i, w in enumerate(tokens):
        base = _word_features(w)
        f = list(base)
        f.append(f"pos={min(int(10 * i / max(n, 1)), 9)}")
        if i == 0:
            f.append("BOS")
        if i == n - 1:
            f.append("EOS")
        for d in (-3, -2, -1, 1, 2, 3):
            j = i + d
            if 0 <= j < n:
                f.extend(_context_features(tokens[j], d))
            elif abs(d) == 1:
                f.append(f"{d}:none")
        if i > 0:
            f.append("bi=" + _word_features(tokens[i - 1])[0] + "|" + base[0])
        out.append(f)
    return out


@lru_cache(maxsize=2)
def _tagger(name: str = MODEL_NAME):  # noqa: ANN202 - pycrfsuite has no stubs
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    ref = resources.files("testimonia") / "data" / name
    with resources.as_file(ref) as p:
        tagger.open(str(Path(p)))
    return tagger


def is_italian_humanities(tokens: list[str]) -> bool:
    """Italian historiography (LinkedBooks' domain): guillemets or Italian function words."""
    words = [_core(t) for t in tokens]
    it = sum(w in _IT_WORDS for w in words)
    en = sum(w in _EN_WORDS for w in words)
    line = " ".join(tokens)
    # "..., Venezia 1748." — place and year without a comma, as Italian bibliographies print
    place_year = re.search(r",\s+((?:[A-Z][^\s,:;()]{1,20}\s+){1,3})(?:1[4-9]|20)\d\d\s*[.\-·■]*\s*$", line)
    if place_year and any(_core(w) in _MONTHS for w in place_year[1].split()):
        place_year = None  # "..., June 2013.": a date, not a place
    if place_year and not re.search(r":\s*[A-Z][^,]*,\s*(?:1[4-9]|20)\d\d", line) and en == 0:
        return True
    return it >= 2 and it > 2 * en or (any("«" in t for t in tokens) and it >= 1 and en == 0)


def model_available() -> bool:
    """Return True when pycrfsuite and the committed model can be loaded."""
    try:
        _tagger()
    except (ImportError, OSError, FileNotFoundError):
        return False
    return True


def tag(tokens: list[str]) -> list[str]:
    """Label each token with the trained model (raises ImportError without pycrfsuite).

    Italian humanities references go to the LinkedBooks model when it is installed;
    everything else to the AnyStyle-trained one.
    """
    if not tokens:
        return []
    feats = token_features(tokens)
    if is_italian_humanities(tokens):
        try:
            return list(_tagger(LB_MODEL_NAME).tag(feats))
        except (OSError, FileNotFoundError):
            pass
    return list(_tagger().tag(feats))
