"""Constructed documents that flip the verdict, each asserting the grade and its reasons."""

from __future__ import annotations

import pytest

from .conftest_builders import build, main_claim

PEOPLE = {"hollis": ("Mayor Hollis", "Hollis"), "roe": ("Ann Roe", "Roe"),
          "tate": ("Bob Tate", "Tate"), "marsh": ("Eva Marsh",), "dunn": ("Carl Dunn", "Dunn")}
NOTES = "\n\n[notes:1. [n1:Ann Roe, ‘Memoir’, York, 1950, p. 3.]\n\n2. [n2:Bob Tate, ‘Days’, Leeds, 1960, p. 9.]]\n"

# Two independent eyewitnesses of opposite sympathy; the subject denies, then admits.
OPPOSITE = (
    "The Mill Fire\n\nEva Marsh\n\n"
    "The miller Ann Roe, [roe_loyal:loyal to Mayor Hollis], writes that Hollis told her "
    "that [q1:he had decided to burn the mill before the rebels came].1 Bob Tate, "
    "[tate_hostile:an enemy of Hollis], recalled the council meeting: "
    "[q2:‘Somebody asked Hollis: [q3:‘Did you burn the mill?’] [q4:‘I never did that’], "
    "said Hollis. Then Tate asked again and [q5:‘Yes’], answered Hollis.’]2\n\n"
    "Eva Marsh" + NOTES)
OPPOSITE_QUOTES = [
    ("q1", "speech", "indirect", "hollis", "roe", None, 1),
    ("q2", "speech", "direct", "tate", None, None, 2),
    ("q3", "speech", "direct", "tate", "hollis", "q2", None),
    ("q4", "speech", "direct", "hollis", "tate", "q2", None),
    ("q5", "speech", "direct", "hollis", "tate", "q2", None),
]
OPPOSITE_STANCES = [("roe", "hollis", "sympathetic", "roe_loyal"),
                    ("tate", "hollis", "hostile", "tate_hostile")]


def kinds(assessment) -> set[str]:
    return {f.kind for f in assessment.factors}


def test_verdict_opposite_sympathy_is_grade_1() -> None:
    a = build(OPPOSITE, OPPOSITE_QUOTES, PEOPLE, OPPOSITE_STANCES, {1: "n1", 2: "n2"})
    claim, x = main_claim(a)
    assert claim.subject == "hollis"
    assert set(claim.support) == {"q1", "q5"} and claim.deny == ("q4",)
    assert x.grade == "corroborated by independent witnesses of opposite sympathy"
    assert x.scale.startswith("Admiralty 1") and x.independent_chains == 2
    assert x.subject_admission and x.subject_denial
    assert {"opposite_sympathy", "admission", "denial", "against_interest"} <= kinds(x)
    chains = {c.witness: c for c in a.layer("chains") if c.claim == claim.id}
    assert set(chains) == {"roe", "tate"} and all(c.eyewitness for c in chains.values())
    assert chains["roe"].path == ("hollis", "roe", "note-1", "marsh")


def test_verdict_same_sympathy_is_grade_2() -> None:
    stances = [("roe", "hollis", "sympathetic", "roe_loyal"),
               ("tate", "hollis", "sympathetic", "tate_hostile")]
    text = OPPOSITE.replace("an enemy of Hollis", "a friend of Hollis")
    a = build(text, OPPOSITE_QUOTES, PEOPLE, stances, {1: "n1", 2: "n2"})
    _, x = main_claim(a)
    assert x.grade == "corroborated by independent eyewitnesses"
    assert x.scale.startswith("Admiralty 2") and "opposite_sympathy" not in kinds(x)


# The second account is a reviewer quoting Roe's memoir: a copy, not a second chain.
COPY = (
    "The Mill Fire\n\nEva Marsh\n\n"
    "Ann Roe writes that Hollis told her that [q1:he had decided to burn the mill "
    "before the rebels came].1 The reviewer Bob Tate quoted the memoir: "
    "[q2:‘The passage reads:\n\n[q3:Hollis told me that [q4:he had decided to burn the mill "
    "before the rebels arrived].]\n\nA striking line.’]2\n\nEva Marsh" + NOTES)
COPY_QUOTES = [
    ("q1", "speech", "indirect", "hollis", "roe", None, 1),
    ("q2", "speech", "direct", "tate", None, None, 2),
    ("q3", "block", "direct", "roe", None, "q2", None),
    ("q4", "speech", "indirect", "hollis", "roe", "q3", None),
]


def test_verdict_copy_collapses_to_one_chain() -> None:
    a = build(COPY, COPY_QUOTES, PEOPLE, [], {1: "n1", 2: "n2"})
    claim, x = main_claim(a)
    assert set(claim.support) == {"q1", "q4"}
    chains = [c for c in a.layer("chains") if c.claim == claim.id]
    assert len(chains) == 1 and set(chains[0].quotes) == {"q1", "q4"}
    assert len(chains[0].routes) == 2  # two routes, one testimony
    assert x.independent_chains == 1 and x.grade == "a single eyewitness, uncorroborated"
    assert x.scale.startswith("Admiralty 3")


DENIAL = (
    "The Mill Fire\n\nEva Marsh\n\n"
    "Bob Tate recalled the council meeting: [q1:‘Somebody asked Hollis: "
    "[q2:‘Did you burn the mill down?’] [q3:‘No’], answered Hollis. "
    "[q4:‘I never did that’], he repeated.’]2\n\nEva Marsh" + NOTES)
DENIAL_QUOTES = [
    ("q1", "speech", "direct", "tate", None, None, 2),
    ("q2", "speech", "direct", "tate", "hollis", "q1", None),
    ("q3", "speech", "direct", "hollis", "tate", "q1", None),
    ("q4", "speech", "direct", "hollis", "tate", "q1", None),
]


def test_verdict_denial_only_is_improbable() -> None:
    a = build(DENIAL, DENIAL_QUOTES, PEOPLE, [], {1: "n1", 2: "n2"})
    claim, x = main_claim(a)
    assert claim.support == () and set(claim.deny) == {"q3", "q4"}
    assert x.grade == "denied; no supporting testimony" and x.scale.startswith("Admiralty 5")
    assert x.subject_denial and not x.subject_admission and x.independent_chains == 0


HEARSAY = (
    "The Mill Fire\n\nEva Marsh\n\n"
    "Carl Dunn, who was abroad that year, wrote that [q1:Hollis had burned the mill "
    "to keep it from the rebels].1 I was told the same by others, Dunn adds, that "
    "[q2:the mayor burned the mill himself].\n\nEva Marsh" + NOTES)
HEARSAY_QUOTES = [
    ("q1", "speech", "indirect", "dunn", None, None, 1),
    ("q2", "speech", "indirect", "dunn", None, None, None),
]


def test_verdict_hearsay_only_is_doubtful() -> None:
    a = build(HEARSAY, HEARSAY_QUOTES, PEOPLE, [], {1: "n1", 2: "n2"})
    claim, x = main_claim(a)
    assert set(claim.support) == {"q1", "q2"}
    chains = [c for c in a.layer("chains") if c.claim == claim.id]
    assert len(chains) == 1 and not chains[0].eyewitness
    assert x.grade == "hearsay from a single source" and x.scale.startswith("Admiralty 4")


SILENCE_BASE = (
    "The Mill Fire\n\nEva Marsh\n\n"
    "The miller Ann Roe writes that Hollis told her that [q1:he had decided to burn the "
    "mill before the rebels came].1 Roe repeats in a letter that Hollis told her that "
    "[q2:he decided to burn the mill].{silence}\n\nEva Marsh" + NOTES)
SILENCE_QUOTES = [
    ("q1", "speech", "indirect", "hollis", "roe", None, 1),
    ("q2", "speech", "indirect", "hollis", "roe", None, None),
]


@pytest.mark.parametrize("silence,grade,scale", [
    ("", "a single eyewitness, uncorroborated", "Admiralty 3"),
    (" Yet the decision to burn the mill finds no mention in the town chronicle of that year.",
     "a single eyewitness, uncorroborated; weakened by silence", "Admiralty 4"),
])
def test_verdict_silence_weakens_a_single_witness(silence, grade, scale) -> None:
    a = build(SILENCE_BASE.format(silence=silence), SILENCE_QUOTES, PEOPLE, [],
              {1: "n1", 2: "n2"})
    _, x = main_claim(a)
    assert x.grade == grade and x.scale.startswith(scale)
    if silence:
        assert x.silences == ("the town chronicle of that year",)
        f = next(f for f in x.factors if f.kind == "silence")
        assert f.effect == -1 and "finds no mention" in a.document.text[f.spans[0].start:
                                                                         f.spans[0].end]


def test_verdict_every_factor_rests_on_spans_or_is_a_summary() -> None:
    a = build(OPPOSITE, OPPOSITE_QUOTES, PEOPLE, OPPOSITE_STANCES, {1: "n1", 2: "n2"})
    _, x = main_claim(a)
    for f in x.factors:
        assert f.spans or f.kind in ("verdict", "independence", "opposite_sympathy",
                                     "dependence"), f
        assert all(0 <= s.start < s.end <= len(a.document.text) for s in f.spans)
