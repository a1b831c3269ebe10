"""Reported speech (issue 4): indirect speech, dash-closed speech, 'according to'.

Finds what someone is reported to have said without quotation marks:

- indirect speech, a cue verb with its content clause ("Bukharin also told me
  that …", "in which X indicates that …", "Sergo asks Bukharin whether …");
- passive attributions ("… has been asserted persistently in the Soviet
  literature", "it has been mentioned by X"): the subject is the content;
- a cue with a noun-phrase content ("He brought me up to date with the
  contacts …", "informed us of …") or a colon ("I expressed my reservation: …");
- an intention or refusal with its infinitive ("the council wants to close …",
  "refused to pay …");
- "according to X, …";
- direct speech without marks closed by a dash and a speech verb ("How do you
  deny this … – said Kulikov"), mode ``direct``;
- the author's own inference ("It is evident that … concur that he raised …"),
  kind ``conclusion``.

requires: ``segments``, ``notes``, ``quote_spans`` · provides: ``reported``

Speed: a word-set prefilter (:func:`cues.holds_form`) keeps only sentences with a
cue word form, and of those only the ones that are more than a quotation and
its tag, are parsed (:func:`cues.parse`: no NER, no lemmatizer, the compiled
attribute ruler of :mod:`nlp`; cached, so attribution re-reads the same parses
for free); lemmas are read lazily, for nouns and verbs only. Quotation spans
are looked up by bisection (:class:`_Spans`), so the stage stays linear in the
length of a long text.

Known limits: content clauses are cut by the parse, so a misparse cuts them
short or long; a content ends before ", saying …", ", citing …" (the speaker's
next act) but keeps a trailing ", which …" (on PolNeAR dev, cutting it loses
more than it gains); a content clause that is exactly a marked quotation is left
to the quote (no duplicate), while one with words besides it ("that “…”", "he
“…”") is reported speech with the quotation nested in it; attributions PolNeAR counts but we do not look for
("seems", "is expected", "support", "called X Y") are missed.

Example::

    >>> from testimonia.testing import make_analysis, run_stage
    >>> t = "Bukharin also told me that they had decided to act."
    >>> out = run_stage(find_speech, make_analysis(t, segments=(), notes=(), quote_spans=()))
    >>> [q.span.of(t) for q in out.layers["reported"]]
    ['that they had decided to act']
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterator, Sequence
from itertools import islice
from typing import Any

from ..model import Quote, Segment, Span
from ..settings import Settings
from .cues import CUE_LEMMAS, SPEECH_LEMMAS, cue_forms, holds_form, inflections, sentences
from .cues import lemma as cue_lemma
from .cues import parse as cue_parse
from .pipeline import LayerView, StageOutput, stage
from .quote_marks import MARKS

_SKIP_SEGMENTS = {"notes", "credit", "boilerplate", "title", "byline", "signature"}
_DASH_SAID = re.compile(
    r"\s[–—-]{1,2}\s*(?P<cue>said|says|asked|asks|answered|replied|shouted|cried|added|exclaimed|"
    r"continued|inquired|retorted|objected|interrupted|went on)\s+(?=[A-Z]|he\b|she\b|they\b)")
_EXPRESSED = re.compile(
    r"\b(?P<cue>(?:express|voic|stat|rais|g[ai]v|set out|put forward|made)\w*\s+"
    r"(?:(?:my|his|her|their|our|its|the|a|an|this|that)\s+)?(?:\w+\s+)?"
    r"(?:reservations?|views?|opinions?|objections?|concerns?|doubts?|position|arguments?|"
    r"thesis|fears?|conviction|belief|point|conclusions?|answer|reply|response|verdict))\s*:\s*")
_PAREN_CUES = sorted({f for w in """say add argue note write explain insist stress continue warn
recall contend suggest declare acknowledge predict tell claim assert maintain concede admit observe
believe think reckon estimate testify complain caution""".split()
                      for f in inflections(w) if f == w + "s" or f.endswith("ed")}
                     | {"said", "says", "told", "tells", "wrote", "writes", "thinks", "thought"},
                     key=len, reverse=True)
#: ", he said, …", ", the agency told reporters on Friday, …": a tag inside the sentence
_PAREN_TAG = re.compile(
    r",\s+(?:(?:the\s+)?(?:[A-Z][\w.'’-]*\s+){1,4}|(?:the|a|an|his|her|their|its)\s+"
    r"(?:[\w'’-]+\s+){1,3}|he\s+|she\s+|they\s+|I\s+|we\s+|it\s+)"
    r"(?:also\s+)?(?P<cue>" + "|".join(_PAREN_CUES) + r")"
    r"(?:\s+(?:me|us|him|her|them|reporters|[A-Z][\w.'’-]*))?"
    r"(?:\s+(?:on|in|at|last|this|earlier|later)(?:\s+[\w'’-]+){1,2})?,\s+"
    r"(?=[a-z‘“\"'])")
_ACCORDING = re.compile(r"\b[Aa]ccording to\s+")
#: "It is (now quite) evident that …", "There can be no doubt that …": the author's inference
_EVIDENT = re.compile(
    r"(?:^\W*|,\s+(?:and|but|so)\s+|;\s+)(?:(?:And|But|So|Thus|Hence|Therefore|thus|hence|"
    r"therefore),?\s+)?(?:"
    r"(?:It|it)\s+(?:is|was|seems|appears|becomes|became)\s+(?:\w+\s+){0,2}"
    r"(?:evident|clear|obvious|apparent|plain|certain|manifest|undeniable)\s+that\b|"
    r"[Tt]here\s+(?:is|was|can\s+be|could\s+be)\s+(?:little|no)\s+doubt\s+that\b)")
#: "Clearly, both sources agree that …": the adverb makes the main verb the author's inference
_EVIDENTLY = re.compile(r"^\W*(?:Clearly|Evidently|Plainly|Obviously|Manifestly|Undeniably),\s")
_CONCLUDE_LEMMAS = {"concur", "agree", "confirm", "show", "indicate", "prove", "demonstrate",
                    "suggest", "establish"}
_NP_CUE = {"inform": {"of", "about"}, "apprise": {"of"}, "warn": {"of", "about", "against"},
           "remind": {"of", "about"}, "tell": {"about", "of"}, "bring": {"with", "on"},
           "brief": {"on", "about"}, "notify": {"of", "about"}, "speak": {"of", "about"},
           "call": {"for"},
           "talk": {"about", "of"}}
_OBJ_CUE = frozenset("""discuss cite describe publish outline reject deny announce propose criticize
criticise praise condemn blame endorse oppose dismiss unveil predict acknowledge admit confirm
question dispute defend slam attack accuse tout highlight stress emphasize emphasise reference
mention release issue reiterate call label show find provide reveal repeat echo recount detail explain""".split())
_TO_CUE = frozenset("""vow promise pledge threaten agree refuse offer decline urge ask tell order
advise warn plan hope want expect claim""".split())
_NOUN_CUES = frozenset("""claim statement assertion allegation accusation argument suggestion
warning promise insistence belief view charge assurance admission prediction report announcement
remark comment contention testimony pledge vow threat message conclusion complaint denial
confirmation acknowledgment acknowledgement suspicion fear hope assessment estimate""".split())
_NOT_CUES = frozenset("""be have do make take get give go come see seem appear mean matter
happen turn become remain understand know learn realize realise notice forget""".split())
_MENTAL = {"think", "believe", "feel", "hope", "fear", "expect", "suppose", "assume", "imagine",
           "guess", "reckon", "wonder"}
_PERSONAL = {"i", "me", "we", "us", "he", "him", "she", "her", "they", "them", "you", "who",
             "which", "that"}

#: Every lemma a test below reads (lemmas outside it need not be looked up).
_LEMMAS = frozenset(CUE_LEMMAS | SPEECH_LEMMAS | set(_NP_CUE) | _OBJ_CUE | _TO_CUE | _NOUN_CUES
                    | _NOT_CUES | _MENTAL | _CONCLUDE_LEMMAS)
#: A cue coordinated with another ends the other's content ("proposes X and plans to …").
_COORD_CUES = SPEECH_LEMMAS | _OBJ_CUE | _TO_CUE
_PREFILTER = cue_forms(CUE_LEMMAS | set(_NP_CUE) | _OBJ_CUE | _TO_CUE)

_CONNECTIVE = re.compile(r"(?:And|But|So|Yet|Or|Still|Also|However|Meanwhile|Moreover|Furthermore|"
                         r"Instead|In addition|In fact|Indeed)\b,?\s+")
#: ", saying …", ", citing …": the speaker's next act ends the content before it.
_NEXT_ACT = re.compile(r",\s+(?:" + "|".join(sorted(
    {f for w in SPEECH_LEMMAS | _OBJ_CUE | {"cite", "call", "point"} for f in inflections(w)
     if f.endswith("ing")})) + r")\b")

Parser = Callable[[Sequence[str]], list[Any]]


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    """Trim spaces, edge punctuation and a glued note marker from a content span."""
    while s < e and (text[s].isspace() or text[s] in ",;:–—-"):
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in ",;:.–—-"):
        e -= 1
    m = re.search(r"(?:(?<=[^\W\d_])\d{1,3}|(?<=\w)[.,;]\d{1,3})$", text[s:e])
    if m and m.start() > 0:
        e = s + m.start()  # a note marker glued to the clause
    while e > s and text[e - 1] in ",;:.":
        e -= 1
    m = re.search(r"[\s,;]+(?:and|or|but|nor)$", text[s:e])
    if m and m.start() > 0:
        e = s + m.start()  # cut before a coordinated cue: the conjunction stays out
    return s, e


def _in_any(span: tuple[int, int], spans: Sequence[Span]) -> Span | None:
    for sp in spans:
        if sp.start <= span[0] and span[1] <= sp.end:
            return sp
    return None


class _Spans:
    """Spans in their given order, and those that can reach past a position, found by
    bisection when the spans come sorted by start (a long text holds thousands of
    quotations; scanning them all for each sentence made the stage quadratic)."""

    def __init__(self, spans: Sequence[Span]) -> None:
        self.spans = list(spans)
        self.starts = [sp.start for sp in self.spans]
        self.ordered = all(a <= b for a, b in zip(self.starts, self.starts[1:], strict=False))
        self.longest = max((sp.end - sp.start for sp in self.spans), default=0)

    def __iter__(self) -> Iterator[Span]:
        return iter(self.spans)

    def starting_in(self, lo: int, hi: int) -> Span | None:
        """The first span (in the given order) that starts within ``lo``–``hi``."""
        if not self.ordered:
            return next((sp for sp in self.spans if lo <= sp.start <= hi), None)
        i = bisect_left(self.starts, lo)
        return self.spans[i] if i < len(self.spans) and self.starts[i] <= hi else None

    def after(self, pos: int) -> Iterator[Span]:
        """In order, every span that may end after ``pos`` (and, if unsorted, all)."""
        if not self.ordered:
            return iter(self.spans)
        return islice(self.spans, bisect_left(self.starts, pos - self.longest), None)


def _covered(span: tuple[int, int], marked: _Spans, text: str) -> bool:
    """Is the content just one marked quotation (no word besides it)?

    "says that “…”": PolNeAR's content takes the "that" (and "he “…”" the "he"),
    so a clause with words besides the quotation is content of its own."""
    total = len(re.findall(r"\w+", text[span[0]:span[1]]))
    if not total:
        return True
    for sp in marked.after(span[0] - 2):
        if marked.ordered and sp.start >= span[1] + 2:
            break
        if sp.end <= span[0] - 2 or sp.start >= span[1] + 2:
            continue
        inner = (max(sp.start, span[0]), min(sp.end, span[1]))
        inside = len(re.findall(r"\w+", text[inner[0]:inner[1]])) if inner[1] > inner[0] else 0
        extra = total - inside
        if inside and extra == 0 and sp.end - sp.start <= span[1] - span[0] + 4:
            return True
    return False


class _Finder:
    def __init__(self, text: str, marked: _Spans, speechy: _Spans) -> None:
        self.text = text
        self.marked = marked
        self.speechy = speechy
        self.found: list[tuple[int, int, str, str, str, int, int]] = []
        # (start, end, kind, mode, cue, cue_start, cue_end)
        self._by_cue: dict[int, list[tuple[int, int]]] = {}
        self._extents: set[tuple[int, int]] = set()
        self._opens = [m.start() for m in re.finditer(r"\[", text)]
        self._closes = [m.start() for m in re.finditer(r"\]", text)]

    def add(self, s: int, e: int, kind: str, mode: str, cue: str, cs: int, ce: int,
            force: bool = False) -> None:
        s, e = _trim(self.text, s, e)
        if mode == "indirect":
            m = _CONNECTIVE.match(self.text, s, e)
            if m and e - m.end() > 10:
                s = m.end()  # "But the goal is …": the connective is the reporter's
            m = _NEXT_ACT.search(self.text, s, e)
            if m and len(re.findall(r"\w+", self.text[s:m.start()])) >= 3:
                s, e = _trim(self.text, s, m.start())
        if e - s < 1 or not re.search(r"\w", self.text[s:e]):
            return
        if mode == "indirect" and _covered((s, e), self.speechy, self.text):
            return
        for sp in self.marked.after(s):  # a content never straddles a quotation mark
            if self.marked.ordered and sp.start >= e:
                break  # e grows only to the end of a span that starts before it
            if s < sp.start < e < sp.end and not re.search(r"\w", self.text[e:sp.end]):
                e = sp.end  # the clause ends where its final quotation ends
            if sp.start < s < sp.end < e or s < sp.start < e < sp.end:
                return
        if _last_before(self._opens, s) > _last_before(self._closes, s):
            return  # inside an editorial insertion
        if not force and any(fs < e and s < fe for fs, fe in self._by_cue.get(cs, ())):
            return  # one content per cue
        if (s, e) in self._extents:
            return
        self.found.append((s, e, kind, mode, cue, cs, ce))
        self._by_cue.setdefault(cs, []).append((s, e))
        self._extents.add((s, e))

    # -- regex finders --------------------------------------------------------------
    def dash_said(self, ps: int, pe: int) -> None:
        for m in _DASH_SAID.finditer(self.text, ps, pe):
            dash = m.start()
            start = ps
            for b in re.finditer(r"(?:[.?!…]+[’”\"'»)\]]*|[’”\"»])\s+(?=[A-Z‘“\"«])", self.text[ps:dash]):
                start = ps + b.end()
            if dash - start < 3:
                continue
            seg = (start, dash)
            if _covered(seg, self.speechy, self.text):
                continue
            self.add(start, dash, "speech", "direct", m.group("cue"), m.start("cue"), m.end("cue"))

    def expressed(self, ss: int, se: int, following: Sequence[tuple[int, int]] = ()) -> None:
        """"I expressed my reservation: …": the content runs on (two sentences at most)
        until a quotation opens or the paragraph ends."""
        for m in _EXPRESSED.finditer(self.text, ss, se):
            end = se
            for fs, fe in following[:2]:
                gap = self.text[end:fs]
                if "\n\n" in gap or "\n" in gap.strip(" ") or self.text[fs:fs + 1] in MARKS:
                    break
                end = fe
            self.add(m.end(), end, "speech", "indirect", m.group("cue").strip(),
                     m.start("cue"), m.end("cue"))

    def parenthetical(self, ss: int, se: int) -> None:
        """"And perhaps, he said, it could help …": the content follows the tag."""
        for m in _PAREN_TAG.finditer(self.text, ss, se):
            if se - m.end() > 10:
                self.add(m.end(), se, "speech", "indirect", m.group("cue"),
                         m.start("cue"), m.end("cue"))
                # "The museum, he said, would …": the subject before the tag is content too
                head = re.match(r"\W*(?:(?:And|But|So|Yet|Or|Still)\s+)?", self.text[ss:m.start()])
                hs = ss + (head.end() if head else 0)
                if m.start() - hs > 2 and not re.search(r"[.;:!?]", self.text[hs:m.start()]):
                    self.add(hs, m.start(), "speech", "indirect", m.group("cue"),
                             m.start("cue"), m.end("cue"), force=True)

    def according(self, ss: int, se: int) -> None:
        sent = self.text[ss:se]
        for m in _ACCORDING.finditer(sent):
            # the source runs to the next comma (or sentence end)
            tail = sent[m.end():]
            c = re.search(r",\s+", tail)
            if m.start() <= 2 or sent[:m.start()].strip() == "":
                if c:
                    self.add(ss + m.end() + c.end(), se, "speech", "indirect", "according to",
                             ss + m.start(), ss + m.start() + 12)
            else:
                before = sent[:m.start()].rstrip(" ,(–—-")
                self.add(ss, ss + len(before), "speech", "indirect", "according to",
                         ss + m.start(), ss + m.start() + 12)

    # -- parse-based finders ----------------------------------------------------------
    def from_parse(self, ss: int, doc: Any) -> None:
        sent_text = doc.text  # spaCy joins the tokens anew on each access: read it once
        # "…, and it is evident that both … concur that …": a verb after it is the author's
        ev = _EVIDENT.search(sent_text)
        evident_from = ev.end() if ev else len(sent_text) + 1
        at_start = ev is not None and ev.start() == 0
        evidently = _EVIDENTLY.match(sent_text) is not None
        for tok in doc:
            if tok.pos_ not in ("NOUN", "VERB", "AUX"):
                continue
            lemma = cue_lemma(tok, _LEMMAS)
            if tok.pos_ == "NOUN" and lemma in _NOUN_CUES:
                # "his claim that the election is rigged"
                for c in tok.children:
                    if c.dep_ in ("acl", "ccomp", "appos") and any(
                            k.dep_ == "mark" and k.lower_ == "that" for k in c.children):
                        s, e = self._subtree(c, cut_conj=True, doc=doc)
                        self.add(ss + s, ss + e, "speech", "indirect", tok.text,
                                 ss + tok.idx, ss + tok.idx + len(tok.text))
                continue
            if tok.pos_ not in ("VERB", "AUX"):
                continue
            if lemma not in CUE_LEMMAS and lemma not in _NP_CUE and lemma not in _OBJ_CUE and \
                    not (lemma in _TO_CUE and not any(c.dep_ == "ccomp" for c in tok.children)):
                # any verb whose person or body "…s that …" states what it holds; a
                # "wants to …", "refused to …" goes on to its infinitive below
                if lemma in _NOT_CUES or tok.pos_ != "VERB" or not any(
                        c.dep_ == "ccomp" and any(k.dep_ == "mark" and k.lower_ == "that"
                                                  for k in c.children) for c in tok.children) \
                        or not any(c.dep_ == "nsubj" and c.lower_ not in ("it", "this", "which",
                                                                           "what")
                                   for c in tok.children):
                    continue
            subj = [c for c in tok.children if c.dep_ == "nsubj"]
            if not subj and (tok.dep_ == "conj" or tok.dep_ == "advcl" and tok.tag_ == "VBG"):
                # "proposes …, and plans to …", "…, citing …": the coordinated cue or the
                # participle shares its head's subject
                subj = [c for c in tok.head.children if c.dep_ == "nsubj"]
            if lemma in _MENTAL and subj and subj[0].lower_ in ("i", "we"):
                continue  # one's own thought, not testimony about others
            kind = "speech"
            if tok.idx >= evident_from and lemma in _CONCLUDE_LEMMAS:
                kind = "conclusion"
            elif at_start and tok.dep_ == "ROOT":
                continue
            elif evidently and lemma in _CONCLUDE_LEMMAS and tok.dep_ == "ROOT":
                kind = "conclusion"
            cue_s, cue_e = self._cue_extent(tok)
            cue = (sent_text[cue_s:cue_e], ss + cue_s, ss + cue_e)
            comp = [c for c in tok.children if c.dep_ in ("ccomp",) and c.i != tok.i]
            passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in tok.children)
            source = [c for c in tok.children if c.dep_ == "agent" or
                      (c.dep_ == "prep" and c.lower_ in ("in", "by", "from"))]
            if passive and comp and not source:
                continue  # "it has been supposed that …": nobody in particular says so
            if self._after_dash(doc, tok):
                continue  # "… – said Kulikov": the dash finder has it
            if comp:
                for c in comp:
                    if lemma not in SPEECH_LEMMAS and lemma in CUE_LEMMAS and not any(
                            k.dep_ == "mark" and k.lower_ in ("that", "whether", "if")
                            for k in c.children):
                        continue
                    s, e = self._content(doc, tok, c)
                    self.add(ss + s, ss + e, kind, "indirect", *cue)
                continue
            if self._inverted_tag(doc, tok):
                continue  # "…, said Kulikov who was …": the content is before the tag
            if passive:
                subj = [c for c in tok.children if c.dep_ == "nsubjpass"]
                if subj and source and subj[0].lower_ not in _PERSONAL - {"it"} and \
                        lemma in SPEECH_LEMMAS:
                    s, e = self._subtree(subj[0])
                    self.add(ss + s, ss + e, kind, "indirect", *cue)
                continue
            if lemma in _TO_CUE:
                xc = [c for c in tok.children if c.dep_ == "xcomp" and
                      any(k.dep_ == "aux" and k.lower_ == "to" for k in c.children)]
                if xc and subj:
                    s, e = self._subtree(xc[0], cut_conj=True, doc=doc)
                    # "urged Republicans to join …": whom it asks belongs to the content
                    objs = [c for c in tok.children if c.dep_ == "dobj" and tok.i < c.i < xc[0].i]
                    if objs:
                        s = min(s, objs[0].left_edge.idx)
                    self.add(ss + s, ss + e, kind, "indirect", *cue)
                    continue
            preps = _NP_CUE.get(lemma)
            before = len(self.found)
            if preps:
                heads = [tok] + [c for c in tok.children if c.dep_ in ("prt", "prep", "dobj",
                                                                       "advmod", "npadvmod")]
                heads += [g for h in heads[1:] for g in h.children if g.dep_ == "pobj"]
                kids = [c for h in heads for c in h.children]
                for c in kids:
                    if c.dep_ == "prep" and c.lower_ in preps:
                        # "called for reducing the rate": a gerund is the preposition's pcomp
                        objs = [o for o in c.children if o.dep_ in ("pobj", "pcomp")]
                        if objs and objs[0].lower_ not in _PERSONAL:
                            s, e = self._subtree(objs[0])
                            if lemma == "bring" and "date" not in sent_text[cue_s:s + 1]:
                                continue
                            self.add(ss + s, ss + e, kind, "indirect",
                                     sent_text[cue_s:s].strip() or tok.text,
                                     ss + cue_s, ss + cue_e)
                if len(self.found) > before:
                    continue
            if lemma in _OBJ_CUE and subj and subj[0].lower_ not in ("it", "this", "that", "which"):
                objs = [c for c in tok.children if c.dep_ == "dobj" and c.lower_ not in _PERSONAL
                        and c.pos_ != "PRON"]
                if not objs:  # "proposed dropping the levy": a gerund object
                    objs = [c for c in tok.children if c.dep_ in ("xcomp", "ccomp")
                            and c.tag_ == "VBG" and c.i > tok.i]
                if objs:
                    s, _ = self._subtree(objs[0])
                    # the object and what follows it in the clause ("described crass
                    # behavior by Trump behind the scenes …")
                    _, e = self._subtree(tok, cut_conj=True, doc=doc)
                    e = max(e, self._subtree(objs[0])[1])
                    if e - s > 2:
                        self.add(ss + s, ss + e, kind, "indirect", *cue)

    def _content(self, doc: Any, tok: Any, comp: Any) -> tuple[int, int]:
        """The content clause of ``tok``; when it comes first ("…, X said"), from the
        sentence start up to the source."""
        s, e = self._subtree(comp, cut_conj=True, doc=doc)
        if comp.i < tok.i:
            first = next((t for t in doc if not t.is_space and not t.is_punct), None)
            subj = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")]
            stop = min([tok] + [t for c in subj for t in c.subtree], key=lambda t: t.i)
            if first is not None and first.i <= comp.left_edge.i and stop.i > comp.i:
                end_tok = doc[stop.i - 1] if stop.i > 0 else stop
                s, e = first.idx, end_tok.idx + len(end_tok.text)
        return s, e

    @staticmethod
    def _after_dash(doc: Any, tok: Any) -> bool:
        """Is ``tok`` a tag closing unmarked speech ("… – said Kulikov")? Not when its
        subject comes before it: "those near him and those inimical to him – X and Y
        respectively – concur that …" closes an aside, not a speech (issue 4)."""
        j = tok.i - 1
        while j >= 0 and doc[j].is_space:
            j -= 1
        return j >= 0 and doc[j].text in ("–", "—", "--") and not any(
            c.dep_ in ("nsubj", "nsubjpass") and c.i < tok.i for c in tok.children)

    @staticmethod
    def _inverted_tag(doc: Any, tok: Any) -> bool:
        j = tok.i - 1
        while j >= 0 and doc[j].is_space:
            j -= 1
        if j < 0 or doc[j].text not in ("–", "—", "-", "--", ",", "’", "”", '"', "'"):
            return False
        return any(c.dep_ in ("nsubj", "nsubjpass") and c.i > tok.i for c in tok.children)

    @staticmethod
    def _subtree(tok: Any, cut_conj: bool = False, doc: Any = None) -> tuple[int, int]:
        """Char extent of the subtree; with ``cut_conj``, stop before a coordinated cue
        verb ("said he would … and warned against …")."""
        toks = list(tok.subtree)
        end = toks[-1]
        if cut_conj:
            for c in tok.children:
                if c.dep_ == "conj" and c.i > tok.i and \
                        cue_lemma(c, _LEMMAS) in _COORD_CUES and not any(
                            k.dep_ == "mark" and k.lower_ == "that" for k in c.children):
                    # a coordinated cue of the same speaker ("… and warned …"), not a
                    # second clause of the content ("… and that one was found …")
                    left = c.left_edge.i
                    cc = [k for k in tok.children if k.dep_ == "cc" and k.i < c.i]
                    if cc:
                        left = min(left, cc[-1].i)
                    if left - 1 >= toks[0].i and doc is not None:
                        end = doc[left - 1]
                    break
        return toks[0].idx, end.idx + len(end.text)

    @staticmethod
    def _cue_extent(tok: Any) -> tuple[int, int]:
        aux = [c for c in tok.children if c.dep_ in ("aux", "auxpass", "neg") and c.i < tok.i]
        first = min([tok] + aux, key=lambda t: t.i)
        return first.idx, tok.idx + len(tok.text)


def _last_before(positions: list[int], pos: int) -> int:
    """The last of the sorted ``positions`` before ``pos`` (``str.rfind`` semantics), or -1."""
    i = bisect_left(positions, pos)
    return positions[i - 1] if i else -1


def _dialogue_tag(text: str, ss: int, se: int, speechy: _Spans) -> bool:
    """Is the sentence a quotation plus a short tag (at most six words outside quotes)?"""
    near = speechy.spans if not speechy.ordered else speechy.spans[
        bisect_left(speechy.starts, ss):bisect_left(speechy.starts, se)]
    inside = [(sp.start, min(se, sp.end)) for sp in near
              if ss <= sp.start < se and not (sp.start <= ss + 2 and sp.end >= se - 2)]
    # quotes inside the sentence, not one around all of it
    if not inside:
        return False
    for a, _ in inside:
        if re.search(r"\w\s*$", text[ss:a].rstrip(MARKS + " ")):
            return False  # 'says voter fraud “would be …”': the quote ends a content clause
    rest, pos = [], ss
    for a, b in sorted(inside):
        rest.append(text[pos:a])
        pos = max(pos, b)
    rest.append(text[pos:se])
    return len(re.findall(r"\w+", " ".join(rest))) <= 6


def find_reported(text: str, segments: Sequence[Segment], quote_spans: Sequence[Quote],
                  parse: Parser | None = None) -> list[Quote]:
    """Find reported speech in ``text``; return Quote records (ids r1…, no speakers)."""
    parse = parse or cue_parse
    marked = _Spans([q.span for q in quote_spans])
    speechy = _Spans([q.span for q in quote_spans if q.kind in ("speech", "block")])
    nontext = [s.span for s in segments if s.kind in _SKIP_SEGMENTS]
    titles = [q.span for q in quote_spans if q.kind in ("title", "scare")]
    f = _Finder(text, marked, speechy)
    cands: list[tuple[int, int]] = []
    sents = list(sentences(text))
    for k, (ss, se) in enumerate(sents):
        if _in_any((ss, se), nontext) or _in_any((ss, ss + 1), nontext):
            continue
        sent = text[ss:se]
        if not holds_form(sent, _PREFILTER):
            if "–" in sent or "—" in sent:
                f.dash_said(ss, se)
            continue
        f.dash_said(ss, se)
        f.expressed(ss, se, sents[k + 1:k + 3])
        if _dialogue_tag(text, ss, se, speechy):
            continue  # "“…,” said Emma.": the quote is the content; no parse needed
        f.according(ss, se)
        f.parenthetical(ss, se)
        cands.append((ss, se))
    docs = parse([text[s:e] for s, e in cands]) if cands else []
    for (ss, _), doc in zip(cands, docs, strict=True):
        f.from_parse(ss, doc)
    out: list[Quote] = []
    found = []
    for x in f.found:
        # "… by political rivals: “They want …”": the quotation after the colon is the content
        m = re.match(r"\s*:\s*", text[x[1]:x[1] + 6])
        if m:
            nxt = speechy.starting_in(x[1] + m.end(), x[1] + m.end() + 1)
            if nxt is not None:
                x = (x[0], nxt.end) + x[2:]
        found.append(x)
    found = sorted(found, key=lambda x: (x[0], -x[1]))
    for s, e, kind, mode, cue, cs, ce in found:
        if any(t.start <= s and e <= t.end for t in titles):
            continue
        out.append(Quote(id=f"r{len(out) + 1}", span=Span(s, e), kind=kind, mode=mode,
                         cue=cue, cue_span=Span(cs, ce) if ce > cs else None))
    return out


@stage("speech", requires=("segments", "notes", "quote_spans"), provides=("reported",), version=1)
def find_speech(view: LayerView, settings: Settings) -> StageOutput:
    """Find indirect, dash-closed and 'according to' speech, and author's conclusions."""
    return StageOutput({"reported": find_reported(view.text, view["segments"],
                                                  view["quote_spans"])})
