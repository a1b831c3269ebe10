"""Attribution (issue 4): speakers, addressees, parents, notes by a sieve.

Merges the marked quotations (``quote_spans``) and the reported speech
(``reported``) into the final ``quotes`` layer: each quote gets its ``parent``
(the innermost quote around it, so chains of reporters can be read off), the
``note`` whose marker follows it, and a ``speaker`` and ``addressee`` (entity
ids) from a deterministic sieve that records which rule fired (``rule``,
``addressee_rule``). Unknown stays None.

requires: ``segments``, ``notes``, ``sources``, ``quote_spans``, ``reported``,
``mentions``, ``people`` · provides: ``quotes``

The sieve, first rule that fires wins (speaker):

1. ``reported``: the subject, ``by``-agent or ``in``-source of the cue verb of
   reported speech ("it has been mentioned by X", "asserted … in the Soviet
   literature"), "according to X", the name after "– said";
2. ``conclusion``: the author of the segment;
3. ``cue-after`` / ``cue-before``: a speech verb next to the quote with a name
   or pronoun ("‘Yes’, answered Bukharin"; "Kulikov addressed Bukharin: ‘…’");
4. ``intro``: a colon-introduced quote: an interview ("X was interviewed by Y"
   – X's account, told to Y: ``intro-interview``), "conversations of X with Y",
   a cue verb with its subject, "memoirs of X" for a block quotation;
5. ``continues`` / ``narration``: right after a quote of known speaker, or after
   a sentence whose subject is a person ("Sergo sprang up. ‘Is it …?’"; in
   one-sentence-a-line text the line before: ``narration-line``);
6. ``interrupted`` / ``paragraph``: the other part of a quote split by its tag,
   or another quote in the same paragraph with a known speaker;
7. ``dialogue``: turn-taking among the quotes of one parent (two questions in a
   row: one asker; an answer: the other party), ``questioners`` for the
   opening question put to someone "cross-examined"; ``alternation`` along
   runs of adjacent top-level turns (:mod:`quote_turns`);
8. ``same-source``: a quote citing the same note (or its ibid./loc. cit.
   antecedent) as an earlier quote has that quote's speaker;
9. ``intro-nearest``: the person named last before the introducing colon.

Pronouns: "I/me/we" are the speaker of the quote around them (else the author
of the memoir, article or excerpt they sit in), "you" its addressee, he/she
the nearest compatible person (where the sentences just before name no one:
the person of that gender named last in the scene's narration,
``…-pronoun-salient``), "they" the nearest collective (the questioners).
Addressees: the cue's object, a vocative, the partner in a conversation ("X’s conversation with Y"), the other party of a dialogue, the
one replied to.

Known limits: no general coreference; gender is known only from titles; the
dialogue rules assume two parties per exchange.

Example::

    >>> from testimonia.model import Entity, Mention, Quote, Span
    >>> from testimonia.testing import make_analysis, run_stage
    >>> t = "‘Yes’, answered Bukharin."
    >>> a = make_analysis(t, segments=(), notes=(), sources=(), reported=(),
    ...     quote_spans=(Quote("q1", Span(1, 4)),),
    ...     mentions=(Mention("m1", Span(16, 24), "Bukharin", "person", "p1"),),
    ...     people=(Entity("p1", "Bukharin", mentions=(Span(16, 24),)),))
    >>> [(q.speaker, q.rule) for q in run_stage(attribute, a).layers["quotes"]]
    [('p1', 'cue-after')]
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..model import Note, Quote, Span
from ..settings import Settings
from .descriptions import GENDERED_DESCRIPTION, noun_gender
from .pipeline import LayerView, StageOutput, stage
from .quote_context import PRONOUNS, RELATIVE, Context
from .quote_dialogue import DialogueRules
from .quote_marks import MARKS, paragraphs
from .quote_reported import CONVERSATION, ReportedRules
from .quote_turns import TurnRules

_TAG_VERBS = (r"said|says|say|asked|asks|answered|answers|replied|replies|shouted|shouts|cried|"
              r"cries|exclaimed|exclaims|whispered|inquired|inquires|enquired|added|adds|continued|"
              r"declared|muttered|repeated|retorted|observed|remarked|returned|began|went on|"
              r"interrupted|rejoined|resumed|murmured|called|screamed|yelled|sighed|laughed|"
              r"protested|urged|pursued|suggested|explained|agreed|admitted|insisted|responded|"
              r"demanded|persisted|echoed|groaned|stammered|faltered|pleaded|put in|broke in|"
              r"told|tells|addressed|addresses|wrote|writes|recalls|recalled|thought|cried out|"
              r"called out|answered back|concluded|assured|announced|ventured|hesitated and said|"
              r"sneered|snapped|growled|gasped|sobbed|wailed|roared|shrieked|drawled|mused|"
              r"corrected|conceded|confessed|warned|promised|replied to|said to|asked of|proposed|"
              r"saying|asking|adding|replying|crying|exclaiming|answering|whispering|calling|"
              r"returning|continuing|observing|remarking|muttering|murmuring|repeated|"
              r"commented|explained|cautioned|declared|reflected|argued|objected|assented|"
              r"pleaded|implored|begged|inquired|queried|questioned|shrieked|chuckled|smiled|"
              r"nodded|grinned|laughing|sighing|smiling")
_AFTER_VERB_FIRST = re.compile(r"^\s*[,.!?;:]?\s*[’”\"'»]?\s*(?:[–—-]{1,2}\s*)?(?P<v>" + _TAG_VERBS
                               + r")\b\s+(?:(?:the|a)\s+)?", re.IGNORECASE)
_AFTER_SUBJ_FIRST = re.compile(r"^\s*[,.!?;:]?\s*[’”\"'»]?\s*(?:[–—-]{1,2}\s*)?", re.IGNORECASE)
_VERB_AFTER_SUBJ = re.compile(r"^\s*(?:\w+ly\s+|again\s+|then\s+|now\s+|at last\s+|also\s+)?(?P<v>"
                              + _TAG_VERBS + r")\b", re.IGNORECASE)
_BEFORE_CUE = re.compile(r"(?P<v>" + _TAG_VERBS + r")\b(?P<obj>\s+(?:to\s+|of\s+)?[^,:;.!?‘“\"«]{1,40}?)?"
                         r"(?:\s*,[^.!?‘“\"«]{0,40}?)?\s*[:,]?\s*(?:[–—-]\s*)?$", re.IGNORECASE)
_POSSESSED = re.compile(r"(?:his|her|their|my|your|our)\s+(?:[a-z-]+\s+)?(?P<noun>[a-z]{3,})\b",
                        re.IGNORECASE)
# verbs whose object follows them: "asked Anna:" is whom, not who
_TRANSITIVE = {"told", "tells", "asked", "asks", "addressed", "addresses", "answered", "answers",
               "urged", "begged", "implored", "warned", "assured", "questioned", "called"}
_NEXT_LINE_TAG = re.compile(r"^(?:(?:I|He|She|They|We|[A-Z][\w.’']+(?:\s+[A-Z][\w’']+)?)\s+(?:"
                            + _TAG_VERBS + r")\b|(?:" + _TAG_VERBS + r")\s)")
_WORK_OWNER = re.compile(r"(?:memoirs?|recollections?|reminiscences|diar(?:y|ies)|autobiography|"
                         r"letters?|notebooks?|account|testimony|book)\s+(?:of|by)\s+$|$")
_WORK_AFTER = re.compile(r"^(?:’s|'s)?\s*(?:memoirs?|recollections|reminiscences|diar(?:y|ies)|"
                         r"autobiography|notebooks?)\b")
@dataclass(eq=False)
class W:
    """A quote being attributed (mutable while the sieve runs)."""

    id: str
    span: Span
    kind: str
    mode: str
    marked: bool
    cue: str | None = None
    cue_span: Span | None = None
    parent: str | None = None
    speaker: str | None = None
    addressee: str | None = None
    rule: str = ""
    addressee_rule: str = ""
    note: int | None = None

    def final(self) -> Quote:
        """The frozen record."""
        return Quote(self.id, self.span, self.kind, self.mode, self.speaker, self.addressee,
                     self.parent, self.cue, self.cue_span, self.note, self.rule,
                     self.addressee_rule)


def merge(quote_spans: Sequence[Quote], reported: Sequence[Quote]) -> list[W]:
    """Merge both layers, number them q1… in text order, outer first; nest by containment."""
    items = [W("", q.span, q.kind, q.mode, True, q.cue, q.cue_span) for q in quote_spans]
    items += [W("", q.span, q.kind, q.mode, False, q.cue, q.cue_span) for q in reported]
    items.sort(key=lambda w: (w.span.start, -w.span.end, not w.marked))
    for k, w in enumerate(items):
        w.id = f"q{k + 1}"
    stack: list[W] = []
    for w in items:
        while stack and not (stack[-1].span.start <= w.span.start and w.span.end <= stack[-1].span.end):
            stack.pop()
        parents = [p for p in stack if p.kind in ("speech", "block", "conclusion")]
        w.parent = parents[-1].id if parents else None
        stack.append(w)
    return items


class Sieve(ReportedRules, DialogueRules, TurnRules):
    """The attribution rules over one document."""

    def __init__(self, ctx: Context, quotes: list[W], notes: Sequence[Note]) -> None:
        self.ctx = ctx
        self.text = ctx.text
        self.quotes = quotes
        self.by_id = {q.id: q for q in quotes}
        self.notes = notes
        ctx.set_quotes(quotes)
        self._starts = [q.span.start for q in quotes]
        self._testimony = [q for q in quotes if q.kind in ("speech", "block", "conclusion")]
        self._tstarts = [q.span.start for q in self._testimony]
        self._paras = paragraphs(self.text)
        self._pstarts = [p[0] for p in self._paras]
        self._line_mode = len(self._paras) > 1 and "\n\n" not in self.text
        self._second_pass = False
        self.build_turns(quotes)

    # -- helpers -----------------------------------------------------------------------
    def testimony(self) -> list[W]:
        """The quotes that are testimony (speech, block, conclusion), in text order."""
        return self._testimony

    def near(self, lo: int, hi: int, testimony: bool = True) -> list[W]:
        """Quotes starting in ``[lo, hi)``."""
        lst, starts = (self._testimony, self._tstarts) if testimony else (self.quotes, self._starts)
        return lst[bisect.bisect_left(starts, max(0, lo)):bisect.bisect_left(starts, hi)]

    def para_bounds(self, pos: int) -> tuple[int, int]:
        """The paragraph holding ``pos`` (blank-line blocks; lines in line-per-sentence text)."""
        i = bisect.bisect_right(self._pstarts, pos) - 1
        if i < 0:
            return 0, 0
        ps, pe = self._paras[i]
        if self._line_mode and i + 1 < len(self._paras):
            # one sentence a line: a tag on the next line ("he asked Katharine .") belongs here
            ns, ne = self._paras[i + 1]
            if self.text[ns:ns + 1].islower() or (
                    ne - ns < 60 and _NEXT_LINE_TAG.match(self.text[ns:ne])):
                pe = ne
        return ps, pe

    def close_end(self, q: W) -> int:
        """Offset just after the quote's closing mark(s)."""
        e = q.span.end
        while e < len(self.text) and (self.text[e] in MARKS or self.text[e] in ".,!?;"
                                      and e < q.span.end + 2):
            e += 1
        if self.text[e:e + 2] in (' "', " ”", " »") and e < q.span.end + 3:
            e += 2  # tokenized text: "… anywhere , " he answered
        return e

    def open_start(self, q: W) -> int:
        """Offset of the quote's opening mark(s)."""
        s = q.span.start
        if self.text[max(0, s - 2):s] in ('" ', "“ ", "‘ ", "« ", "' "):
            s -= 1  # tokenized text: she said : “ Yes … (issue 4)
        while s > 0 and self.text[s - 1] in MARKS:
            s -= 1
        return s

    def ref_at(self, pos: int, q: W, exclude: set[str] | None = None, limit: int | None = None
               ) -> tuple[str | None, str, int]:
        """The name or pronoun starting at ``pos``: (entity, how, end offset)."""
        while pos < len(self.text) and self.text[pos] in " \t\n":
            pos += 1
        if limit is not None and pos >= limit:
            return None, "", pos
        m = self.ctx.mention_at(pos)
        if m is not None:
            if exclude and m.entity in exclude:
                return None, "", pos
            return m.entity, "name", m.span.end
        rel = RELATIVE.match(self.text, pos)  # "said her father": Mr. of her surname
        if rel:
            g = "m" if rel.group("pron").lower() == "his" else "f"
            # whose: the one the quote calls by name ("My dear Mr. Bennet," replied his
            # wife), else the pronoun's antecedent
            owners = [v for v in self.vocatives(q) if self.ctx.gender.get(v) == g]
            owner = owners[0] if owners else self.ctx.pronoun(pos, g, set(), q)
            ent = self.ctx.relative(owner, rel.group("rel").lower())
            if ent and (not exclude or ent not in exclude):
                return ent, "relative", rel.end()
            # no Mrs. of that surname: "his mother murmured" is taken as "she" is, never
            # the owner (issue 4)
            rg = noun_gender(rel.group("rel"))
            banned = (exclude or set()) | ({owner} if owner else set())
            ent, how = self.in_exchange_of(q, self.ctx.of_gender(pos, rg, banned, q)[0],
                                           "relative-gender", rg, banned)
            if ent:
                return ent, how, rel.end()
        w = re.match(r"[A-Za-z]+", self.text[pos:pos + 12])
        if w and w.group(0).lower() in PRONOUNS:
            word = w.group(0).lower()
            noun = _POSSESSED.match(self.text, pos)
            if noun:  # "said his uncle": not "he" but one of the noun's gender, or unknown
                g, og = noun_gender(noun.group("noun")), {"his": "m", "her": "f"}.get(word, "")
                owner = self.ctx.pronoun(pos, og, set(), q) if og else None
                banned = (exclude or set()) | {owner}
                ent = self.ctx.pronoun(pos, g, banned, q) if g else None
                return (*self.in_exchange_of(q, ent, "possessed", g, banned), noun.end()) \
                    if ent else (None, "", noun.end())
            ent, how = self.ctx.resolve(pos, pos + w.end(), exclude, q)
            if word in ("he", "she"):
                ent, how = self.in_exchange_of(q, ent, how, "m" if word == "he" else "f", exclude)
            return ent, how, pos + w.end()
        ent, rend = self.ctx.role_at(pos)  # "the alderman", named so elsewhere
        if ent and (not exclude or ent not in exclude) and (limit is None or pos < limit):
            return ent, "role", rend
        # "the old Kulikov", "his lady": a mention within three words
        for mm in self.ctx.mentions_in(pos, pos + 30 if limit is None else min(limit, pos + 30)):
            if re.fullmatch(r"(?:\s*[\w’'-]+){0,3}\s*", self.text[pos:mm.span.start]) and \
                    (not exclude or mm.entity not in exclude):
                return mm.entity, "name", mm.span.end
        d = GENDERED_DESCRIPTION.match(self.text, pos)
        if d and not d.group("the") and self.text[max(0, pos - 4):pos].lower() != "the ":
            d = None  # "said the old man" (the article read already), not "said old Anna"
        if d and (limit is None or d.end() <= limit):
            # "said the old man": one already in the scene, taken as "he" is (issue 4)
            g = noun_gender(d.group("noun"))
            ent, how = self.in_exchange_of(q, self.ctx.of_gender(pos, g, exclude or set(), q)[0],
                                           "description", g, exclude)
            return ent, how if how.startswith("description") else f"description-{how}", d.end()
        return None, "", pos

    def ref_before(self, lo: int, hi: int, q: W, exclude: set[str] | None = None
                   ) -> tuple[str | None, str]:
        """The nearest name or pronoun ending before ``hi`` (not before ``lo``)."""
        best: tuple[int, str | None, str] | None = None
        for m in self.ctx.mentions_in(lo, hi):
            if exclude and m.entity in exclude:
                continue
            if best is None or m.span.start > best[0]:
                best = (m.span.start, m.entity, "name")
        for rm in re.finditer(r"\b[Tt]he\s+[A-Za-z]{4,}\b", self.text[lo:hi]):
            ent, _ = self.ctx.role_at(lo + rm.start())
            if ent and not (exclude and ent in exclude) and (best is None or lo + rm.start() > best[0]):
                best = (lo + rm.start(), ent, "role")
        for pm in re.finditer(r"\b(?:I|we|We|he|He|she|She|they|They|you|You)\b", self.text[lo:hi]):
            p = lo + pm.start()
            if best is None or p > best[0]:
                ent, how = self.ctx.resolve(p, p + len(pm.group(0)), exclude, q)
                best = (p, ent, how)
        return (best[1], best[2]) if best else (None, "")

    # -- rules -------------------------------------------------------------------------
    def run(self) -> None:
        for q in self.quotes:
            self.note_of(q)
        for second in (False, True):
            self._second_pass = second
            for q in self.testimony():
                if q.speaker is None:
                    self.explicit(q)
            self.name_the_narrator()  # before turn-taking, so "I" and "Watson" are one party
            self.dialogues()
            for q in self.testimony():
                if q.speaker is None:
                    self.same_source(q)
        for q in self.testimony():
            if q.speaker is None:
                self.intro_nearest(q)
        self.name_the_narrator()
        for q in self.testimony():
            if q.addressee is None and q.speaker is not None:
                self.addressee(q)
        for q in self.quotes:
            if q.addressee == q.speaker:
                q.addressee, q.addressee_rule = None, ""

    def note_of(self, q: W) -> None:
        """The note whose marker follows the quote in its sentence (or its closing mark)."""
        if not self.notes:
            return
        end = self.close_end(q)
        _, se = self.ctx.sentence_at(q.span.end - 1 if q.span.end else 0)
        limit = max(se + 4, end + 3)
        for n in self.notes:
            if n.marker is not None and end - 3 <= n.marker.start <= limit:
                q.note = n.n
                return

    def explicit(self, q: W) -> None:
        if q.kind == "conclusion":
            self._set(q, self.ctx.narrator(q.span.start, q), "conclusion")
            return
        if not q.marked:
            self.reported(q)
            if q.speaker:
                return
        if q.kind == "block":
            if self.block_owner(q):
                return
        elif q.marked or q.mode == "direct":
            if self.cue_after(q) or self.cue_before(q):
                return
        if self.intro(q):
            return
        if self.narration(q):
            return
        self.paragraph(q)

    def _set(self, q: W, ent: str | None, rule: str) -> bool:
        if ent is None:
            return False
        q.speaker, q.rule = ent, rule
        return True

    def _addr(self, q: W, ent: str | None, rule: str) -> bool:
        if ent is None or ent == q.speaker:
            return False
        q.addressee, q.addressee_rule = ent, rule
        return True

    def cue_after(self, q: W) -> bool:
        """‘Yes’, answered Bukharin. / "…," he said."""
        end = self.close_end(q)
        _, pe = self.para_bounds(q.span.end)
        after = self.text[end:min(pe, end + 120)]
        m = _AFTER_VERB_FIRST.match(after)
        if m:
            ent, how, _ = self.ref_at(end + m.end(), q, limit=pe)
            if ent:
                q.cue = q.cue or m.group("v")
                q.cue_span = q.cue_span or Span(end + m.start("v"), end + m.end("v"))
                return self._set(q, ent, "cue-after" + ("" if how == "name" else f"-{how}"))
        m = _AFTER_SUBJ_FIRST.match(after)
        pos = end + (m.end() if m else 0)
        ent, how, rend = self.ref_at(pos, q, limit=pe)
        if ent or how:
            v = _VERB_AFTER_SUBJ.match(self.text[rend:rend + 40])
            if v is None and re.search(r"[,!?—–-]\s*$", self.text[q.span.end - 2:end].rstrip(MARKS + " ")
                                       + self.text[q.span.end:end]):
                # "‘Pooh!’ she scoffed": after a quote ending in , ! ? any past tense tags it
                v = re.match(r"^\s*(?:\w+ly\s+)?(?P<v>[a-z]{3,}ed)\b", self.text[rend:rend + 30])
            # "Bukharin inquires ‘…’": a tag followed by a quote introduces that quote,
            # unless this one breaks off at a comma for it ("‘A,’ I remarked, ‘B’")
            intro_next = v and re.match(r"[\s:,–—-]*[" + re.escape(MARKS) + "]",
                                        self.text[rend + v.end():rend + v.end() + 6]) \
                and not re.search(r",\s*[" + re.escape(MARKS) + r"]*\s*$",
                                  self.text[q.span.start:end])
            # "He only answered that …": a content clause is reported speech of its own
            clause = v and re.match(r"\s+(?:that|whether|if|how)\b", self.text[rend + v.end():rend + v.end() + 10])
            if v and ent and not intro_next and not clause:
                q.cue = q.cue or v.group("v")
                q.cue_span = q.cue_span or Span(rend + v.start("v"), rend + v.end("v"))
                return self._set(q, ent, "cue-after" + ("" if how == "name" else f"-{how}"))
        return False

    def lead(self, q: W) -> tuple[int, int]:
        """Narration before the quote: back to the sentence start or the previous quote."""
        s = self.open_start(q)
        ps, _ = self.para_bounds(s)
        ss, _ = self.ctx.sentence_at(max(ps, s - 1))
        lo = max(ps, ss)
        for o in self.near(lo - 3000, s, testimony=False):
            if o is not q and o.span.end <= s and o.span.end > lo and o.kind != "scare" \
                    and not o.span.contains(q.span):
                lo = self.close_end(o)
        return lo, s

    def cue_before(self, q: W) -> bool:
        """Kulikov addressed Bukharin: ‘…’ / Bukharin inquires ‘…’."""
        lo, hi = self.lead(q)
        lead = self.text[lo:hi]
        m = _BEFORE_CUE.search(lead)
        if not m:
            return False
        v_at = lo + m.start("v")
        clause_lo = lo
        for b in re.finditer(r"(?<!\bMr)(?<!\bMrs)(?<!\bMs)(?<!\bDr)(?<!\bSt)[.;!?]\s",
                             self.text[lo:v_at]):
            clause_lo = lo + b.end()
        ent, how = self.ref_before(clause_lo, v_at, q)
        inverted = False
        if ent is None and not self.text[clause_lo:v_at].strip(" \t\n,;:–—-" + MARKS) and \
                m.group("v").lower() not in _TRANSITIVE:
            # "said Margaret, gently, ‘Edith!’": nothing before the verb, its subject after
            ent, how, _ = self.ref_at(lo + m.end("v"), q, limit=hi)
            inverted = ent is not None
        if ent is None:
            return False
        q.cue = q.cue or m.group("v")
        q.cue_span = q.cue_span or Span(v_at, lo + m.end("v"))
        self._set(q, ent, "cue-before" + ("-inverted" if inverted else "")
                  + ("" if how == "name" else f"-{how}"))
        if not inverted and m.group("obj") and not re.match(r"\s*(?:that|how|whether|what|why|when|if)\b",
                                           m.group("obj")):  # a clause, not whom
            os_ = lo + m.start("obj")
            lead_in = re.match(r"\s*(?:(?:to|of)\s+)?", m.group("obj")).end()
            aent, ahow, _ = self.ref_at(os_ + lead_in, q, exclude={ent})
            if aent and self.ctx.kind(aent):
                self._addr(q, aent, "cue-object" + ("" if ahow == "name" else f"-{ahow}"))
        return True

    def intro_span(self, q: W) -> tuple[int, int] | None:
        """The sentence ending in a colon that introduces the quote, if any."""
        s = self.open_start(q)
        # step back over the spaces: text[:s].rstrip() copied the whole text before every
        # quote, quadratic on a long text (issue 4)
        e = s
        while e > 0 and self.text[e - 1].isspace():
            e -= 1
        if e == 0 or self.text[e - 1] != ":":
            return None
        colon = e - 1
        ss, _ = self.ctx.sentence_at(colon)
        return ss, colon

    def intro(self, q: W) -> bool:
        if q.parent is not None and not (q.kind == "block"):
            return False
        iv = self.intro_span(q)
        if iv is None:
            return False
        lo, hi = iv
        if self.interview(q, lo, hi):
            return True
        intro = self.text[lo:hi]
        m = CONVERSATION.search(intro)
        if m:
            xs = self.ctx.mentions_in(lo + m.start("x"), lo + m.end("x"))
            ys = self.ctx.mentions_in(lo + m.start("y"), lo + m.end("y"))
            if xs:
                self._set(q, xs[-1].entity, "intro-conversation")
                if ys:
                    self._addr(q, ys[0].entity, "intro-conversation")
                return True
        m = re.search(r"\b(?P<v>" + _TAG_VERBS + r")\b[^.]*$", intro)
        if m:
            ent, how = self.ref_before(lo, lo + m.start("v"), q)
            if ent:
                return self._set(q, ent, "intro-cue")
        return False

    def block_owner(self, q: W) -> bool:
        """A block quotation: the owner of the memoirs (diary, letters …) named before it."""
        lo = max(0, q.span.start - 2500)
        best = None
        for m in self.ctx.mentions_in(lo, q.span.start):
            if self.ctx.kind(m.entity) != "person":
                continue
            pre = self.text[max(0, m.span.start - 30):m.span.start]
            post = self.text[m.span.end:m.span.end + 20]
            if re.search(r"(?:memoirs?|recollections?|reminiscences|diar(?:y|ies)|autobiography|"
                         r"letters?|notebooks?|testimony)\s+(?:of|by)\s+$", pre) or _WORK_AFTER.match(post):
                best = m
        if best is not None:
            return self._set(q, best.entity, "block-work-owner")
        return False

    def narration(self, q: W) -> bool:
        """Right after a quote of known speaker, or a sentence about a person, in the paragraph."""
        lo, hi = self.lead(q)
        ps, _ = self.para_bounds(q.span.start)
        prev = [o for o in self.near(ps - 3000, q.span.start + 1) if o is not q and o.speaker and
                o.span.end <= q.span.start and o.span.end >= ps and o.parent == q.parent]
        if prev:
            p = max(prev, key=lambda o: o.span.end)
            gap = self.text[self.close_end(p):self.open_start(q)]
            if len(gap.strip(" .,;:–—-\n" + MARKS)) == 0 and not p.marked:
                return self._set(q, p.speaker, "continues")
        if q.parent is not None and q.marked:
            # in a dialogue, narration just before a turn names its speaker
            pass
        lead, line = self.text[lo:hi], ""
        if not lead.strip(" \t\n" + MARKS) and q.parent is None and q.marked and (
                self._line_mode or self._second_pass):
            # (with real paragraphs only where turn-taking left the quote unattributed)
            # a quote opening its paragraph (line): the narration sentence before leads in
            lo, hi = self.line_before(q)
            lead, line = self.text[lo:hi], "-line" if self._line_mode else "-before"
        if not lead.strip() or len(lead) > 300:
            return False
        if q.parent is None and self.ctx.segment_kind(q.span.start) in ("body",) and \
                not re.search(r"[.!?]\s*$", lead.rstrip()):
            return False
        ent, how = self.ref_before(lo, min(hi, lo + 60), q) if lead.strip() else (None, "")
        ms = self.ctx.mentions_in(lo, hi)
        first_person = [m for m in ms if self.ctx.kind(m.entity) == "person"]
        # the narration before a paragraph never names the speaker of a turn next to it
        taken = self.adjacent_speakers(q) if line else set()
        if first_person and first_person[0].span.start - lo <= 30:
            ent = first_person[0].entity
            return ent not in taken and self._set(q, ent, "narration" + line)
        pm = re.match(r"\s*(?:\w+\s+){0,2}?(I|We|He|She|They)\b", lead)
        if pm:
            ent, how = self.ctx.resolve(lo + pm.start(1), lo + pm.end(1), None, q)
            return ent not in taken and self._set(q, ent, f"narration-{how}{line}")
        return False

    def paragraph(self, q: W) -> bool:
        """Another top-level quote in the same paragraph with a known speaker."""
        if q.parent is not None or not q.marked:
            return False
        ps, pe = self.para_bounds(q.span.start)
        near = [o for o in self.near(ps, pe) if o is not q and o.parent is None and o.marked
                and o.speaker and ps <= o.span.start < pe and o.rule.startswith("cue")]
        if len({o.speaker for o in near}) == 1:
            rule = "interrupted" if any(abs(o.span.end - q.span.start) < 60 or
                                        abs(q.span.end - o.span.start) < 60 for o in near) \
                else "paragraph"
            return self._set(q, near[0].speaker, rule)
        return False

    def same_source(self, q: W) -> None:
        if q.note is None:
            return
        root = {n.n: (n.same_as or n.n) for n in self.notes}
        mine = root.get(q.note, q.note)
        for o in self.testimony():
            if o is q or o.span.start >= q.span.start or not o.speaker or o.note is None:
                continue
            if root.get(o.note, o.note) == mine and o.parent is None:
                self._set(q, o.speaker, "same-source")
                if o.addressee and q.addressee is None:
                    self._addr(q, o.addressee, "same-source")
                return

    def intro_nearest(self, q: W) -> None:
        iv = self.intro_span(q)
        if iv is None or q.parent is not None:
            return
        lo, hi = iv
        ms = [m for m in self.ctx.mentions_in(lo, hi) if self.ctx.kind(m.entity) == "person"]
        if ms:
            self._set(q, ms[-1].entity, "intro-nearest")


@stage("attribution", requires=("segments", "notes", "sources", "quote_spans", "reported",
                                "mentions", "people"), provides=("quotes",), version=1)
def attribute(view: LayerView, settings: Settings) -> StageOutput:
    """Merge quotes and reported speech; attribute speakers, addressees, parents, notes."""
    quotes = merge(view["quote_spans"], view["reported"])
    ctx = Context.build(view.text, tuple(view["segments"]), tuple(view["people"]),
                        tuple(view["mentions"]))
    sieve = Sieve(ctx, quotes, tuple(view["notes"]))
    sieve.run()
    return StageOutput({"quotes": [q.final() for q in quotes]})
