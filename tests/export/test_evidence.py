"""The evidence export validates against the shipped schema and reads back losslessly."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from testimonia.export.evidence import dumps, from_evidence, schema, to_evidence, validate
from testimonia.model import (
    Assessment,
    Chain,
    Claim,
    Diagnostic,
    Entity,
    Factor,
    Mention,
    Note,
    Quote,
    Segment,
    Source,
    Span,
    Stance,
)
from testimonia.testing import make_analysis, marked

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def full_analysis():
    text, sp = marked("[t:On Bridges]\n\n[b:[p:Ann] said [q:‘it [s:shook]’].1 [c:Ann agrees.]]"
                      "\n\n[n:1. [r:Bob Lee, ‘Bridges’, 1990, p. 4.]]")
    ref = {"type": "book", "author": [{"given": "Bob", "family": "Lee"}], "title": "Bridges",
           "issued": {"date-parts": [[1990]]}, "locator": "4"}
    a = make_analysis(
        text,
        segments=(Segment("title", sp["t"][0]), Segment("body", sp["b"][0]),
                  Segment("notes", sp["n"][0])),
        notes=(Note(n=1, span=sp["n"][0], text=sp["n"][0].of(text), marker=Span(39, 40),
                    label="1", reference=ref, references=(ref,), id="n1"),),
        sources=(Source("s1", sp["r"][0], {"type": "book", "title": "Bridges"}, sp["b"][0]),),
        quote_spans=(Quote("q1", sp["q"][0]), Quote("q2", sp["s"][0], kind="scare",
                                                    parent="q1")),
        reported=(),
        mentions=(Mention("m1", sp["p"][0], "Ann", entity="p1"),),
        people=(Entity("p1", "Ann", aliases=("Ann",), mentions=(sp["p"][0],), role="author"),
                Entity("g1", "the town", kind="collective")),
        quotes=(Quote("q1", sp["q"][0], speaker="p1", cue="said", note=1, rule="cue-left"),),
        stances=(Stance("p1", "g1", "hostile", sp["c"][0], "agrees"),),
        claims=(Claim("c1", "The bridge shook", subject="p1", support=("q1",)),),
        chains=(Chain("A", "c1", "p1", "p1", "hostile", True, ("p1", "n1"), ("q1",)),),
        assessments=(Assessment("c1", "uncorroborated", "admiralty", 1, factors=(
            Factor("chains", -1, "one chain only", (sp["q"][0],)),)),),
    )
    return a.with_layers({}, (Diagnostic("N001", "a note", Span(0, 2), "notes"),))


def test_evidence_validates_against_schema() -> None:
    data = to_evidence(full_analysis())
    validate(data)
    assert data["format"] == "testimonia-evidence/1"
    assert data["claims"][0]["assessment"]["explanation"] == ["one chain only"]
    assert data["quotes"][0]["text"] == "‘it shook’"


def test_evidence_round_trips_losslessly() -> None:
    a = full_analysis()
    back = from_evidence(json.loads(dumps(to_evidence(a))))
    assert back.document == a.document
    assert dict(back.layers) == {k: v for k, v in a.layers.items()}
    assert back.diagnostics == a.diagnostics


def test_evidence_schema_rejects_bad_export() -> None:
    data = to_evidence(full_analysis())
    data["quotes"][0]["kind"] = "gossip"
    with pytest.raises(jsonschema.ValidationError):
        validate(data)
    data = to_evidence(full_analysis())
    data["segments"][0]["span"] = [3]
    with pytest.raises(jsonschema.ValidationError):
        validate(data)


def test_evidence_dumps_is_canonical() -> None:
    s = dumps(to_evidence(full_analysis()))
    assert s.endswith("}\n") and s == dumps(json.loads(s))
    assert schema()["$id"] == "testimonia-evidence/1"


@pytest.mark.model
@pytest.mark.parametrize("name", ["granary-fire.txt", "harbour-strike.txt"])
def test_evidence_examples_full_pipeline_round_trip(name: str) -> None:
    import testimonia

    a = testimonia.analyze(EXAMPLES / name)
    data = to_evidence(a)
    validate(data)
    back = from_evidence(json.loads(dumps(data)))
    assert dict(back.layers) == dict(a.layers)
