"""Silence: works said not to mention what a claim is about.

A sentence of the author's own text (body or excerpt, outside quotes) with a
silence cue ("finds no mention in …", "a glaring omission in …", "is silent
on …") names a work; the words after the cue are its label. The silence goes
to the claim whose testimonies' sentences share most content words with the
silence sentence's topic (its words before the cue). A sentence that opens with
"It"/"This" continues the previous silence's topic.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..analyse import claimtext as ct
from ..model import Claim, Quote, Segment, Span

_WORK = re.compile(r"^\s*(?:of it\s+)?(?:in|on|about|by)?\s*(?P<work>.+?)"
                   r"(?=\s+which\b|\s+that\s+(?:is|was|has|had|does|did|on|in)\b|\s+where\b|,|;|(?<!\b[A-Z])\.\s|\.$|$)", re.DOTALL)


_BEFORE = re.compile(r"(?:^|[,;:]\s*(?:and|but|while|yet)?\s*|\b(?:and|but|while|yet)\s+)"
                     r"(?P<work>[^,;:]+?)\s+(?:is|are|was|were|has been|have been|remains?|"
                     r"remained)\s*$", re.IGNORECASE)


def silence_label(sentence: str, cue_end: int, cue_start: int | None = None) -> str:
    """The work a silence sentence names: the words after its cue, up to a clause break.

    When nothing but a pronoun follows ("the minute books are silent on it"), the work
    is the subject before the cue.
    """
    m = _WORK.match(sentence[cue_end:])
    label = " ".join((m.group("work") if m else "").split()).strip(" .")
    if label.lower() in ("", "it", "this", "that", "the matter", "the point") and \
            cue_start is not None:
        b = _BEFORE.search(sentence[:cue_start].rstrip())
        if b is None:  # "… are silent": the cue holds the verb
            b = re.search(r"(?:^|[,;:]\s*(?:and|but|while|yet)?\s*|\b(?:and|but|while|yet)\s+)"
                          r"(?P<work>[^,;:]+?)$", sentence[:cue_start].rstrip())
        if b:
            label = " ".join(b.group("work").split()).strip(" .")
    return label[:120]


def find_silences(text: str, claims: Sequence[Claim], quotes: Sequence[Quote],
                  segments: Sequence[Segment]) -> dict[str, list[tuple[str, Span]]]:
    """Return, per claim id, the silences (label, evidence span) that bear on it."""
    own_parts = [s.span for s in segments if s.kind in ("body", "excerpt")] or \
        [Span(0, len(text))]
    qspans = [q.span for q in quotes]
    sents = ct.sentences_of(text)
    # the cue is rare: find its sentences first, and only then weigh claims against them
    hits = [(s, e, m) for s, e in sents if (m := ct.pattern("silence").search(text, s, e))]
    if not hits:
        return {}
    by_id = {q.id: q for q in quotes}
    claim_words: dict[str, set[str]] = {}
    for c in claims:
        words: set[str] = set()
        for qid in (*c.support, *c.deny):
            q = by_id.get(qid)
            if q is None:
                continue
            first = ct.sentence_at(sents, q.span.start)
            last_i = ct.sentence_at(sents, max(q.span.start, q.span.end - 1))
            if first is None:
                continue
            for s, e in sents[first:(last_i if last_i is not None else first) + 1]:
                words.update(ct.content_stems(text[s:e]))
        claim_words[c.id] = words
    out: dict[str, list[tuple[str, Span]]] = {}
    last: str | None = None
    previous_end: int | None = None
    for s, e, m in hits:
        span = Span(s, e)
        if previous_end is None or text[previous_end:s].strip():
            last = None  # a sentence without the cue came between
        previous_end = e
        if not any(p.contains(span) for p in own_parts) or \
                any(q.contains(span) for q in qspans):
            continue
        sentence = text[s:e]
        m = ct.pattern("silence").search(sentence)
        topic_words = set(ct.content_stems(sentence[:m.start()]))
        target = None
        # a claim resting on the silence sentence itself (the author's "I have found no
        # witness …" taken as a statement) is not what the silence bears on
        others = [c for c in claims if not any(
            by_id[qid].span.overlaps(span) for qid in (*c.support, *c.deny) if qid in by_id)]
        if last and re.match(r"^(it|this|that)\b", sentence.strip(), re.IGNORECASE):
            target = last
        elif others:
            target = max(others, key=lambda c: (len(topic_words & claim_words[c.id]),
                                                len(c.support) + len(c.deny))).id
            if not topic_words & claim_words[target]:
                target = None
        if target:
            out.setdefault(target, []).append((silence_label(sentence, m.end(), m.start()),
                                               span))
            last = target
    return out
