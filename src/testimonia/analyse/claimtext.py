"""Words of claims: stems, stop words, synonym families, speech-act forms.

Small, model-free helpers the claims stage and the assessment share: a crude
but robust stem (one inflectional or nominal suffix stripped, irregular forms
mapped, then the first five letters and a synonym family, so "opened"/"open",
"closure"/"closed", "took"/"take", "utilise"/"utilize"/"use" and
"terror"/"terrorist"/"assassination" meet), the
document's IDF weights, and the forms of answers, denials, polar questions and
doubt that decide how a testimony stands toward a proposition.
"""

from __future__ import annotations

import bisect
import json
import math
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from functools import cache, lru_cache
from importlib import resources
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..model import Quote

_WORD = re.compile(r"[^\W\d_]+(?:[’'-][^\W\d_]+)*")


@lru_cache(maxsize=1)
def lexicon() -> dict:
    """The claim lexicon shipped in ``data/claim_lexicon.json``."""
    ref = resources.files("testimonia") / "data" / "claim_lexicon.json"
    return json.loads(ref.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _families() -> dict[str, str]:
    out: dict[str, str] = {}
    for head, members in lexicon()["synonyms"].items():
        for m in [head, *members]:
            out[_base(m)[:5]] = _base(head)[:5]
    return out


#: suffixes stripped before the five-letter cut, longest first, so that inflections and
#: nominalisations meet: "opened"/"open", "closure"/"closing"/"closed", "dismissal"/"dismissed"
_SUFFIXES = ("ations", "ation", "atures", "ature", "ingly", "ments", "ment", "ings", "ing", "ures", "ure",
             "ions", "ion", "ists", "ist", "edly", "ed", "als", "al", "es", "s")


@lru_cache(maxsize=1 << 16)
def _base(word: str) -> str:
    """Lower case, possessive off, irregular forms mapped, one suffix stripped."""
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    w = _irregular().get(w, w)
    if w.endswith("ss") or len(w) <= 4:
        return w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w
    for suf in _SUFFIXES:
        if w.endswith(suf) and len(w) - len(suf) >= (5 if suf in ("al", "als") else 3):
            w = w[:-len(suf)]
            break
    if len(w) > 3 and w[-1] == w[-2] and w[-1] not in "aeiousl":
        w = w[:-1]  # "stopped" → "stopp" → "stop"
    if len(w) > 3 and w.endswith("e"):
        w = w[:-1]  # "close" meets "clos(ing)"
    return w


@lru_cache(maxsize=1)
def _irregular() -> dict[str, str]:
    return dict(lexicon().get("irregular", {}))


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    """English stop words (spaCy's list, no model needed) plus speech-frame words."""
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS) | frozenset(lexicon()["frame_words"])


def stem(word: str) -> str:
    """Return the comparison key of ``word``: its base (see ``_base``), five letters, family."""
    key = _base(word)[:5]
    return _families().get(key, key)


def content_words(text: str) -> list[tuple[str, str]]:
    """The content words of ``text`` (stop words dropped), lower-cased, each with its stem."""
    out = []
    for w in _WORD.findall(text):
        found = _content_word(w)
        if found is not None:
            out.append(found)
    return out


@lru_cache(maxsize=1 << 17)
def _content_word(w: str) -> tuple[str, str] | None:
    """(lower case, stem) of a word, None for a stop word: cached per form, since every
    sentence of the document passes through here for the IDF table (issue 4, speed)."""
    low = w.lower()
    if low in stop_words() or len(w) <= 1:
        return None
    return low, stem(w)


def content_stems(text: str, exclude: Iterable[str] = ()) -> list[str]:
    """Stems of the content words of ``text`` (stop words and ``exclude`` forms dropped)."""
    skip = exclude if isinstance(exclude, (set, frozenset)) else {e.lower() for e in exclude}
    return [s for w, s in content_words(text) if w not in skip]


class IDF(dict):
    """Stem → inverse document frequency; an unseen stem weighs as the rarest seen."""

    default: float = 1.0

    def __missing__(self, key: str) -> float:
        return self.default


def idf_table(sentences: Iterable[str]) -> IDF:
    """Inverse document frequency of each stem over the document's sentences."""
    df: Counter[str] = Counter()
    n = 0
    for s in sentences:
        n += 1
        df.update(set(content_stems(s)))
    table = IDF({k: math.log((n + 1) / (v + 0.5)) for k, v in df.items()})
    table.default = max(table.values(), default=1.0)
    return table


def weight(stems: Iterable[str], idf: dict[str, float]) -> float:
    """The summed IDF weight of a set of stems."""
    return sum(idf[x] for x in stems)


def similarity(a: Iterable[str], b: Iterable[str], idf: dict[str, float]) -> float:
    """IDF-weighted overlap of two stem sets, relative to the smaller one (0..1)."""
    sa, sb = set(a), set(b)
    if not sa or not sb:
        return 0.0
    return weight(sa & sb, idf) / min(weight(sa, idf), weight(sb, idf))


def _prefix(s: set[str], w: float, idf: dict[str, float], threshold: float) -> list[str]:
    """The heaviest stems of ``s`` (weight ``w``), until less than ``threshold`` of it is left.

    A set whose overlap with another reaches ``threshold`` of its weight shares one of
    these with it (prefix filtering).
    """
    need = threshold * w
    left = w
    out = []
    for x in sorted(s, key=lambda x: (-idf[x], x)):
        if left < need:
            break
        left -= idf[x]
        out.append(x)
    return out


def _reaches(s: set[str], t: set[str], ws: float, idf: dict[str, float],
             threshold: float) -> bool:
    """Does the overlap of ``s`` (the lighter, weight ``ws``) and ``t`` reach ``threshold``?

    The same value as :func:`similarity`, with the weights already known.
    """
    small, big = (s, t) if len(s) <= len(t) else (t, s)
    return ws > 0 and sum(idf[y] for y in small if y in big) / ws >= threshold


def close_pairs(sets: Sequence[set[str]], idf: dict[str, float],
                threshold: float, window: int | None = None) -> Iterator[tuple[int, int]]:
    """Pairs (i, j), i < j, whose :func:`similarity` reaches ``threshold``.

    Prefix filtering keeps this near-linear: if the overlap reaches ``threshold``
    of the lighter set's weight, the lighter set shares at least one stem from its
    heaviest stems (those without which less than ``threshold`` of its weight is
    left), so only sets holding one of those are compared. Tested against the
    plain all-pairs loop. ``window`` keeps only pairs at most that many places
    apart (the sets come in text order).
    """
    index: dict[str, list[int]] = {}
    for i, s in enumerate(sets):
        for x in s:
            index.setdefault(x, []).append(i)
    weights = [weight(s, idf) for s in sets]
    for i, s in enumerate(sets):
        if not s:
            continue
        wi = weights[i]
        # a pair is probed from its lighter set only (the heavier, or the later of two
        # equal ones, skips it), so the pairs already compared are this set's own
        seen: set[int] = set()
        for x in _prefix(s, wi, idf, threshold):
            posting = index[x]
            if window is not None:
                # the posting list is in text order: only its part within the window
                # (a common stem's whole list, scanned per set, made this quadratic)
                posting = posting[bisect.bisect_left(posting, i - window):
                                  bisect.bisect_right(posting, i + window)]
            for j in posting:
                wj = weights[j]
                if wj < wi or (wj == wi and j <= i) or j in seen:
                    continue
                seen.add(j)
                if _reaches(s, sets[j], wi, idf, threshold):
                    yield (i, j) if i < j else (j, i)


class PoolPairs:
    """Groups of close sets in a pool that loses members and is reordered, round by round.

    ``claims._seeds`` clusters its statements in rounds: each round's pool is what the
    last one left over, in a new order, and two sets are linked when
    :func:`close_pairs` over that pool (with ``window``) would pair them. Running
    close_pairs afresh each round made a book-length text quadratic: there is a round
    for each person the largest cluster sheds. Here the candidates are found once for a
    pool, a little more generously (``threshold`` less 1e-9, ``reach`` times the
    window), and each round decides on its members' candidates by close_pairs' own
    test (prefix, lighter set first, overlap), in that round's order, until the pool
    has shrunk so much that two members ``window`` apart could have been further apart
    than the wider window: then the candidates are found afresh. Tested against
    close_pairs run every round.
    """

    def __init__(self, sets: Sequence[set[str]], idf: dict[str, float], threshold: float,
                 window: int, reach: int = 3) -> None:
        import numpy as np

        self._np = np
        self.sets, self.idf, self.threshold = sets, idf, threshold
        self.window, self.wide = window, window * reach
        self.weights = [weight(s, idf) for s in sets]
        self.prefix = [_prefix(s, w, idf, threshold) for s, w in zip(sets, self.weights,
                                                                      strict=True)]
        self._w = np.array(self.weights, dtype=float)
        self._where = np.full(len(sets), -1, dtype=np.int64)  # place in the pool last searched
        self._a = self._b = self._va = self._vb = np.zeros(0, dtype=np.int64)

    def _decide(self, p: int, o: int) -> bool:
        """close_pairs' decision for ``p`` (the lighter, or the earlier of two equal) and ``o``."""
        t = self.sets[o]
        return any(x in t for x in self.prefix[p]) and \
            _reaches(self.sets[p], t, self.weights[p], self.idf, self.threshold)

    def _search(self, members: Sequence[int]) -> None:
        """Find the candidate pairs of ``members`` (set numbers, in pool order)."""
        np = self._np
        self._where[:] = -1
        self._where[list(members)] = np.arange(len(members))
        found = close_pairs([self.sets[n] for n in members], self.idf,
                            self.threshold - 1e-9, self.wide)
        a, b, va, vb = [], [], [], []
        for i, j in found:
            x, y = members[i], members[j]
            a.append(x)
            b.append(y)
            # each one's decision as the prober; only the one a round's order picks counts
            va.append(self.weights[x] <= self.weights[y] and self._decide(x, y))
            vb.append(self.weights[y] <= self.weights[x] and self._decide(y, x))
        self._a, self._b = np.array(a, dtype=np.int64), np.array(b, dtype=np.int64)
        self._va, self._vb = np.array(va, dtype=bool), np.array(vb, dtype=bool)

    def _still_covers(self, members: Sequence[int]) -> bool:
        """Are any two members ``window`` apart now within ``wide`` in the pool searched?"""
        np = self._np
        was = self._where[list(members)]
        if (was < 0).any():
            return False
        if len(was) <= self.window + 1:
            return bool(was.max() - was.min() <= self.wide)
        runs = np.lib.stride_tricks.sliding_window_view(was, self.window + 1)
        return bool((runs.max(axis=1) - runs.min(axis=1) <= self.wide).all())

    def groups(self, members: Sequence[int]) -> list[list[int]]:
        """Single-link groups of ``members`` (set numbers, in pool order) by close pairs.

        Returns:
            The groups, each in pool order, ordered by their first member's place:
            what a union-find over ``close_pairs(sets of members, ..., window)`` gives.
        """
        np = self._np
        if not members:
            return []
        if not self._still_covers(members):
            self._search(members)
        at = np.full(len(self.sets), -1, dtype=np.int64)
        at[list(members)] = np.arange(len(members))
        pa, pb = at[self._a], at[self._b]
        alive = (pa >= 0) & (pb >= 0)
        if not alive.all():  # the pool only shrinks: drop the pairs of members gone
            self._a, self._b = self._a[alive], self._b[alive]
            self._va, self._vb = self._va[alive], self._vb[alive]
            pa, pb = pa[alive], pb[alive]
        wa, wb = self._w[self._a], self._w[self._b]
        a_probes = (wa < wb) | ((wa == wb) & (pa < pb))
        linked = (np.abs(pa - pb) <= self.window) & np.where(a_probes, self._va, self._vb)
        labels = _components(len(members), pa[linked], pb[linked])
        out: dict[int, list[int]] = {}
        for k, n in enumerate(members):
            out.setdefault(int(labels[k]), []).append(n)
        return list(out.values())


def _components(n: int, a: object, b: object) -> object:
    """Component labels of nodes ``0..n-1`` linked by the edges ``a[k]``–``b[k]`` (numpy):
    each root hooked under the smaller root of an edge, then pointers halved, repeated."""
    import numpy as np

    labels = np.arange(n)
    while True:
        la, lb = labels[a], labels[b]
        cross = la != lb
        if not cross.any():
            return labels
        np.minimum.at(labels, np.maximum(la, lb)[cross], np.minimum(la, lb)[cross])
        while True:
            up = labels[labels]
            if (up == labels).all():
                break
            labels = up


_SENT = re.compile(r"(?<=[.!?…])[’”\"']?(?:\d{1,3}(?=\s))?\s+(?=[‘“\"'A-Z(\[])|\n\s*\n")


_ABBREV = re.compile(r"(?:\b(?:Mr|Mrs|Ms|Dr|St|Vol|vol|No|no|pp|p|cf|ed|eds|trans|"
                     r"i\.e|e\.g|etc|[A-Z]))\.$")


@lru_cache(maxsize=8)
def sentences_of(text: str) -> tuple[tuple[int, int], ...]:
    """Sentence spans of ``text`` by punctuation (no model); good enough for context.

    A full stop after an initial or a common abbreviation ("Stephen F. Cohen",
    "Vol. 1") does not end a sentence.
    """
    out: list[tuple[int, int]] = []
    pos = 0
    for m in _SENT.finditer(text):
        if m.start() > pos:
            if _ABBREV.search(text, max(pos, m.start() - 8), m.start()) and "\n\n" not in \
                    text[m.start():m.end()]:
                continue  # keep reading: this full stop belongs to an abbreviation
            out.append((pos, m.start()))
        pos = m.end()
    if pos < len(text):
        out.append((pos, len(text)))
    return tuple(out)


def sentence_at(sents: Sequence[tuple[int, int]], pos: int) -> int | None:
    """Index of the sentence holding offset ``pos`` (sentences sorted, disjoint)."""
    i = bisect.bisect_right(sents, (pos, float("inf"))) - 1
    return i if i >= 0 and sents[i][0] <= pos < sents[i][1] else None


def _rx(name: str) -> re.Pattern[str]:
    return re.compile(lexicon()["patterns"][name], re.IGNORECASE)


@cache
def pattern(name: str) -> re.Pattern[str]:
    """A compiled speech-act pattern from the lexicon (answer, denial, doubt, ...)."""
    return _rx(name)


def is_polar_question(text: str) -> bool:
    """A yes/no question: starts with an auxiliary and ends with a question mark."""
    t = text.strip().strip("‘’“”\"'").strip()
    return t.endswith(("?", "?!", "?’")) and bool(pattern("polar_start").match(t)) or \
        bool(re.match(r"^(whether|if)\b", t, re.IGNORECASE))


def is_question(text: str) -> bool:
    """A question: an indirect "whether" question, or a question mark after a question word.

    A declarative that ends in an embedded question ("The task was to find out
    whether they were ready?") is not one.
    """
    t = text.strip().strip("‘’“”\"'").strip()
    if re.match(r"^(whether|if)\b", t, re.IGNORECASE):
        return True
    if not t.endswith(("?", "?!")):
        return False
    first = re.sub(r"^(and|but|so|then|well|oh)\b[\s,]*", "", t, flags=re.IGNORECASE)
    return bool(pattern("polar_start").match(first) or pattern("wh_start").match(first)) \
        or len(t.split()) <= 6


def is_light(stem_key: str) -> bool:
    """A stem too common in any proposition to link two on its own ("use", "make")."""
    return stem_key in _light()


@lru_cache(maxsize=1)
def _light() -> frozenset[str]:
    return frozenset(stem(w) for w in lexicon()["light_words"])


def is_anaphoric(text: str) -> bool:
    """Content that only points back: "it", "Yes", "I never said that", "deny this"."""
    t = text.strip().strip("‘’“”\"'").strip()
    if pattern("answer").match(t) or pattern("denial").search(t):
        return True
    if pattern("points_back").search(t):
        return True
    return len(content_stems(t)) == 0


def own_text(text: str, q: Quote, children: Sequence[Quote]) -> str:
    """The words of quote ``q`` with its ``children`` (nested quotes) cut out."""
    parts, pos = [], q.span.start
    for c in sorted(children, key=lambda c: c.span.start):
        if c.span.start >= pos:
            parts.append(text[pos:c.span.start])
            pos = max(pos, c.span.end)
    parts.append(text[pos:q.span.end])
    return " ".join(p for p in parts if p.strip())


class Paragraphs:
    """Paragraph numbers of offsets (a paragraph ends at a blank line), by bisection."""

    def __init__(self, text: str) -> None:
        self._ends = [m.end() for m in re.finditer(r"\n\n", text)]

    def index(self, pos: int) -> int:
        """How many paragraph breaks come before ``pos``."""
        return bisect.bisect_right(self._ends, pos)


def context(text: str, sents: Sequence[tuple[int, int]], q: Quote) -> tuple[int, int]:
    """The quote and the start of the sentence it stands in (its lead-in)."""
    i = sentence_at(sents, q.span.start)
    start = sents[i][0] if i is not None else q.span.start
    end = min(q.span.end, q.span.start + 400)
    j = sentence_at(sents, max(q.span.end - 1, q.span.start))
    if j is not None and q.span.end - q.span.start < 400 and sents[j][1] - q.span.end < 160:
        end = max(end, sents[j][1])
    return start, end
