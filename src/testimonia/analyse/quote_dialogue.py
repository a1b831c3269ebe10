"""Dialogue rules of the attribution sieve (issue 4): turn-taking within and between quotes.

Within one quote (a witness retelling an exchange) the quotes it holds are
turns of one dialogue: two questions in a row are one asker's; an answer, or a
question after an answer, is the other party's; the opening question put to
someone the introduction says was cross-examined belongs to the unnamed
questioners (the nearest collective). Turns between the paragraphs of a story
are :mod:`quote_turns`' business.

Addressees too: a vocative, the one replied to, the partner of an exchange,
the other party of a dialogue.

Mixed into :class:`attribution.Sieve`; it uses the sieve's ``quotes``,
``testimony()``, ``_set``/``_addr``, ``lead``, ``intro_span`` and ``para_bounds``.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .quote_marks import MARKS

if TYPE_CHECKING:
    from .attribution import W

_REPLY = {"replied", "replies", "answered", "answers", "retorted", "responded", "rejoined",
          "returned", "reply", "answer", "respond"}
_QUESTIONED = re.compile(r"\b(?:cross-examined|questioned|interrogated|examined|asked|grilled|"
                         r"confronted)\b")
_INTERROG = {"who", "whom", "whose", "what", "why", "how", "where", "when", "which", "did", "do",
             "does", "is", "are", "was", "were", "can", "could", "will", "would", "shall",
             "should", "have", "has", "had", "may", "might", "must", "isn’t", "isn't", "aren't",
             "don't", "don’t", "didn't", "didn’t", "won't", "won’t", "wasn't", "wasn’t"}
_FILLER = {"and", "but", "well", "oh", "so", "then", "now", "yes", "no", "ah", "o"}




# "X was interviewed (in 1950) by (the folklorist) Y", "Y interviewed X", "X told (the
# journalist) Y, who recorded …": what follows is X's account, told to Y
_INTERVIEWED = re.compile(r"(?P<x>[^.;:]{2,80}?)\s+(?:was|were|had been)\s+(?:\w+\s+){0,3}?"
                          r"(?:interviewed|questioned|recorded)\b[^.;:]{0,60}?\bby\s+"
                          r"(?P<y>[^.;:,]{2,60})")
_INTERVIEWER = re.compile(r"(?P<y>[^.;:]{2,80}?)\s+interviewed\s+(?P<x>[^.;:,]{2,60})")
_TOLD_RECORDER = re.compile(r"(?P<x>\b\w[^.;:]{0,40}?)\s+(?:told|gave)\s+(?P<y>[^.;:,]{2,60}),\s*who\s+"
                            r"(?:\w+\s+){0,2}?(?:recorded|wrote|took|noted|transcribed|set)\b")


class DialogueRules:
    """Turn-taking rules; a mixin of the attribution sieve."""

    def interview(self, q: W, lo: int, hi: int) -> bool:
        """The account an interview introduces is the interviewee's, told to the
        interviewer ("X was interviewed by Y … he recalls:"), not the interviewer's.

        Looks at the introducing sentence and the two before it in its paragraph.
        """
        ps, _ = self.para_bounds(lo)
        si = self.ctx.sentence_index(lo)
        start = max(ps, self.ctx.sents[max(0, si - 2)][0]) if self.ctx.sents else ps
        text = self.text[start:hi]
        for rx in (_INTERVIEWED, _INTERVIEWER, _TOLD_RECORDER):
            for m in rx.finditer(text):
                xs = [x for x in self.ctx.mentions_in(start + m.start("x"), start + m.end("x"))
                      if self.ctx.kind(x.entity) == "person"]
                ys = [y for y in self.ctx.mentions_in(start + m.start("y"), start + m.end("y"))
                      if self.ctx.kind(y.entity) == "person"]
                x = xs[0].entity if xs else None  # the head, not a name in its apposition
                if x is None:
                    pm = re.search(r"\b(?:he|she|He|She)\s*$", m.group("x"))
                    if pm:
                        p = start + m.start("x") + pm.start()
                        x, _ = self.ctx.resolve(p, p + len(pm.group(0).strip()), None, q)
                if x and ys and ys[0].entity != x:
                    self._set(q, x, "intro-interview")
                    self._addr(q, ys[0].entity, "intro-interview")
                    return True
        return False

    def dialogues(self) -> None:
        groups: dict[str | None, list[W]] = {}
        for q in self.testimony():
            if q.kind == "conclusion":
                continue
            groups.setdefault(q.parent, []).append(q)
        for parent, turns in groups.items():
            if parent is None:
                self.top_level_turns(turns)
                continue
            turns = [t for t in turns if t.mode == "direct" or t.speaker]
            if len(turns) < 2 and not any(t.speaker is None for t in turns):
                continue
            self.turns(self.by_id[parent], turns)

    def is_question(self, q: W) -> bool:
        body = self.text[q.span.start:q.span.end].strip().rstrip(MARKS + " ")
        if not body.endswith(("?", "?!", "!?")):
            return False
        words = [w.lower() for w in re.findall(r"[\w’']+", body)]
        while words and words[0] in _FILLER:
            words = words[1:]
        return bool(words) and words[0] in _INTERROG

    def turns(self, parent: W, turns: list[W]) -> None:
        parties: list[str] = [p for p in (parent.speaker, parent.addressee) if p]
        first = turns[0]
        if first.speaker is None and first.mode == "direct" and self.is_question(first):
            self.questioners(parent, first)
        for prev, cur in zip(turns, turns[1:], strict=False):
            for p in (prev.speaker, prev.addressee):
                if p and p not in parties[-2:]:
                    parties.append(p)
            if cur.speaker is not None or prev.speaker is None:
                continue
            gap = self.text[prev.span.end:cur.span.start]
            same = self.is_question(prev) and self.is_question(cur) and not re.search(r"[–—]", gap)
            if same:
                self._set(cur, prev.speaker, "dialogue-same")
                if prev.addressee:
                    self._addr(cur, prev.addressee, "dialogue-same")
                continue
            other = self.other_party(prev, turns, parties)
            if other:
                self._set(cur, other, "dialogue-turn")
                self._addr(cur, prev.speaker, "dialogue-turn")

    def other_party(self, prev: W, turns: list[W], parties: list[str]) -> str | None:
        if prev.addressee and prev.addressee != prev.speaker:
            return prev.addressee
        idx = turns.index(prev)
        for t in reversed(turns[:idx]):
            if t.speaker and t.speaker != prev.speaker:
                return t.speaker
        for p in reversed(parties):
            if p != prev.speaker:
                return p
        return None

    def questioners(self, parent: W, first: W) -> None:
        """The opening question put to someone the intro says was cross-examined."""
        iv = self.intro_span(parent)
        lo, hi = iv if iv else self.lead(parent)
        intro = self.text[lo:hi]
        qm = _QUESTIONED.search(intro)
        if not qm:
            return
        ms = [m for m in self.ctx.mentions_in(lo, lo + qm.start())
              if self.ctx.kind(m.entity) == "person"]
        # the person named as the one questioned: nearest before "who was cross-examined"
        rel = re.search(r"(?P<who>[^,;]*?),?\s+(?:another\s+[^,;]*?\s+)?who\s+was\s+(?:also\s+)?$",
                        intro[:qm.start()])
        target = None
        if rel:
            cands = self.ctx.mentions_in(lo + rel.start("who"), lo + rel.end("who"))
            target = cands[-1].entity if cands else None
        if target is None and ms:
            target = ms[-1].entity
        asker = self.ctx.collective_before(parent.span.start, {target} if target else set())
        if asker and target:
            self._set(first, asker, "questioners")
            self._addr(first, target, "questioners")

    def _dialogue_para(self, q: W) -> bool:
        ps, pe = self.para_bounds(q.span.start)
        inside = sum(len(o.span) for o in self.near(ps, pe, testimony=False) if o.marked
                     and o.parent is None)
        return inside >= 0.5 * len(self.text[ps:pe].strip())

    # -- addressees ----------------------------------------------------------------------
    def addressee(self, q: W) -> None:
        if q.kind == "conclusion":
            return
        if q.marked and self.vocative(q):
            return
        cue = (q.cue or "").lower()
        if cue in _REPLY:
            earlier = sorted((o for o in self.near(q.span.start - 4000, q.span.start + 1)
                              if o is not q and o.speaker and
                              o.span.end <= q.span.start + 1 and q.span.start - o.span.end < 1500
                              and (q.parent is not None or self.in_exchange(o, q))),
                             key=lambda o: o.span.end)
            for o in reversed(earlier):
                if o.speaker != q.speaker:
                    self._addr(q, o.speaker, "replied-to")
                    return
        siblings = [o for o in self.near(q.span.start - 20000, q.span.start + 1)
                    if o is not q and o.parent == q.parent
                    and o.span.end <= q.span.start + 1 and o.speaker]
        if q.parent is not None:
            for o in reversed(siblings):
                if o.speaker != q.speaker:
                    self._addr(q, o.speaker, "turn-partner")
                    return
            par = self.by_id[q.parent]
            if par.speaker == q.speaker and par.addressee:
                self._addr(q, par.addressee, "parent-addressee")
            return
        earlier = [o for o in self.near(q.span.start - 4000, q.span.start + 1)
                   if o is not q and o.speaker and
                   o.span.end <= q.span.start + 1 and q.span.start - o.span.end < 1500]
        earlier.sort(key=lambda o: o.span.end)
        if cue in _REPLY or any(cue.startswith(r) for r in _REPLY):
            # a top-level quote answers only the turn just before it (issue 4: a report
            # that "X replied that …" names no one replied to)
            for o in reversed(earlier):
                if o.speaker != q.speaker and self.in_exchange(o, q):
                    self._addr(q, o.speaker, "replied-to")
                    return
        for o in reversed(earlier):
            if o.addressee == q.speaker and o.speaker != q.speaker:
                self._addr(q, o.speaker, "exchange")
                return

    def vocative(self, q: W) -> bool:
        """A name set off by commas at the start or end of the quote's first sentence."""
        body_s, body_e = q.span.start, min(q.span.end, q.span.start + 200)
        for m in self.ctx.mentions_in(body_s, body_e):
            if self.ctx.kind(m.entity) != "person" or m.entity == q.speaker:
                continue
            pre = self.text[max(q.span.start, m.span.start - 20):m.span.start]
            post = self.text[m.span.end:m.span.end + 2]
            if (m.span.start == q.span.start or re.search(r"(?:,|^|\b(?:remember|dear|oh|O))\s*$", pre)) \
                    and re.match(r"[,!?]", post):
                return self._addr(q, m.entity, "vocative")
        return False
