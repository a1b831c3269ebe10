"""Witness stances (issue 5): who is for or against whom, with the words that say so.

Finds ``Stance(holder, target, polarity, evidence, cue)`` records from explicit
cues only — no sentiment model:

- adjective + "to": "remained loyal to X", "sympathetic to X", "near to X",
  "hostile to X", "inimical to him";
- nouns: "enemy of X", "opponent of X", "friend of X"; "a X loyalist",
  "another X supporter";
- works: "his favourable biography of X", "a hostile account of X";
- "a source which is sympathetic to X" (the holder is whose source it is:
  the possessive "Y’s conversation" in the sentence);
- verbs: "denounced X", "attacked X", "hit him", "praised X", "disliked X",
  "had quarrelled with X", "spoke well of X", "served X faithfully", "owed his
  place to X"; "no friend of X" (hostile);
- interest and grievance: "owed X money" (a debtor against the creditor), "had
  been dismissed by X" (the one it was done to against the doer);
  "struggle against (the power of) X";
- praise of a person by whoever is speaking: "X deserves kudos", "X … very
  politically aware" (the holder is the speaker of the quotation there, else
  the author of the segment);
- contrastive: "both those near to X and those inimical to him – A and B
  respectively" (each cue paired with its name in order).

requires: ``segments``, ``mentions``, ``people``, ``quotes`` · provides: ``stances``

Holders: an appositive ("Slepkov, another Bukharin loyalist"), else the
nearest mention before the cue in its sentence that is not the object of a
preposition, else the speaker there (:func:`roles.narrator_at`). Pronouns:
"I/we/my" are the speaker there; "he/him/his/her" the nearest person named
before (not the other party). A group's stance stays the group's: it carries
over to a member only when the text coordinates them ("Bukharin and his group
were hostile to …" gives both).

Known limits: no negation scope beyond "not"/"never" right before the cue; no
sentiment beyond the cue lists; a holder named only in an earlier sentence is
missed unless a pronoun points back to it.

Example::

    >>> # "Ann Lee remained loyal to Bo Chan." → Stance(ann, bo, "sympathetic", …)
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..model import Diagnostic, Entity, Mention, Span, Stance
from ..settings import Settings
from .names import parse_name, sentence_bounds
from .pipeline import LayerView, StageOutput, stage
from .roles import narrator_at

_T = r"(?P<target>\S)"  # where the target starts; checked against mentions and pronouns
_SYM_ADJ = (r"loyal|faithful|devoted|sympathetic|close|near|friendly|well-disposed|"
            r"favourably disposed|favorably disposed|attached|sympathetically inclined")
_HOS_ADJ = r"hostile|inimical|opposed|antagonistic|unfriendly|ill-disposed|averse"
_SYM_NOUN_OF = (r"friends?|ally|allies|supporters?|admirers?|followers?|partisans?|defenders?|"
                r"champions?|disciples?|protégés?|proteges?")
_HOS_NOUN_OF = r"enem(?:y|ies)|opponents?|critics?|adversar(?:y|ies)|foes?|detractors?|rivals?"
_SYM_NOUN_PRE = (r"loyalists?|supporters?|allies|ally|partisans?|followers?|admirers?|"
                 r"sympathi[sz]ers?|adherents?|protégés?|men|man")
_HOS_NOUN_PRE = r"opponents?|critics?|enem(?:y|ies)|haters?"
_SYM_WORK_ADJ = r"favourable|favorable|sympathetic|admiring|laudatory|friendly|glowing|hagiographic|apologetic"
_HOS_WORK_ADJ = r"hostile|critical|damning|unfavourable|unfavorable|scathing|debunking"
_WORK = r"biography|portrait|account|study|life|assessment|memoir|memoirs|history|review"
_SYM_VERB = r"praised|praises|praising|defended|defends|defending|admired|admires|championed"
_HOS_VERB = (r"denounced|denounces|denouncing|attacked|attacks|attacking|condemned|condemns|"
             r"vilified|slandered|betrayed|hit|accused|accuses|persecuted|"
             r"hated|hates|despised|despises|fought|opposed|assaulted|purged|arrested|"
             r"disliked|dislikes|detested|detests|loathed|loathes|resented|resents|"
             r"distrusted|distrusts|mistrusted|mistrusts|abhorred|abhors")
# falling out: "had quarrelled with X", "was at odds with X"
_HOS_WITH = (r"quarrell?ed|quarrels|feuded|feuds|fell\s+out|fallen\s+out|"
             r"(?:was|were|is|are|been)\s+at\s+(?:odds|loggerheads|war|daggers\s+drawn)")
# a grievance at X's hands: "had been dismissed by X" (holder: the one it was done to)
_GRIEVANCE = (r"dismissed|sacked|fired|evicted|dispossessed|cheated|swindled|defrauded|ruined|"
              r"beaten|flogged|jailed|imprisoned|denounced|betrayed|humiliated|disinherited|"
              r"jilted|wronged|slandered|sued|prosecuted|expelled|turned\s+out")
# goodwill: "spoke well of X", "owed his place to X", "served X faithfully"
_SYM_OF = r"spoke\s+well|speaks\s+well|spoken\s+well|thought\s+well|thinks\s+well|thought\s+highly"
_HOS_OF = r"spoke\s+ill|speaks\s+ill|spoken\s+ill|thought\s+ill|thinks\s+ill"
_PRAISE = (r"deserves?\s+(?:kudos|praise|credit|thanks|admiration)|(?:very\s+|highly\s+|most\s+)?"
           r"politically\s+(?:aware|astute|conscious)|(?:very\s+|highly\s+)?(?:principled|courageous|"
           r"honest|honourable|honorable|trustworthy|reliable|admirable)\b")


@dataclass(frozen=True, slots=True)
class Cue:
    """One cue pattern: how the holder is found and which way it points."""

    name: str
    pattern: re.Pattern[str]
    polarity: str
    holder: str  # "subject" | "possessor" | "possessed" | "source" | "speaker"
    keyword: re.Pattern[str]  # the cue words alone: a cheap prefilter for ``pattern``


def _cue(name: str, rx: str, polarity: str, holder: str = "subject") -> Cue:
    # The keyword is the pattern's (?P<cue>...) group, found by balancing parentheses.
    start = rx.index("(?P<cue>") + len("(?P<cue>")
    depth, i = 1, start
    while depth:
        depth += {"(": 1, ")": -1}.get(rx[i], 0) if rx[i - 1] != "\\" else 0
        i += 1
    return Cue(name, re.compile(rx), polarity, holder, re.compile(r"\b(?:" + rx[start:i - 1] + ")"))


def _matches(cue: Cue, text: str, hits: list[int]) -> list[re.Match[str]]:
    """Every match of ``cue`` in ``text``, looking only where a cue word starts (``hits``)."""
    out = []
    for pos in hits:
        if not cue.keyword.match(text, pos):
            continue
        for m in cue.pattern.finditer(text, max(0, pos - 120), pos + 200):
            if m.start("cue") == pos:
                out.append(m)
                break
    return out


CUES: tuple[Cue, ...] = (
    _cue("source-to", r"\b[Aa]\s+source\s+(?:which|that)\s+(?:is|was)\s+(?:very\s+|deeply\s+)?"
         r"(?P<cue>sympathetic|favourable|favorable|friendly)\s+to\s+" + _T, "sympathetic", "source"),
    _cue("source-to", r"\b[Aa]\s+source\s+(?:which|that)\s+(?:is|was)\s+(?:very\s+|deeply\s+)?"
         r"(?P<cue>hostile|inimical|unfriendly)\s+to\s+" + _T, "hostile", "source"),
    _cue("adj-to", r"\b(?:(?:remained|remains|remain|was|were|is|are|been|be|stayed|stay|"
         r"became|become|always|very|deeply|fiercely|intensely|so|too)\s+)*"
         r"(?P<cue>" + _SYM_ADJ + r")\s+to\s+" + _T, "sympathetic"),
    _cue("adj-to", r"\b(?:(?:remained|remains|remain|was|were|is|are|been|be|stayed|stay|"
         r"became|become|always|very|deeply|fiercely|intensely|so|too|bitterly|implacably)\s+)*"
         r"(?P<cue>" + _HOS_ADJ + r")\s+to\s+" + _T, "hostile"),
    _cue("work-of", r"\b(?P<cue>(?:" + _SYM_WORK_ADJ + r")\s+(?:" + _WORK + r"))\s+of\s+" + _T,
         "sympathetic", "possessor"),
    _cue("work-of", r"\b(?P<cue>(?:" + _HOS_WORK_ADJ + r")\s+(?:" + _WORK + r"))\s+of\s+" + _T,
         "hostile", "possessor"),
    # "no friend of X" says the opposite of "a friend of X" (listed first: it owns the cue word)
    _cue("no-noun-of", r"\bno\s+(?:great\s+|particular\s+)?(?P<cue>friend|admirer|lover|ally)"
         r"\s+of\s+" + _T, "hostile"),
    _cue("noun-of", r"\b(?:(?:an?|another|the|one|his|her|their|a\s+close|a\s+bitter|"
         r"a\s+staunch|a\s+loyal|a\s+sworn|an?\s+old|a\s+lifelong|a\s+longtime|"
         r"a\s+devoted|a\s+trusted)\s+)?(?P<cue>" + _SYM_NOUN_OF + r")\s+of\s+" + _T,
         "sympathetic"),
    _cue("noun-of", r"\b(?:(?:an?|another|the|one|his|her|their|a\s+bitter|a\s+sworn|"
         r"an\s+implacable|a\s+fierce)\s+)?(?P<cue>" + _HOS_NOUN_OF + r")\s+of\s+" + _T, "hostile"),
    _cue("poss-noun", r"\b(?P<target>(?:the\s+[a-z]+|his|her|[A-Z][\w’'\-]*))(?:[’']s)?\s+"
         r"(?:(?:old|close|great|loyal|staunch|faithful)\s+)?(?P<cue>friend|ally|supporter|admirer|"
         r"champion|defender|protégé|disciple)\b", "sympathetic", "possessed"),
    _cue("poss-noun", r"\b(?P<target>(?:the\s+[a-z]+|his|her|[A-Z][\w’'\-]*))(?:[’']s)?\s+"
         r"(?:(?:old|bitter|sworn|great|implacable|fierce)\s+)?(?P<cue>enemy|opponent|critic|"
         r"adversary|foe|rival|persecutor|accuser)\b", "hostile", "possessed"),
    _cue("noun-pre", r"\b(?:(?:an?|another|one|the|a\s+staunch|a\s+loyal)\s+)?" + _T
         + r"[^\s,.;:]*\s+(?P<cue>" + _SYM_NOUN_PRE + r")\b", "sympathetic"),
    _cue("noun-pre", r"\b(?:(?:an?|another|one|the|a\s+bitter)\s+)?" + _T
         + r"[^\s,.;:]*\s+(?P<cue>" + _HOS_NOUN_PRE + r")\b", "hostile"),
    _cue("verb", r"\b(?P<cue>" + _SYM_VERB + r")\s+" + _T, "sympathetic"),
    _cue("verb", r"\b(?P<cue>" + _HOS_VERB + r")\s+" + _T, "hostile"),
    _cue("verb-with", r"\b(?P<cue>(?:" + _HOS_WITH + r")\s+with)\s+" + _T, "hostile"),
    _cue("grievance", r"\b(?:had\s+been|has\s+been|was|were|been|got)\s+(?:\w+ly\s+)?"
         r"(?P<cue>(?:" + _GRIEVANCE + r")\s+by)\s+" + _T, "hostile"),
    _cue("well-of", r"\b(?P<cue>(?:" + _SYM_OF + r")\s+of)\s+" + _T, "sympathetic"),
    _cue("well-of", r"\b(?P<cue>(?:" + _HOS_OF + r")\s+of)\s+" + _T, "hostile"),
    _cue("owed-to", r"\b(?P<cue>owed|owes|owing)\s+(?:his|her|their|my)\s+(?:place|post|"
         r"living|position|office|career|rise|life|livelihood|appointment)\s+to\s+" + _T,
         "sympathetic"),
    # a debtor has an interest against the creditor: "who owed Kemp money"
    _cue("owed-money", r"\b(?P<cue>owed|owes)\s+" + _T + r"[\w’'.\- ]{0,30}?\s+"
         r"(?:money|a\s+debt|debts|rent|(?:\w+\s+)?(?:pounds|dollars|shillings|guineas|francs))\b",
         "hostile"),
    _cue("served", r"\b(?P<cue>served|serves|had\s+served|serving)\s+" + _T
         + r"[\w’'.\- ]{0,30}?\s+(?:faithfully|loyally|devotedly|(?:\w+\s+)?years)\b",
         "sympathetic"),
    _cue("struggle", r"\b(?P<cue>(?:struggle|fight|fighting|campaign|crusade|conspiracy|plot|"
         r"plotting|intrigues?)\s+against)\s+(?:the\s+(?:power|rule|regime|line|policy|policies|"
         r"dictatorship|leadership|faction|group)\s+of\s+)?" + _T, "hostile"),
    _cue("praise", r"\b(?P<cue>" + _PRAISE + r")", "sympathetic", "speaker"),
)
# Prefilter: a cue can start only at a word whose first four letters begin some
# literal word of the cue patterns ("enem" of "enem(?:y|ies)", "very" of "very politically").
_CUE_PREFIXES = frozenset(w[:4] for c in CUES for w in re.findall(r"[a-z]{3,}", c.keyword.pattern))
_LOWER_WORD = re.compile(r"(?<![\w’'])[a-z]{3,}")
_FEMALE_TITLES = frozenset({"mrs", "ms", "miss", "madame", "mme", "lady", "frau", "queen",
                            "princess", "countess", "aunt", "sister", "mother"})
_MALE_TITLES = frozenset({"mr", "sir", "lord", "monsieur", "herr", "king", "prince", "count",
                          "uncle", "brother", "father"})
_SLAVIC_END = re.compile(r"(?:ov|ev|in|sky|skii|ova|eva|ina|skaya)$")
_FEMININE_END = re.compile(r"(?:ova|eva|ina|skaya)$")
_AFTER_OBJECT = frozenset("and or but again hard back so then too once twice with on in at to for "
                          "from by of as if when while that because".split())
_NEAR_NEEDS = re.compile(r"\b(?:was|were|is|are|been|be|remained|remains|stayed|became|those|"
                         r"very|politically|personally|ideologically|always|so)\s+$")
_PREPOSITIONS = frozenset("""of to with by from about against for on in at into onto than over under after
before between among through toward towards upon without within across behind beside like unlike
""".split())
_DETERMINERS = frozenset("the a an his her their its our my your".split())
_SUBJ_PRONOUNS = re.compile(r"\b(?:I|we|We|he|He|she|She)\b")
_FIRST = frozenset({"i", "we", "me", "us", "my", "our"})
_THIRD = frozenset({"he", "him", "his", "she", "her"})
_NEGATION = re.compile(r"\b(?:not|never|no longer|hardly|scarcely)\s+(?:\w+\s+)?$")


@dataclass(frozen=True, slots=True)
class _Ref:
    """A mention or a pronoun: where, and who (entity id, or None for a pronoun to resolve)."""

    span: Span
    entity: str | None
    word: str = ""


class _Context:
    """The document's mentions, sentences and speakers, for resolving holders and targets."""

    def __init__(self, text: str, mentions: Sequence[Mention], people: Sequence[Entity],
                 segments: Sequence, quotes: Sequence) -> None:
        self.text = text
        self.people = people
        self.segments = segments
        self.quotes = quotes
        self.kind = {e.id: e.kind for e in people}
        self.names = {e.id: e.name for e in people}
        mentions = list(mentions) + _descriptions(text, mentions, self.kind)
        outer: list[Mention] = []
        for m in sorted(mentions, key=lambda m: (m.span.start, -m.span.end)):
            if m.entity and not (outer and outer[-1].span.contains(m.span)):
                outer.append(m)
        self.mentions = outer
        self.starts = [m.span.start for m in outer]
        self.bounds = sentence_bounds(text)
        self.gender: dict[str, str] = {}
        for e in people:
            names = [parse_name(a) for a in e.aliases]
            titles = {n.title.lower().rstrip(".") for n in names}
            # Russian surnames carry gender: Ivanova, Larina, Gorskaya are women.
            endings = {("f" if _FEMININE_END.search(n.surname) else "m")
                       for n in names if n.surname and _SLAVIC_END.search(n.surname)}
            female = bool(titles & _FEMALE_TITLES) or endings == {"f"}
            male = bool(titles & _MALE_TITLES) or endings == {"m"}
            if female != male:
                self.gender[e.id] = "f" if female else "m"

    def sentence(self, pos: int) -> Span:
        i = bisect.bisect_right(self.bounds, pos) - 1
        end = self.bounds[i + 1] if i + 1 < len(self.bounds) else len(self.text)
        return Span(self.bounds[i], end)

    def mention_at(self, pos: int) -> Mention | None:
        i = bisect.bisect_right(self.starts, pos) - 1
        if i >= 0 and self.mentions[i].span.start <= pos < self.mentions[i].span.end:
            return self.mentions[i]
        return None

    def speaker(self, pos: int) -> str | None:
        return narrator_at(pos, self.segments, self.people, self.quotes)

    def name(self, eid: str) -> str:
        """The entity's name, for messages."""
        return self.names.get(eid, eid)

    def voice(self, pos: int) -> str | None:
        """Whose words these are: a quotation's speaker (None if unknown), else the author.

        Without an attributed ``quotes`` layer, text inside quotation marks in its
        paragraph is someone's unknown words: None, never the author's.
        """
        covering = [q for q in self.quotes if q.span.start <= pos < q.span.end
                    and q.kind in ("speech", "block")]
        if covering:
            # An unattributed fragment inside an attributed quotation is still in
            # the outer speaker's mouth.
            known = [q for q in covering if q.speaker]
            return min(known, key=lambda q: len(q.span)).speaker if known else None
        if not self.quotes and _inside_quotation(self.text, pos):
            return None
        return self.speaker(pos)

    def last_person_before(self, pos: int, exclude: set[str], gender: str = "") -> str | None:
        """The nearest named person before ``pos`` (pronoun antecedent), not in ``exclude``.

        ``gender`` ("m" for he/him/his, "f" for she/her) skips people whose titles
        (Mrs, Miss / Mr, Sir) say otherwise.
        """
        i = bisect.bisect_left(self.starts, pos) - 1
        while i >= 0:
            m = self.mentions[i]
            if m.kind == "person" and m.entity not in exclude and m.span.end <= pos \
                    and not (gender and self.gender.get(m.entity, gender) != gender):
                return m.entity
            i -= 1
        return None

    def resolve(self, ref: _Ref, exclude: set[str]) -> str | None:
        if ref.entity:
            return ref.entity
        w = ref.word.lower()
        if w in _FIRST:
            return self.voice(ref.span.start)
        if w in _THIRD:
            return self.last_person_before(ref.span.start, exclude,
                                           "f" if w in ("she", "her") else "m")
        return None

    def target_at(self, pos: int, possessor: bool = False) -> _Ref | None:
        m = self.mention_at(pos)
        if m is not None and m.span.start == pos:
            return _Ref(m.span, m.entity)
        pm = re.match(r"(him|her|his|them|me|us)\b", self.text[pos:pos + 5])
        nxt = re.match(r"\s+([a-z]+)", self.text[pos + 3:pos + 20])
        if pm and pm.group(1) == "her" and nxt and nxt.group(1) not in _AFTER_OBJECT:
            return None  # "hit her head": a determiner, not the person
        if pm and pm.group(1) == "his" and not possessor:
            return None
        if pm and pm.group(1) in ("him", "her", "his", "me", "us"):
            return _Ref(Span(pos, pos + len(pm.group(1))), None, pm.group(1))
        return None

    def refs_before(self, sent: Span, pos: int) -> list[_Ref]:
        """Mentions and subject pronouns in ``sent`` before ``pos``, nearest first."""
        lo = bisect.bisect_left(self.starts, sent.start)
        hi = bisect.bisect_left(self.starts, pos)
        refs = [_Ref(m.span, m.entity) for m in self.mentions[lo:hi] if m.span.end <= pos]
        for pm in _SUBJ_PRONOUNS.finditer(self.text, sent.start, pos):
            if not any(r.span.contains(Span(pm.start(), pm.end())) for r in refs):
                refs.append(_Ref(Span(pm.start(), pm.end()), None, pm.group()))
        return sorted(refs, key=lambda r: -r.span.start)

    def governed(self, ref: _Ref) -> bool:
        """True when ``ref`` is the object of a preposition ("with the X", "by his group")."""
        words = re.findall(r"[\w’']+", self.text[max(0, ref.span.start - 40):ref.span.start])
        while words and words[-1].lower() in _DETERMINERS:
            words.pop()
        return bool(words) and words[-1].lower() in _PREPOSITIONS

    def possessive(self, ref: _Ref) -> bool:
        return bool(re.match(r"[’']s\b|[’'](?=\s)", self.text[ref.span.end:ref.span.end + 3]))


_OPEN = re.compile(r"(?:^|(?<=[\s(\[–—-]))[‘“\"](?=\w)")
_CLOSE = re.compile(r"(?<=[\w.,!?…])[’”\"](?!\w)")


def _inside_quotation(text: str, pos: int) -> bool:
    """True when an opening mark before ``pos`` in its paragraph has not been closed."""
    para = text.rfind("\n\n", 0, pos) + 1
    opens = [m.start() for m in _OPEN.finditer(text, para, pos)]
    if not opens:
        return False
    return not any(_CLOSE.finditer(text, opens[-1] + 1, pos))


_ROLE_TITLE_WORDS = frozenset("""governor general bishop mayor minister commissar president colonel
captain father professor doctor judge prosecutor tsar king queen prince marshal admiral chairman
secretary ambassador consul inspector sergeant lieutenant major""".split())


def _descriptions(text: str, mentions: Sequence[Mention], kind: dict[str, str]) -> list[Mention]:
    """"the governor", "the miller": a description the text gave one person ("Governor Pavel
    Rudnik", "the miller Anton Brezina"), as a mention of that person wherever it recurs.

    Only a role word exactly one person carries counts; "the author" never does.
    """
    owners: dict[str, set[str]] = {}
    for m in mentions:
        if not m.entity or kind.get(m.entity) != "person":
            continue
        before = text[max(0, m.span.start - 40):m.span.start]
        t = re.search(r"\b([A-Z][a-z]+)\s+$", before)
        if t and t.group(1).lower() in _ROLE_TITLE_WORDS:
            owners.setdefault(t.group(1).lower(), set()).add(m.entity)
        d = re.search(r"\bthe\s+(?:[A-Z]\w+\s+)?([a-z]{4,})(?:\s+and\s+([a-z]{4,}))?\s+$", before)
        if d:
            for w in filter(None, d.groups()):
                owners.setdefault(w, set()).add(m.entity)
    owners = {w: e for w, e in owners.items() if len(e) == 1 and w not in ("author", "reader")}
    if not owners:
        return []
    taken = sorted(m.span for m in mentions)
    starts = [t.start for t in taken]
    out = []
    rx = re.compile(r"\bthe\s+(" + "|".join(map(re.escape, owners)) + r")\b")
    for dm in rx.finditer(text):
        sp = Span(dm.start(), dm.end())
        nxt = text[dm.end():dm.end() + 2]
        i = bisect.bisect_left(starts, sp.end)
        if re.match(r" [A-Z]", nxt) or any(t.overlaps(sp) for t in taken[max(0, i - 3):i]):
            continue  # "the miller Anton Brezina" itself: the name is the mention
        out.append(Mention("", sp, dm.group(), "person", next(iter(owners[dm.group(1)]))))
    return out


def _coordinated(ctx: _Context, ref: _Ref) -> list[str]:
    """Entities coordinated with ``ref``: "Bukharin and his group" → both (the text says so)."""
    out = []
    before = ctx.text[max(0, ref.span.start - 60):ref.span.start]
    m = re.search(r"(?:,\s*|\s+and\s+|\s*&\s*)$", before)
    if m and ref.entity:
        prev = ctx.mention_at(ref.span.start - len(m.group()) - 1)
        if prev is not None and prev.span.end == ref.span.start - len(m.group()):
            out.append(prev.entity)
    return out


def _holder(ctx: _Context, cue: Cue, start: int, target: str | None) -> list[str]:
    """Find who holds the stance whose cue phrase starts at ``start``."""
    sent = ctx.sentence(start)
    exclude = {target} if target else set()
    if cue.holder == "speaker":
        who = ctx.voice(start)
        return [who] if who and who != target else []
    refs = ctx.refs_before(sent, start)
    if cue.holder == "source":
        for r in refs:
            if r.entity and r.entity != target and ctx.possessive(r):
                return [r.entity]
        return []
    if cue.holder == "possessed":
        # "Hlinka, the governor's friend" / "Hlinka was the governor's friend" only:
        # in "Tony met his friend" the friend is nobody named.
        gap = ctx.text[refs[0].span.end:start] if refs else ""
        if refs and re.fullmatch(r"\s*,\s*|(?:\s*,\s*who)?\s+(?:was|were|is|are|remained|became|"
                                 r"had been|has been)\s+", gap):
            who = ctx.resolve(refs[0], exclude)
            return [who] if who and who != target else []
        return []
    if cue.holder == "possessor":
        pm = re.search(r"\b(his|her|my|our|their)\s+(?:\w+\s+){0,2}$|([’']s)\s+(?:\w+\s+){0,2}$",
                       ctx.text[max(sent.start, start - 60):start])
        if pm and pm.group(1):
            who = ctx.resolve(_Ref(Span(start, start), None, pm.group(1)), exclude)
            return [who] if who else []
        if pm:
            owner = ctx.mention_at(start - len(pm.group()) - 1)
            return [owner.entity] if owner and owner.entity else []
    # Appositive: "Slepkov, another Bukharin loyalist".
    if refs and re.fullmatch(r"\s*,\s*", ctx.text[refs[0].span.end:start]):
        who = ctx.resolve(refs[0], exclude)
        return [who] if who and who != target else []
    for r in refs:
        if ctx.governed(r) or ctx.possessive(r):
            continue
        who = ctx.resolve(r, exclude)
        if who is None or who == target:
            continue
        return [who, *[c for c in _coordinated(ctx, r) if c != target]]
    # No subject in the sentence: the speaker, but only inside an attributed quotation
    # (outside one, a missing subject is a parse we failed, not the author's voice).
    if any(q.span.start <= start < q.span.end and q.speaker for q in ctx.quotes):
        who = ctx.speaker(start)
        return [who] if who and who != target else []
    return []


def _contrastive(ctx: _Context) -> tuple[list[Stance], set[int]]:
    """ "those near to X and those inimical to him – A and B respectively"."""
    out: list[Stance] = []
    used: set[int] = set()
    for m in re.finditer(r"\brespectively\b", ctx.text):
        sent = ctx.sentence(m.start())
        cues = []
        taken: set[int] = set()
        for cue in CUES:
            if cue.holder not in ("subject", "possessed"):
                continue
            for cm in cue.pattern.finditer(ctx.text, sent.start, m.start()):  # one sentence
                if cm.start("cue") in taken or (cue.name == "noun-pre" and not (
                        (r := ctx.target_at(cm.start("target"))) and r.entity
                        and r.span.end <= cm.start("cue"))):
                    continue
                taken.add(cm.start("cue"))
                lead = re.search(r"\bthose\s+$", ctx.text[max(sent.start, cm.start() - 6):cm.start()])
                cues.append((cm.start() - (len(lead.group()) if lead else 0), cm, cue))
        cues.sort(key=lambda c: c[0])
        dash = re.search(r"[–—:-]\s*([^–—:]*)$", ctx.text[sent.start:m.start()])
        if len(cues) < 2 or not dash:
            continue
        list_start = sent.start + dash.start(1)
        names = [mm for mm in ctx.mentions if list_start <= mm.span.start < m.start()
                 and mm.kind == "person"]
        if len(names) != len(cues):
            continue
        for (s, cm, cue), holder in zip(cues, names, strict=True):
            ref = ctx.target_at(cm.start("target"), possessor=cue.holder == "possessed")
            if ref is None:
                continue
            target = ctx.resolve(ref, {holder.entity})
            if target and target != holder.entity:
                out.append(Stance(holder.entity, target, cue.polarity,
                                  Span(min(s, ref.span.start), max(ref.span.end, cm.end("cue"))),
                                  cm.group("cue")))
                used.add(cm.start("cue"))
    return out, used


_MEMBER_RE = re.compile(
    r"(?:,\s*|\s+)(?:who\s+(?:was|were)\s+|(?:was|were|became)\s+)?(?:an?\s+|another\s+|one\s+)?"
    r"(?:(?:leading|prominent|founding|loyal)\s+)?(?:member|members|leader|leaders)\s+of\s+$"
    r"|\s+(?:joined|belonged\s+to)\s+$")


def _carried_to_members(ctx: _Context, found: list[Stance]) -> list[Stance]:
    """A group's stance, held again by each person the text says belongs to the group.

    "Tarasov, a member of the Rykov group" makes Tarasov share what the Rykov
    group holds; nothing else does (not "Rykov and his group" — coordination,
    handled where the holder is found — and not a shared surname or topic).
    """
    members: dict[str, set[str]] = {}
    for cm in ctx.mentions:
        if ctx.kind.get(cm.entity) != "collective":
            continue
        window = ctx.text[max(0, cm.span.start - 80):cm.span.start]
        m = _MEMBER_RE.search(window)
        if not m:
            continue
        person = ctx.mention_at(cm.span.start - len(window) + m.start() - 1)
        if person is not None and ctx.kind.get(person.entity) == "person" and \
                person.span.end == cm.span.start - len(window) + m.start():
            members.setdefault(cm.entity, set()).add(person.entity)
    return [Stance(x, s.target, s.polarity, s.evidence,
                   f"{s.cue} (as a member of {ctx.name(s.holder)})")
            for s in found for x in sorted(members.get(s.holder, ())) if x != s.target]


@stage("stances", requires=("segments", "mentions", "people", "quotes"),
       provides=("stances",), version=1)
def find_stances(view: LayerView, settings: Settings) -> StageOutput:
    """Find stances from explicit cues; resolve holders and targets to entities."""
    ctx = _Context(view.text, view["mentions"], view["people"], view["segments"], view["quotes"])
    found, used = _contrastive(ctx)
    diags: list[Diagnostic] = []
    text = view.text
    # One pass for every cue word of every cue, then each cue only where its words are.
    hits = [m.start() for m in _LOWER_WORD.finditer(text) if m.group()[:4] in _CUE_PREFIXES]
    for cue in CUES:
        for m in _matches(cue, text, hits):
            if m.start("cue") in used:
                continue
            used.add(m.start("cue"))  # one reading per cue word ("source-to" before "adj-to")
            if _NEGATION.search(text[max(0, m.start() - 20):m.start("cue")]):
                continue
            if re.search(r"\bthose\s+$", text[max(0, m.start() - 6):m.start()]):
                continue  # "those near to X": only the contrastive reading names who
            if m.group("cue") in ("near", "close", "attached") and not _NEAR_NEEDS.search(
                    text[max(0, m.start("cue") - 20):m.start("cue")]):
                continue  # "sat close to Tony" is a place, "was close to Tony" a stance
            if cue.holder == "speaker":
                sent = ctx.sentence(m.start())
                refs = [r for r in ctx.refs_before(sent, m.start()) if r.entity
                        and not ctx.governed(r) and not ctx.possessive(r)]
                if not refs:
                    continue
                target = refs[0].entity
                evidence = Span(m.start("cue"), m.end("cue"))
            else:
                ref = ctx.target_at(m.start("target"), possessor=cue.holder == "possessed")
                if ref is None or (cue.name == "noun-pre" and ref.span.end > m.start("cue")):
                    continue  # "his followers" is a group, not "followers of his"
                start = m.start()
                evidence = Span(min(start, ref.span.start), max(m.end("cue"), ref.span.end))
                if ref.entity is None:  # "hit him": find the holder first, then "him" is someone else
                    holders = _holder(ctx, cue, m.start(), None)
                    target = ctx.resolve(ref, set(holders))
                    found.extend(Stance(h, target, cue.polarity, evidence, m.group("cue"))
                                 for h in holders if h and target and h != target)
                    continue
                target = ref.entity
            holders = _holder(ctx, cue, m.start(), target)
            if target and not any(holders):
                diags.append(Diagnostic(
                    "stances.no_holder", f"‘{m.group('cue')}’ toward {ctx.name(target)}, but "
                    "nobody in its sentence holds it (no stance recorded)", evidence))
            for h in holders:
                if h and target and h != target:
                    found.append(Stance(h, target, cue.polarity, evidence, m.group("cue")))
    found += _carried_to_members(ctx, found)
    seen = set()
    out = []
    for s in sorted(found, key=lambda s: (s.evidence.start, s.holder, s.target)):
        key = (s.holder, s.target, s.polarity, s.evidence)
        if key not in seen:
            seen.add(key)
            out.append(s)
    return StageOutput({"stances": out}, tuple(diags))
