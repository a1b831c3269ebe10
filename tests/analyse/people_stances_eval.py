"""Precision/recall of the people and stances stages over our own fixture passages.

``tests/fixtures/people_stances.jsonl`` holds short passages we wrote, each with
the expected person clusters (surface forms that name one person) and stances
(holder form, target form, polarity). Run as a script to print the figures::

    python tests/analyse/people_stances_eval.py          # rules only, no model
    python tests/analyse/people_stances_eval.py --model  # with spaCy NER
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

from testimonia.analyse import people, segments, stances
from testimonia.testing import make_analysis, run_stage

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "people_stances.jsonl"


def load_cases(path: Path = FIXTURES) -> list[dict[str, Any]]:
    """Read the fixture passages."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def norm(s: str) -> str:
    """Case-fold, drop quotation marks and punctuation: how forms are compared."""
    s = unicodedata.normalize("NFKC", s).casefold()
    s = re.sub(r"[‘’“”'\"`]", "", s)
    return re.sub(r"\W+", " ", s).strip()


def no_ner(texts, model, batch_size=64):  # noqa: ANN001, ANN201
    """An NER that finds nothing: the rules alone."""
    return [[] for _ in texts]


def analyse(text: str, ner: Callable | None = None) -> tuple[list, list]:
    """Run segments → people → stances over ``text``; return (entities, stances)."""
    a = make_analysis(text)
    a = a.with_layers(run_stage(segments.find_segments, a).layers)
    a = a.with_layers({"notes": (), "sources": (), "quote_spans": (), "quotes": ()})
    saved = people.ner
    if ner is not None:
        people.ner = ner
    try:
        a = a.with_layers(run_stage(people.find_people, a).layers)
    finally:
        people.ner = saved
    a = a.with_layers(run_stage(stances.find_stances, a).layers)
    return list(a.layer("people")), list(a.layer("stances"))


def _prf(tp: int, npred: int, ngold: int) -> tuple[float, float, float]:
    p = tp / npred if npred else 1.0
    r = tp / ngold if ngold else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _links(case_id: str, clusters: list[list[str]]) -> set[tuple[str, str, str]]:
    out = set()
    for c in clusters:
        forms = sorted({norm(f) for f in c})
        out |= {(case_id, a, b) for i, a in enumerate(forms) for b in forms[i + 1:]}
    return out


def evaluate(cases: list[dict[str, Any]], ner: Callable | None = None) -> dict[str, Any]:
    """Score every case; return P/R/F per measure and the cases that missed."""
    g_links, p_links, g_forms, p_forms, g_st, p_st = set(), set(), set(), set(), set(), set()
    misses: list[str] = []
    for case in cases:
        cid = case["id"]
        ents, sts = analyse(case["text"], ner)
        persons = [e for e in ents if e.kind == "person"]
        gl = _links(cid, case["people"])
        pl = _links(cid, [list(e.aliases) for e in persons])
        g_links |= gl
        p_links |= pl
        gf = {(cid, norm(f)) for c in case["people"] for f in c}
        pf = {(cid, norm(a)) for e in persons for a in e.aliases}
        g_forms |= gf
        p_forms |= pf & gf
        # An entity stands for the expected cluster sharing a form with it.
        label: dict[str, str] = {}
        for e in ents:
            names = {norm(a) for a in e.aliases} | {norm(e.name)}
            for c in case["people"] + case.get("collectives", []) + [["the author"]]:
                if names & {norm(f) for f in c}:
                    label[e.id] = norm(c[0])
                    break
            else:
                label[e.id] = "?" + norm(e.name)
        gs = {(cid, norm(h), norm(t), pol) for h, t, pol in case["stances"]}
        ps = {(cid, label.get(s.holder, s.holder), label.get(s.target, s.target), s.polarity)
              for s in sts}
        g_st |= gs
        p_st |= ps
        if gl != pl or gs != ps or gf - pf:
            misses.append(f"{cid}: links -{sorted(x[1:] for x in gl - pl)} +{sorted(x[1:] for x in pl - gl)}"
                          f" forms -{sorted(x[1] for x in gf - pf)}"
                          f" stances -{sorted(x[1:] for x in gs - ps)} +{sorted(x[1:] for x in ps - gs)}")
    return {
        "cases": len(cases),
        "alias_links": _prf(len(g_links & p_links), len(p_links), len(g_links)),
        "surface_recall": len(p_forms) / len(g_forms) if g_forms else 1.0,
        "stances": _prf(len(g_st & p_st), len(p_st), len(g_st)),
        "misses": misses,
    }


def report(res: dict[str, Any]) -> str:
    """Format the figures as the seed scorer does, one measure a line."""
    lines = [f"cases {res['cases']}"]
    for k in ("alias_links", "stances"):
        p, r, f = res[k]
        lines.append(f"{k:16s} P={p:.2f} R={r:.2f} F={f:.2f}")
    lines.append(f"{'surface_recall':16s} {res['surface_recall']:.2f}")
    lines += ["  miss " + m for m in res["misses"]]
    return "\n".join(lines)


if __name__ == "__main__":
    print(report(evaluate(load_cases(), None if "--model" in sys.argv else no_ner)))
