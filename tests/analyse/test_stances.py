"""Stances: explicit cues, holders and targets resolved to entities, no sentiment guessing."""

from __future__ import annotations

import json

import pytest

from testimonia.analyse import people, segments, stances
from testimonia.model import Analysis, Quote, Span
from testimonia.testing import make_analysis, run_stage

from .people_stances_eval import no_ner


@pytest.fixture(autouse=True)
def _rules_only(monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest) -> None:
    if "model" not in request.keywords:
        monkeypatch.setattr(people, "ner", no_ner)


def stances_of(text: str, quotes: tuple = ()) -> set[tuple[str, str, str]]:
    """(holder name, target name, polarity) for every stance found in ``text``."""
    a = make_analysis(text)
    a = a.with_layers(run_stage(segments.find_segments, a).layers)
    a = a.with_layers({"notes": (), "sources": (), "quote_spans": ()})
    a = a.with_layers(run_stage(people.find_people, a).layers)
    a = a.with_layers({"quotes": quotes})
    names = {e.id: e.name for e in a.layer("people")}
    out = run_stage(stances.find_stances, a).layers["stances"]
    for s in out:  # evidence is always a real span of the text with the cue in it
        assert s.cue and s.cue.split()[0] in s.evidence.of(text)
    return {(names[s.holder], names[s.target], s.polarity) for s in out}


@pytest.mark.parametrize(("text", "want"), [
    ("Pavel Sorin remained loyal to Rykov until the end.",
     {("Pavel Sorin", "Rykov", "sympathetic")}),
    ("The letter was signed by Tarasov, another Rykov loyalist.",
     {("Tarasov", "Rykov", "sympathetic")}),
    ("Elena Frolova was not a neutral observer but a Rykov loyalist.",
     {("Elena Frolova", "Rykov", "sympathetic")}),
    ("We learn from Helen Ward in her favourable biography of Tomsky that it rained.",
     {("Helen Ward", "Tomsky", "sympathetic")}),
    ("What matters about Anton Belov’s diary is that it comes from a source which is "
     "sympathetic to Tomsky.", {("Anton Belov", "Tomsky", "sympathetic")}),
    ("Grigory Shulga was inimical to Tomsky.", {("Grigory Shulga", "Tomsky", "hostile")}),
    ("Fedor Lanin, a sworn enemy of Rykov, testified first.",
     {("Fedor Lanin", "Rykov", "hostile")}),
    ("Semyon Orekhov was an opponent of Tomsky.", {("Semyon Orekhov", "Tomsky", "hostile")}),
    ("In March Leonid Repin denounced Tomsky.", {("Leonid Repin", "Tomsky", "hostile")}),
    ("‘No’, answered Rykov. ‘I thought that Lanin was about to hit him.’",
     {("Lanin", "Rykov", "hostile")}),
    ("Rykov told me that his friends would coordinate the struggle against the power of Molotov.",
     {("Rykov", "Molotov", "hostile")}),
    ("By then Rykov and Tomsky were openly hostile to Molotov.",
     {("Rykov", "Molotov", "hostile"), ("Tomsky", "Molotov", "hostile")}),
    ("It is clear that both those near to Rykov and those inimical to him – Pavel Sorin and "
     "Fedor Lanin respectively – agree on the date.",
     {("Pavel Sorin", "Rykov", "sympathetic"), ("Fedor Lanin", "Rykov", "hostile")}),
    ("I have denounced Molotov in print more than once.", {("the author", "Molotov", "hostile")}),
    # relative clauses and the cues of everyday dislike, grievance and goodwill
    ("The ferryman Thomas Brandt, who disliked Otto Vane, told the court he saw the boat.",
     {("Thomas Brandt", "Otto Vane", "hostile")}),
    ("Rosa Hale, who had quarrelled with Otto Vane for years, wrote to the board.",
     {("Rosa Hale", "Otto Vane", "hostile")}),
    ("The cook Ada Frame, no friend of Otto Vane, kept the ledger.",
     {("Ada Frame", "Otto Vane", "hostile")}),
    ("Otto Vane lost. Thomas Brandt, who had been Vane's friend since school, spoke for him.",
     {("Thomas Brandt", "Otto Vane", "sympathetic")}),
    ("Thomas Brandt, an old friend of Otto Vane, spoke first.",
     {("Thomas Brandt", "Otto Vane", "sympathetic")}),
    ("The porter Ned Cole, who owed his post to Otto Vane and spoke well of him, testified.",
     {("Ned Cole", "Otto Vane", "sympathetic")}),
    ("The clerk Ned Cole, who served Otto Vane faithfully, kept the keys.",
     {("Ned Cole", "Otto Vane", "sympathetic")}),
    ("The carter Ned Cole, who owed Otto Vane forty pounds, swore to it.",
     {("Ned Cole", "Otto Vane", "hostile")}),
    ("Ned Cole accused Otto Vane. Cole had been dismissed by Vane a month before.",
     {("Ned Cole", "Otto Vane", "hostile")}),
])
def test_stances_cues(text: str, want: set) -> None:
    assert stances_of(text) == want


@pytest.mark.parametrize("text", [
    "Contrary to rumour, Boris Kuzmin was never loyal to Rykov.",          # negated
    "Rykov replied that he was opposed to individual terror.",             # target not a person
    "Those near to Rykov kept silent.",                                    # nobody named
    "Remained loyal to Rykov, it seems.",                                  # no holder in the sentence
    "Rykov spoke. Tomsky listened.",                                       # no cue at all
    "Thomas Brandt was a friend of no one; Otto Vane served the soup.",        # no target after "served"
])
def test_stances_none(text: str) -> None:
    assert stances_of(text) == set()


def test_stances_group_stays_the_group() -> None:
    """"His supporters were hostile": the group holds it, not Tomsky himself."""
    got = stances_of("Tomsky spoke first. His supporters were hostile to Molotov.")
    assert got == {("his supporters", "Molotov", "hostile")}


def test_stances_praise_holder_is_the_speaker() -> None:
    text = ("Kulikov came in. ‘He was a tanner, said Rykov, and Kulikov was very "
            "politically aware.’\n\nMark Dunne\n")
    assert stances_of(text) == set()  # no attributed quotation: nobody to hold it
    start = text.index("‘")
    a_quote = (Quote("q1", Span(start, text.index("’\n") + 1), speaker=None),)
    assert stances_of(text, a_quote) == set()
    # With the quotation attributed to Rykov, the praise is his.
    got = _with_speaker(text, start, "Rykov")
    assert got == {("Rykov", "Kulikov", "sympathetic")}


def _with_speaker(text: str, start: int, name: str) -> set[tuple[str, str, str]]:
    a = make_analysis(text)
    a = a.with_layers(run_stage(segments.find_segments, a).layers)
    a = a.with_layers({"notes": (), "sources": (), "quote_spans": ()})
    a = a.with_layers(run_stage(people.find_people, a).layers)
    who = next(e.id for e in a.layer("people") if e.name == name)
    q = Quote("q1", Span(start, text.index("’\n") + 1), speaker=who)
    a = a.with_layers({"quotes": (q,)})
    names = {e.id: e.name for e in a.layer("people")}
    out = run_stage(stances.find_stances, a).layers["stances"]
    return {(names[s.holder], names[s.target], s.polarity) for s in out}


def test_stances_kudos_from_the_signing_author() -> None:
    text = ("On Translation\n\nThe anonymous reviewer of the ‘Weekly Post’ deserves kudos "
            "for finding the letter.\n\nMark Dunne\n")
    assert stances_of(text) == {("Mark Dunne", "The anonymous reviewer of the ‘Weekly Post’",
                                 "sympathetic")}


def test_stances_empty_layers() -> None:
    a = make_analysis("Rykov was loyal to Tomsky.", segments=(), mentions=(), people=(),
                      quotes=())
    assert run_stage(stances.find_stances, a).layers["stances"] == []


def test_stances_seed_with_gold_quotes(seed_path, seed_gold) -> None:  # noqa: ANN001
    """The stage alone on the seed: with the gold speakers in place every stance is right.

    Reads the gold quotes from ../shared at test time (skips when absent) so
    that this measures stances, not attribution.
    """
    import sys

    from testimonia.export.evidence import to_evidence
    from testimonia.read import read
    from tests.conftest import SHARED

    sys.path.insert(0, str(SHARED / "eval"))
    import score

    a = Analysis(read(seed_path))
    a = a.with_layers(run_stage(segments.find_segments, a).layers)
    a = a.with_layers({"notes": (), "sources": (), "quote_spans": ()})
    a = a.with_layers(run_stage(people.find_people, a).layers)
    emap = score.map_entities(seed_gold, to_evidence(a))
    inv = {g: p for p, g in emap.items()}
    quotes = tuple(Quote(q["id"], Span(*q["span"]), q["kind"], speaker=inv.get(q.get("speaker")))
                   for q in seed_gold["quotes"])
    a = a.with_layers({"quotes": quotes})
    a = a.with_layers(run_stage(stances.find_stances, a).layers)
    res = score.score_stances(seed_gold, json.loads(json.dumps(to_evidence(a))), emap)
    assert res["stances"][2] >= 0.9


@pytest.mark.model
def test_stances_seed_full_pipeline(seed_analysis, seed_gold) -> None:  # noqa: ANN001
    """The seed through the whole pipeline (attribution's speakers included)."""
    import sys

    import testimonia
    from tests.conftest import SHARED

    sys.path.insert(0, str(SHARED / "eval"))
    import score

    ev = testimonia.to_evidence(seed_analysis)
    qmatch = score.match_spans(seed_analysis.document.text, score.speech_quotes(seed_gold),
                               score.speech_quotes(ev, "speech"))
    emap = score.map_entities(seed_gold, ev, score.role_votes(
        score.speech_quotes(seed_gold), score.speech_quotes(ev, "speech"), qmatch))
    assert score.score_stances(seed_gold, ev, emap)["stances"][2] >= 0.9


def test_stances_no_holder_diagnostic() -> None:
    a = make_analysis("Remained loyal to Rykov, it seems. Rykov said so.")
    a = a.with_layers(run_stage(segments.find_segments, a).layers)
    a = a.with_layers({"notes": (), "sources": (), "quote_spans": ()})
    a = a.with_layers(run_stage(people.find_people, a).layers)
    out = run_stage(stances.find_stances, a.with_layers({"quotes": ()}))
    assert out.layers["stances"] == []
    assert [d.code for d in out.diagnostics] == ["stances.no_holder"]


@pytest.mark.parametrize(("text", "want"), [
    # The text says Tarasov belongs to the group: the group's stance is his too.
    ("The Rykov group was hostile to Molotov. Tarasov, a member of the Rykov group, kept quiet.",
     {("the Rykov group", "Molotov", "hostile"), ("Tarasov", "Molotov", "hostile")}),
    # Nobody said Tarasov belongs to it: only the group holds it.
    ("The Rykov group was hostile to Molotov. Tarasov kept quiet.",
     {("the Rykov group", "Molotov", "hostile")}),
])
def test_stances_membership_carries_over(text: str, want: set) -> None:
    assert stances_of(text) == want
