"""Reported-speech rules of the attribution sieve (issue 4): who said what a cue reports.

For reported speech ("it has been mentioned by X", "asserted … in the Soviet
literature", "X told me that …") the sieve reads the parse of the cue's
sentence: the subject, ``by``-agent or ``in``-source of the cue verb is the
speaker, its object the addressee; "X’s conversation with Y, in which Y
indicates …" names the partner.

Mixed into :class:`attribution.Sieve`; it uses the sieve's ``text``, ``ctx``,
``ref_at``, ``_set``/``_addr``.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from .cues import has_cue, parse
from .quote_context import PRONOUNS

if TYPE_CHECKING:
    from .attribution import W

# "conversations of X with Y": X is the speaker, Y the partner (also read by the intro rule)
CONVERSATION = re.compile(r"\bconversations?\s+(?:of|between)\s+(?P<x>.{2,60}?)\s+(?:with|and)\s+"
                           r"(?P<y>.{2,80}?)(?=\s+(?:which|who|that|in|on|at|where)\b|[,.;:]|$)")
_CONV_OWNER = re.compile(r"(?P<x>\S.{0,40}?)(?:’s|'s|\bhis|\bher|\btheir)\s+(?:\w+\s+){0,2}?"
                         r"(?:conversations?|talks?|meetings?|interviews?|exchanges?|correspondence)"
                         r"\s+with\s+(?P<y>.{2,80}?)(?=\s+(?:which|who|that|held|in|on|at)\b|[,.;:]|$)")
# words every match of the two patterns above holds: a cheap test before running them
# (the lazy ``.{0,40}?`` of _CONV_OWNER tries each offset of the window; issue 4, speed)
_CONV_WORDS = re.compile(r"conversation|(?:talks?|meetings?|interviews?|exchanges?|correspondence)"
                         r"\s+with\s")


class ReportedRules:
    """Reported speech; a mixin of the attribution sieve."""

    def reported(self, q: W) -> None:
        """Reported speech: read the parse of the cue's sentence."""
        if q.cue_span is None:
            return
        cs = q.cue_span
        if q.cue == "according to":
            ent, how, _ = self.ref_at(cs.end + 1, q)
            self._set(q, ent, "according-to")
            return
        if q.mode == "direct":  # "… – said Kulikov"
            ent, how, _ = self.ref_at(cs.end, q)
            self._set(q, ent, "cue-after")
            return
        ss, se = self.ctx.sentence_at(cs.start)
        sent = self.text[ss:se]
        tok = None
        if has_cue(sent) or q.cue:
            doc = parse([sent])[0]
            for t in doc:
                if ss + t.idx > cs.end - 1:
                    break  # past the cue's last character: no later token can hold it
                if cs.end - 1 < ss + t.idx + len(t.text) and t.pos_ in ("VERB", "AUX"):
                    tok = t
            if tok is None:
                tok = next((t for t in doc if ss + t.idx >= cs.start and t.pos_ == "VERB"), None)
        if tok is None:
            return
        subj = [c for c in tok.children if c.dep_ in ("nsubj",)]
        src = [c for c in tok.children if c.dep_ == "agent"]
        src = [g for a in src for g in a.children if g.dep_ == "pobj"]
        if not src:
            src = [g for c in tok.children if c.dep_ == "prep" and c.lower_ in ("in", "by", "from")
                   for g in c.children if g.dep_ == "pobj"]
        if not subj and tok.dep_ in ("conj", "xcomp", "advcl") and tok.head.pos_ in ("VERB", "AUX"):
            subj = [c for c in tok.head.children if c.dep_ == "nsubj"]
        passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in tok.children)
        who = src if passive else subj
        if who:
            ent, how = self._resolve_tok(who[0], ss, q)
            if ent:
                self._set(q, ent, "reported-" + ("agent" if passive else "subject")
                          + ("" if how == "name" else f"-{how}"))
        # addressee: the cue's object ("told me", "asks Bukharin", "hide from him")
        objs = [c for c in tok.children if c.dep_ in ("dobj", "dative", "iobj")
                and c.lower_ not in ("this", "that", "it", "so")]
        objs += [g for c in tok.children if c.dep_ in ("prep", "dative") and c.lower_ in ("to", "from")
                 for g in c.children if g.dep_ == "pobj"]
        for o in objs:
            if passive and o in who:
                continue
            ent, how = self._resolve_tok(o, ss, q, exclude={q.speaker} if q.speaker else None)
            if ent and self.ctx.kind(ent):
                self._addr(q, ent, "cue-object")
                break
        if q.addressee is None:
            self.conversation_partner(q, ss, se)

    def _resolve_tok(self, t: Any, ss: int, q: W, exclude: set[str] | None = None
                     ) -> tuple[str | None, str]:
        toks = list(t.subtree)
        s, e = ss + toks[0].idx, ss + toks[-1].idx + len(toks[-1].text)
        ms = self.ctx.mentions_in(s, e)
        if ms:
            # the head's own mention first ("the reviewer of the memoirs of X": the reviewer)
            head = [m for m in ms if m.span.start <= ss + t.idx < m.span.end]
            m = head[0] if head else ms[0]
            if not exclude or m.entity not in exclude:
                return m.entity, "name"
        if t.lower_ in PRONOUNS:
            return self.ctx.resolve(ss + t.idx, ss + t.idx + len(t.text), exclude, q)
        return None, ""

    def conversation_partner(self, q: W, lo: int, hi: int) -> None:
        """"X’s conversation with Y, in which Y indicates …": the addressee is X."""
        if not q.speaker:
            return  # both readings need the speaker as one side of the conversation
        text = self.text[max(0, lo - 300):hi]
        if not _CONV_WORDS.search(text):
            return
        base = max(0, lo - 300)
        for rx in (CONVERSATION, _CONV_OWNER):
            for m in rx.finditer(text):
                xs = self.ctx.mentions_in(base + m.start("x"), base + m.end("x"))
                ys = self.ctx.mentions_in(base + m.start("y"), base + m.end("y"))
                x = xs[-1].entity if xs else None
                if x is None and re.search(r"\b(?:his|her|their)\s*$|\b(?:his|her|their)\s+\w*\s*$",
                                           text[:m.start("y")]):
                    x = q.speaker
                y = ys[0].entity if ys else None
                if q.speaker and x == q.speaker and y:
                    self._addr(q, y, "conversation")
                    return
                if q.speaker and y == q.speaker and x:
                    self._addr(q, x, "conversation")
                    return

