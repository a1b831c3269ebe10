"""A small store for the web reader's tests, built by hand (no spaCy)."""

from __future__ import annotations

import pytest

from testimonia.export.evidence import to_evidence
from testimonia.model import (
    Assessment,
    Chain,
    Claim,
    Diagnostic,
    Entity,
    Factor,
    Note,
    Quote,
    Segment,
    Stance,
)
from testimonia.store.sqlite import SQLiteStore
from testimonia.testing import make_analysis, marked

SOURCE = (
    "[title:The Granary <script>alert(1)</script> Affair]\n\n"
    "[body:[a:Anna] wrote that [q1:“[b:Boris] told me [q2:‘the granary burned at night’]”]"
    "[m:1]. [b2:Boris] later [cue:denied] it: [q3:“I never said that”]. "
    "[a2:Anna] was [ev:loyal to Boris].]\n\n"
    "[notes:[n1:1. Anna Petrova, Letters (Prague, 1931), p. 4.]]"
)


def build():
    text, s = marked(SOURCE)
    people = (
        Entity("p1", "Anna Petrova", aliases=("Anna",), mentions=(s["a"][0], s["a2"][0])),
        Entity("p2", "Boris", mentions=(s["b"][0], s["b2"][0])),
    )
    quotes = (
        Quote("q1", s["q1"][0], speaker="p1", rule="reported-agent", note=1),
        Quote("q2", s["q2"][0], speaker="p2", addressee="p1", parent="q1", rule="embedded"),
        Quote("q3", s["q3"][0], speaker="p2", cue="denied", cue_span=s["cue"][0], rule="colon"),
    )
    claim = Claim("c1", "the granary burned at night", subject="p2", support=("q2",),
                  deny=("q3",), span=s["q2"][0])
    factors = (
        Factor("chain", 1, "Chain A: Boris → Anna.", (s["q1"][0], s["q2"][0])),
        Factor("denial", -1, "Boris denied it.", (s["q3"][0],)),
        Factor("stance", 0, "Anna was sympathetic to Boris.", (s["ev"][0],)),
        Factor("verdict", 0, "Verdict: doubtful.", ()),
    )
    return make_analysis(
        text,
        segments=(Segment("title", s["title"][0]), Segment("body", s["body"][0]),
                  Segment("notes", s["notes"][0])),
        notes=(Note(1, s["n1"][0], s["n1"][0].of(text), marker=s["m"][0], label="1.", id="n1"),),
        people=people,
        quotes=quotes,
        stances=(Stance("p1", "p2", "sympathetic", s["ev"][0], cue="loyal"),),
        claims=(claim,),
        chains=(Chain("A", "c1", "p2", "p1", "sympathetic", True, ("p2", "p1", "note-1"),
                      ("q1", "q2")),),
        assessments=(Assessment("c1", "hearsay from a single source", "Admiralty 4 (doubtful)",
                                1, subject_denial=True, factors=factors),),
    ).with_layers({}, diagnostics=(Diagnostic("T900", "a test oddity <blink>", s["m"][0], "notes"),))


@pytest.fixture
def analysis():
    return build()


@pytest.fixture
def db_path(tmp_path, analysis) -> str:
    path = tmp_path / "web.db"
    with SQLiteStore(path) as store:
        store.put(analysis, "test@1", to_evidence(analysis))
    return str(path)


@pytest.fixture
def client(db_path):
    from fastapi.testclient import TestClient

    from testimonia.web.app import create_app

    with TestClient(create_app(db_path)) as c:
        yield c
