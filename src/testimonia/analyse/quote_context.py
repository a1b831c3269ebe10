"""What the attribution sieve reads around a quote: mentions, sentences, pronouns, authors.

The helper behind :mod:`attribution` (issue 4): an index of mentions by offset,
sentence bounds, the narrator at an offset, and a small, explainable pronoun
resolver (nearest compatible mention, subjects of earlier sentences first).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..model import Entity, Mention, Segment, Span
from .cues import sentences
from .names import fold, given_gender, parse_name
from .roles import narrator_at, role_nouns

FIRST = {"i", "me", "my", "mine", "myself", "we", "us", "our", "ours", "ourselves"}
SECOND = {"you", "your", "yours", "yourself", "thou", "thee"}
MALE = {"he", "him", "his", "himself"}
FEMALE = {"she", "her", "hers", "herself"}
PLURAL = {"they", "them", "their", "theirs", "themselves"}
PRONOUNS = FIRST | SECOND | MALE | FEMALE | PLURAL
_MALE_TITLES = re.compile(r"^(?:mr|sir|lord|king|prince|duke|count|baron|father|uncle|brother|"
                          r"colonel|captain|general|major|monsieur|herr|signor|señor|rev|dr)\b\.?",
                          re.IGNORECASE)
_FEMALE_TITLES = re.compile(r"^(?:mrs|miss|ms|lady|queen|princess|duchess|countess|baroness|"
                            r"mother|aunt|sister|madame|mme|mlle|mademoiselle|frau|signora|"
                            r"señora|dame)\b\.?", re.IGNORECASE)
_GENDER_PRON = re.compile(r"\b(?:he|she|his|her|him)\b", re.IGNORECASE)
_THE_NOUN = re.compile(r"[Tt]he\s+(?P<noun>[A-Za-z]{4,})\b")
_NOUN = re.compile(r"(?P<noun>[a-z]{4,})\b")
_RELATION_TITLES = {"wife": {"mrs", "lady"}, "lady": {"mrs", "lady"}, "mother": {"mrs", "lady"},
                    "husband": {"mr", "sir", "lord"}, "father": {"mr", "sir", "lord"}}
RELATIVE = re.compile(r"(?P<pron>his|her|His|Her)\s+(?P<rel>wife|lady|husband|father|mother)\b")
_PRON_RE = re.compile(r"\b(?:he|she|him|her|they|them|i|me|we|us|you)\b", re.IGNORECASE)


@dataclass
class Context:
    """Everything the sieve looks things up in, built once per document."""

    text: str
    segments: Sequence[Segment]
    entities: dict[str, Entity]
    mentions: list[Mention]
    sents: list[tuple[int, int]] = field(default_factory=list)
    _mstarts: list[int] = field(default_factory=list)
    _sstarts: list[int] = field(default_factory=list)
    gender: dict[str, str] = field(default_factory=dict)
    quotes: list = field(default_factory=list)  # working quotes with .speaker, for narrator_at
    _roles: dict[str, str] | None = None
    _qstarts: list[int] = field(default_factory=list)
    _qends: list[int] = field(default_factory=list)
    _qback: list[int] = field(default_factory=list)

    @classmethod
    def build(cls, text: str, segments: Sequence[Segment], people: Sequence[Entity],
              mentions: Sequence[Mention]) -> Context:
        """Index mentions (person/collective, with an entity) and sentences."""
        ents = {e.id: e for e in people}
        ms = sorted((m for m in mentions if m.entity in ents), key=lambda m: (m.span.start,
                                                                             -m.span.end))
        ctx = cls(text, segments, ents, ms)
        ctx._mstarts = [m.span.start for m in ms]
        ctx.sents = list(sentences(text))
        ctx._sstarts = [s for s, _ in ctx.sents]
        votes: dict[str, list[int]] = {}
        for m in ms:
            # the first he/she after a mention votes for its gender
            pm = _GENDER_PRON.search(text, m.span.end, m.span.end + 80)
            if pm:
                v = votes.setdefault(m.entity or "", [0, 0])
                v[0 if pm.group(0).lower() in MALE else 1] += 1
        for e in people:
            g = _gender_of(e)
            v = votes.get(e.id, [0, 0])
            if not g and sum(v) >= 2 and max(v) >= 2 * min(v) + 1:
                g = "m" if v[0] > v[1] else "f"
            ctx.gender[e.id] = g
        return ctx

    # -- lookups -------------------------------------------------------------------
    def sentence_at(self, pos: int) -> tuple[int, int]:
        """The sentence holding ``pos`` (or the nearest before it)."""
        i = bisect.bisect_right(self._sstarts, pos) - 1
        if i < 0:
            return (0, 0)
        return self.sents[i]

    def sentence_index(self, pos: int) -> int:
        """Index of the sentence holding ``pos``."""
        return max(0, bisect.bisect_right(self._sstarts, pos) - 1)

    def mentions_in(self, start: int, end: int, outermost: bool = True) -> list[Mention]:
        """Mentions lying inside ``[start, end)``; with ``outermost``, none inside another."""
        i = bisect.bisect_left(self._mstarts, start)
        out = []
        while i < len(self.mentions) and self.mentions[i].span.start < end:
            m = self.mentions[i]
            if m.span.end <= end:
                out.append(m)
            i += 1
        if outermost:
            out = [m for m in out if not any(o is not m and o.span.contains(m.span)
                                             and len(o.span) > len(m.span) for o in out)]
        return out

    def mention_at(self, pos: int) -> Mention | None:
        """The longest mention starting at ``pos`` (spaces skipped)."""
        while pos < len(self.text) and self.text[pos].isspace():
            pos += 1
        i = bisect.bisect_left(self._mstarts, pos)
        best = None
        while i < len(self.mentions) and self.mentions[i].span.start == pos:
            if best is None or len(self.mentions[i].span) > len(best.span):
                best = self.mentions[i]
            i += 1
        if best is None:
            # a mention that starts a word or two later ("the old Kulikov")
            return None
        return best

    def kind(self, entity: str | None) -> str:
        """person / collective / '' for an entity id."""
        e = self.entities.get(entity or "")
        return e.kind if e else ""

    def segment_kind(self, pos: int) -> str:
        """Kind of the segment holding ``pos`` (``body`` when none)."""
        for s in self.segments:
            if s.span.start <= pos < s.span.end:
                return s.kind
        return "body"

    # -- who is "I" here ------------------------------------------------------------
    def set_quotes(self, quotes: list) -> None:
        """The working quotes (sorted by start), indexed for :meth:`around`."""
        self.quotes = quotes
        self._qstarts = [q.span.start for q in quotes]
        self._qends = ends = [q.span.end for q in quotes]
        # _qback[j]: the nearest quote before j that ends later than j (-1: none), so
        # that around() steps over every quote ending no later than one it has passed
        back: list[int] = []
        stack: list[int] = []
        for j, e in enumerate(ends):
            while stack and ends[stack[-1]] <= e:
                stack.pop()
            back.append(stack[-1] if stack else -1)
            stack.append(j)
        self._qback = back

    def around(self, pos: int) -> list:
        """Quotes holding ``pos``, innermost start first (looking back over at most 400 quotes).

        A quote that ends at or before ``pos`` cannot hold it, nor can any quote between
        it and the nearest earlier one ending later (``_qback``): those are skipped, so a
        lookup costs the quotes found plus a short chain of jumps, not 400 steps.
        """
        i = bisect.bisect_right(self._qstarts, pos)
        out = []
        ends, back = self._qends, self._qback
        lo = max(0, i - 399)
        j = i - 1
        while j >= lo:
            if ends[j] > pos:
                out.append(self.quotes[j])
                j -= 1
            else:
                j = back[j]
        return out

    def narrator(self, pos: int, exclude_quote: object = None) -> str | None:
        """The speaker of the innermost quote around ``pos``, else the author there."""
        inner = [q for q in self.around(pos) if q is not exclude_quote
                 and q.kind in ("speech", "block")]
        if inner:
            q = min(inner, key=lambda q: len(q.span))
            return q.speaker
        return narrator_at(pos, self.segments, list(self.entities.values()), ())

    def listener(self, pos: int, exclude_quote: object = None) -> str | None:
        """The addressee of the innermost quote around ``pos`` ("you" there)."""
        inner = [q for q in self.around(pos) if q is not exclude_quote
                 and q.kind in ("speech", "block")]
        if inner:
            return min(inner, key=lambda q: len(q.span)).addressee
        return None

    # -- references --------------------------------------------------------------------
    def resolve(self, start: int, end: int, exclude: set[str] | None = None,
                quote: object = None) -> tuple[str | None, str]:
        """Resolve the words at ``[start, end)`` (a name or a pronoun) to an entity id.

        Returns (entity id or None, how: 'name', 'narrator', 'listener', 'pronoun',
        'collective').
        """
        exclude = exclude or set()
        ms = self.mentions_in(start, end)
        if ms:
            m = ms[0]
            return (m.entity, "name") if m.entity not in exclude else (None, "")
        word = self.text[start:end].strip().lower()
        if word in FIRST:
            return self.narrator(start, quote), "narrator"
        if word in SECOND:
            return self.listener(start, quote), "listener"
        if word in MALE or word in FEMALE:
            g = "m" if word in MALE else "f"
            return self.of_gender(start, g, exclude, quote)
        if word in PLURAL:
            return self.collective_before(start, exclude), "collective"
        return None, ""

    def pronoun(self, pos: int, gender: str, exclude: set[str], quote: object = None,
                depth: int = 0) -> str | None:
        """Resolve he/she at ``pos``: this sentence's nearest name before it, then the
        subjects of earlier sentences, then their other names (three sentences back)."""
        si = self.sentence_index(pos)
        s0, _ = self.sents[si] if self.sents else (0, 0)
        inside = self._quote_around(pos, quote)

        def ok(ent: str | None) -> bool:
            return bool(ent) and ent not in exclude and self.kind(ent) == "person" and \
                self.gender.get(ent, "") in ("", gender)

        own = getattr(quote, "span", None)
        outside_own = own is None or not (own.start <= pos < own.end)

        def visible(m_pos: int) -> bool:
            # a name inside some other quote is not the antecedent of narration's pronoun,
            # nor is one inside the quote a tag's pronoun speaks for ("…, Anna," he said)
            if outside_own and own is not None and own.start <= m_pos < own.end:
                return False
            return self._quote_around(m_pos, quote) is inside

        for m in reversed(self.mentions_in(s0, pos)):
            if ok(m.entity) and visible(m.span.start):
                return m.entity
        looked = 0
        for sj in range(si - 1, max(-1, si - 12), -1):
            ss, se = self.sents[sj]
            ms = [m for m in self.mentions_in(ss, se) if visible(m.span.start)]
            if self._quote_around(ss, quote) is not inside and \
                    self._quote_around(max(ss, se - 1), quote) is not inside:
                continue  # a sentence of someone else's speech: look past it
            if outside_own and own is not None and own.start <= ss and se <= own.end + 2:
                continue  # the quote a tag's pronoun speaks for: look past it too
            looked += 1
            if looked > 3:
                break
            head = self.text[ss:min(se, ss + 40)]
            pm = _PRON_RE.search(head)
            first_m = ms[0] if ms else None
            if pm and (first_m is None or ss + pm.start() < first_m.span.start) and \
                    pm.start() <= 12 and depth < 3 and visible(ss + pm.start()):
                w = pm.group(0).lower()
                if (w in MALE and gender == "m") or (w in FEMALE and gender == "f"):
                    ent = self.pronoun(ss + pm.start(), gender, exclude, quote, depth + 1)
                    if ent:
                        return ent
            if first_m is not None and ok(first_m.entity) and \
                    first_m.span.start - ss <= 25:
                return first_m.entity
            for m in reversed(ms):
                if ok(m.entity):
                    return m.entity
        return None

    def of_gender(self, pos: int, gender: str, exclude: set[str], quote: object = None
                  ) -> tuple[str | None, str]:
        """Whom a "he"/"she" (or "the old man") at ``pos`` stands for: the nearest compatible
        person (``pronoun``), else the one of that gender named last in the scene
        (``pronoun-salient``: "he said" pages after the name)."""
        ent = self.pronoun(pos, gender, exclude, quote)
        if ent is not None:
            return ent, "pronoun"
        ent = self.salient(pos, gender, exclude, quote)
        return ent, ("pronoun-salient" if ent else "pronoun")

    def salient(self, pos: int, gender: str, exclude: set[str], quote: object = None,
                window: int = 3000) -> str | None:
        """The person last named in the narration before ``pos`` whose gender is known
        to be ``gender`` (within ``window`` characters): a scene's "he" when the
        sentences just before name no one. Names inside quotes do not count."""
        inside = self._quote_around(pos, quote)
        own = getattr(quote, "span", None)
        i = bisect.bisect_left(self._mstarts, pos) - 1
        while i >= 0 and self.mentions[i].span.start >= pos - window:
            m = self.mentions[i]
            i -= 1
            if own is not None and own.start <= m.span.start < own.end:
                continue
            if m.entity in exclude or self.kind(m.entity) != "person" or \
                    self.gender.get(m.entity or "", "") != gender:
                continue
            if self._quote_around(m.span.start, quote) is inside:
                return m.entity
        return None

    # -- "the alderman", "the inspector" ----------------------------------------------------
    def role_nouns(self) -> dict[str, str]:
        """Role nouns that name exactly one person (:func:`roles.role_nouns`), so "the
        alderman said" is Dunmore."""
        if self._roles is None:
            self._roles = role_nouns(self.text, ((m.span, m.entity) for m in self.mentions
                                                 if self.kind(m.entity) == "person"))
        return self._roles

    def role_at(self, pos: int) -> tuple[str | None, int]:
        """The person a "the <role noun>" at ``pos`` stands for, and where it ends."""
        m = _THE_NOUN.match(self.text, pos)
        if not m and self.text[max(0, pos - 4):pos].lower() == "the ":
            m = _NOUN.match(self.text, pos)  # "said the warden": the article already read
        if not m:
            return None, pos
        ent = self.role_nouns().get(m.group("noun").lower())
        return (ent, m.end()) if ent else (None, pos)

    # -- "his wife", "her father" ---------------------------------------------------------
    def relative(self, owner: str | None, relation: str) -> str | None:
        """The one person who is ``owner``'s wife / husband / father / mother by name:
        the Mrs. (Mr.) of the owner's surname, other than the owner."""
        if not owner:
            return None
        surnames = {fold(n.surname) for n in map(parse_name, self._forms(owner))
                    if n.surname and (n.title or n.given)}
        want = _RELATION_TITLES.get(relation)
        if not surnames or want is None:
            return None
        found = {e.id for e in self.entities.values() if e.id != owner and e.kind == "person"
                 and any(fold(n.surname) in surnames and n.title.lower().rstrip(".") in want
                         for n in map(parse_name, self._forms(e.id)))}
        return found.pop() if len(found) == 1 else None

    def _forms(self, ent: str) -> tuple[str, ...]:
        e = self.entities.get(ent)
        return (e.name, *e.aliases) if e else ()

    def collective_before(self, pos: int, exclude: set[str]) -> str | None:
        """The nearest collective mentioned before ``pos`` (within the segment)."""
        i = bisect.bisect_left(self._mstarts, pos) - 1
        lo = pos - 4000
        while i >= 0 and self.mentions[i].span.start >= lo:
            m = self.mentions[i]
            if self.kind(m.entity) == "collective" and m.entity not in exclude:
                return m.entity
            i -= 1
        return None

    def _quote_around(self, pos: int, quote: object) -> object:
        inner = [q for q in self.around(pos) if q is not quote and q.kind in ("speech", "block")
                 and q.mode == "direct"]
        return min(inner, key=lambda q: len(q.span)) if inner else None


def _gender_of(e: Entity) -> str:
    """Gender from titles ("Mrs.", "Lord"), else from a known given name ("Anna")."""
    forms = (e.name,) + tuple(e.aliases)
    f = any(_FEMALE_TITLES.match(x) for x in forms)
    m = any(_MALE_TITLES.match(x) for x in forms)
    if f or m:
        return "f" if f and not m else "m" if m and not f else ""
    genders = set()
    for x in forms:
        n = parse_name(x)
        first = n.given[0] if n.given else (n.surname if len(x.split()) == 1 else "")
        g = given_gender(first) if first else ""
        if g:
            genders.add(g)
    return genders.pop() if len(genders) == 1 else ""


def span_of(m: Mention | None) -> Span | None:
    """The mention's span, or None."""
    return m.span if m else None
