"""Chains of transmission: from the first speaker, through witnesses and works, to the page.

For each testimony that supports a claim, its *route* is built from the
records alone:

    origin (who first said it)
    → reporters inside whose accounts it stands (innermost first)
    → the recorder (the addressee of the outermost account: an interviewer)
    → the work (the note that sources the outermost quote, ibid./loc. cit.
      followed to the note it repeats; or the credit line of an excerpt)
    → the translator (from the work's CSL ``translator``)
    → the document's author.

The *witness* of a route is the first reporter, from the outside in, who is not
merely passing on a set-off passage written by someone else (a reviewer quoting
a memoir transmits; the memoirist witnesses). With no reporter around it, the
witness is the hearer when the subject speaks ("X told me that …"), else the
speaker. Routes with one origin and one witness are **one chain**: copies,
quotations of quotations and translations of one sentence collapse.

A named witness is an *eyewitness* when the text says so: they say they saw
or heard it, took part, heard it from the subject, or the author puts them
at the scene ("Two people were on the towpath that night. … Dore wrote that
…"; "Dore, who was there,"). Otherwise "presence not stated": hearsay.

Two chains are independent when their routes share no link but their ends
(origin and the citing author); ``independent_set`` picks a largest such set,
greedily, eyewitness chains first.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ..model import Chain, Claim, Entity, Note, Quote, Segment, Source, Span, Stance

_HEARSAY = re.compile(r"\b(i was told|we were told|they say|it is said|"
                      r"(i|we) (have )?heard(?= (from|of|that|it|rumou?rs?|the story|people|"
                      r"others|it said)\b)|"
                      r"reportedly|rumou?rs?|allegedly|word reached|"
                      r"(had |have |has )?heard (it |this |the story )?(from|of|that))\b",
                      re.IGNORECASE)
#: the witness says they perceived the event: "he saw Pike turn the wheel", "I heard Gaul
#: tell him", "with my own eyes" (not "heard from", which is hearsay)
#: indirect speech in which the speaker reports their own act ("Brand deposed that he
#: handed the tolls to the reeve"): a participant; thinking, hearing or deciding is not
_TOOK_PART = re.compile(r"^(that\s+)?(i|he|she|we)\s+(had\s+|has\s+|have\s+|himself\s+|"
                        r"herself\s+)?(?!(thought|believed|felt|supposed|knew|heard|"
                        r"understood|assumed|guessed|suspected|feared|hoped|expected|"
                        r"imagined|learned|learnt|decided|wanted|wished|intended|planned|"
                        r"agreed|needed|seemed|appeared|remembered|forgot|forgotten|"
                        r"believed|doubted|denied|claimed|said|told|was|were|been)\b)"
                        r"(\w+ed|gave|given|took|taken|brought|sent|met|went|gone|spoke|"
                        r"paid|sold|bought|drove|wrote|written|carried|made|put|kept|left|"
                        r"caught|held|led|ran|rode|stole|struck|threw|thrown)\b",
                        re.IGNORECASE)
_PERCEIVED = re.compile(r"\b(i|he|she|we|they)\s+(had\s+|has\s+|have\s+)?(saw|seen|watched|"
                        r"witnessed|noticed|observed|heard\s+(?!(from|of|that|it\s+from|"
                        r"the\s+story|rumou?rs?)\b)\w+\s+(say|tell|order|shout|cry|call|"
                        r"give|threaten|admit|dismiss|curse|swear)\w*)\b|"
                        r"\bwith\s+(my|his|her|our|their)\s+own\s+eyes\b|"
                        r"\b(i|he|she|we|they)\s+(was|were)\s+(present|there)\b", re.IGNORECASE)

# Presence stated by the author before the witness is named, in the same paragraph:
# "Two people were on the towpath that night. … Hannah Dore wrote that …"
_PRESENT_GROUP = re.compile(
    r"\b(?:two|three|four|five|several|a\s+few|only\s+(?:two|three|four)|both)\s+"
    r"(?:people|persons|men|women|witnesses|souls|others|of\s+them|passengers|workmen)\s+"
    r"(?:were|was|had\s+been|stood|sat|waited|worked)\s+(?:on|at|in|by|near|inside|outside|"
    r"present|there|awake|on\s+duty|on\s+watch|about)\b", re.IGNORECASE)
# …or in the witness's own description: "Hannah Dore, who was there that night,"
_WHO_PRESENT = re.compile(r"[^.!?]{0,40}?,\s+who\s+(?:was|were|had\s+been)\s+"
                          r"(?:present|there|on\s+(?:duty|watch)|an?\s+eye-?witness)\b",
                          re.IGNORECASE)


def _family(ref: Mapping[str, Any] | None, role: str = "author") -> list[str]:
    out = []
    for name in (ref or {}).get(role) or []:
        fam = name.get("family") or name.get("literal") if isinstance(name, Mapping) else name
        if fam:
            out.append(str(fam))
    return out


@dataclass
class Transmission:
    """What the assessment knows about the document: quotes, people, works, stances."""

    text: str
    quotes: dict[str, Quote]
    entities: dict[str, Entity]
    notes: dict[int, Note]
    sources: list[Source]
    segments: list[Segment]
    stances: list[Stance]
    author: str | None = None
    narrators: list[tuple[Span, str]] = field(default_factory=list)  # excerpt span → narrator

    @classmethod
    def from_view(cls, view: Any) -> Transmission:
        """Collect the layers the assessment reads."""
        tx = cls(view.text, {q.id: q for q in view["quotes"]},
                 {e.id: e for e in view["people"]},
                 {n.n: n for n in view["notes"] if n.n is not None},
                 list(view["sources"]), list(view["segments"]), list(view["stances"]))
        tx.author = tx._find_author()
        for s in tx.sources:
            who = tx.entity_named(_family(s.reference))
            target = s.credits or next((g.span for g in tx.segments if g.kind == "excerpt"),
                                       None)
            if who and target:
                tx.narrators.append((target, who))
        return tx

    def entity_named(self, families: Iterable[str]) -> str | None:
        """The entity whose name or aliases end with one of these family names."""
        for fam in families:
            f = fam.lower()
            for e in self.entities.values():
                forms = [e.name, *e.aliases]
                if any(x.lower() == f or x.lower().endswith(" " + f) for x in forms):
                    return e.id
        return None

    def _find_author(self) -> str | None:
        """The document's author: named in the signature, else the byline, else "the author"."""
        for kind in ("signature", "byline"):
            for seg in self.segments:
                if seg.kind != kind:
                    continue
                for e in self.entities.values():
                    if any(m.overlaps(seg.span) for m in e.mentions):
                        return e.id
                words = seg.span.of(self.text)
                for e in self.entities.values():
                    if e.kind == "person" and any(a and a in words for a in e.aliases):
                        return e.id
        return next((e.id for e in self.entities.values() if e.name == "the author"),
                    next((e.id for e in self.entities.values() if e.role == "author"), None))

    def presence_stated(self, who: str, before: int) -> bool:
        """True when the text puts ``who`` at the scene before ``before``: a group said to
        be there earlier in the paragraph of the witness's first mention in it ("Two people
        were on the towpath that night."), or "X, who was present," at a mention."""
        para = self.text.rfind("\n\n", 0, before) + 1
        ent = self.entities.get(who)
        if ent is None:
            return False
        for m in ent.mentions:
            if para <= m.start < before:
                if _WHO_PRESENT.match(self.text, m.end, before) or \
                        _PRESENT_GROUP.search(self.text, para, m.start):
                    return True
        return False

    def is_person(self, eid: str | None) -> bool:
        """True for a known person (not a collective, not unknown)."""
        return bool(eid) and eid in self.entities and self.entities[eid].kind == "person"

    def lineage(self, q: Quote) -> list[Quote]:
        """The quote and the quotes around it, innermost first."""
        out, seen = [q], {q.id}
        while out[-1].parent in self.quotes and out[-1].parent not in seen:
            out.append(self.quotes[out[-1].parent])
            seen.add(out[-1].id)
        return out

    def sentence_start(self, pos: int) -> int:
        """Where the sentence holding ``pos`` starts (its lead-in: "Finch said he saw …")."""
        from ..analyse.claimtext import sentence_at, sentences_of

        sents = sentences_of(self.text)
        i = sentence_at(sents, pos)
        return sents[i][0] if i is not None else pos

    def narrator_at(self, span: Span) -> str | None:
        """The author of the excerpt a span stands in (from its credit line)."""
        return next((who for sp, who in self.narrators if sp.contains(span)), None)

    def work_of(self, q: Quote) -> tuple[str | None, Mapping[str, Any] | None]:
        """The work a quote reached us through: its note (ibid. followed) or a credit line."""
        for anc in reversed(self.lineage(q)):  # the outermost quote carries the note
            if anc.note is not None and anc.note in self.notes:
                n = self.notes[anc.note]
                seen = {n.n}
                while n.same_as is not None and n.same_as in self.notes and \
                        n.same_as not in seen:
                    n = self.notes[n.same_as]
                    seen.add(n.n)
                return f"note-{n.n}", n.reference
        for s in self.sources:
            target = s.credits or next((g.span for g in self.segments if g.kind == "excerpt"),
                                       None)
            if target and target.contains(q.span):
                return s.id, s.reference
        return None, None

    def work_ref(self, work: str) -> Mapping[str, Any] | None:
        """The CSL reference of a work id on a route ("note-3" or a source id)."""
        if work.startswith("note-") and work[5:].isdigit():
            n = self.notes.get(int(work[5:]))
            return n.reference if n else None
        return next((s.reference for s in self.sources if s.id == work), None)

    def work_label(self, work: str) -> str:
        """A short human label for a work id: "note 1 (Chuyev, 1995)"."""
        ref = self.work_ref(work)
        if ref is None:
            return work
        who = ", ".join(_family(ref)) or str(ref.get("container-title") or "")
        year = issued_year(ref)
        inner = ", ".join(x for x in (who, str(year) if year else "") if x)
        title = re.split(r"[,:;]", str(ref.get("title") or work))[0]
        head = f"note {work[5:]}" if work.startswith("note-") else title
        return f"{head} ({inner})" if inner else str(head)

    def stance_of(self, holder: str | None, target: str | None) -> tuple[str | None, list[Span]]:
        """The holder's polarity toward the target (most evidence wins) and its spans."""
        if not holder or not target:
            return None, []
        found = [s for s in self.stances if s.holder == holder and s.target == target]
        if not found:
            return None, []
        votes: dict[str, int] = {}
        for s in found:
            votes[s.polarity] = votes.get(s.polarity, 0) + 1
        best = max(votes, key=lambda p: votes[p])
        return best, [s.evidence for s in found if s.polarity == best]


def issued_year(ref: Mapping[str, Any] | None) -> int | None:
    """The year a CSL reference was issued, whatever shape ``issued`` has."""
    v = (ref or {}).get("issued")
    if isinstance(v, Mapping):
        parts = v.get("date-parts") or [[None]]
        v = parts[0][0] if parts and parts[0] else None
        if v is None:
            v = (ref or {}).get("issued", {}).get("raw") or (ref or {}).get("issued", {}).get(
                "literal")
    m = re.search(r"\b(1[5-9]\d\d|20\d\d)\b", str(v)) if v is not None else None
    return int(m.group(1)) if m else None


@dataclass
class Route:
    """One testimony's way to the page."""

    quote: str
    origin: str | None
    witness: str | None
    path: tuple[str, ...]
    eyewitness: bool
    reason: str
    via_transmitter: bool


def route_of(q: Quote, subject: str | None, tx: Transmission) -> Route:
    """Build the route of one testimony (see the module docstring)."""
    lineage = tx.lineage(q)
    narrator = tx.narrator_at(q.span)
    # reporters from the outside in, each with the quote just inside it
    outer_in = list(reversed(lineage))
    witness, transmitter = None, False
    reporters: list[str] = []
    for i, anc in enumerate(outer_in[:-1]):
        inner = outer_in[i + 1]
        if not anc.speaker or anc.speaker == tx.author:
            continue
        reporters.append(anc.speaker)
        passes_on = inner.kind == "block" and inner.speaker and inner.speaker != anc.speaker
        if passes_on:
            transmitter = True
            continue
        if witness is None:
            witness = anc.speaker
    if narrator and narrator not in reporters and narrator != q.speaker:
        reporters.append(narrator)
        witness = witness or narrator
    reason = ""
    eyewitness = False
    if witness is None:
        if narrator and narrator == q.speaker:
            witness, eyewitness, reason = narrator, True, "gives their own words"
        elif q.speaker and q.speaker == subject and q.addressee:
            witness, eyewitness, reason = q.addressee, True, "heard it from the subject"
        elif q.speaker and q.speaker != tx.author:
            witness = q.speaker
            reason = "reports it; presence not stated"
            said = tx.text[tx.sentence_start(q.span.start):q.span.end]
            own = q.span.of(tx.text)
            if _HEARSAY.search(said):
                pass
            elif q.speaker == subject and re.match(r"^\W*(i|we|yes)\b", own, re.IGNORECASE):
                # "I did, sir": the subject's own first-person account of their own act
                eyewitness, reason = True, "the subject's own account"
            elif _PERCEIVED.search(said):
                eyewitness, reason = True, "says they saw or heard it"
            elif q.mode == "indirect" and _TOOK_PART.match(own):
                eyewitness, reason = True, "took part in it"
            elif tx.presence_stated(q.speaker, q.span.start):
                eyewitness, reason = True, "the text puts them there"
    else:
        direct_inside = any(x.mode == "direct" for x in lineage[:-1]) or q.mode == "direct"
        if q.addressee == witness:
            eyewitness, reason = True, "was spoken to"
        elif direct_inside or witness == narrator:
            eyewitness, reason = True, "recounts the scene in their own account"
        else:
            reason = "reports it; presence not stated"
    if witness and not tx.is_person(witness):
        eyewitness, reason = False, "a collective or unnamed source, no witness named"
    outer = outer_in[0]
    if eyewitness and _HEARSAY.search(tx.text[outer.span.start:q.span.start]):
        eyewitness, reason = False, "the account says it was heard from others"
    work, ref = tx.work_of(q)
    path: list[str] = []
    for x in [q.speaker, *[a.speaker for a in lineage[1:]]]:
        if x and x != tx.author:
            path.append(x)
    if narrator and narrator not in path:
        path.append(narrator)
    if witness and witness not in path:
        path.insert(1 if path else 0, witness)
    recorder = outer.addressee
    # the hearer of a witness's whole account (an interviewer) records it; the hearer of
    # one's own words in a scene does not
    if tx.is_person(recorder) and recorder != tx.author and recorder not in path and \
            outer.speaker == witness and (outer is not q or q.note is not None):
        path.append(recorder)
    if work:
        path.append(work)
    translator = tx.entity_named(_family(ref, "translator"))
    if translator and translator not in path:
        path.append(translator)
    if tx.author:
        path.append(tx.author)
    dedup = [p for i, p in enumerate(path) if i == 0 or p != path[i - 1]]
    return Route(q.id, q.speaker, witness, tuple(dedup), eyewitness, reason, transmitter)


def conclusions(claim: Claim, quotes: Mapping[str, Quote]) -> set[str]:
    """The claim's support that is the author's own inference: kind ``conclusion``, or
    placed as one by the claims stage (a concluding lead-in)."""
    placed = {qid for qid, rule in claim.roles if rule == "conclusion"}
    return {qid for qid in claim.support if qid in placed or
            (qid in quotes and quotes[qid].kind == "conclusion")}


def build_chains(claim: Claim, tx: Transmission) -> list[Chain]:
    """One chain per (origin-side) witness for the claim's supporting testimonies."""
    groups: dict[str, list[Route]] = {}
    concluded = conclusions(claim, tx.quotes)
    for qid in claim.support:
        q = tx.quotes.get(qid)
        if q is None or qid in concluded or (q.speaker and q.speaker == tx.author):
            continue
        r = route_of(q, claim.subject, tx)
        if r.witness is None:
            continue
        groups.setdefault(r.witness, []).append(r)
    chains = []
    for n, (witness, routes) in enumerate(sorted(
            groups.items(), key=lambda kv: min(tx.quotes[r.quote].span.start for r in kv[1]))):
        # the route shown: from the subject, first-hand, through a work, longest
        best = min(routes, key=lambda r: (r.path[:1] != (claim.subject,), r.via_transmitter,
                                          not any(p.startswith(("note-", "s")) and
                                                  p not in tx.entities for p in r.path),
                                          not r.eyewitness, -len(r.path)))
        eye = [r for r in routes if r.eyewitness]
        stance, _ = tx.stance_of(witness, claim.subject)
        origin = next((r.path[0] for r in routes if r.path and r.path[0] == claim.subject),
                      best.path[0] if best.path else None)
        chains.append(Chain(
            id=chr(ord("A") + n) if n < 26 else f"A{n}", claim=claim.id, origin=origin,
            witness=witness, witness_stance=stance, eyewitness=bool(eye),
            path=best.path, quotes=tuple(r.quote for r in routes),
            routes=tuple(dict.fromkeys(r.path for r in routes)),
            eyewitness_reason=(eye[0].reason if eye else best.reason)))
    return chains


def links(chain: Chain) -> set[str]:
    """Every link of every route of the chain, ends (origin, citing author) left out."""
    out: set[str] = set()
    for route in chain.routes or (chain.path,):
        out.update(route[1:-1])
    return out


def independent_set(chains: list[Chain], is_person: Any) -> list[Chain]:
    """A largest set of chains, greedily, that pairwise share no link; named witnesses only."""
    ranked = sorted((c for c in chains if is_person(c.witness)),
                    key=lambda c: (not c.eyewitness, -len(c.quotes), c.id))
    chosen: list[Chain] = []
    for c in ranked:
        if all(not (links(c) & links(o)) for o in chosen):
            chosen.append(c)
    return chosen
