"""Which capitalised forms of a text are people: the rules and votes behind :mod:`people`.

Split from :mod:`people` to keep each module under ~600 lines: this module reads
the candidate forms (:func:`names.candidates`) and decides, by strong rules
(an author line, a citation, a gloss, a title, a speech verb next to the name, a
stance slot) and by NER votes read in a few sentences each, which forms name a
person; :func:`_occurrences` turns the accepted forms into occurrences to
cluster. The stage itself (clustering, annotation, entities) stays in
:mod:`people`, which passes the NER function in so tests can stub it.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from ..model import Span
from ..settings import Settings
from .aliases import Occurrence
from .names import (
    FUNCTION_WORDS,
    SURNAME_ENDING,
    Candidate,
    SurnameIndex,
    fold,
    parse_name,
    same_surname,
    sentence_bounds,
    strip_possessive,
)

NerFn = Callable[[Sequence[str], str, int], list[list[tuple[int, int, str]]]]

_NAME = r"[A-Z][\w’'\-]+(?:\s+(?:[A-Z]\.\s?)*[A-Z][\w’'\-]+){0,3}"
_GLOSS_RES = (
    re.compile(r"(?P<a>" + _NAME + r")\s*\[(?P<b>" + _NAME + r")\s*(?:[-–—,]\s*)?"
               r"(?:ed|eds|Ed|trans|tr|transl)\.?\]"),
    re.compile(r"(?P<a>" + _NAME + r")\s*\((?:i\.\s?e\.|that is|viz\.?|namely)\s*,?\s*(?P<b>"
               + _NAME + r")\)"),
)
_SPEECH_VERBS = (r"said|says|told|tells|asked|asks|answered|answers|replied|replies|shouted|"
                 r"cried|exclaimed|declared|added|recalled|recalls|wrote|writes|inquired|"
                 r"inquires|indicated|indicates|admitted|admits|denied|denies|insisted|"
                 r"remarked|explained|whispered|hesitated|addressed|objected|protested|"
                 r"agreed|warned|laughed|smiled|nodded|sighed|murmured|continued|observed|"
                 r"testified|signed|died|arrived|spoke|confessed|resigned|collected|"
                 r"was\s+(?:arrested|shot|executed|born|expelled|exiled|sentenced|questioned|"
                 r"interrogated|cross-examined|killed|murdered)")
_OBJECT_VERBS = r"questioned|interrogated|arrested|addressed|visited|asked|told|met|executed|shot"
# Slots only a person fills: the target or holder of a stance cue.
_SLOT_RES = (
    re.compile(r"\b(?:loyal|faithful|devoted|sympathetic|hostile|inimical|near|close)\s+to\s+"
               r"(?P<n>" + _NAME + r")"),
    re.compile(r"\b(?:enemy|enemies|opponents?|friends?|ally|allies|supporters?|critics?|"
               r"biography|admirers?|followers?)\s+of\s+(?P<n>" + _NAME + r")"),
    re.compile(r"\b(?:an?|another|one)\s+(?P<n>[A-Z][\w’'\-]+)\s+(?:loyalists?|supporters?|"
               r"partisans?|followers?)\b"),
    re.compile(r"\b(?:denounced|praised|attacked|condemned|defended|" + _OBJECT_VERBS +
               r")\s+(?P<n>" + _NAME + r")"),
    re.compile(r"\bstruggle\s+against\s+(?:the\s+(?:power|rule|regime)\s+of\s+)?(?P<n>"
               + _NAME + r")"),
    re.compile(r"(?P<n>" + _NAME + r"),\s+(?:an?|another|one|the)\s+(?:[a-z]+\s+){0,2}"
               r"(?:supporter|critic|enemy|opponent|friend|ally|loyalist|admirer|follower)s?\b"),
    re.compile(r"(?P<n>" + _NAME + r")\s+(?:was|were|remained|had been)\s+(?:\w+\s+)?"
               r"(?:loyal|sympathetic|hostile|inimical|devoted)\s+to\b"),
)
_LOCATIVE = frozenset("in at near via towards toward into outside around through across beyond inside".split())
_VERB_AFTER_RE = re.compile(r"(?P<n>" + _NAME + r")(?:[’']s)?\s+(?:also\s+|then\s+|again\s+|"
                            r"only\s+|himself\s+|herself\s+)?(?:" + _SPEECH_VERBS + r")\b")
_VERB_BEFORE_RE = re.compile(r"\b(?:" + _SPEECH_VERBS + r")\s+(?P<n>" + _NAME + r")")
_WORK_NOUNS = (r"memoirs|biography|autobiography|diary|diaries|letters?|conversations?|words|"
               r"testimony|account|recollections|reminiscences|writings|speech|confession|"
               r"statement|report|papers")
_POSS_WORK_RE = re.compile(r"(?P<n>" + _NAME + r")[’']s\s+(?:[a-z]+\s+){0,2}(?:" + _WORK_NOUNS + r")\b")
_OF_WORK_RE = re.compile(r"\b(?:" + _WORK_NOUNS + r")\s+(?:of|by)\s+(?P<n>" + _NAME + r")")
_COORD_RE = re.compile(r"^\s*(?:,\s*)?(?:and|&|à|et|und|or|y|to)\s+$")
_ABBR_TITLES = frozenset({"mr", "mrs", "ms", "dr", "prof", "mme", "mlle", "mademoiselle", "comrade",
                          "professor",
                          "madame", "monsieur", "sir", "lady", "lord", "herr", "frau", "miss"})
_LOWER_WORD = re.compile(r"\b[a-z][a-z’']*\b")
_NER_CONTEXTS = 3
_NER_NON_PERSON = frozenset({"ORG", "GPE", "NORP", "LOC", "FAC", "PRODUCT", "EVENT",
                             "WORK_OF_ART", "LAW", "LANGUAGE"})


# ----------------------------------------------------------------------------- find
@dataclass
class _Form:
    votes: Counter = field(default_factory=Counter)
    rules: set[str] = field(default_factory=set)
    spans: list[Span] = field(default_factory=list)  # occurrences outside title zones
    zone_spans: list[Span] = field(default_factory=list)  # occurrences inside quoted titles


def _title_zones(text: str, quote_spans: Iterable) -> list[Span]:
    """Spans of quoted titles: quote_spans of kind "title", else title-cased quotations."""
    zones = [q.span for q in quote_spans if getattr(q, "kind", "") == "title"]
    if zones:
        return sorted(zones)
    for m in re.finditer(r"[‘“]([^’”\n]{3,120})[’”]", text):
        words = [w for w in re.findall(r"[^\W\d_]+", m.group(1)) if len(w) > 3]
        if len(words) >= 2 and all(w[0].isupper() for w in words):
            zones.append(Span(m.start(), m.end()))
    return zones


def _inside(zones: list[Span], span: Span) -> bool:
    starts = [z.start for z in zones]
    i = bisect.bisect_right(starts, span.start) - 1
    return i >= 0 and zones[i].contains(span)


def _name_form(raw: str) -> str:
    return re.sub(r"\s+", " ", strip_possessive(raw.strip())).strip()


def _sentence_of(text: str, bounds: list[int], span: Span) -> tuple[int, int]:
    i = bisect.bisect_right(bounds, span.start) - 1
    s = bounds[max(i, 0)]
    e = bounds[i + 1] if i + 1 < len(bounds) else len(text)
    s, e = max(s, span.start - 300), min(e, span.end + 300)
    return s, e


def _rule_forms(text: str, forms: dict[str, _Form], links: list[tuple[str, str]]) -> None:
    """Mark forms that rules say are people; record gloss links."""
    def mark(raw: str, rule: str) -> str:
        f = _name_form(raw)
        if f and f.split()[0].lower() not in FUNCTION_WORDS:
            forms.setdefault(f, _Form()).rules.add(rule)
        return f

    for rx in _GLOSS_RES:
        for m in rx.finditer(text):
            a, b = mark(m.group("a"), "gloss"), mark(m.group("b"), "gloss")
            links.append((a, b))
    for rx, rule in ((_VERB_AFTER_RE, "speech-verb"), (_VERB_BEFORE_RE, "speech-verb"),
                     (_POSS_WORK_RE, "work"), (_OF_WORK_RE, "work"),
                     *((rx, "stance-slot") for rx in _SLOT_RES)):
        for m in rx.finditer(text):
            n = m.group("n")
            # Of a run like "Thus Spake Kaganovich" only the word next to the verb is sure.
            mark(n.split()[-1] if rule == "speech-verb" and m.re is _VERB_AFTER_RE and
                 len(n.split()) > 3 else n, rule)


def _decide(text: str, cands: list[Candidate], zones: list[Span], forms: dict[str, _Form],
            settings: Settings, ner: NerFn) -> None:
    """Give NER votes to forms no rule decided, reading a few sentences each."""
    bounds = sentence_bounds(text)
    windows: dict[tuple[int, int], None] = {}
    for info in forms.values():
        if info.rules or not info.spans:
            continue
        non_initial = [s for s in info.spans if not s.start == 0] or info.spans
        for sp in non_initial[:_NER_CONTEXTS]:
            windows[_sentence_of(text, bounds, sp)] = None
    if not windows:
        return
    keys = list(windows)
    results = ner([text[s:e] for s, e in keys], settings.spacy_model, settings.parse_batch_size)
    by_span: dict[tuple[int, int], str] = {}
    for (s, _e), ents in zip(keys, results, strict=True):
        for es, ee, label in ents:
            raw = text[s + es:s + ee]
            lead = len(raw) - len(raw.lstrip("‘“\"'"))
            raw2 = re.sub(r"^(?:[Tt]he\s+)", "", raw[lead:])
            off = s + es + lead + (len(raw[lead:]) - len(raw2))
            form = _name_form(raw2)
            by_span[(off, off + len(form))] = label
    for c in cands:
        label = by_span.get((c.span.start, c.span.end))
        if label and c.text in forms and not _inside(zones, c.span):
            if label == "PERSON":
                forms[c.text].votes["person"] += 1
            elif label in _NER_NON_PERSON:
                forms[c.text].votes["other"] += 1


def _accept(text: str, cands: list[Candidate], forms: dict[str, _Form]) -> set[str]:
    """Return the forms taken for people: rules, NER majority, then promotions."""
    accepted = {f for f, info in forms.items()
                if (info.rules - {"veto"}) or (info.spans and info.votes["person"] > info.votes["other"])}
    accepted = {f for f in accepted if not _only_place_like(text, forms[f])
                and not _vetoed(text, forms[f]) and not _place_name(f, forms[f])}

    def surname(f: str) -> str:
        return parse_name(f).surname

    changed = True
    while changed:
        changed = False
        full_surnames = {surname(f) for f in accepted if parse_name(f).is_full}
        index = SurnameIndex()
        for f in accepted:
            index.add(surname(f), f)
        givens = {parse_name(f).given[0] for f in accepted if parse_name(f).given
                  and parse_name(f).surname}
        for f, info in forms.items():
            if f in accepted or len(f.split()) != 1:
                continue
            if f.lower() in FUNCTION_WORDS or _only_place_like(text, info) or _vetoed(text, info):
                continue
            quiet = info.votes["other"] <= info.votes["person"]
            if f in full_surnames or (quiet and index.lookup(f)) \
                    or (quiet and f in givens) or (
                        # the small NER model often calls a bare Russian surname a place
                        info.votes["other"] <= info.votes["person"] + 1
                        and _surname_like(text, f, info)):
                accepted.add(f)
                changed = True
    # Coordination: "De Lénin à Staline", "Zinoviev and Kamenev".
    by_start = sorted((c.span.start, c) for c in cands)
    for i, (_, c) in enumerate(by_start):
        if c.text in accepted or c.text not in forms or forms[c.text].votes["other"]:
            continue
        if len(c.text.split()) != 1 or c.text.lower() in FUNCTION_WORDS:
            continue
        for j in (i - 1, i + 1):
            if 0 <= j < len(by_start):
                o = by_start[j][1]
                lo, hi = (o, c) if j < i else (c, o)
                if o.text in accepted and _COORD_RE.match(text[lo.span.end:hi.span.start]):
                    accepted.add(c.text)
    return accepted


def _surname_like(text: str, form: str, info: _Form) -> bool:
    """A bare "Kulikov": a Slavic surname ending, never after "in", "at", "near" (a town)."""
    if len(form) < 5 or not SURNAME_ENDING.search(form) or not form[1:].islower():
        return False
    for sp in info.spans + info.zone_spans:
        words = text[max(0, sp.start - 12):sp.start].split()
        if words and words[-1].lower() in _LOCATIVE:
            return False
    return True


_STRONG_RULES = frozenset({"author", "cited", "gloss", "title", "patronymic", "given-name",
                           "initials", "speech-verb", "group-member"})


def _vetoed(text: str, info: _Form) -> bool:
    """A place: a publisher or its town in a citation, or "in X" / "at X" in the text.

    Only the strong rules (a byline, a gloss, a speech verb, ...) outweigh it.
    """
    if info.rules & _STRONG_RULES:
        return False
    if "veto" in info.rules:
        return True
    for sp in info.spans:
        words = text[max(0, sp.start - 12):sp.start].split()
        if words and words[-1].lower() in _LOCATIVE and not \
                re.match(r"[’']s\b", text[sp.end:sp.end + 3]):
            return True
    return False


# The last word of a street, building or estate name ("Vauxhall Bridge Road", "Langham
# Hotel", "Donwell Abbey"); words that are surnames too (Hall, Park, House) are left out.
_PLACE_NOUNS = frozenset({"street", "road", "lane", "row", "square", "hotel", "abbey",
                          "bridge", "avenue", "terrace", "gardens", "station", "castle",
                          "cathedral", "church", "chapel", "crescent", "inn", "manor"})


def _place_name(form: str, info: _Form) -> bool:
    """A name of two or more words ending in a place noun, with no strong rule for it."""
    words = form.split()
    return len(words) >= 2 and words[-1].lower().rstrip(".") in _PLACE_NOUNS and \
        not info.rules & _STRONG_RULES


def _only_place_like(text: str, info: _Form) -> bool:
    """True when every occurrence reads "the X" with nothing after it (a street, a river)."""
    if not info.spans or info.rules & {"gloss", "author", "group-member", "cited"}:
        return False
    return all(text[max(0, sp.start - 4):sp.start].lower() == "the " for sp in info.spans)


def _occurrences(text: str, cands: list[Candidate], accepted: set[str]) -> list[Occurrence]:
    """Find every occurrence of an accepted form inside the capitalised runs.

    A word no form matches may still be a spelling variant of an accepted
    surname ("Trotski" in a French title, "Trotsky" elsewhere); it is added to
    ``accepted`` then.
    """
    out: list[Occurrence] = []
    max_len = 6  # tokens, initials counted one by one ("L.M. Kaganovich" is three)
    surnames: dict[tuple[str, int], list[str]] = defaultdict(list)
    for f in accepted:
        if " " not in f and len(f) >= 5:
            surnames[(fold(f[0]), len(f))].append(f)
    variant_cache: dict[str, bool] = {}

    def variant(tok: str) -> bool:
        if tok not in variant_cache:
            variant_cache[tok] = len(tok) >= 5 and tok[1:].islower() and \
                tok.lower() not in FUNCTION_WORDS and any(
                    same_surname(tok, s) for n in (-1, 0, 1)
                    for s in surnames.get((fold(tok[0]), len(tok) + n), ()))
        return variant_cache[tok]

    for c in cands:
        toks = c.token_spans
        i = 0
        while i < len(toks):
            hit = None
            for n in range(min(max_len, len(toks) - i), 0, -1):
                s, e = toks[i].start, toks[i + n - 1].end
                if " ".join(text[s:e].split()) in accepted:  # wrapped lines read as one
                    hit = (n, Span(s, e))
                    break
            if hit:
                n, sp = hit
                if not (n == 1 and _bare_the(text, sp)):
                    out.append(Occurrence(sp, " ".join(text[sp.start:sp.end].split())))
                i += n
                continue
            tok = text[toks[i].start:toks[i].end]
            if "-" in tok:  # "Zinoviev-Kamenev": each part on its own
                pos = toks[i].start
                for part in tok.split("-"):
                    if part in accepted:
                        out.append(Occurrence(Span(pos, pos + len(part)), part))
                    pos += len(part) + 1
            elif variant(tok):
                accepted.add(tok)
                out.append(Occurrence(toks[i], tok))
            i += 1
    return out


def _bare_the(text: str, sp: Span) -> bool:
    before = text[max(0, sp.start - 4):sp.start]
    return before.lower() == "the " and not re.match(r"[\s\-–][a-z]|-[A-Z]", text[sp.end:sp.end + 2])


