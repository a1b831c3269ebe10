"""The verdict on a claim: a deterministic function of factors, each resting on spans.

Scale: the Admiralty (NATO STANAG 2511) information-credibility grades, with
plain words beside each:

=====  =================  ==============================================================
grade  Admiralty          when (first row that fits)
=====  =================  ==============================================================
1      confirmed          ≥ 2 independent eyewitness chains whose witnesses stood on
                          opposite sides of the subject
2      probably true      ≥ 2 independent eyewitness chains; or one eyewitness chain and
                          independent hearsay
3      possibly true      one eyewitness chain; or ≥ 2 independent hearsay chains
4      doubtful           hearsay from one source; or an assertion with no named witness
5      improbable         no supporting testimony, only denials
6      cannot be judged   nothing to go on
=====  =================  ==============================================================

Weakening factors (a denial by the subject not outweighed by an admission, a
doubt raised, a work said to be silent) move a grade of 2 or weaker down one
step; they never move a claim corroborated by opposite-sympathy witnesses,
since two independent witnesses with opposite interests outweigh a doubt
that names no counter-evidence. Every factor is reported with its spans.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..analyse import claimtext as ct
from ..model import Assessment, Chain, Claim, Factor, Span
from .chains import Transmission, conclusions, independent_set, issued_year

_YEAR = re.compile(r"\b(1[5-9]\d\d|20\d\d)\b")

SCALE = "Admiralty credibility (1 confirmed … 6 cannot be judged)"
ADMIRALTY = {1: "confirmed", 2: "probably true", 3: "possibly true", 4: "doubtful",
             5: "improbable", 6: "cannot be judged"}


def _name(tx: Transmission, eid: str | None) -> str:
    if not eid:
        return "someone unnamed"
    e = tx.entities.get(eid)
    return e.name if e else eid


def _first_forms(words) -> list[str]:
    """Words in order, each kept as first written, repeats (in any case) dropped."""
    seen: dict[str, str] = {}
    for w in words:
        seen.setdefault(w.lower(), w)
    return list(seen.values())


def _quote_words(tx: Transmission, qid: str, width: int = 70) -> str:
    q = tx.quotes.get(qid)
    if q is None:
        return qid
    s = " ".join(q.span.of(tx.text).split()).strip("‘’“”\"' ")
    return "‘" + (s if len(s) <= width else s[:width - 1] + "…") + "’"


def _spans(tx: Transmission, qids: Sequence[str]) -> tuple[Span, ...]:
    return tuple(tx.quotes[q].span for q in qids if q in tx.quotes)


def assess_claim(claim: Claim, chains: Sequence[Chain], tx: Transmission,
                 silences: Sequence[tuple[str, Span]] = ()) -> Assessment:
    """Grade one claim and explain it, one factor per reason."""
    factors: list[Factor] = []
    subj = _name(tx, claim.subject)
    ind = independent_set(list(chains), tx.is_person)
    eye_ind = [c for c in ind if c.eyewitness]
    hearsay_ind = [c for c in ind if not c.eyewitness]
    unnamed = [c for c in chains if not tx.is_person(c.witness)]
    # "It has long been said that …", "… repeated in the regional press": an assertion that
    # names nobody who said it is no chain, but it is not nothing either
    roles = dict(claim.roles)
    concluded = conclusions(claim, tx.quotes)
    anonymous = [qid for qid in claim.support if qid in tx.quotes and
                 not tx.quotes[qid].speaker and qid not in concluded and
                 not roles.get(qid, "").startswith("answer")]

    for c in chains:
        who = _name(tx, c.witness)
        kind = "eyewitness" if c.eyewitness else "hearsay"
        via = " → ".join(_name(tx, p) if p in tx.entities else p for p in c.path)
        copies = f"; {len(c.quotes)} renderings counted once" if len(c.quotes) > 1 else ""
        via = " → ".join(tx.work_label(p) if p not in tx.entities else _name(tx, p)
                         for p in c.path)
        factors.append(Factor(
            "chain", +1 if c.eyewitness and c in ind else 0,
            f"Chain {c.id} ({kind}: {who} {c.eyewitness_reason}): {via}{copies}.",
            _spans(tx, c.quotes)))
    if len(ind) != len([c for c in chains if tx.is_person(c.witness)]):
        shared = [c.id for c in chains if tx.is_person(c.witness) and c not in ind]
        factors.append(Factor("dependence", -1,
                              f"Chain(s) {', '.join(shared)} share a witness or work with "
                              "another chain and are not counted as independent.", ()))
    if anonymous:
        factors.append(Factor(
            "chain", 0, "Asserted without a named witness: "
            + ", ".join(_quote_words(tx, q) for q in anonymous[:3]) + ".", _spans(tx, anonymous)))
    factors.append(Factor(
        "independence", +1 if len(ind) > 1 else 0,
        f"{len(ind)} independent chain(s) with a named witness"
        + (f" ({len(eye_ind)} eyewitness)" if ind else "")
        + (f"; {len(unnamed) + len(anonymous)} assertion(s) without a named witness"
           if unnamed or anonymous else "") + ".",
        ()))

    stances = {}
    for c in eye_ind or ind:
        pol, ev = tx.stance_of(c.witness, claim.subject)
        if pol:
            stances[c.witness] = pol
            words = "; ".join("‘" + " ".join(s.of(tx.text).split()) + "’" for s in ev[:2])
            factors.append(Factor("stance", 0, f"{_name(tx, c.witness)} was {pol} toward "
                                               f"{subj}: {words}.", tuple(ev)))
    opposite = {"sympathetic", "hostile"} <= set(stances.values()) and len(eye_ind) >= 2
    if opposite:
        sym = [w for w, p in stances.items() if p == "sympathetic"]
        hos = [w for w, p in stances.items() if p == "hostile"]
        factors.append(Factor(
            "opposite_sympathy", +1,
            f"Witnesses of opposite sympathy concur: {', '.join(_name(tx, w) for w in sym)} "
            f"(sympathetic to {subj}) and {', '.join(_name(tx, w) for w in hos)} (hostile).",
            ()))
    damaging = bool(ct.pattern("damaging").search(claim.text)) or bool(claim.deny)
    for c in ind:
        if stances.get(c.witness) == "sympathetic" and damaging:
            factors.append(Factor(
                "against_interest", +1,
                f"{_name(tx, c.witness)}, sympathetic to {subj}, reports something damaging "
                "to them: a statement against the witness's own side.",
                _spans(tx, c.quotes[:1])))

    admissions = [q for q in claim.support if q in tx.quotes and claim.subject and
                  tx.quotes[q].speaker == claim.subject and
                  ct.pattern("answer").match(tx.quotes[q].span.of(tx.text).strip("‘’“”\"' "))]
    denials = [q for q in claim.deny if q in tx.quotes and tx.quotes[q].speaker == claim.subject]
    if admissions:
        factors.append(Factor("admission", +1, f"{subj} admitted it: "
                              + ", ".join(_quote_words(tx, q) for q in admissions) + ".",
                              _spans(tx, admissions)))
    if denials:
        later = bool(admissions) and max(tx.quotes[q].span.start for q in admissions) > \
            min(tx.quotes[q].span.start for q in denials)
        factors.append(Factor(
            "denial", 0 if later else -1,
            f"{subj} denied it: " + ", ".join(_quote_words(tx, q) for q in denials)
            + (" — and admitted it afterwards." if later else "."), _spans(tx, denials)))
    doubters = []
    for qid in claim.doubt:
        q = tx.quotes.get(qid)
        if q is None:
            continue
        doubters.append(q.speaker) if q.speaker and q.speaker not in doubters else None
        text = q.span.of(tx.text)
        cues = [(m.start(), m.end(), "‘" + m.group(0) + "’")
                for m in ct.pattern("doubt").finditer(text)]
        for m in re.finditer(r"(?<=[.!?:]\s)[A-Z][^.!?]{5,120}\?", text):
            if ct.pattern("rhetorical").match(m.group(0)):
                cues.append((m.start(), m.end(), "‘" + m.group(0) + "’"))
        spans = tuple(Span(q.span.start + a, q.span.start + b) for a, b, _ in cues[:5])
        factors.append(Factor("doubt", -1, f"{_name(tx, q.speaker)} doubts it ("
                              + ", ".join(_first_forms(w for _, _, w in cues))
                              + ") but names no counter-evidence.", spans or (q.span,)))
    for qid in claim.support:
        q = tx.quotes.get(qid)
        if q is not None and qid in concluded:
            factors.append(Factor("conclusion", 0, f"{_name(tx, q.speaker)} concludes: "
                                                   f"{_quote_words(tx, qid, 100)}.", (q.span,)))
    factors.extend(_time_factors(chains, tx))
    for label, span in silences:
        factors.append(Factor("silence", -1, f"Silence: {label} does not mention it "
                                             "(an argument from silence).", (span,)))

    grade, words = _grade(len(eye_ind), len(hearsay_ind), len(unnamed) + len(anonymous),
                          bool(claim.support),
                          bool(claim.deny), opposite)
    weakeners = [f for f in factors if f.kind in ("doubt", "silence") or
                 (f.kind == "denial" and f.effect < 0)]
    if weakeners and 2 <= grade <= 4 and not opposite:
        grade += 1
        words += "; weakened by " + ", ".join(sorted({f.kind for f in weakeners}))
    factors.insert(0, Factor("verdict", 0, f"Verdict: {words} (Admiralty {grade}, "
                                           f"{ADMIRALTY[grade]}).", ()))
    return Assessment(
        claim=claim.id, grade=words, scale=f"Admiralty {grade} ({ADMIRALTY[grade]})",
        independent_chains=len(ind), subject_admission=bool(admissions),
        subject_denial=bool(denials), doubters=tuple(d for d in doubters if d),
        silences=tuple(label for label, _ in silences), factors=tuple(factors))


def _time_factors(chains: Sequence[Chain], tx: Transmission) -> list[Factor]:
    """Time between the event (a year in the testimony's sentence) and its record."""
    from ..analyse.claimtext import sentence_at, sentences_of

    sents = sentences_of(tx.text)
    out = []
    for c in chains:
        works = [p for p in c.path if p not in tx.entities]
        record = next((issued_year(tx.work_ref(w)) for w in works if tx.work_ref(w)), None)
        if record is None:
            continue
        event, where = None, None
        for qid in c.quotes:
            q = tx.quotes.get(qid)
            i = sentence_at(sents, q.span.start) if q else None
            if i is not None:
                m = _YEAR.search(tx.text, *sents[i])
                if m and int(m.group(1)) <= record:
                    event, where = int(m.group(1)), Span(m.start(), m.end())
                    break
        if event is None:
            out.append(Factor("time", 0, f"Chain {c.id} was recorded in {record}; the text "
                                         "gives no date for the event.", ()))
            continue
        gap = record - event
        late = gap >= 20 and c.eyewitness
        out.append(Factor("time", -1 if late else 0,
                          f"Chain {c.id}: event {event}, recorded {record} "
                          f"({gap} years later{': a late recollection' if late else ''}).",
                          (where,)))
    return out


def _grade(eye: int, hearsay: int, unnamed: int, support: bool, deny: bool,
           opposite: bool) -> tuple[int, str]:
    """The first row of the table in the module docstring that fits."""
    if not support:
        return (5, "denied; no supporting testimony") if deny else (6, "nothing to go on")
    if eye >= 2 and opposite:
        return 1, "corroborated by independent witnesses of opposite sympathy"
    if eye >= 2:
        return 2, "corroborated by independent eyewitnesses"
    if eye == 1 and hearsay >= 1:
        return 2, "one eyewitness, corroborated by independent hearsay"
    if eye == 1:
        return 3, "a single eyewitness, uncorroborated"
    if hearsay >= 2:
        return 3, "independent hearsay only"
    if hearsay == 1:
        return 4, "hearsay from a single source"
    return 4, "asserted without a named witness" if unnamed else "no traceable witness"
