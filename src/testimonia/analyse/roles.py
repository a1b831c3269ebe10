"""Person-like descriptions, collectives and author lines (issue 5), without a model.

- :func:`role_descriptions`: definite descriptions that stand for an unnamed
  person — "the reviewer of the memoirs of X", "The anonymous reviewer of the
  ‘Times Literary Supplement’". Two descriptions with the same role noun in one
  document are one person (a definite description points back to the one
  reviewer already introduced) unless they review different named people.
- :func:`collectives`: "the Soviet literature", "the Politbureau members",
  "the Zinoviev-Kamenev fraction", and possessive groups "his (opposition) group",
  "his fraction", whose owner the people stage resolves.
- :func:`role_nouns`: role nouns that name exactly one person ("Alderman Cyril
  Dunmore", "the inspector, Hugh Maddox") so that "the alderman" is Dunmore.
- :func:`author_names`: the names a byline, signature or credit line gives, with
  the role each plays ("author", "translator").

Example::

    >>> [r.role for r in role_descriptions("…not lost on the reviewer of the memoirs of Ann Lee.")]
    ['reviewer']
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from ..model import Span

ROLE_NOUNS = ("reviewer", "critic", "biographer", "translator", "editor", "interviewer",
              "correspondent", "chronicler", "compiler", "narrator", "informant", "memoirist",
              "diarist", "annotator", "commentator", "publisher", "author", "writer")
_NAME = r"[A-Z][\w’'\-]*(?:\s+(?:[A-Z]\.\s?)*[A-Z][\w’'\-]*)*"
_QUOTED = r"[‘“\"'][^’”\"'\n]{2,80}[’”\"']"
_ROLE_RE = re.compile(
    r"\b(?P<det>[Tt]he|[Tt]his|[Tt]hat)\s+(?P<adj>(?:[a-z]+\s+){0,2}?)"
    r"(?P<role>" + "|".join(ROLE_NOUNS) + r")\s+of\s+"
    r"(?P<obj>(?:the\s+)?(?:(?:memoirs|book|diary|letters|biography|article|review|"
    r"recollections|reminiscences|works?|writings|papers|edition|translation)\s+of\s+"
    + _NAME + r"|" + _NAME + r"[’']s\s+(?:memoirs|book|diary|letters|biography|article|collection|"
    r"recollections|reminiscences|works?|writings|papers|edition|translation|transcript|study)"
    r"|" + _QUOTED + r"|" + _NAME + r"))"
)
_GROUP_NOUNS = r"(?:group|fraction|faction|bloc|circle|clique|opposition|followers|supporters|associates|entourage)"
_GROUP_RE = re.compile(
    r"\b(?P<det>[Hh]is|[Hh]er|[Tt]heir)\s+(?P<adj>(?:[a-z]+\s+)?)(?P<noun>" + _GROUP_NOUNS + r")\b")
_NAMED_GROUP_RE = re.compile(
    r"\b(?P<det>[Tt]he)\s+(?P<names>[A-Z][\w’']+(?:[-–][A-Z][\w’']+)*)\s+(?P<noun>"
    + _GROUP_NOUNS + r"|trial|centre|center)\b")
_MEMBERS_RE = re.compile(
    r"\b(?P<det>[Tt]he)\s+(?P<org>(?:[A-Z][\w’'\-]+\s+){1,3})(?P<noun>members|leaders|leadership|"
    r"delegates|authorities|government|press|literature|historiography|émigrés|emigres|"
    r"opposition|bureaucracy|officials|historians|sources)\b")
_DESC_ADJ = re.compile(r"^(?:anonymous|unnamed|unknown|same|present|former|later|"
                       r"original|english|french|german|russian|american|british|[a-z]+ish|[a-z]+an)?\s*$")
_CREDIT_RE = re.compile(
    r"^\s*(?:courtesy|source|from|reprinted from|excerpted from|extracts? from)\s*:?\s*"
    r"(?P<name>(?:[A-Z][\w’'\-]*\.?\s+){0,3}[A-Z][\w’'\-]+)\s*(?:[,:(]|$)",
    re.IGNORECASE)
_BY_RE = re.compile(r"\b(?P<verb>(?i:translated|edited|compiled|introduced|selected|written))"
                    r"(?:\s+(?:from|into)\s+(?:the\s+)?[A-Z]\w+)?\s+by\s+"
                    r"(?P<name>(?:[A-Z][\w’'\-]*\.?\s+){0,3}[A-Z][\w’'\-]+)")
_NAMEISH = re.compile(r"^(?:[A-Z][\w’'\-]*\.?|[A-Z]\.(?:[A-Z]\.)*|de|van|von|da|di|du|le|la)"
                      r"(?:\s+(?:[A-Z][\w’'\-]*\.?|[A-Z]\.(?:[A-Z]\.)*|de|van|von|da|di|du|le|la)){0,4}$")


@dataclass(frozen=True, slots=True)
class RoleDescription:
    """A definite description standing for an unnamed person."""

    span: Span
    text: str
    role: str
    of_name: str  # the person the described work is by/about, if named ("" if not)


@dataclass(frozen=True, slots=True)
class Collective:
    """A mention of a group; ``owner_at`` is the offset of "his/her/their" to resolve."""

    span: Span
    text: str
    key: str  # what makes two mentions one group (owner resolved later for possessives)
    owner_at: int | None = None
    members: tuple[Span, ...] = ()  # named members ("the Zinoviev-Kamenev fraction")


def role_descriptions(text: str, start: int = 0, end: int | None = None) -> list[RoleDescription]:
    """Find "the reviewer of …"-style descriptions of unnamed people."""
    end = len(text) if end is None else end
    out = []
    for m in _ROLE_RE.finditer(text, start, end):
        if not _DESC_ADJ.match(m.group("adj")):
            continue
        obj = m.group("obj")
        of = re.search(r"\bof\s+(" + _NAME + r")$", obj) or re.match(r"(" + _NAME + r")[’']s\s", obj)
        out.append(RoleDescription(Span(m.start(), m.end()), m.group(), m.group("role"),
                                   of.group(1) if of else ""))
    return out


# "Alderman Cyril Dunmore", also where the mention is the surname alone ("Governor Amos
# Crane" with "Crane" the mention)
_TITLE_BEFORE = re.compile(r"\b(?P<noun>[A-Z][a-z]{3,})\s+(?:[A-Z][a-z]+\s+)?$")
_APPOS_BEFORE = re.compile(r"\b[Tt]he\s+(?P<noun>[a-z]{4,}),\s*$")  # "the inspector, Hugh Maddox"
_APPOS_AFTER = re.compile(r"^,\s*the\s+(?P<noun>[a-z]{4,})\b")  # "Hugh Maddox, the inspector"
# sentence openers and common words a capitalised word before a name may be
_NOT_ROLES = frozenset({"said", "told", "asked", "when", "then", "with", "from", "that", "this",
                        "what", "where", "after", "before", "while", "dear", "poor", "young",
                        "little", "good", "great", "only", "even", "both", "also", "like"})


def role_nouns(text: str, person_mentions: Iterable[tuple[Span, str | None]]) -> dict[str, str]:
    """Role nouns (lower case) that name exactly one person, and that person.

    The title before a name ("Alderman Cyril Dunmore", "Inspector Maddox") or an
    apposition ("the inspector, Hugh Maddox," / "Hugh Maddox, the inspector,"),
    kept only where the text also says "the <noun>" and no other person bears it.
    """
    seen: dict[str, set[str]] = {}
    for span, entity in person_mentions:
        before = text[max(0, span.start - 40):span.start]
        after = text[span.end:span.end + 40]
        for rx, where in ((_TITLE_BEFORE, before), (_APPOS_BEFORE, before),
                          (_APPOS_AFTER, after)):
            hit = rx.search(where)
            if hit:
                seen.setdefault(hit.group("noun").lower(), set()).add(entity or "")
    lower = text.lower()
    return {n: next(iter(es)) for n, es in seen.items()
            if len(es) == 1 and n not in _NOT_ROLES and f"the {n}" in lower}


def same_role(a: RoleDescription, b: RoleDescription) -> bool:
    """Return True when two descriptions in one document name one person."""
    return a.role == b.role and not (a.of_name and b.of_name and a.of_name != b.of_name)


def collectives(text: str, start: int = 0, end: int | None = None) -> list[Collective]:
    """Find group mentions; possessive ones carry the offset of their pronoun."""
    end = len(text) if end is None else end
    out: list[Collective] = []
    for m in _GROUP_RE.finditer(text, start, end):
        noun = m.group("noun")
        if noun == "opposition" and m.group("adj"):
            continue  # "his bitter opposition" is an attitude, not a group
        out.append(Collective(Span(m.start(), m.end()), m.group(), "possessive-group",
                              owner_at=m.start("det")))
    for m in _NAMED_GROUP_RE.finditer(text, start, end):
        members = []
        pos = m.start("names")
        parts = re.split(r"[-–]", m.group("names"))
        for part in parts if len(parts) > 1 else ():  # "the Moscow group" names no one
            members.append(Span(pos, pos + len(part)))
            pos += len(part) + 1
        out.append(Collective(Span(m.start(), m.end()), m.group(),
                              "named:" + m.group("names").lower() + ":" + m.group("noun"),
                              members=tuple(members)))
    for m in _MEMBERS_RE.finditer(text, start, end):
        org = m.group("org").strip()
        out.append(Collective(Span(m.start(), m.end()), m.group(),
                              "org:" + org.lower() + ":" + m.group("noun")))
    out.sort(key=lambda c: c.span.start)
    return out


def looks_like_name(s: str) -> bool:
    """Return True for a short run of capitalised words such as "Vijay Singh"."""
    s = s.strip()
    return bool(s) and len(s) <= 60 and bool(_NAMEISH.match(s)) and " " in s


def author_names(text: str, span: Span, kind: str) -> list[tuple[Span, str]]:
    """Return (span, role) of each person a byline, signature or credit line names.

    Args:
        text: the document text.
        span: the segment's span.
        kind: the segment kind ("byline", "signature" or "credit").
    """
    seg = span.of(text)
    out: list[tuple[Span, str]] = []
    if kind in ("byline", "signature"):
        body = re.sub(r"^\s*(?:by|von|par|—|–|-)\s+", "", seg, flags=re.IGNORECASE)
        offset = span.start + (len(seg) - len(body))
        pos = 0
        for sep in [*re.finditer(r"\s*(?:,|&|\band\b|\n)\s*", body), None]:
            end = sep.start() if sep else len(body)
            part = body[pos:end].strip()
            if looks_like_name(part):
                s = offset + pos + (len(body[pos:end]) - len(body[pos:end].lstrip()))
                out.append((Span(s, s + len(part)), "author"))
            pos = sep.end() if sep else len(body)
        return out
    if kind == "credit":
        for line_m in re.finditer(r"[^\n]+", seg):
            line = line_m.group()
            base = span.start + line_m.start()
            m = _CREDIT_RE.match(line)
            if m and looks_like_name(m.group("name")):
                out.append((Span(base + m.start("name"), base + m.end("name")), "author"))
            for b in _BY_RE.finditer(line):
                if looks_like_name(b.group("name")):
                    verb = b.group("verb").lower()
                    role = "translator" if verb == "translated" else (
                        "editor" if verb in ("edited", "compiled", "selected")
                        else "author")
                    out.append((Span(base + b.start("name"), base + b.end("name")), role))
    return out


def narrator_at(pos: int, segments, people, quotes=()) -> str | None:  # noqa: ANN001
    """Return the id of whoever speaks at offset ``pos``: the "I" of the text there.

    Inside a quotation with a known speaker, that speaker; in an excerpt, the
    author its credit line names; elsewhere the document's author (signature,
    else byline, else the entity named "the author").

    Args:
        pos: an offset into the document text.
        segments: the ``segments`` layer.
        people: the ``people`` layer (entities with ``role``).
        quotes: the ``quotes`` layer (attributed quotations), possibly empty.
    """
    inner = [q for q in quotes if q.span.start <= pos < q.span.end and q.speaker
             and q.kind in ("speech", "block")]
    if inner:
        return min(inner, key=lambda q: len(q.span)).speaker
    authors = [e for e in people if e.role == "author"]

    def named_in(kinds: tuple[str, ...], near: int | None = None) -> str | None:
        hits = [(s.start, e.id) for e in authors for s in e.mentions for seg in segments
                if seg.kind in kinds and seg.span.contains(s)]
        if not hits:
            return None
        if near is None:
            return hits[0][1]
        after = [h for h in hits if h[0] >= near]  # the credit line after the excerpt
        return (min(after) if after else max(hits))[1]

    seg = next((s for s in segments if s.span.start <= pos < s.span.end), None)
    if seg is not None and seg.kind == "excerpt":
        who = named_in(("credit",), pos)
        if who:
            return who
    who = named_in(("signature",)) or named_in(("byline",))
    if who:
        return who
    fallback = next((e.id for e in authors if e.name == "the author"), None)
    return fallback or (authors[0].id if authors else None)
