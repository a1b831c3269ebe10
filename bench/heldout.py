"""Held-out accuracy of the full pipeline on documents it was not developed on.

    .venv/bin/python bench/heldout.py [--dir tests/fixtures/heldout] [--only NAME …] [-v]

Each ``NAME.txt`` in the folder has a hand-written ``NAME.expected.json``
(people with their surface forms, quotes, stances, the main claim). The whole
pipeline (``testimonia.analyze``) runs over every document and its evidence
export is compared with the expectation:

* an expected quote is matched by the *shortest* predicted quote whose span
  holds the expected text (the text occurs exactly once in the document);
* a predicted entity stands for the expected person with whom it shares most
  surface forms (its name and aliases against the expected forms);
* speaker / addressee / nesting accuracy are counted over every expected quote
  that is not a title (an unmatched quote counts as wrong); nesting is right
  when both parents are null, or the predicted parent's span holds the
  expected ``parent_text`` (an indirect frame around a direct quote of the same
  utterance is skipped: see ``effective_parent``);
* stances are compared as sets of (holder, target, polarity);
* the main claim is the predicted claim whose subject is the expected subject
  and whose support overlaps the expected support most; its support F1 counts
  expected support texts held by some quote in its support (recall) and
  support quotes that hold some expected support text (precision); deny and
  doubt are recall only.

A document whose analysis raises is reported as a failure and scores zero.
Overall figures are micro-averaged. Nothing here is timed.
"""

from __future__ import annotations

import argparse
import json
import sys
import traceback
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DIR = ROOT / "tests" / "fixtures" / "heldout"


@dataclass
class Tally:
    """Counts for one document (or the sum over all)."""

    quotes: int = 0
    found: int = 0
    attr: int = 0          # expected quotes that are not titles
    speaker_ok: int = 0
    addressee_ok: int = 0
    nest_ok: int = 0
    kind_ok: int = 0
    st_tp: int = 0
    st_pred: int = 0
    st_exp: int = 0
    sup_tp_r: int = 0
    sup_exp: int = 0
    sup_tp_p: int = 0
    sup_pred: int = 0
    deny_ok: int = 0
    deny_exp: int = 0
    doubt_ok: int = 0
    doubt_exp: int = 0
    grades: int = 0
    grade_ok: int = 0
    chains_ok: int = 0
    failures: list[str] = field(default_factory=list)
    error: str = ""

    def add(self, other: Tally) -> None:
        """Add another tally's counts to this one."""
        for k, v in vars(other).items():
            if isinstance(v, int):
                setattr(self, k, getattr(self, k) + v)


def ratio(a: int, b: int) -> float:
    """a / b, or 1.0 when there is nothing to count (so empty sets are not failures)."""
    return a / b if b else 1.0


def f1(tp: int, npred: int, nexp: int) -> tuple[float, float, float]:
    """Precision, recall and F1 from counts."""
    p, r = ratio(tp, npred), ratio(tp, nexp)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def locate(text: str, sub: str) -> tuple[int, int]:
    """The span of ``sub`` in ``text`` (its first occurrence; the test keeps it unique)."""
    i = text.find(sub)
    return (i, i + len(sub)) if i >= 0 else (-1, -1)


def holds(span: list[int] | tuple[int, int], inner: tuple[int, int]) -> bool:
    """Whether ``span`` contains ``inner``."""
    return inner[0] >= 0 and span[0] <= inner[0] and inner[1] <= span[1]


def shortest_holding(quotes: list[dict], inner: tuple[int, int]) -> dict | None:
    """The shortest predicted quote whose span holds ``inner``."""
    cands = [q for q in quotes if holds(q["span"], inner)]
    return min(cands, key=lambda q: q["span"][1] - q["span"][0]) if cands else None


def effective_parent(q: dict, by_id: dict[str, dict]) -> dict | None:
    """The nearest enclosing quote that is not an indirect frame around this one.

    ``X told the inquiry that the lamp "was cold"`` may be exported as a direct
    quote inside an indirect one: one utterance, so the indirect frame is skipped.
    """
    seen = set()
    parent = by_id.get(q.get("parent")) if q.get("parent") else None
    while parent is not None and parent.get("mode") == "indirect" and parent["id"] not in seen:
        seen.add(parent["id"])
        parent = by_id.get(parent.get("parent")) if parent.get("parent") else None
    return parent


def entity_names(ev: dict, people: dict[str, list[str]]) -> dict[str, str]:
    """Map each predicted entity id to an expected canonical name (or ``?name``)."""
    out = {}
    for ent in ev.get("people", []) + ev.get("collectives", []):
        forms = {ent.get("name", "")} | set(ent.get("aliases", []))
        forms_l = {f.lower() for f in forms if f}
        best, score = None, 0
        for canon, exp_forms in people.items():
            s = len(forms_l & {f.lower() for f in [canon, *exp_forms]})
            # a shared canonical name beats a shared surname (Jane Polglase vs Polglase)
            if ent.get("name", "").lower() == canon.lower():
                s += 10
            if s > score:
                best, score = canon, s
        out[ent["id"]] = best if best else f"?{ent.get('name', ent['id'])}"
    return out


def short(s: str | None, n: int = 48) -> str:
    """A quote text cut for one line of report."""
    if s is None:
        return "None"
    s = " ".join(s.split())
    return s if len(s) <= n else s[: n - 1] + "…"


def score_document(txt: Path, exp: dict, verbose: bool) -> Tally:
    """Run the pipeline over one document and compare with its expectation."""
    t = Tally()
    equotes = exp["quotes"]
    t.quotes = len(equotes)
    t.attr = sum(q["kind"] != "title" for q in equotes)
    t.st_exp = len({(s["holder"], s["target"], s["polarity"]) for s in exp["stances"]})
    mc = exp["main_claim"]
    t.sup_exp, t.deny_exp, t.doubt_exp = (len(mc["support_texts"]), len(mc["deny_texts"]),
                                          len(mc["doubt_texts"]))
    t.grades = 1
    text = txt.read_text(encoding="utf-8")
    try:
        import testimonia

        ev = testimonia.to_evidence(testimonia.analyze(txt))
    except Exception as exc:  # a pipeline error is a failure of this document, not of the bench
        t.error = f"{type(exc).__name__}: {exc}"
        if verbose:
            traceback.print_exc()
        return t

    names = entity_names(ev, exp["people"])
    name = names.get
    pquotes = [q for q in ev.get("quotes", []) if q.get("span")]
    by_id = {q["id"]: q for q in pquotes}
    matched: dict[str, dict | None] = {}
    for eq in equotes:
        pq = shortest_holding(pquotes, locate(text, eq["text"]))
        matched[eq["text"]] = pq
        if pq is None:
            t.failures.append(f"missed quote “{short(eq['text'])}” ({eq['kind']}, "
                              f"speaker {eq['speaker']})")
            continue
        t.found += 1
        t.kind_ok += pq.get("kind") == eq["kind"]
        if eq["kind"] == "title":
            continue
        got_sp = name(pq.get("speaker")) if pq.get("speaker") else None
        got_ad = name(pq.get("addressee")) if pq.get("addressee") else None
        if got_sp == eq["speaker"]:
            t.speaker_ok += 1
        else:
            t.failures.append(f"speaker “{short(eq['text'])}”: expected {eq['speaker']}, got {got_sp}"
                              f" (rule {pq.get('rule', '?')})")
        if got_ad == eq["addressee"]:
            t.addressee_ok += 1
        else:
            t.failures.append(f"addressee “{short(eq['text'])}”: expected {eq['addressee']}, "
                              f"got {got_ad}")
        parent = effective_parent(pq, by_id)
        if eq["parent_text"] is None:
            nest = parent is None
        else:
            nest = parent is not None and holds(parent["span"], locate(text, eq["parent_text"]))
        if nest:
            t.nest_ok += 1
        else:
            t.failures.append(f"nesting “{short(eq['text'])}”: expected parent "
                              f"{short(eq['parent_text'], 30)}, got "
                              f"{short(parent['text'], 30) if parent else None}")
        if pq.get("kind") != eq["kind"]:
            t.failures.append(f"kind “{short(eq['text'])}”: expected {eq['kind']}, got {pq.get('kind')}")

    pst = {(name(s["holder"]) or f"?{s['holder']}", name(s["target"]) or f"?{s['target']}",
            s["polarity"]) for s in ev.get("stances", [])}
    est = {(s["holder"], s["target"], s["polarity"]) for s in exp["stances"]}
    t.st_pred, t.st_tp = len(pst), len(pst & est)
    for s in sorted(est - pst):
        t.failures.append(f"missed stance {s}")
    for s in sorted(pst - est):
        t.failures.append(f"spurious stance {s}")

    sup_spans = [locate(text, s) for s in mc["support_texts"]]

    def covered(ids: set[str], sub: str) -> bool:
        """Whether a quote among ``ids`` holds ``sub`` (a frame or its inner quote both count)."""
        where = locate(text, sub)
        return any(i in by_id and holds(by_id[i]["span"], where) for i in ids)

    def overlap(c: dict) -> int:
        return sum(covered(set(c.get("support", [])), s) for s in mc["support_texts"])

    claims = ev.get("claims", [])
    on_subject = [c for c in claims if name(c.get("subject")) == mc["subject"]]
    claim = max(on_subject or claims, key=overlap, default=None)
    if claim is None:
        t.failures.append("no claim at all")
        return t
    if not on_subject:
        t.failures.append(f"no claim with subject {mc['subject']} (best: subject "
                          f"{name(claim.get('subject'))}: {short(claim.get('text'))})")
    support = set(claim.get("support", []))
    t.sup_tp_r = overlap(claim)
    t.sup_pred = len(support)
    t.sup_tp_p = sum(1 for qid in support if qid in by_id
                     and any(holds(by_id[qid]["span"], sp) for sp in sup_spans))
    for s in mc["support_texts"]:
        if not covered(support, s):
            t.failures.append(f"support missed “{short(s)}”")
    for qid in sorted(support):
        if qid in by_id and not any(holds(by_id[qid]["span"], sp) for sp in sup_spans):
            t.failures.append(f"support spurious “{short(by_id[qid]['text'])}”")
    for key, attr_ok, attr in (("deny", "deny_ok", "deny_texts"), ("doubt", "doubt_ok", "doubt_texts")):
        ids = set(claim.get(key, []))
        for s in mc[attr]:
            if covered(ids, s):
                setattr(t, attr_ok, getattr(t, attr_ok) + 1)
            else:
                t.failures.append(f"{key} missed “{short(s)}”")
    a = claim.get("assessment") or {}
    if a.get("grade") == mc["grade"]:
        t.grade_ok = 1
    else:
        t.failures.append(f"grade: expected “{mc['grade']}”, got “{a.get('grade')}”")
    if a.get("independent_chains") == mc["independent_chains"]:
        t.chains_ok = 1
    else:
        t.failures.append(f"independent chains: expected {mc['independent_chains']}, "
                          f"got {a.get('independent_chains')}")
    return t


def cell(a: int, b: int) -> str:
    """A ratio for the table, or a dash when nothing was expected."""
    return f"{a / b:5.2f}" if b else f"{'-':>5}"


def row(label: str, t: Tally) -> str:
    """One line of the per-document table."""
    st = f1(t.st_tp, t.st_pred, t.st_exp)[2]
    sup = f1(t.sup_tp_p, t.sup_pred, t.sup_exp)[2] if not t.error else 0.0
    return (f"{label:<20} {ratio(t.found, t.quotes):6.2f} {ratio(t.speaker_ok, t.attr):7.2f} "
            f"{ratio(t.addressee_ok, t.attr):7.2f} {ratio(t.nest_ok, t.attr):6.2f} "
            f"{ratio(t.kind_ok, t.quotes):5.2f} {st:6.2f} {sup:6.2f} "
            f"{cell(t.deny_ok, t.deny_exp)} {cell(t.doubt_ok, t.doubt_exp)} "
            f"{t.grade_ok}/{t.grades:<3} {t.chains_ok}/{t.grades}"
            + (f"  ERROR {t.error}" if t.error else ""))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dir", type=Path, default=DEFAULT_DIR)
    ap.add_argument("--only", nargs="*", default=None, help="document names (without .txt)")
    ap.add_argument("-v", "--verbose", action="store_true", help="list every failure")
    args = ap.parse_args(argv)
    docs = sorted(p for p in args.dir.glob("*.txt")
                  if (p.with_suffix("").with_suffix(".expected.json")).exists()
                  and (not args.only or p.stem in args.only))
    if not docs:
        print(f"no held-out documents in {args.dir}", file=sys.stderr)
        return 2
    print(f"{'document':<20} {'quotes':>6} {'speaker':>7} {'addr':>7} {'nest':>6} {'kind':>5} "
          f"{'stF':>6} {'supF':>6} {'deny':>5} {'doubt':>5} grade chains")
    total = Tally()
    per: list[tuple[str, Tally]] = []
    for txt in docs:
        exp = json.loads(txt.with_suffix("").with_suffix(".expected.json").read_text(encoding="utf-8"))
        t = score_document(txt, exp, args.verbose)
        per.append((txt.stem, t))
        total.add(t)
        print(row(txt.stem, t), flush=True)
    print(row("ALL (micro)", total))
    if args.verbose:
        for stem, t in per:
            print(f"\n## {stem}")
            for f in t.failures:
                print(f"  - {f}")
    st = f1(total.st_tp, total.st_pred, total.st_exp)
    sup = f1(total.sup_tp_p, total.sup_pred, total.sup_exp)
    errors = sum(1 for _, t in per if t.error)
    print(f"heldout: quotes={ratio(total.found, total.quotes):.2f} "
          f"speaker={ratio(total.speaker_ok, total.attr):.2f} "
          f"addressee={ratio(total.addressee_ok, total.attr):.2f} "
          f"nesting={ratio(total.nest_ok, total.attr):.2f} "
          f"stances P={st[0]:.2f} R={st[1]:.2f} F={st[2]:.2f} "
          f"claims support F={sup[2]:.2f} grades={total.grade_ok}/{total.grades} "
          f"chains={total.chains_ok}/{total.grades}"
          + (f" errors={errors}" if errors else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
