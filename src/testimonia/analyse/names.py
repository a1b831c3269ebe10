"""Personal names: find capitalised name candidates, parse them, and compare them.

The pure, model-free half of the people stage (issue 5): everything here works
on strings and offsets, so it is tested without spaCy.

- :func:`candidates` finds maximal runs of capitalised words ("L.M. Kaganovich",
  "Stephen F. Cohen’s", "Humbert-Droz") with the possessive cut off and a
  sentence-initial function word ("But", "The") dropped.
- :func:`parse_name` splits a form into title, given names, initials, patronymic
  and surname.
- :func:`surname_key`, :func:`same_surname` and :func:`given_compatible` decide
  whether two forms may name one person: transliteration variants
  (Medvedev/Medvedeff, Iakimov/Yakimov, Stalin/Staline) match, a feminine
  ``-a`` form (Ivanov/Ivanova) and a different given name (Roy/Zhores) do not.
- :func:`is_patronymic` tells "Ivanovich" (from Ivan) from "Kaganovich".

Example::

    >>> parse_name("L.M. Kaganovich").initials
    ('L', 'M')
    >>> same_surname("Medvedev", "Medvedeff"), same_surname("Ivanov", "Ivanova")
    (True, False)
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from rapidfuzz.distance import Levenshtein

from ..model import Span

TITLES = frozenset({
    "mr", "mrs", "ms", "miss", "dr", "prof", "professor", "comrade", "general", "gen",
    "colonel", "col", "captain", "capt", "marshal", "lord", "lady", "sir", "madame", "mme",
    "monsieur", "m", "herr", "frau", "president", "premier", "chairman", "citizen", "father",
    "rev", "reverend", "st", "saint", "king", "queen", "prince", "princess", "count",
    "countess", "baron", "tsar", "czar", "academician", "senator", "judge",
    "cousin", "uncle", "aunt", "brother", "sister", "mother", "granny", "grandfather",
    "grandmother", "master", "mistress", "madam", "major", "doctor", "mlle", "mademoiselle",
    "marquis", "marquise", "baroness", "duke", "duchess", "signor", "signora", "don", "dona",
})
# Titles written with a full stop that does not end the sentence ("Mr. Elton").
DOTTED_TITLES = frozenset({"mr", "mrs", "ms", "dr", "prof", "gen", "col", "capt", "rev", "st",
                           "mme", "mlle", "m", "lt", "sgt", "hon"})
_CONTRACTION = re.compile(r"^I[’'](?:m|d|ll|ve)$")
PARTICLES = frozenset({"de", "da", "di", "du", "del", "della", "van", "von", "der", "den",
                       "la", "le", "bin", "ibn", "dos", "das", "ten", "ter"})
# Capitalised words that open sentences, quotations or titles and are never a name
# on their own. Kept short: a word also seen in lower case in the document is
# dropped from a sentence start anyway (see ``candidates``).
FUNCTION_WORDS = frozenset("""
a an the this that these those there then thus but and or nor so yet for if when while
where whether what which who whom whose why how he she it we they i you his her its our
their my your me him us them one another some any no not yes well oh ah once after before
although though because since until unless as at by from in into of on to with without
about above across against along among around behind below beneath beside between beyond
during except inside near off over past through throughout toward towards under upon
within all both each either every few many more most much neither other several such
do does did is are was were be been being have has had can could may might must shall
should will would also again here perhaps indeed moreover however still even only just
le la les un une des du de à au aux et der die das ein eine und il lo el los las dix
nobody somebody someone everyone everybody anyone anybody nothing everything something none
later soon today yesterday tomorrow meanwhile finally afterwards nevertheless nonetheless therefore
hence instead besides suddenly now next first last already always never often sometimes together
dear darling poor old young little great good whoever whatever
january february march april june july august september october november december
monday tuesday wednesday thursday friday saturday sunday
""".split())
PATRONYMIC_RE = re.compile(r"^(\w+?)(?:ovich|evich|yevich|ievich|ich|ovitch|evitch|itch|ovna|evna|"
                           r"yevna|ichna|inichna)$",
                           re.IGNORECASE)
_POSSESSIVE_RE = re.compile(r"(?:[’']s|(?<=[sxz])[’'])$")
# A word: letters, inner hyphens/apostrophes; an initial is one capital and a dot.
_WORD_RE = re.compile(r"[^\W\d_]+(?:[’'\-][^\W\d_]+)*(?:[’']s\b|(?<=[sxz])[’'](?=\s))?\.?")
_SENT_END_RE = re.compile(r"[.!?;:][\"'’”)\]]*\s*$|^\s*$|[\n‘“\"(\[–—]\s*$")


@dataclass(frozen=True, slots=True)
class Candidate:
    """One run of capitalised words in the text (possessive and opener removed)."""

    span: Span
    text: str
    initial: bool  # the run begins a sentence, a quotation or a line
    tokens: tuple[str, ...]
    token_spans: tuple[Span, ...] = ()


@dataclass(frozen=True, slots=True)
class Name:
    """A parsed personal name."""

    form: str
    title: str = ""
    given: tuple[str, ...] = ()
    initials: tuple[str, ...] = ()
    patronymic: str = ""
    surname: str = ""

    @property
    def first_initial(self) -> str:
        """The first letter of the first given name or initial ("" if none)."""
        if self.given:
            return self.given[0][0].upper()
        return self.initials[0] if self.initials else ""

    @property
    def is_full(self) -> bool:
        """True when the form has a surname and something before it."""
        return bool(self.surname and (self.given or self.initials))


@lru_cache(maxsize=1)
def russian_given_names() -> frozenset[str]:
    """Return the shipped lexicon of Russian male given names (lower case)."""
    ref = resources.files("testimonia") / "data" / "russian_given_names.txt"
    words = (w.strip().lower() for w in ref.read_text(encoding="utf-8").splitlines())
    return frozenset(w for w in words if w and not w.startswith("#"))


@lru_cache(maxsize=1)
def _given_genders() -> dict[str, str]:
    ref = resources.files("testimonia") / "data" / "given_names.txt"
    out = dict.fromkeys(russian_given_names(), "m")
    for line in ref.read_text(encoding="utf-8").splitlines():
        parts = line.strip().lower().split()
        if parts and not parts[0].startswith("#"):
            out[parts[0]] = parts[1] if len(parts) > 1 else ""
    return out


@lru_cache(maxsize=1)
def given_names() -> frozenset[str]:
    """Return every shipped given name (Russian and general lexicons, lower case)."""
    return frozenset(_given_genders())


# English pet names and the given names they shorten (a pet name joins a full name
# only where exactly one person in the document has one of those given names).
_HYPOCORISMS: dict[str, tuple[str, ...]] = {
    "lizzy": ("elizabeth",), "lizzie": ("elizabeth",), "eliza": ("elizabeth",),
    "betsy": ("elizabeth",), "bess": ("elizabeth",), "bessie": ("elizabeth",),
    "liz": ("elizabeth",), "harry": ("henry", "harold"), "hal": ("henry",),
    "bob": ("robert",), "bobby": ("robert",), "rob": ("robert",), "bill": ("william",),
    "billy": ("william",), "will": ("william",), "dick": ("richard",), "jack": ("john",),
    "johnny": ("john",), "tom": ("thomas",), "tommy": ("thomas",), "ned": ("edward",),
    "teddy": ("edward", "theodore"), "jim": ("james",), "jimmy": ("james",),
    "jamie": ("james",), "kitty": ("catherine", "katherine"), "kate": ("catherine", "katherine"),
    "peggy": ("margaret",), "meg": ("margaret",), "maggie": ("margaret",), "polly": ("mary",),
    "molly": ("mary",), "sally": ("sarah",), "fanny": ("frances",), "nancy": ("ann", "anne"),
    "charley": ("charles",), "charlie": ("charles",), "fred": ("frederick",),
    "freddy": ("frederick",), "ben": ("benjamin",), "sam": ("samuel",), "nick": ("nicholas",),
    "tony": ("anthony",), "sandy": ("alexander",), "nell": ("ellen", "eleanor", "helen"),
    "nelly": ("ellen", "eleanor", "helen"), "becky": ("rebecca",), "patty": ("martha",),
    "dolly": ("dorothy",), "jenny": ("jane", "jennifer"), "sukey": ("susan",),
    "dora": ("dorothea",), "gussie": ("augustus", "augusta"), "joe": ("joseph",),
}


def hypocorism_of(name: str) -> tuple[str, ...]:
    """The given names (folded) a pet name shortens: "Lizzy" → ("elizabeth",)."""
    return _HYPOCORISMS.get(fold(name), ())


def given_gender(name: str) -> str:
    """Return "m" or "f" for a known given name, "" otherwise."""
    return _given_genders().get(fold(name), "")


# Surname endings of the Slavic and Georgian names that fill Soviet history; a bare
# capitalised word with one of them is a person unless it stands where places stand.
SURNAME_ENDING = re.compile(r"(?:ov|ova|ev|eva|yev|yeva|in|ina|yn|sky|skaya|skii|skiy|ski|"
                            r"vich|dze|shvili|enko|chuk|yuk|off|eff)$")


def is_capitalised(word: str) -> bool:
    """Return True when ``word`` starts with an upper-case letter."""
    return bool(word) and word[0].isupper()


def strip_possessive(form: str) -> str:
    """Return ``form`` without a trailing possessive ("Humbert-Droz’s" → "Humbert-Droz")."""
    return _POSSESSIVE_RE.sub("", form)


def _is_initial(tok: str) -> bool:
    return len(tok) == 2 and tok[0].isupper() and tok[1] == "."


def _at_sentence_start(text: str, pos: int) -> bool:
    before = text[max(0, pos - 6):pos]
    return pos == 0 or bool(_SENT_END_RE.search(before))


_HEADINGS = frozenset({"chapter", "book", "volume", "canto", "stave", "part"})
_HEADING_NUMBER = re.compile(r"[IVXLC]+|\d+", re.IGNORECASE)


def candidates(text: str, start: int = 0, end: int | None = None,
               lower_vocab: frozenset[str] | None = None) -> list[Candidate]:
    """Find runs of capitalised words in ``text[start:end]``.

    Args:
        text: the document text.
        start: where to begin looking.
        end: where to stop (default: the end of the text).
        lower_vocab: words seen in lower case in the document; a run-initial word
            found there ("Once", "Perhaps") is not taken for a name.

    Returns:
        The candidates in text order.
    """
    end = len(text) if end is None else end
    vocab = lower_vocab or frozenset()
    out: list[Candidate] = []
    run: list[tuple[int, int, str]] = []

    def flush() -> None:
        while run and run[-1][2].lower() in PARTICLES:
            run.pop()
        if not run:
            return
        toks = list(run)
        initial = _at_sentence_start(text, toks[0][0])
        # a heading ("CHAPTER IV.", "Book 2") is no name, nor part of the one after it
        while toks and toks[0][2].lower().rstrip(".") in _HEADINGS:
            toks.pop(0)
            while toks and _HEADING_NUMBER.fullmatch(toks[0][2].rstrip(".")):
                toks.pop(0)
            initial = True
        # Drop openers: function words anywhere at the front, and at a sentence
        # start a word the document also uses in lower case.
        def name_particle() -> bool:  # "De Griers" mid-sentence: the particle is the name's
            return not initial and len(toks) > 1 and toks[0][2][:1].isupper() and \
                toks[0][2].lower() in PARTICLES

        while toks and not _is_initial(toks[0][2]) and not name_particle() and (
                toks[0][2].lower().rstrip(".") in FUNCTION_WORDS
                or (initial and toks[0][2].lower() in vocab)
                or (initial and len(toks) > 1 and toks[0][2].endswith("ly"))):
            toks.pop(0)
            initial = False
        while toks and toks[0][2].lower() in PARTICLES and not name_particle():
            toks.pop(0)
        if all(_is_initial(t[2]) for t in toks) or (
                len(toks) == 1 and toks[0][2].lower().rstrip(".") in TITLES):
            toks = []  # "M.L." or "Mr" alone names nobody
        if toks:
            s, e = toks[0][0], toks[-1][1]
            out.append(Candidate(Span(s, e), " ".join(text[s:e].split()), initial,
                                 tuple(t[2] for t in toks),
                                 tuple(Span(t[0], t[1]) for t in toks)))
        run.clear()

    for m in _WORD_RE.finditer(text, start, end):
        word = m.group()
        if not run and not word[0].isupper():
            continue  # most words: lower case, no run open (the fast path)
        s, e = m.start(), m.end()
        gap = text[run[-1][1]:s] if run else ""
        # One space, or one line break of hard-wrapped text ("Mlle.\nBlanche"), joins.
        if run and (gap not in ("", " ", "\n", " \n", "\r\n") or
                    (gap == "" and not _is_initial(run[-1][2]))):
            flush()
        if _CONTRACTION.match(word) or word == "I":  # "I'm", "I": a pronoun ends any run
            if run:
                flush()
            continue
        trailing_dot = word.endswith(".") and not _is_initial(word) and \
            word.rstrip(".").lower() not in DOTTED_TITLES
        if trailing_dot:
            word, e = word[:-1], e - 1
        bare = strip_possessive(word)
        possessive = bare != word
        if is_capitalised(word) or (run and word.lower() in PARTICLES):
            run.append((s, s + len(bare), bare))
            if possessive or trailing_dot:
                flush()
        elif run:
            flush()
    flush()
    return out


@lru_cache(maxsize=200_000)
def parse_name(form: str) -> Name:
    """Split a name form into title, given names, initials, patronymic and surname."""
    toks = re.findall(r"[^\W\d_]\.|[^\s.]+\.?", form)
    title = ""
    while toks and toks[0].rstrip(".").lower() in TITLES and len(toks) > 1:
        title = (title + " " + toks.pop(0)).strip()
    given: list[str] = []
    initials: list[str] = []
    patronymic = ""
    surname = ""
    if toks:
        # Surname: the last token with any particles before it ("de Gaulle").
        surname_toks = [toks.pop()]
        while toks and toks[-1].lower() in PARTICLES:
            surname_toks.insert(0, toks.pop())
        surname = " ".join(surname_toks).rstrip(".")
    for tok in toks:
        if _is_initial(tok) or (len(tok) == 1 and tok.isupper()):
            initials.append(tok[0])
        elif is_patronymic(tok):
            patronymic = tok
        else:
            given.append(tok.rstrip("."))
    if given and not patronymic and not initials and is_patronymic(surname):
        # "Nikolai Ivanovich": a given name and a patronymic, no surname.
        return Name(form, title, tuple(given), (), surname, "")
    if len(surname) == 2 and surname.endswith(".") is False and surname.isupper():
        initials.append(surname[0])
        surname = ""
    return Name(form, title, tuple(given), tuple(initials), patronymic, surname)


def is_patronymic(word: str) -> bool:
    """Return True for a Russian patronymic derived from a known given name.

    "Ivanovich" (Ivan), "Nikolaevich" (Nikolai), "Ilyich" (Ilya) are;
    "Kaganovich" (no given name "Kagan") is not.
    """
    m = PATRONYMIC_RE.match(word)
    if not m:
        return False
    stem = m.group(1).lower()
    names = russian_given_names()
    if stem in names:
        return True
    # Nikola-evich ← Nikolai, Serge-yevich ← Sergei, Il-yich ← Ilya, Lazar-evich ← Lazar.
    return any(n.startswith(stem) and len(n) - len(stem) <= 2 and len(stem) >= 2
               for n in names)


@lru_cache(maxsize=200_000)
def fold(word: str) -> str:
    """Lower-case ``word`` and strip accents ("Lénin" → "lenin")."""
    nfkd = unicodedata.normalize("NFKD", word.lower())
    return "".join(c for c in nfkd if not unicodedata.combining(c))


_TRANSLIT = (
    (re.compile(r"^ia"), "ya"), (re.compile(r"^iu"), "yu"), (re.compile(r"^ie"), "ye"),
    (re.compile(r"^j(?=[aeiou])"), "y"), (re.compile(r"(?<=[aeiou])ie"), "ye"),
    (re.compile(r"ff$"), "v"), (re.compile(r"ieff$"), "yev"), (re.compile(r"tch"), "ch"),
    (re.compile(r"sch"), "sh"), (re.compile(r"ij$|ii$|iy$|yi$"), "y"), (re.compile(r"ks"), "x"),
    (re.compile(r"w(?=[aeiou])"), "v"), (re.compile(r"ou"), "u"), (re.compile(r"(?<=[aeiou])i(?=[aeiou])"), "y"),
    (re.compile(r"(?<=[^aeiou])i$"), "y"),  # Trotski / Trotsky, Dmitri / Dmitry
    (re.compile(r"w$"), "v"),  # Petrow / Petrov
)


@lru_cache(maxsize=200_000)
def surname_key(word: str) -> str:
    """Return a transliteration-neutral key ("Medvedeff" and "Medvedev" share one)."""
    key = fold(word).replace("’", "").replace("'", "")
    for pat, rep in _TRANSLIT:
        key = pat.sub(rep, key)
    return key


def same_surname(a: str, b: str) -> bool:
    """Return True when ``a`` and ``b`` are one surname in different spellings.

    Equal keys match; so does one edit on words of 5+ letters, except a feminine
    ``-a`` ending (Ivanov/Ivanova are two people), a changed letter in the last
    two (Kamenev/Kamenov) or a different first letter.
    A foreign ending ``-e`` (Staline) counts as one edit.
    """
    if a == b:
        return True
    ka, kb = surname_key(a), surname_key(b)
    if ka == kb:
        return True
    if min(len(ka), len(kb)) < 6 or ka[0] != kb[0]:
        return False
    if Levenshtein.distance(ka, kb) != 1:
        return False
    short, long_ = sorted((ka, kb), key=len)
    if len(long_) == len(short) + 1 and long_.startswith(short) and long_[-1] != "e":
        return False  # Ivanov/Ivanova (a wife), Turton/Turtons (a family); Stalin/Staline is fine
    if len(ka) == len(kb):
        i = next(i for i, (x, y) in enumerate(zip(ka, kb, strict=True)) if x != y)
        if i >= len(ka) - 2 and {ka[i], kb[i]} != {"i", "y"}:
            return False  # Kamenev / Kamenov: a changed ending is another name
    return True


def given_compatible(a: Name, b: Name) -> bool:
    """Return True when the given names / initials of ``a`` and ``b`` do not conflict.

    "Lazar" fits "L.M."; "Stephen" fits "Stephen F."; "Roy" does not fit "Zhores".
    A form without any given name fits everything.
    """
    ia, ib = a.first_initial, b.first_initial
    if not ia or not ib:
        return True
    if ia != ib:
        return False
    if a.given and b.given:
        ga, gb = fold(a.given[0]), fold(b.given[0])
        return ga == gb or ga.startswith(gb) or gb.startswith(ga) or \
            same_surname(a.given[0], b.given[0])
    # Second initials, where both have them, must agree too.
    ra = [g[0].upper() for g in a.given[1:]] + list(a.initials[1:] if not a.given else a.initials)
    rb = [g[0].upper() for g in b.given[1:]] + list(b.initials[1:] if not b.given else b.initials)
    return not (ra and rb and ra[0] != rb[0])


# A sentence ends at . ! ? — not after an initial ("L.M. Kaganovich") or a title ("Mr.").
# A note marker may follow the stop ("… Ilse Varga.1 What …"); a decimal may not.
_SENT_BOUND = re.compile(r"(?<=[.!?])(?<!\b[A-Z]\.)(?<!\bMr\.)(?<!\bMrs\.)(?<!\bDr\.)(?<!\bSt\.)"
                         r"(?<!\d[.!?])(?:\d{1,3}(?=\s))?[\"'’”)\]]*\s+|\n+")


def sentence_bounds(text: str) -> list[int]:
    """Return the start offset of every sentence (a cheap splitter, no model)."""
    return [0] + [m.end() for m in _SENT_BOUND.finditer(text)]


class SurnameIndex:
    """Surnames bucketed by key length and first letter, so a lookup compares few.

    ``same_surname`` allows one edit between keys, so a word is compared only with
    keys one letter shorter, as long, or one longer, and with the same first letter.
    """

    def __init__(self) -> None:
        self._buckets: dict[tuple[str, int], dict[str, list[object]]] = {}

    def add(self, surname: str, payload: object) -> None:
        """Index ``surname`` with ``payload`` (anything: a form, a cluster id)."""
        if not surname:
            return
        key = surname_key(surname)
        bucket = self._buckets.setdefault((key[:1], len(key)), {})
        bucket.setdefault(surname, []).append(payload)

    def lookup(self, surname: str) -> list[object]:
        """Return the payloads of every indexed surname that ``same_surname`` matches."""
        if not surname:
            return []
        key = surname_key(surname)
        out: list[object] = []
        for n in (len(key) - 1, len(key), len(key) + 1):
            for other, payloads in self._buckets.get((key[:1], n), {}).items():
                if same_surname(surname, other):
                    out.extend(payloads)
        return out
