"""A fast fake pipeline for store tests: real records from cheap rules, calls counted.

Every layer the store has a table for gets records, so completeness checks bite:
paragraphs → segments, “…” → quotes, capitalised words → people with aliases,
one note, one stance, one claim with a chain and an assessment per document.
"""

from __future__ import annotations

import re
import time

from testimonia.analyse.pipeline import LayerView, Pipeline, StageOutput, stage
from testimonia.model import (
    Assessment,
    Chain,
    Claim,
    Entity,
    Factor,
    Note,
    Quote,
    Segment,
    Source,
    Span,
    Stance,
)
from testimonia.settings import Settings

ALL = ("segments", "notes", "sources", "quotes", "people", "stances", "claims", "chains",
       "assessments")


def fake_layers(text: str, scale: int = 1) -> dict[str, list]:
    paras = [m.span() for m in re.finditer(r"[^\n]+(?:\n[^\n]+)*", text)] or [(0, len(text))]
    segments = [Segment("body", Span(s, e)) for s, e in paras] * scale
    quotes = [Quote(f"q{i + 1}", Span(m.start(), m.end()), cue="said", speaker="p1")
              for i, m in enumerate(re.finditer(r"“[^”]*”", text))]
    names = list(dict.fromkeys(re.findall(r"\b[A-Z][a-z]+\b", text)))[:20] or ["Nobody"]
    people = [Entity(f"p{i + 1}", n, aliases=(n, n.upper()), mentions=(Span(0, 1),))
              for i, n in enumerate(names)]
    notes = [Note(1, Span(0, min(5, len(text))), text[:5], id="n1",
                  reference={"type": "book", "title": "A Book", "author": [{"family": "Roe"}]})]
    sources = [Source("s1", Span(0, 1), {"type": "article", "title": "Credit"})]
    stances = [Stance("p1", "p1", "neutral", Span(0, 1), "cue")]
    claims = [Claim("c1", "something happened", support=tuple(q.id for q in quotes))]
    chains = [Chain("A", "c1", "p1", "p1", "neutral", True, ("p1",), tuple(q.id for q in quotes))]
    assessments = [Assessment("c1", "C3", "admiralty", 1,
                              factors=(Factor("single", -1, "one chain only", (Span(0, 1),)),))]
    return {"segments": segments, "notes": notes, "sources": sources, "quotes": quotes,
            "people": people, "stances": stances, "claims": claims, "chains": chains,
            "assessments": assessments}


class CountingPipeline:
    """Wraps a one-stage fake pipeline; ``calls`` counts analysed documents."""

    def __init__(self, scale: int = 1, delay: float = 0.0, fail_on: str = "") -> None:
        self.calls = 0
        self.scale = scale
        self.delay = delay
        self.fail_on = fail_on

        @stage("fake", provides=ALL, version=1)
        def everything(view: LayerView, settings: Settings) -> StageOutput:
            if self.fail_on and self.fail_on in view.text:
                raise RuntimeError("fake stage bug")
            if self.delay:
                time.sleep(self.delay)
            return StageOutput(fake_layers(view.text, self.scale))

        self.pipeline = Pipeline((everything,))
        self.fingerprint = self.pipeline.fingerprint

    def run(self, document, settings=None):  # noqa: ANN001, ANN201
        self.calls += 1
        return self.pipeline.run(document, settings)
