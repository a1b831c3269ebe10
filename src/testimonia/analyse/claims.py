"""Claims: propositions, and the testimonies that support, deny or doubt them.

requires: segments, notes, sources, quotes, mentions, people · provides: ``claims``

How a testimony finds its claim (deterministic, in this order):

1. *Statements* (speech, block and conclusion quotes that are not mere frames
   around other testimony, not bare answers, not yes/no questions) are
   clustered by IDF-weighted overlap of their content stems
   (``claimtext.similarity``; stems strip inflections and nominal suffixes, and
   synonym families let "utilise individual terror" meet "terrorist activity"
   and "assassination"). A cluster's *subject* is the person most of its
   members speak as or mention in their sentence; members that neither speak
   as nor mention the subject leave the cluster (so "I was opposed to
   individual terror", said by the witness, is not testimony that the subject
   used it). A quote whose lead-in concludes ("both … agree that", "It is
   therefore likely that") is the author's conclusion whatever its kind.
   Claims on one subject then merge, smaller into larger, when their non-light
   words meet (``LINK`` of the smaller one's weight): paraphrases ("let the
   sluice run", "turned the sluice wheel") rarely reach ``SEED`` pairwise.
   A dialogue of questions and answers is never merged so.
2. *Dialogue*: a yes/no question that is not anaphoric ("Did X send you to
   …?") opens a claim of its own unless it asks about a claim already made
   (by its people, else by its words); answers ("Yes", "Yes, I did", "I never
   said that", "How do you deny this …", a statement answering a question put
   to its speaker) take the claim that is the current topic of their dialogue
   (the enclosing quote, or the paragraph) — supporting, or denying for a
   denial.
   *Denials*: a quote under a denying cue ("Pike denied that he had touched
   the gates") and a first-person negated statement ("I took nothing from the
   company") deny; with content words they find their claim by them, bare ones
   by their dialogue, else the main claim about their speaker.
3. *Doubt*: a quote whose own words doubt ("Perhaps", "if X did say this",
   "question-mark", a rhetorical question) doubts the claim of the testimony
   it carries, or else the current topic.

The merging passes and the draft types live in ``claimgroups``; the word helpers in
``claimtext``. Every decision is recorded per quote in ``Claim.roles`` (quote id → rule), so
the dossier and the assessment can say why a quote counts.

Known limits: propositions are compared by words, not meaning; a paraphrase
sharing no content word with the others stays a claim of its own. Pronouns
inside a claim's text are resolved only to the claim's subject.

Example::

    "Ann told me that they had decided to burn the mill." and, later,
    "‘Did you burn it?’ ‘Yes’, answered Ann." give one claim (subject Ann)
    supported by both quotes.
"""

from __future__ import annotations

import bisect
import math
import re
from collections import Counter
from collections.abc import Sequence

from ..model import TESTIMONY_KINDS, Claim, Entity, Mention, Quote, Span
from ..settings import Settings
from . import claimtext as ct
from .claimgroups import QUESTION_REACH, Draft, Item, fold_questions, merge_same_subject
from .pipeline import LayerView, StageOutput, stage

#: how similar two statements must be to seed a claim together (IDF-weighted overlap)
SEED = 0.5
#: an indirect quote nested in another needs this many words to make its parent a frame
FRAME_CHILD_WORDS = 4
#: how many content words of its own a frame needs to count as a statement too
FRAME_WORDS = 3
#: ... and at most this many characters: a long narrative around dialogue is no one proposition
FRAME_CHARS = 600
#: how many testimonies before a doubt are searched for the claim it follows
DOUBT_REACH = 200
#: a person named this close to the start of a testimony's words is taken as its agent
AGENT_REACH = 40
#: statements further apart than this (in statements, text order) are not compared: a
#: book-length text stays linear; an article's statements are all within reach
WINDOW = 600


class Referents:
    """Which entities a span of text mentions: from the mentions layer, else by alias."""

    def __init__(self, text: str, people: Sequence[Entity], mentions: Sequence[Mention]):
        self.mentions = [(m.span, m.entity) for m in mentions if m.entity]
        if not self.mentions:  # no mention layer: find the aliases ourselves
            for e in people:
                for alias in {*e.aliases, e.name}:
                    if len(alias) < 3 or alias == "the author":
                        continue
                    for m in re.finditer(rf"(?<!\w){re.escape(alias)}(?!\w)", text):
                        self.mentions.append((Span(m.start(), m.end()), e.id))
        self.kind = {e.id: e.kind for e in people}
        self.mentions.sort(key=lambda m: (m[0].start, m[0].end))
        self._starts = [sp.start for sp, _ in self.mentions]

    def ordered(self, start: int, end: int) -> list[str]:
        """Entity ids mentioned inside ``[start, end)``, first mention first."""
        lo = bisect.bisect_left(self._starts, start)
        hi = bisect.bisect_left(self._starts, end)
        return list(dict.fromkeys(eid for sp, eid in self.mentions[lo:hi] if sp.end <= end))

    def within(self, start: int, end: int) -> set[str]:
        """Entity ids mentioned inside ``[start, end)``."""
        return set(self.ordered(start, end))


def _classify(items: list[Item], by_id: dict[str, Item]) -> None:
    """Set each item's role and polarity from its own words and its neighbour."""
    prev_in_frame: dict[object, Item] = {}
    for it in items:
        q = it.quote
        key = q.parent or ("p", it.para)
        prev = prev_in_frame.get(key)
        own = it.own.strip().strip("‘’“”\"'").strip()
        if it.role == "frame":
            prev_in_frame[key] = it
            continue
        if q.kind == "conclusion" or ct.pattern("concluding").search(it.lead):
            it.role, it.rule = "statement", "conclusion"
        elif q.cue and ct.pattern("denying_cue").fullmatch(q.cue.strip()):
            # "Pike denied that he had touched the gates": the content is the claim denied
            it.polarity, it.rule = "deny", "denied (" + q.cue.strip() + ")"
            if len(set(it.stems)) < 2:
                it.role = "answer"
        elif ct.is_question(own):
            anaphoric = ct.is_anaphoric(own)
            if ct.is_polar_question(own) and not anaphoric and len(it.stems) >= 2:
                it.role, it.rule = "topic-question", "yes/no question opens a claim"
            elif ct.is_polar_question(own) or anaphoric:
                it.role, it.rule = "question", "question: no stance"
            else:
                it.role, it.question = "statement", True
            if ct.pattern("challenge").search(own):
                it.role, it.rule = "answer", "challenges a denial"
        elif ct.pattern("denial").search(own):
            it.role, it.polarity, it.rule = "answer", "deny", "denial"
        elif ct.pattern("own_denial").match(own) or (
                q.mode == "indirect" and ct.pattern("third_denial").match(own)):
            # "I took nothing from the company", "(Marsh maintained that) he had never gone
            # near the safe": the speaker denies; one with content words finds its claim by
            # them, a bare one by its dialogue
            it.polarity, it.rule = "deny", "denies in the first person"
            if len(set(it.stems)) < 2:
                it.role = "answer"
        elif ct.pattern("alibi").match(own):
            # "I was at home with my wife all that night": an alibi denies whatever it answers
            it.role, it.polarity, it.rule = "answer", "deny", "an alibi"
        elif ct.pattern("challenge").search(own):
            it.role, it.rule = "answer", "challenges a denial"
        elif ct.pattern("answer").match(own):
            it.role, it.rule = "answer", "answer to the question"
        elif ct.is_anaphoric(own):
            it.role, it.rule = "answer", "points back to the topic"
        elif prev is not None and (prev.question or prev.role in ("question", "topic-question")) and \
                prev.quote.addressee and prev.quote.addressee == q.speaker:
            it.role, it.rule = "answer", "answers a question put to its speaker"
        prev_in_frame[key] = it


def _subject(members: list[Item], kinds: dict[str, str]) -> str | None:
    votes: Counter[str] = Counter()
    for it in members:
        for r in it.refs:
            votes[r] += 1.0 if kinds.get(r) == "person" else 0.5
        if it.agent:  # "Gaul sacked Lund": the one who did it, not the one it was done to
            votes[it.agent] += 0.5
    if not votes:
        return None
    top = max(votes.values())
    for it in members:  # ties: the first one named in its own words, else by id
        for r in sorted(it.refs):
            if votes[r] == top:
                return r
    return None


def _seeds(statements: list[Item], idf: dict[str, float], kinds: dict[str, str]
           ) -> tuple[list[Draft], list[Item]]:
    """Drafts from groups of ≥ 2 close statements about one subject; the rest left over.

    Round by round: single-link groups of the pool (similarity ≥ ``SEED``, at most
    ``WINDOW`` statements apart in the pool); a group's members about its subject make a
    draft, the others make the next round's pool, group after group.
    """
    drafts: list[Draft] = []
    left: list[Item] = []
    pairs = ct.PoolPairs([set(it.stems) for it in statements], idf, SEED, WINDOW)
    pool = list(range(len(statements)))
    while pool:
        rest_all: list[int] = []
        for numbers in pairs.groups(pool):
            group = [statements[n] for n in numbers]
            if len(group) < 2:
                left.extend(group)
                continue
            subj = _subject(group, kinds)
            keep = [m for m in group if subj in m.refs]
            if len(keep) >= 2:
                drafts.append(Draft(subj, keep))
                rest_all.extend(n for n in numbers if subj not in statements[n].refs)
            else:
                left.extend(group)
        pool = rest_all
    return drafts, left


def _key_stems(d: Draft) -> set[str]:
    """Stems most of a draft's members share (light words left out): what it is about."""
    counts = Counter(s for m in d.members for s in set(m.stems))
    need = max(2, math.ceil(0.75 * len(d.members)))
    return {s for s, n in counts.items() if n >= need and not ct.is_light(s)}


def _cluster(statements: list[Item], idf: dict[str, float],
             kinds: dict[str, str]) -> list[Draft]:
    """Seed drafts from close statements, then attach the rest by key words and subject.

    The author's conclusions come first among the left-overs: one that names a
    person in its own words ("… concur that Rudnik ordered the fire") seeds a
    claim about that person, since in this genre the conclusion states what the
    witnesses are weighed for. A left-over statement then joins the draft whose
    key stems it shares (most IDF weight) when it speaks as or mentions that
    draft's subject; questions join but never found a claim; other left-overs
    become claims of their own.
    """
    firm = [s for s in statements if not s.question]
    drafts, left = _seeds(firm, idf, kinds)
    left += [s for s in statements if s.question]
    keys = [_key_stems(d) for d in drafts]

    def join(it: Item) -> bool:
        best, best_w = None, 0.0
        for n, d in enumerate(drafts[:len(keys)]):
            if d.subject not in it.refs:
                continue
            w = sum(idf.get(s, 1.0) for s in keys[n] & set(it.stems))
            if w > best_w:
                best, best_w = n, w
        if best is None:
            return False
        drafts[best].members.append(it)
        it.rule = it.rule or "shares the claim's key words"
        return True

    conclusions = [it for it in left if it.conclusion]
    for it in conclusions:
        named = [r for r in it.content_refs if kinds.get(r) == "person"]
        if not join(it) and named:
            drafts.insert(len(keys), Draft(named[0], [it]))
            keys.append({x for x in it.stems if not ct.is_light(x)})
            it.rule = "the author's conclusion names the claim"
    for it in sorted(left, key=lambda x: x.quote.span.start):
        if it in conclusions and any(it in d.members for d in drafts):
            continue
        if not join(it) and not it.question:
            drafts.append(Draft(_subject([it], kinds), [it]))
    return drafts


def _topic_walk(items: list[Item], drafts: list[Draft], by_id: dict[str, Item],
                kinds: dict[str, str], idf: dict[str, float]) -> None:
    """Answers take the current topic of their dialogue; yes/no questions open one."""
    topic: dict[object, int] = {}

    def keys(it: Item) -> list[object]:
        out: list[object] = []
        q: Quote | None = it.quote
        while q is not None:
            out.append(q.parent or ("p", by_id[q.id].para if q.id in by_id else it.para))
            q = by_id[q.parent].quote if q.parent in by_id else None
        return out

    def set_topic(it: Item, claim: int) -> None:
        for k in keys(it):
            topic[k] = claim

    by_subject: dict[str | None, list[int]] = {}
    index: dict[str, set[int]] = {}
    for n, d in enumerate(drafts):
        by_subject.setdefault(d.subject, []).append(n)
        for m in d.members:
            for x in m.stems:
                index.setdefault(x, set()).add(n)
    for it in items:
        if it.role == "frame":
            continue
        if it.claim is not None:
            set_topic(it, it.claim)
        elif it.role == "topic-question":
            # a question about something already claimed takes that claim as its topic
            about = {*it.refs, it.quote.addressee} - {None}
            near = [(ct.similarity(it.stems, m.stems, idf), n) for who in about
                    for n in by_subject.get(who, [])[-3 * QUESTION_REACH:]
                    for m in drafts[n].members[:QUESTION_REACH]]
            score, n = max(near, default=(0.0, -1))
            if score < SEED:  # the question names nobody we know: any claim sharing its words
                # its three rarest words, and the nearest drafts holding them: bounded work
                rare = sorted({x for x in it.stems if not ct.is_light(x)},
                              key=lambda x: (-idf[x], x))[:3]
                cands = {k for x in rare for k in index.get(x, ())}
                near = [(ct.similarity(it.stems, m.stems, idf), k)
                        for k in sorted(cands, key=lambda k: (abs(k - len(drafts)), k))[:QUESTION_REACH]
                        for m in drafts[k].members[:QUESTION_REACH]]
                score, n = max(near, default=(0.0, -1))
            if score >= SEED:
                it.claim = n
            else:
                subj = next((r for r in sorted(it.refs) if kinds.get(r) == "person"
                             and r != it.quote.speaker), it.quote.addressee)
                drafts.append(Draft(subj, [], anchor=it))
                it.claim = len(drafts) - 1
                by_subject.setdefault(subj, []).append(it.claim)
            set_topic(it, it.claim)
            it.claim = None  # the question itself is not testimony
            it.role = "question"
        elif it.role == "answer":
            current = next((topic[k] for k in keys(it) if k in topic), None)
            if current is None and it.polarity == "deny" and it.quote.speaker:
                # a denial outside any dialogue: the main claim about its speaker
                own = [n for n in by_subject.get(it.quote.speaker, ()) if drafts[n].members]
                if own:
                    current = max(own, key=lambda n: (len(drafts[n].members), -n))
                    it.rule = "a denial by the subject: the main claim about them"
            if current is not None:
                it.claim = current
                drafts[current].members.append(it)


def _doubts(frames_and_items: list[Item], drafts: list[Draft], children: dict[str, list[str]],
            by_id: dict[str, Item], text: str) -> None:
    """A quote whose own words doubt attaches as doubt to the claim it carries, the claim of
    a witness its speaker names around it, or else the claim it follows."""
    by_para: dict[int, list[Item]] = {}
    for it in frames_and_items:
        by_para.setdefault(it.para, []).append(it)
    about: dict[str, set[int]] = {}  # subject → claims about them
    for n, d in enumerate(drafts):
        if d.subject and d.members:
            about.setdefault(d.subject, set()).add(n)
    by_end = sorted(by_id.values(), key=lambda x: (x.quote.span.end, x.quote.span.start))
    ends = [x.quote.span.end for x in by_end]
    testifies: dict[str, set[int]] = {}  # speaker → claims they support
    for n, d in enumerate(drafts):
        for m in d.members:
            if m.quote.speaker and m.polarity == "support":
                testifies.setdefault(m.quote.speaker, set()).add(n)
    for it in frames_and_items:
        own = it.own
        hits = len(ct.pattern("doubt").findall(own))
        rhetorical = any(ct.pattern("rhetorical").match(s.strip())
                         for s in re.split(r"(?<=[.!?])\s+", own))
        # one cue is enough when it doubts what a named person said ("Perhaps Tarrant said
        # what he was told to say"); otherwise two, since "perhaps" alone is often idle
        about_saying = hits == 1 and bool(it.content_refs) and \
            bool(ct.pattern("doubts_a_saying").search(own))
        if hits + rhetorical < 2 and not about_saying:
            continue
        carried = Counter()
        stack = list(children.get(it.quote.id, []))
        while stack:
            cid = stack.pop()
            if cid in by_id and by_id[cid].claim is not None:
                carried[by_id[cid].claim] += 1
            stack.extend(children.get(cid, []))
        sizes = {n: len(d.members) for n, d in enumerate(drafts)}
        # a one-cue doubt about what a named person said goes to that person's claim first
        target = max(carried, key=lambda n: (carried[n], sizes[n])) \
            if carried and not about_saying else None
        doubter = it.quote.speaker

        def others(n: int, it: Item = it, doubter: str | None = doubter) -> bool:
            """A claim someone other than the doubter testifies to."""
            return any(m.quote.speaker != doubter for m in drafts[n].members if m is not it)

        if target is None and doubter is not None:
            # "Slade had a debt to escape … His account is too convenient": the doubter names
            # a witness around the doubt; it doubts the claim that witness testifies to
            named = {r for x in by_para.get(it.para, ()) if x.quote.speaker == doubter
                     for r in x.content_refs} - {doubter}
            cands = sorted(({n for r in named for n in testifies.get(r, ())} |
                            {n for r in named for n in about.get(r, ())}) - {it.claim} -
                           testifies.get(doubter, set()))
            if cands:
                target = max(cands, key=lambda n: (len(drafts[n].members), -n))
        if target is None:  # the nearest claim before it that is not the doubter's own
            # walk back from the doubt through the testimonies ending before it (bounded)
            i = bisect.bisect_right(ends, it.quote.span.start)
            for x in reversed(by_end[max(0, i - DOUBT_REACH):i]):
                if x.claim is not None and x is not it and \
                        (doubter is None or x.quote.speaker != doubter) and others(x.claim):
                    target = x.claim
                    break
        if target is not None and it.quote.id not in drafts[target].doubt:
            if it.claim is not None and it.claim != target and it in drafts[it.claim].members:
                drafts[it.claim].members.remove(it)  # a doubt, not testimony for its own claim
                it.claim = None
            drafts[target].doubt.append(it.quote.id)
            it.rule = "doubts: " + ", ".join(
                sorted(set(m.group(0).lower() for m in ct.pattern("doubt").finditer(own))))


_PRONOUN_SUBJ = re.compile(r"^(they|he|she|his|her|their)\b", re.IGNORECASE)


def _claim_text(d: Draft, names: dict[str, str], text: str) -> str:
    """The claim in words: its anchor's content, pronouns at the start put to the subject."""
    anchor = d.anchor or next((m for m in d.members if m.role == "statement" and
                               m.quote.mode == "indirect"), None) or \
        next((m for m in d.members if m.role == "statement"), None) or \
        (d.members[0] if d.members else None)
    if anchor is None:
        return ""
    words = " ".join(anchor.own.split()).strip(" ‘’“”\"'.,:;–—-")
    words = re.sub(r"^that\s+", "", words, flags=re.IGNORECASE)  # the clause, not its "that"
    words = " ".join(re.sub(r"[‘“]\s*[’”]|:\s*(?=[.,;]|$)", "", words).split())  # cut quotes
    subj = names.get(d.subject or "", "")
    if anchor.role in ("question", "topic-question"):
        m = re.match(r"^(?i:did|do|does)\s+([A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*|he|she|they|you|it)"
                     r"\s+(\w+)\s+(.*?)[?!]*$", words)
        if m:
            who, verb, rest = m.group(1), m.group(2), m.group(3)
            # "Did you pull the lever?" put to an unknown addressee: the one who answered
            addressee = names.get(anchor.quote.addressee or "", "") or subj
            rest = re.sub(r"\byou\b", addressee, rest) if addressee else rest
            who = addressee if who.lower() == "you" and addressee else who
            return f"{who} did {verb} {rest}".strip()
        return words.rstrip("?!")
    if subj and d.subject in anchor.content_refs and _PRONOUN_SUBJ.match(words) and \
            anchor.quote.speaker and anchor.quote.speaker != d.subject:
        # "(Finch said that) he had seen Pike open it": the subject is named after the
        # pronoun, so the pronoun is the speaker
        subj = names.get(anchor.quote.speaker, subj)
    if subj:
        words = _PRONOUN_SUBJ.sub(lambda m: subj + ("’s" if m.group(1).lower() in
                                                      ("his", "her", "their") else ""),
                                  words, count=1)
        if m := re.match(r"^(they)\b", words, re.I):
            words = subj + "’s group" + words[m.end():]
    return words[:1].upper() + words[1:]


@stage("claims", requires=("segments", "notes", "sources", "quotes", "mentions", "people"),
       provides=("claims",), version=1)
def find_claims(view: LayerView, settings: Settings) -> StageOutput:
    """Build claims from the attributed quotes (see the module docstring)."""
    text = view.text
    quotes: tuple[Quote, ...] = view["quotes"]
    people: tuple[Entity, ...] = view["people"]
    refs = Referents(text, people, view["mentions"])
    names = {e.id: e.name for e in people}
    sents = ct.sentences_of(text)
    by_quote = {q.id: q for q in quotes}
    children: dict[str, list[str]] = {}
    for q in quotes:
        if q.parent in by_quote:
            children.setdefault(q.parent, []).append(q.id)

    def substantial(c: Quote) -> bool:
        """A nested testimony that makes its parent a frame: direct words, or a clause.

        A two-word indirect "quote" ("I never called [the army]") is a parse's echo of an
        object, not testimony carried inside; it stays part of its parent's words.
        """
        return c.kind in TESTIMONY_KINDS and (
            c.mode == "direct" or len(c.span.of(text).split()) >= FRAME_CHILD_WORDS)

    def carries_testimony(qid: str) -> bool:
        return any(substantial(by_quote[c]) for c in children.get(qid, []))

    # names out of the words compared: whole aliases, and each word of a person's names
    # ("Samuel" of "Samuel Adeyemi" is no content word either)
    aliases = frozenset(a.lower() for e in people for a in e.aliases) | frozenset(
        w.lower() for e in people if e.kind == "person"
        for a in (e.name, *e.aliases) if a != "the author" for w in a.split())
    words: dict[str, list[tuple[str, str]]] = {}  # quote id → (word, stem) of its own words
    paras = ct.Paragraphs(text)
    items: list[Item] = []
    for q in sorted(quotes, key=lambda q: (q.span.start, -q.span.end)):
        if q.kind not in TESTIMONY_KINDS:
            continue
        own = ct.own_text(text, q, [by_quote[c] for c in children.get(q.id, [])
                                    if substantial(by_quote[c])])
        s, e = ct.context(text, sents, q)
        found = refs.within(s, e)
        if q.speaker:
            found.add(q.speaker)
        head = refs.ordered(q.span.start, min(q.span.end, q.span.start + AGENT_REACH))
        words[q.id] = ct.content_words(own)
        it = Item(q, own, [x for _, x in words[q.id]], found,
                  refs.ordered(q.span.start, q.span.end),
                  paras.index(q.span.start),
                  agent=next((r for r in head if refs.kind.get(r) == "person"), None),
                  lead=text[s:q.span.start][-200:] if s < q.span.start else "")
        if carries_testimony(q.id):
            it.role = "frame"
        items.append(it)
    by_id = {it.quote.id: it for it in items}
    _classify(items, by_id)

    idf = ct.idf_table(text[s:e] for s, e in sents)
    # a frame's own words (its quotes cut out) testify too: "The Governor called me in and
    # said: ‘Bring me the warrant.’ He read it and signed it" — when they say something
    statements = [it for it in items if (it.role == "statement" and len(set(it.stems)) >= 2)
                  or (it.role == "frame" and it.quote.kind == "speech" and
                      len(it.own) <= FRAME_CHARS and
                      len({x for x in it.stems if not ct.is_light(x)}) >= FRAME_WORDS)]
    for it in statements:  # names out: two statements about Stalin need not say one thing
        it.stems = [x for w, x in words[it.quote.id] if w not in aliases]
    drafts = _cluster(statements, idf, refs.kind)
    title = frozenset(x for g in view["segments"] if g.kind == "title"
                      for x in ct.content_stems(g.span.of(text), aliases)
                      if not ct.is_light(x))
    merge_same_subject(drafts, idf, title)
    drafts = [d for d in drafts if d.members]
    for n, d in enumerate(drafts):
        for m in d.members:
            m.claim = n
    _topic_walk(items, drafts, by_id, refs.kind, idf)
    fold_questions(drafts, idf, refs.kind)
    _doubts([it for it in items], drafts, children, by_id, text)

    live = [d for d in drafts if d.members]
    live.sort(key=lambda d: (-(len(d.members) + len(d.doubt)),
                             min(m.quote.span.start for m in d.members)))
    claims = []
    for n, d in enumerate(live, start=1):
        members = sorted(d.members, key=lambda m: m.quote.span.start)
        anchor = d.anchor or members[0]
        claims.append(Claim(
            id=f"c{n}", text=_claim_text(d, names, text), subject=d.subject,
            support=tuple(m.quote.id for m in members if m.polarity == "support"),
            deny=tuple(m.quote.id for m in members if m.polarity == "deny"),
            doubt=tuple(d.doubt), span=anchor.quote.span,
            roles=tuple((m.quote.id, m.rule or m.role) for m in members) +
            tuple((qid, by_id[qid].rule) for qid in d.doubt if qid in by_id)))
    return StageOutput({"claims": claims})
