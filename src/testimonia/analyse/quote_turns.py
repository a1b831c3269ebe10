"""Turn-taking over the top-level dialogue of a story (issue 4).

A story's dialogue is read as a chain of *turns*: the quotes of one paragraph
(in one-sentence-a-line text, where paragraphs are lost: the quotes of one
line) are one turn, one speaker. Two turns are *adjacent* when nothing but
white space (and, with real paragraphs, the tag of the first turn) separates
them; adjacent turns are two different speakers, so along a run of adjacent
turns the speakers alternate between two parties ("alternation"). A turn
between known ones takes the speaker two turns back (or ahead); the other
party of a known turn is also whoever that turn calls by name (a vocative).
The run's own evidence is spread over all its turns first; only then does an
open turn take a speaker of the scene before it, one turn at a time.
A name in vocative position inside a quote is never its speaker.

The same chain steers "he said" tags: a pronoun that would resolve to the
speaker of the adjacent turn before is taken as the other party of the
exchange (``pronoun-turn``) where one of that gender is known, else left
unknown. A top-level reply is addressed to the turn right before it.

The first-person narrator ("I said", resolved to the author) takes the name the
other party calls them by in the adjacent turns (``…-narrator-named``), unless
that name is a character's a tag names in the third person.

Mixed into :class:`attribution.Sieve`; it uses the sieve's ``text``, ``ctx``,
``near``, ``close_end``/``open_start``, ``para_bounds``, ``is_question``,
``_set``/``_addr`` and ``_line_mode``; it also gives the sieve the recent
parties of a dialogue and, in one-sentence-a-line text, the narration line
before a quote.

Known limits: two parties per run of adjacent turns; a narration paragraph
between two turns ends the run (the speaker may or may not change there).

Example: in ``“Where to?” asked Anna.\\n\\n“Home.”\\n\\n“Why?”`` the second turn is
the other party's and the third is Anna's again.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from typing import TYPE_CHECKING

from .quote_marks import MARKS

if TYPE_CHECKING:
    from .attribution import W

_NAMED_RULE = re.compile(r"cue-after|cue-before|narration|intro-cue")  # a name, no guess
_SELF_NAMED = re.compile(r"\b(?:[Mm]y name (?:is|was)|I (?:am|was) (?:called|named)|I called "
                         r"myself|(?:they|people|everyone) call(?:ed)? me)\s+")
_THOUGHT = {"thought", "thinks", "think", "thinking", "wondered", "reflected", "mused"}
_OWN_TAG = re.compile(r"[\s,]*(?:(?:he|she|I)\s+(?:\w+ly\s+)?(?:said|asked|answered|replied|cried|"
                      r"returned|added|continued|exclaimed|whispered|muttered|went on)|"
                      r"(?:said|asked|answered|replied|cried|returned)\s+(?:he|she|I))\b")
_LINE_TAG = re.compile(
    r"[\s,.!?;:]*[’”\"'»]?\s*(?:--\s*)?(?:(?:said|says|asked|answered|replied|cried|continued|"
    r"went on|added|observed|remarked|began|exclaimed|muttered|whispered|returned|retorted)\s|"
    r"(?:[A-Z][\w.’']+(?:\s+[A-Z][\w’']+)*|he|she|I|the\s+[a-z-]+(?:\s+[a-z-]+)?)\s+"
    r"(?:\w+ly\s+)?(?:said|says|asked|answered|replied|cried|continued|went on|added|observed|"
    r"remarked|began|exclaimed|muttered|whispered|returned|retorted|[a-z]{3,}ed)\b)[^\n]*\n\s*$")
_VOC_PRE = re.compile(r"(?:,|^|\b(?:dear|my dear|oh|O|ah|well|yes|no))\s*$", re.IGNORECASE)


class TurnRules:
    """Turn chains of top-level dialogue; a mixin of the attribution sieve."""

    # -- the chain ----------------------------------------------------------------------
    def build_turns(self, quotes: list[W]) -> None:
        """Group the top-level direct speech into turns and link adjacent ones."""
        marked = [q for q in quotes if q.marked and q.parent is None and q.mode == "direct"
                  and q.kind == "speech"]
        units: list[list[W]] = []
        for q in marked:
            if units and self._same_turn(units[-1][-1], q):
                units[-1].append(q)
            else:
                units.append([q])
        self.turn_units = units
        self.turn_links = [self._link(a[-1], b[0]) for a, b in zip(units, units[1:], strict=False)]
        self.turn_of = {q.id: i for i, u in enumerate(units) for q in u}
        self._ustarts = [u[0].span.start for u in units]

    def _same_turn(self, a: W, b: W) -> bool:
        if self._line_mode:
            return "\n" not in self.text[a.span.end:b.span.start]
        return self.para_bounds(a.span.start) == self.para_bounds(b.span.start)

    def _link(self, a: W, b: W) -> str:
        """How turn ``b`` follows turn ``a``: 'adjacent' (another speaker), 'same' (a's
        paragraph ends inside its quote, or only a short tag ends a's line in
        one-sentence-a-line text) or 'apart'."""
        end, start = self.close_end(a), self.open_start(b)
        gap = self.text[end:start]
        if start - end > 600:
            return "apart"
        if not gap.strip(" \t\n" + MARKS):
            # a paragraph that ends inside the quote (no closing mark) goes on in the
            # next one, which reopens it: one speech over two paragraphs
            k = a.span.end
            while k < len(self.text) and self.text[k] in " \t-–—":
                k += 1
            unclosed = not self._line_mode and "\n\n" in gap and \
                self.text[k:k + 1] not in MARKS
            return "same" if unclosed else "adjacent"
        if self._line_mode:
            if gap.count("\n") == 2 and not gap[gap.rfind("\n"):].strip(" \t\n" + MARKS):
                # a's tag on a line of its own ("cried his wife impatiently ."), which
                # para_bounds reads with a's line: that line is a's, not narration between
                _, pe = self.para_bounds(a.span.end - 1 if a.span.end else 0)
                if pe >= end + gap.rfind("\n") and self.text.count("\n", end, pe) == 1:
                    gap = gap[:gap.find("\n")] + " " + gap[gap.find("\n") + 1:]
            if gap.count("\n") != 1 or gap[gap.rfind("\n"):].strip(" \t\n" + MARKS):
                return "apart"
            # only the rest of a's line between: a tag ("she said .") after a question
            # is answered by the next line; after a statement the speaker mostly goes on
            if len(re.findall(r"\w+", gap)) > 5:
                # a long tag ("… ,” the man said , hiding his hand … .") ends a's line; the
                # next line, untagged, goes on with a's speech unless a asked something
                if _LINE_TAG.match(gap) and not self.is_question(a) and not self._own_tag(b):
                    return "same"
                return "apart"
            # a line with a tag of its own ("“ Oh , ” he answered") is another turn
            return "adjacent" if self.is_question(a) or self._own_tag(b) else "same"
        # with real paragraphs: a's paragraph ends, b's begins, nothing between
        _, pe = self.para_bounds(a.span.end - 1 if a.span.end else 0)
        ps, _ = self.para_bounds(start)
        between = self.text[pe:ps]
        if not between.strip() and not self.text[ps:start].strip(" \t\n" + MARKS):
            return "adjacent"
        return "apart"

    def _own_tag(self, q: W) -> bool:
        """A pronoun tag right after the quote ("… ,” he answered", "… ,” said she")."""
        after = self.text[self.close_end(q):self.close_end(q) + 40]
        return bool(_OWN_TAG.match(after))

    def prev_turn(self, q: W) -> tuple[list[W] | None, str]:
        """The turn before the one holding ``q`` (when ``q`` opens its turn) and the link."""
        i = self.turn_of.get(q.id)
        if i is None or i == 0 or self.turn_units[i][0] is not q:
            return None, ""
        return self.turn_units[i - 1], self.turn_links[i - 1]

    # -- vocatives ----------------------------------------------------------------------
    def vocatives(self, q: W) -> list[str]:
        """Persons called by name in the quote ("Yes, Anna." / "Anna, come here!")."""
        out: list[str] = []
        for m in self.ctx.mentions_in(q.span.start, q.span.end):
            if self.ctx.kind(m.entity) != "person":
                continue
            pre = self.text[max(q.span.start, m.span.start - 20):m.span.start]
            post = self.text[m.span.end:m.span.end + 3]
            opening = m.span.start - q.span.start <= 1
            # "Anna, come here!" / "Yes, Anna." — but not an echoed "Anna?"
            if (opening and re.match(r"\s*[,!]", post)) or (
                    not opening and _VOC_PRE.search(pre)
                    and re.match(r"\s*[,!?.;" + re.escape(MARKS) + r"]", post or ".")):
                if m.entity not in out:
                    out.append(m.entity)
        return out

    def turn_addressee(self, unit: list[W]) -> str | None:
        """Whom a turn calls by name (its first vocative), else its known addressee."""
        if any((q.cue or "").lower() in _THOUGHT for q in unit):
            return None  # "Well done, Anna!" thought Ivan: Anna is not there to answer
        for q in unit:
            v = self.vocatives(q)
            if v:
                return v[0]
        for q in unit:
            if q.addressee:
                return q.addressee
        return None

    # -- alternation --------------------------------------------------------------------
    def top_level_turns(self, turns: list[W]) -> None:
        """Alternate speakers along runs of adjacent turns (``alternation``)."""
        if not getattr(self, "turn_units", None):
            return
        units, links = self.turn_units, self.turn_links
        # a run: turns joined by 'adjacent' links; a turn: units joined by 'same' links
        runs: list[list[list[W]]] = [[list(units[0])]]
        for i, link in enumerate(links):
            nxt = units[i + 1]
            if link == "same" and self._compatible(runs[-1][-1], nxt):
                runs[-1][-1].extend(nxt)
            elif link == "adjacent":
                runs[-1].append(list(nxt))
            else:
                runs.append([list(nxt)])
        seen: list[str] = []  # speakers of earlier turns, latest last: the scene's parties
        for run in runs:
            who = [self._unit_speaker(t) for t in run]
            to = [self.turn_addressee(t) for t in run]
            banned = [set().union(*(self.vocatives(q) for q in t)) for t in run]
            scene = list(reversed(seen[-6:]))
            # the turns' own evidence (parity, names called) first, everywhere in the run,
            # then a weaker guess for the first turn still open, and again (issue 4)
            while True:
                changed = True
                while changed:
                    changed = False
                    for k in range(len(run)):
                        if who[k] is None:
                            who[k] = self._guess(k, who, to, banned[k], scene, weak=False)
                            changed = changed or who[k] is not None
                k = next((k for k in range(len(run)) if who[k] is None), None)
                if k is None:
                    break
                who[k] = self._guess(k, who, to, banned[k], scene, weak=True)
                if who[k] is None:
                    rest = [j for j in range(k + 1, len(run)) if who[j] is None]
                    for j in rest:
                        who[j] = self._guess(j, who, to, banned[j], scene, weak=True)
                    break
            for k, t in enumerate(run):
                for q in t:
                    if q.speaker is None and who[k]:
                        self._set(q, who[k], "alternation" if len(run) > 1 else "same-turn")
                    if q.speaker and q.addressee is None and k >= 1 and who[k - 1] and \
                            who[k - 1] != q.speaker:
                        self._addr(q, who[k - 1], "turn-partner")
            for w in who:
                if w:
                    if w in seen:
                        seen.remove(w)
                    seen.append(w)

    def _compatible(self, a: list[W], b: list[W]) -> bool:
        sa, sb = {q.speaker for q in a if q.speaker}, {q.speaker for q in b if q.speaker}
        return not (sa and sb and sa != sb)

    def _unit_speaker(self, unit: list[W]) -> str | None:
        known = {q.speaker for q in unit if q.speaker}
        return known.pop() if len(known) == 1 else None

    @staticmethod
    def _guess(k: int, who: list[str | None], to: list[str | None], banned: set[str],
               scene: list[str], weak: bool = True) -> str | None:
        """Who speaks turn ``k`` of a run of adjacent turns, if the others tell."""
        n = len(who)
        before = who[k - 1] if k >= 1 else None
        after = who[k + 1] if k + 1 < n else None
        cands: list[str | None] = []
        # nearest evidence first: the same party two turns back or ahead (two parties
        # take turns); whom the turn before called by name answers, and the turn after
        # calls this one's speaker; then the same party further off; then anyone
        cands += [who[k - 2] if k >= 2 else None, who[k + 2] if k + 2 < n else None]
        cands += [to[k - 1] if k >= 1 else None, to[k + 1] if k + 1 < n else None]
        cands.append(next((who[j] for j in range(k - 4, -1, -2) if who[j]), None))
        cands.append(next((who[j] for j in range(k + 4, n, 2) if who[j]), None))
        if (before or after) and weak:
            cands += [w for w in reversed(who[:k]) if w]
            cands += [w for w in who[k + 1:] if w]
            cands += scene
        for c in cands:
            if c and c not in banned and c != before and c != after:
                return c
        return None

    # -- "he said" in an exchange ---------------------------------------------------------
    def turn_pronoun(self, q: W, ent: str | None, gender: str, exclude: set[str] | None
                     ) -> str | None:
        """For a he/she tag of a turn right after another: not the previous speaker, and
        where nothing nearer resolves it, the other party of the exchange."""
        if not hasattr(self, "turn_of"):
            return ent
        unit, link = self.prev_turn(self._turn_head(q))
        if unit is None or link != "adjacent":
            return ent
        prev = self._unit_speaker(unit)
        i = self.turn_of[unit[0].id]
        while prev is None and i >= 1 and self.turn_links[i - 1] == "same":
            # the line before went on after its tagged line: most often the same speaker
            i -= 1
            prev = self._unit_speaker(self.turn_units[i])
        if prev is None or (ent is not None and ent != prev):
            return ent
        banned = {prev} | (exclude or set()) | set(self.vocatives(q))
        cands = [self.turn_addressee(unit)] + self._recent(q)
        # persons named in the narration leading into the exchange, latest first
        lo = max(0, min(self._ustarts[max(0, i - 6)] - 400, q.span.start - 3000))
        cands += [m.entity for m in reversed(self.ctx.mentions_in(lo, q.span.start))]
        for genders in (gender, ""):  # a known gender first, then an unknown one
            for c in cands:
                if c and c not in banned and self.ctx.kind(c) == "person" and \
                        self.ctx.gender.get(c, "") == genders:
                    return c
        return None  # not the one who just spoke; unknown rather than wrong

    def in_exchange_of(self, q: W, ent: str | None, how: str, g: str,
                       exclude: set[str] | None) -> tuple[str | None, str]:
        """A he/she tag of a top-level turn: the other party of the exchange where the
        resolver found no one or the one who just spoke (``pronoun-party``/``-turn``)."""
        if q.parent is not None or not q.marked:
            return ent, how
        alt = self.recent_party(q, g, exclude)
        if alt is not None and ent is None:
            ent, how = alt, "pronoun-party"
        turn = self.turn_pronoun(q, ent, g, exclude)
        if turn != ent:
            ent, how = turn, "pronoun-turn"
        return ent, how

    def _recent(self, q: W) -> list[str]:
        """Speakers of the top-level quotes just before ``q`` (latest first)."""
        out: list[str] = []
        for o in reversed(self.near(q.span.start - 5000, q.span.start, testimony=False)):
            if o.span.start >= q.span.start or o.parent is not None or not o.marked:
                continue
            if q.span.start - o.span.end > 2500 or len(out) >= 4:
                break
            if o.speaker and o.speaker not in out:
                out.append(o.speaker)
        return out

    def recent_party(self, q: W, gender: str, exclude: set[str] | None) -> str | None:
        """"he said" in a dialogue: the latest other party of that gender."""
        recent = self._recent(q)
        prev = recent[0] if recent else None
        for ent in recent:
            if exclude and ent in exclude:
                continue
            if self.ctx.kind(ent) == "person" and self.ctx.gender.get(ent) == gender \
                    and ent != prev:
                return ent
        return None

    def line_before(self, q: W) -> tuple[int, int]:
        """The narration sentence just before the paragraph (line) ``q`` opens, if any.

        One sentence a line: the line before. With real paragraphs: the last
        sentence of the paragraph before, when that paragraph holds no quote.
        """
        s = self.open_start(q)
        if self._line_mode:
            ls = self.text.rfind("\n", 0, s) + 1
            if self.text[ls:s].strip(" \t" + MARKS) or ls == 0:
                return 0, 0
            ps, pe = self.text.rfind("\n", 0, ls - 1) + 1, ls - 1
        else:
            ls, _ = self.para_bounds(s)
            if self.text[ls:s].strip(" \t\n" + MARKS) or ls == 0:
                return 0, 0
            ps, pe = self.para_bounds(max(0, ls - 1))
            if ps >= ls or self.text[pe:ls].count("\n") > 3:
                return 0, 0
            ps = max(ps, self.ctx.sentence_at(max(ps, pe - 1))[0])
        if any(o.span.start < pe and o.span.end > ps for o in self.near(ps - 3000, pe, False)):
            return 0, 0
        return ps, pe

    # -- the first-person narrator's name --------------------------------------------------
    def name_the_narrator(self) -> None:
        """"I replied" after "Yes, Watson?": the narrator is the one the other party calls.

        Each turn spoken by the narrator ("I", resolved to the author) votes for the
        vocatives of the adjacent turns; a name with twice any other's votes, and at
        least two where the author is named in the text, takes over the narrator's
        top-level turns (rule ``…-narrator-named``).
        """
        units, links = getattr(self, "turn_units", []), getattr(self, "turn_links", [])
        votes: dict[str, Counter[str]] = {}
        for i, u in enumerate(units):
            sp = self._unit_speaker(u)
            if sp is None or not any("narrator" in q.rule for q in u):
                continue
            called: set[str] = set()
            for j, link in ((i - 1, links[i - 1] if i >= 1 else ""),
                            (i + 1, links[i] if i < len(links) else "")):
                if link != "adjacent" or any((q.cue or "").lower() in _THOUGHT for q in units[j]):
                    continue
                called.update(v for q in units[j] for v in self.vocatives(q) if v != sp)
            votes.setdefault(sp, Counter()).update(called)
        # one named in a tag ("said Anna") is a character the narrator talks to
        tagged = {q.speaker for u in units for q in u if q.rule in ("cue-after", "cue-before")}
        own = self.self_named()
        for sp, c in votes.items():
            if own and own != sp and not getattr(self.ctx.entities.get(sp), "mentions", ()):
                c = Counter({own: 99})  # "my name was Pip": the narrator says so
            best = Counter({k: v for k, v in c.items() if k not in tagged}).most_common(2)
            # an author named in the text (a memoirist) needs more than one call to be renamed
            need = 2 if getattr(self.ctx.entities.get(sp), "mentions", ()) else 1
            if not best or best[0][1] < need or (len(best) > 1 and best[0][1] < 2 * best[1][1]):
                continue
            name = best[0][0]
            for u in units:
                for q in u:
                    if q.speaker == sp:
                        q.speaker, q.rule = name, q.rule + "-narrator-named"
                    if q.addressee == sp:
                        q.addressee = name
            self._unsay_next_to_narrator(name)

    def self_named(self) -> str | None:
        """The person the narration names as "I" ("my name was Pip", "I called myself
        Pip"), when exactly one is so named outside quotes."""
        if hasattr(self, "_self_named"):
            return self._self_named
        found = set()
        for m in _SELF_NAMED.finditer(self.text):
            ment = self.ctx.mention_at(m.end())
            if ment is not None and self.ctx.kind(ment.entity) == "person" and \
                    not self.ctx.around(m.start()):
                found.add(ment.entity)
        self._self_named: str | None = found.pop() if len(found) == 1 else None
        return self._self_named

    def _unsay_next_to_narrator(self, name: str) -> None:
        """Forget a guess that gave the turn next to the narrator's to the narrator too
        (made while "I" and the name were still two parties); the sieve guesses again."""
        units, links = self.turn_units, self.turn_links
        for i, link in enumerate(links):
            if link != "adjacent":
                continue
            a, b = units[i], units[i + 1]
            for mine, other in ((a, b), (b, a)):
                if self._unit_speaker(mine) == name and \
                        any("narrator" in q.rule for q in mine) and \
                        not any("narrator" in q.rule for q in other):
                    for q in other:
                        if q.speaker == name and not _NAMED_RULE.fullmatch(q.rule):
                            q.speaker, q.rule = None, ""

    def in_exchange(self, o: W, q: W) -> bool:
        """``o`` is in the turn right before ``q``'s, nothing between (both marked speech)."""
        i, j = self.turn_of.get(q.id), self.turn_of.get(o.id)
        if i is None or j is None:
            return False
        return j == i - 1 and self.turn_links[j] == "adjacent"

    def adjacent_speakers(self, q: W) -> set[str]:
        """Known speakers of the turns adjacent to the one holding ``q``."""
        i = self.turn_of.get(q.id) if hasattr(self, "turn_of") else None
        if i is None:
            return set()
        out = set()
        if i >= 1 and self.turn_links[i - 1] == "adjacent":
            out.add(self._unit_speaker(self.turn_units[i - 1]))
        if i + 1 < len(self.turn_units) and self.turn_links[i] == "adjacent":
            out.add(self._unit_speaker(self.turn_units[i + 1]))
        return {s for s in out if s}

    def _turn_head(self, q: W) -> W:
        i = self.turn_of.get(q.id)
        return self.turn_units[i][0] if i is not None else q

    def turn_index(self, pos: int) -> int:
        """Index of the last turn starting at or before ``pos`` (-1: none)."""
        return bisect.bisect_right(self._ustarts, pos) - 1
