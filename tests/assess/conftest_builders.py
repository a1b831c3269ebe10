"""Builders for assessment tests: a marked document plus hand-declared layers."""

from __future__ import annotations

from testimonia.analyse.claims import find_claims
from testimonia.analyse.segments import find_segments
from testimonia.assess.stage import assess
from testimonia.model import Analysis, Entity, Note, Quote, Stance
from testimonia.testing import make_analysis, marked, run_stage


def build(source: str, quotes: list[tuple], people: dict[str, tuple[str, ...]],
          stances: list[tuple] = (), notes: dict[int, str] | None = None,
          collectives: tuple[str, ...] = ()) -> Analysis:
    """Run segments, claims and assess over a marked text with hand-declared layers.

    ``quotes``: (label, kind, mode, speaker, addressee, parent label, note number[, cue]).
    ``people``: id → aliases (the first is the name). ``stances``: (holder, target,
    polarity, label). ``notes``: n → label of the note's text.
    """
    text, sp = marked(source)
    a = make_analysis(text)
    segs = run_stage(find_segments, a).layers["segments"]
    ents = [Entity(pid, forms[0], "collective" if pid in collectives else "person", forms,
                   tuple(s for f in forms for s in _find(text, f))) for pid, forms in people.items()]
    qs = [Quote(label, sp[label][0], kind, mode, spk, adr, parent, cue[0] if cue else None,
                None, note) for label, kind, mode, spk, adr, parent, note, *cue in quotes]
    ns = []
    for n, label in (notes or {}).items():
        span = sp[label][0]
        ns.append(Note(n=n, span=span, text=span.of(text), reference={"title": f"work {n}"}))
    st = [Stance(h, t, pol, sp[label][0]) for h, t, pol, label in stances]
    a = a.with_layers({"segments": segs, "notes": ns, "sources": (), "quotes": qs,
                       "mentions": (), "people": ents, "stances": st})
    out = run_stage(find_claims, a)
    a = a.with_layers(out.layers)
    out = run_stage(assess, a)
    return a.with_layers(out.layers)


def _find(text: str, form: str):
    from testimonia.model import Span

    start = text.find(form)
    while start >= 0:
        yield Span(start, start + len(form))
        start = text.find(form, start + 1)


def main_claim(a: Analysis):
    """The first claim (the one with most testimony) and its assessment."""
    claim = a.layer("claims")[0]
    return claim, next(x for x in a.layer("assessments") if x.claim == claim.id)
