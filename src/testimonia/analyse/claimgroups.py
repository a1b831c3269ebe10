"""Claim drafts, and the passes that merge them after clustering (used by ``claims``).

``Item`` is a testimony as the claims stage sees it, ``Draft`` a claim being built.
``merge_same_subject`` joins paraphrases about one person; ``fold_questions`` joins a
claim a yes/no question opened to the claim already made about the one it was put to.
Both compare each draft with a bounded number of others (``MERGE_REACH``,
``QUESTION_REACH``), so a long text stays linear.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from ..model import Quote
from . import claimtext as ct

#: how much of a smaller draft's weight must meet a larger one on the same subject to merge
LINK = 0.2
#: how many drafts on one subject a draft is compared with when merging
MERGE_REACH = 50
#: how many claims (and members of each) a yes/no question naming nobody is compared with
QUESTION_REACH = 20


@dataclass
class Item:
    """A testimony quote as the claims stage sees it."""

    quote: Quote
    own: str  # its own words, children cut out
    stems: list[str]
    refs: set[str]  # entity ids it speaks as or mentions around itself
    content_refs: list[str]  # entity ids named in its own words, in order
    para: int
    agent: str | None = None  # a person named at the head of its own words ("Pike let …")
    lead: str = ""  # the words of its sentence before it ("both agree that", "Pike denied")
    role: str = "statement"  # statement | answer | question | topic-question | frame
    question: bool = False  # a wh-question: may join a claim, never founds one
    polarity: str = "support"
    claim: int | None = None
    rule: str = ""

    @property
    def conclusion(self) -> bool:
        """The author's own inference: kind ``conclusion``, or a concluding lead-in."""
        return self.quote.kind == "conclusion" or self.rule == "conclusion"


@dataclass
class Draft:
    """A claim being built."""

    subject: str | None
    members: list[Item] = field(default_factory=list)
    doubt: list[str] = field(default_factory=list)
    anchor: Item | None = None


def _name_rule(d: Draft, rule: str) -> None:
    """Give ``rule`` to the members of ``d`` that carry no rule of their own yet."""
    for m in d.members:
        if not m.rule or m.rule == "statement":
            m.rule = rule


def _absorb(drafts: list[Draft], words: list[set[str]], into: int, n: int, rule: str) -> None:
    """Move draft ``n``'s members (and words) into draft ``into``, naming the rule."""
    _name_rule(drafts[n], rule)
    drafts[into].members.extend(drafts[n].members)
    words[into] |= words[n]
    drafts[n].members = []


def merge_same_subject(drafts: list[Draft], idf: dict[str, float],
                        title: frozenset[str] = frozenset()) -> None:
    """Merge a smaller draft into a larger one about the same subject when their words meet.

    Paraphrases of one proposition ("let the sluice run", "turn the sluice wheel",
    "opened the sluice") rarely reach ``SEED`` pairwise, but in this genre the
    testimonies about one person that share a content word (``LINK`` of the
    smaller draft's weight, light words left out) are weighed for one claim.
    Larger drafts absorb smaller ones; each draft is compared with at most
    ``MERGE_REACH`` earlier survivors on its subject, so a long text stays linear.
    The title names what the document weighs ("The Burning of the Granary"): two
    drafts on one subject that each share a word with it meet through it.
    """
    words = [{x for m in d.members for x in m.stems if not ct.is_light(x)} for d in drafts]
    order = sorted(range(len(drafts)), key=lambda n: (-len(drafts[n].members),
                                                      min((m.quote.span.start for m in
                                                           drafts[n].members), default=0)))
    kept: dict[str, list[int]] = {}
    for n in order:
        d = drafts[n]
        if d.subject is None or not d.members or d.anchor is not None:
            continue
        if not any(m.role in ("statement", "frame") and not m.question for m in d.members):
            continue  # a question and its answers are a dialogue of their own, not a paraphrase
        # the drafts it may join: on its subject, else on a person all its members mention
        # ("the keeper let the water through", said of Pike by a witness who is named too)
        shared_refs = set.intersection(*(m.refs for m in d.members)) - {d.subject}
        near = kept.get(d.subject, [])[:MERGE_REACH] + sorted(
            {k for r in shared_refs for k in kept.get(r, [])[:MERGE_REACH]},
            key=lambda k: -len(drafts[k].members))[:MERGE_REACH]
        best, best_sim = None, 0.0
        for k in near:
            if not words[n] & words[k]:
                continue
            sim = ct.similarity(words[n], words[k], idf)
            if sim >= LINK and sim > best_sim:
                best, best_sim = k, sim
        if best is None and words[n] & title and all(m.role != "frame" for m in d.members):
            # (a frame's narrative touches the title's words too easily: by similarity only)
            best = next((k for k in near if words[k] & title), None)
            if best is not None:
                _name_rule(d, "shares the title's words with the claim about its subject")
        own_denials = all(m.polarity == "deny" and m.quote.speaker == d.subject
                          for m in d.members)
        if best is None and own_denials and kept.get(d.subject):
            # the subject denies in other words than the accusers': still the main claim
            best = kept[d.subject][0]
            for m in d.members:
                m.rule += "; a denial by the subject: the main claim about them"
        if best is None:
            kept.setdefault(d.subject, []).append(n)
            continue
        _absorb(drafts, words, best, n, "shares words with the claim about its subject")
    # a statement about no one ("the money never reached the town chest", said by a
    # chronicle) goes with a claim of its own paragraph whose words it meets (compared
    # with that claim's testimonies in the paragraph, one by one)
    by_para: dict[int, list[int]] = {}
    for k in (k for ks in kept.values() for k in ks):
        for p in {m.para for m in drafts[k].members}:
            by_para.setdefault(p, []).append(k)
    for n in order:
        d = drafts[n]
        if d.subject is not None or not d.members or d.anchor is not None or \
                not any(m.role == "statement" and not m.question for m in d.members):
            continue
        paras = {m.para for m in d.members}
        near = sorted({k for p in paras for k in by_para.get(p, ())})[:MERGE_REACH]
        scored = [(max(ct.similarity(words[n], m.stems, idf) for m in drafts[k].members
                       if m.para in paras), len(drafts[k].members), -k)
                  for k in near if drafts[k].members and words[n] & words[k]]
        scored = [x for x in scored if x[0] >= LINK]
        if not scored:
            continue
        best = -max(scored)[2]
        _absorb(drafts, words, best, n, "names no one; shares words with a claim of its paragraph")


def fold_questions(drafts: list[Draft], idf: dict[str, float], kinds: dict[str, str]) -> None:
    """A claim a yes/no question opened joins the claim already made about the one it was
    put to, when the question's own words meet that claim's (``LINK``).

    "Did you write the letter to the elders?" — "I did not write it" belongs with "the
    schoolmistress wrote it"; the answerer is taken as the one asked when the question's
    addressee is unknown. Only the question's words count, not its answers', so a dialogue
    about another matter ("Did he send Slepkov to the Caucasus?") stays apart.
    """
    firm: dict[str, list[int]] = {}
    for n, d in enumerate(drafts):
        if d.anchor is None and d.members and d.subject:
            firm.setdefault(d.subject, []).append(n)
    for d in drafts:
        if d.anchor is None or not d.members:
            continue
        asked = Counter(m.quote.speaker for m in d.members
                        if m.quote.speaker and kinds.get(m.quote.speaker) == "person")
        subj = d.subject or (asked.most_common(1)[0][0] if asked else None)
        if subj is None:
            continue
        d.subject = subj
        words = {x for x in d.anchor.stems if not ct.is_light(x)}
        best, best_key = None, (0.0, 0)
        for k in firm.get(subj, [])[:MERGE_REACH]:
            sim = max((ct.similarity(words, m.stems, idf)
                       for m in drafts[k].members[:QUESTION_REACH] if words & set(m.stems)),
                      default=0.0)
            if sim >= LINK and (sim, len(drafts[k].members)) > best_key:
                best, best_key = k, (sim, len(drafts[k].members))
        if best is None:
            continue
        for m in d.members:
            m.claim = best
            m.rule = (m.rule or m.role) + "; the question asked about this claim"
        drafts[best].members.extend(d.members)
        d.members = []
