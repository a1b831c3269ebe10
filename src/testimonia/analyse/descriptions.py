"""Characters named by a capitalised common noun ("said the Caterpillar") (issue 4).

Some stories name a character only by what it is, capitalised as a name:
"‘Who are you?’ said the Caterpillar", "the Rabbit returned". The NER takes
"Caterpillar" for no one (or for a word), so the sieve would give such a turn
to one of the named parties. A capitalised noun after "the" that is the
subject of a speech tag next to a quotation (or of the sentence just before
it) is a person of the story; every "the Caterpillar" is a mention of it (the noun). The
people stage adds these persons (role ``described``) after the named ones, or
names the person the NER found in the noun ("Mouse") "the Mouse" too.

requires: the text and the ``quote_spans`` layer (called by :mod:`people`) ·
provides: described persons and their mentions (:func:`add_described`), and
"the narrator" as a name of the stand-in author of a text that tells in the
first person outside quotations (:func:`narrator_alias`).

Known limits: lower-case descriptions ("said the old man", "the girl
smiled") are not persons here: in novels they mostly stand for a named
character ("the young man" is Winterbourne), which this module cannot tell;
"the Happy Family" (a longer capitalised name) is left to the NER; a noun
written as a title before a name ("Governor Amos Crane") is no character of its
own ("the Governor" is that person, found by the roles).

Example::

    >>> from testimonia.model import Quote, Span
    >>> t = "“Who are you?” said the Caterpillar."
    >>> [(d.name, d.spans) for d in find_described(t, (Quote("q1", Span(1, 13)),), ())]
    [('the Caterpillar', [Span(start=24, end=35)])]
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..model import Entity, Mention, Span
from .roles import role_nouns

_TAG = (r"said|says|asked|asks|answered|replied|replies|cried|exclaimed|whispered|inquired|"
        r"enquired|added|continued|declared|muttered|repeated|retorted|observed|remarked|"
        r"returned|began|interrupted|rejoined|murmured|called|screamed|shouted|yelled|sighed|"
        r"protested|urged|suggested|explained|agreed|admitted|insisted|responded|demanded|"
        r"persisted|groaned|stammered|faltered|pleaded|growled|gasped|sobbed|roared|"
        r"shrieked|drawled|snapped|laughed|cautioned|went on|put in|broke in")
# "the" and one capitalised noun, not followed by another capitalised word
_NP = r"(?P<det>[Tt]he)\s+(?P<noun>[A-Z][a-z]{2,})(?![\w’'-]|\s+[A-Z])"
_AFTER_VERB = re.compile(r"[\s,.!?;:—–-]*(?:" + _TAG + r")\s+" + _NP)
_AFTER_NP = re.compile(r"[\s,.!?;:—–-]*" + _NP + r"\s+(?:\w+ly\s+)?(?:" + _TAG + r"|[a-z]{3,}ed)\b")
_LEAD_NP = re.compile(_NP + r"\s+(?:\w+ly\s+)?(?:" + _TAG + r"|[a-z]{3,}ed)\b[^.!?\"“”]{0,60}$")
MALE_NOUNS = frozenset(
    "man gentleman boy lad youth fellow father son brother uncle husband nephew grandfather "
    "king prince duke earl lord baron emperor knight squire monk friar priest clergyman "
    "vicar parson curate rector bishop footman butler coachman waiter landlord host".split())
FEMALE_NOUNS = frozenset(
    "woman lady girl lass maid maiden mother daughter sister aunt wife niece grandmother "
    "queen princess duchess countess baroness nun landlady hostess governess widow "
    "housekeeper".split())
# "the old man", "the young lady": a definite description whose head tells the gender
GENDERED_DESCRIPTION = re.compile(
    r"(?P<the>[Tt]he\s+)?(?:[a-z][a-z-]+\s+){0,2}?(?P<noun>" + "|".join(sorted(MALE_NOUNS | FEMALE_NOUNS))
    + r")\b(?![’'-])")
_CLOSERS = "\"”’'»"
_OPENERS = "\"“‘'«"


def noun_gender(noun: str) -> str:
    """'m' or 'f' for a gendered person noun ("clergyman" → 'm'), else ''."""
    n = noun.lower()
    return "m" if n in MALE_NOUNS else "f" if n in FEMALE_NOUNS else ""


@dataclass
class Described:
    """One described person: its name ("the Caterpillar"), forms and mentions."""

    name: str
    aliases: list[str] = field(default_factory=list)
    spans: list[Span] = field(default_factory=list)
    entity: str | None = None  # a person the NER found already


def find_described(text: str, quote_spans: Sequence, taken: Sequence[Mention]) -> list[Described]:
    """Described persons of ``text``: each "the <Noun>" that is the subject of a speech
    tag next to a quotation, with a mention (the noun) at each of its uses. Where the
    NER already made the noun (part of) a person's mention, ``Described.entity`` names
    that person, who only gains the name "the <Noun>"."""
    nouns: dict[str, str] = {}  # folded noun -> the noun as first written
    for q in quote_spans:
        if getattr(q, "kind", "speech") not in ("speech", "block"):
            continue
        end = q.span.end
        while end < len(text) and text[end] in _CLOSERS:
            end += 1
        start = q.span.start
        while start > 0 and text[start - 1] in _OPENERS:
            start -= 1
        after = text[end:end + 90]
        before = text[max(0, start - 160):start]
        for m in (_AFTER_VERB.match(after), _AFTER_NP.match(after), _LEAD_NP.search(before)):
            if m is not None:
                nouns.setdefault(m.group("noun").lower(), m.group("noun"))
    if not nouns:
        return []
    taken_sorted = sorted((m.span.start, m.span.end, m.entity or "") for m in taken)
    roles = role_nouns(text, ((m.span, m.entity) for m in taken
                              if m.entity and m.kind == "person"))
    out = []
    for noun in nouns.values():
        d = Described(f"the {noun}")
        owners: Counter[str] = Counter()
        for m in re.finditer(r"\b[Tt]he\s+(" + re.escape(noun) + r")\b(?![’'-])", text):
            hit = _overlaps(taken_sorted, m.start(1), m.end(1))
            if hit is None:
                d.spans.append(Span(m.start(1), m.end(1)))
            elif hit:
                owners[hit] += 1
        d.entity = owners.most_common(1)[0][0] if owners else None
        if d.entity is None:  # "Governor Amos Crane … said the Governor": Crane's role noun
            d.entity = roles.get(noun.lower())
        d.aliases = [d.name]
        if d.spans or d.entity:
            out.append(d)
    return sorted(out, key=lambda d: d.spans[0].start if d.spans else len(text))


def add_described(text: str, quote_spans: Sequence, entities: list[Entity],
                  mentions: list[Mention]) -> tuple[list[Entity], list[Mention]]:
    """Add the characters a story names by a capitalised noun ("said the Caterpillar")."""
    found = find_described(text, quote_spans, mentions)
    if not found:
        return entities, mentions
    entities = list(entities)
    index = {e.id: i for i, e in enumerate(entities)}
    n = sum(1 for e in entities if e.kind == "person")
    new: list[Entity] = []
    extra: list[Mention] = []
    for d in found:
        if d.entity in index:  # the NER's "Mouse" (or "O Mouse") is "the Mouse"
            e = entities[index[d.entity]]
            entities[index[d.entity]] = Entity(e.id, e.name, e.kind, (*e.aliases, d.name),
                                               e.mentions + tuple(d.spans), e.qid, e.role)
            eid = e.id
        else:
            eid = f"p{n + len(new) + 1}"
            new.append(Entity(eid, d.name, "person", tuple(d.aliases), tuple(d.spans), None,
                              "described"))
        extra += [Mention("", s, s.of(text), "person", eid) for s in d.spans]
    # persons first, then collectives, as _annotate orders them
    k = next((i for i, e in enumerate(entities) if e.kind != "person"), len(entities))
    entities = entities[:k] + new + entities[k:]
    ms = sorted([*mentions, *extra], key=lambda m: (m.span.start, -m.span.end))
    return entities, [Mention(f"m{i}", m.span, m.text, m.kind, m.entity) for i, m in enumerate(ms, 1)]


_FIRST_PERSON = re.compile(r"\b(?:I|my|me)\b")


def narrator_alias(text: str, quote_spans: Sequence, entities: list[Entity]) -> list[Entity]:
    """Call the stand-in author "the narrator" too where the text tells in the first person
    outside quotations ("I remarked", "my uncle"): a story's unnamed narrator (issue 4)."""
    k = next((i for i, e in enumerate(entities) if e.name == "the author" and not e.mentions), None)
    if k is None:
        return entities
    spans = sorted((q.span.start, q.span.end) for q in quote_spans)
    starts = [s for s, _ in spans]
    hits = 0
    for m in _FIRST_PERSON.finditer(text):
        i = bisect.bisect_right(starts, m.start()) - 1
        # quotations do not nest at the top level often enough to look further back
        if not any(s <= m.start() < e for s, e in spans[max(0, i - 2):i + 1]):
            hits += 1
            if hits >= 3:
                e = entities[k]
                entities = list(entities)
                entities[k] = Entity(e.id, e.name, e.kind, (*e.aliases, "the narrator"), e.mentions,
                                     e.qid, e.role)
                break
    return entities


def _overlaps(sorted_spans: list[tuple[int, int, str]], start: int, end: int) -> str | None:
    """The entity of a (short, sorted) span overlapping ``[start, end)`` ('' for one
    without an entity), None where none overlaps."""
    i = bisect.bisect_left(sorted_spans, (end, end, ""))
    for s, e, ent in sorted_spans[max(0, i - 3):i]:
        if s < end and start < e:
            return ent
    return None
