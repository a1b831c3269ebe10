"""People: name parsing and comparison, role descriptions, collectives, alias clusters."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from testimonia.analyse import people, people_forms, segments
from testimonia.analyse.names import (
    candidates,
    given_compatible,
    is_patronymic,
    parse_name,
    same_surname,
    strip_possessive,
)
from testimonia.analyse.roles import author_names, collectives, narrator_at, role_descriptions
from testimonia.model import Entity, Quote, Segment, Span
from testimonia.settings import Settings
from testimonia.testing import make_analysis, marked, run_stage

from .people_stances_eval import evaluate, load_cases, no_ner, report


@pytest.fixture(autouse=True)
def _rules_only(monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest) -> None:
    """Unit tests never load spaCy: the NER finds nothing, the rules do the work."""
    if "model" not in request.keywords:
        monkeypatch.setattr(people, "ner", no_ner)


def people_of(text: str, settings: Settings | None = None, **layers: tuple) -> list[Entity]:
    a = make_analysis(text)
    a = a.with_layers(run_stage(segments.find_segments, a).layers)
    base = {"notes": (), "sources": (), "quote_spans": ()}
    base.update(layers)
    a = a.with_layers(base)
    return list(run_stage(people.find_people, a, settings).layers["people"])


def clusters(ents: list[Entity]) -> set[frozenset[str]]:
    return {frozenset(e.aliases) for e in ents if e.kind == "person" and e.aliases}


# ----------------------------------------------------------------------------- names
@pytest.mark.parametrize(("form", "given", "initials", "patronymic", "surname"), [
    ("L.M. Kaganovich", (), ("L", "M"), "", "Kaganovich"),
    ("Stephen F. Cohen", ("Stephen",), ("F",), "", "Cohen"),
    ("Nikolai Ivanovich", ("Nikolai",), (), "Ivanovich", ""),
    ("Vyacheslav Mikhailovich Molotov", ("Vyacheslav",), (), "Mikhailovich", "Molotov"),
    ("Lazar Kaganovich", ("Lazar",), (), "", "Kaganovich"),
    ("Charles de Gaulle", ("Charles",), (), "", "de Gaulle"),
    ("Mr. Knightley", (), (), "", "Knightley"),
])
def test_names_parse_name(form: str, given: tuple, initials: tuple, patronymic: str,
                          surname: str) -> None:
    n = parse_name(form)
    assert (n.given, n.initials, n.patronymic, n.surname) == (given, initials, patronymic, surname)


@pytest.mark.parametrize(("a", "b", "same"), [
    ("Medvedev", "Medvedeff", True),
    ("Iakimov", "Yakimov", True),
    ("Stalin", "Staline", True),
    ("Trotsky", "Trotski", True),
    ("Lénin", "Lenin", True),
    ("Zinoviev", "Zinovyev", True),
    ("Ivanov", "Ivanova", False),      # a wife or daughter, not a spelling
    ("Kamenev", "Kamenov", False),     # last-letter changes are not spellings
    ("Pavlov", "Petrov", False),
    ("Kuhn", "Kahn", False),           # too short to trust one edit
])
def test_names_same_surname(a: str, b: str, same: bool) -> None:
    assert same_surname(a, b) is same


@pytest.mark.parametrize(("word", "yes"), [
    ("Ivanovich", True), ("Nikolaevich", True), ("Sergeyevich", True), ("Ilyich", True),
    ("Petrovna", True), ("Kaganovich", False), ("Abramovich", True), ("Ivanov", False),
])
def test_names_is_patronymic(word: str, yes: bool) -> None:
    assert is_patronymic(word) is yes


@pytest.mark.parametrize(("a", "b", "ok"), [
    ("Lazar Kaganovich", "L.M. Kaganovich", True),
    ("Stephen Cohen", "Stephen F. Cohen", True),
    ("Roy Medvedev", "Zhores Medvedev", False),
    ("A.V. Orlov", "B. Orlov", False),
    ("Kaganovich", "Lazar Kaganovich", True),
])
def test_names_given_compatible(a: str, b: str, ok: bool) -> None:
    assert given_compatible(parse_name(a), parse_name(b)) is ok


def test_names_candidates_strip_possessive_and_openers() -> None:
    text = "But Jules Humbert-Droz’s memoirs name L.M. Kaganovich and Stephen F. Cohen’s book."
    got = [c.text for c in candidates(text)]
    assert got == ["Jules Humbert-Droz", "L.M. Kaganovich", "Stephen F. Cohen"]
    assert strip_possessive("Marx’") == "Marx"


# ----------------------------------------------------------------------------- roles
def test_roles_role_descriptions() -> None:
    text = ("It was not lost on the reviewer of the memoirs of Olga Berg in the press. "
            "The anonymous reviewer of the ‘Evening Courier’ said so.")
    got = [(r.text, r.role, r.of_name) for r in role_descriptions(text)]
    assert got == [("the reviewer of the memoirs of Olga Berg", "reviewer", "Olga Berg"),
                   ("The anonymous reviewer of the ‘Evening Courier’", "reviewer", "")]


def test_roles_collectives() -> None:
    text = ("Rykov and his group wrote to the Central Committee members; "
            "the Zinoviev-Kamenev fraction did not. His opposition group grew.")
    got = [(c.text, c.owner_at is not None, len(c.members)) for c in collectives(text)]
    assert got == [("his group", True, 0), ("the Central Committee members", False, 0),
                   ("the Zinoviev-Kamenev fraction", False, 2),
                   ("His opposition group", True, 0)]


@pytest.mark.parametrize(("line", "kind", "want"), [
    ("By Karen Holt", "byline", [("Karen Holt", "author")]),
    ("Ann Lee and Bo Chan", "byline", [("Ann Lee", "author"), ("Bo Chan", "author")]),
    ("Courtesy: Emil Sauer, ‘Diaries’, Hill, 1950. Translated from the German by Rita Vogt.",
     "credit", [("Emil Sauer", "author"), ("Rita Vogt", "translator")]),
    ("Some Title in Capitals", "credit", []),
])
def test_roles_author_names(line: str, kind: str, want: list) -> None:
    got = [(sp.of(line), role) for sp, role in author_names(line, Span(0, len(line)), kind)]
    assert got == want


def test_roles_narrator_at_excerpt_body_quote() -> None:
    segs = (Segment("body", Span(0, 10)), Segment("signature", Span(10, 20)),
            Segment("excerpt", Span(20, 30)), Segment("credit", Span(30, 40)))
    ents = (Entity("a", "Ann", role="author", mentions=(Span(11, 14),)),
            Entity("b", "Bo", role="author", mentions=(Span(31, 33),)),
            Entity("c", "Cy"))
    quotes = (Quote("q1", Span(2, 6), speaker="c"),)
    assert [narrator_at(p, segs, ents, quotes) for p in (1, 3, 25)] == ["a", "c", "b"]
    assert narrator_at(1, (), (Entity("x", "the author", role="author"),)) == "x"


# ----------------------------------------------------------------------------- stage
def test_people_mentions_marked() -> None:
    text, spans = marked("[p:Kulikov] addressed [p:Bukharin]: ‘You remember, "
                         "[p:Nikolai Ivanovich], how you took me by the arm?’ "
                         "[p:Bukharin] said nothing.")
    a = make_analysis(text, segments=(), notes=(), sources=(), quote_spans=())
    out = run_stage(people.find_people, a)
    assert sorted(m.span for m in out.layers["mentions"]) == spans["p"]
    assert clusters(list(out.layers["people"])) == {
        frozenset({"Kulikov"}), frozenset({"Bukharin", "Nikolai Ivanovich"})}


@pytest.mark.parametrize(("text", "want"), [
    ("Roy Medvedev and his brother Zhores Medvedev spoke. Zhores Medvedev left.",
     {frozenset({"Roy Medvedev"}), frozenset({"Zhores Medvedev"})}),
    ("Mr. Elton came, and Mrs. Elton came with him.",
     {frozenset({"Mr. Elton"}), frozenset({"Mrs. Elton"})}),
    # A father and his daughter: "Mr." cannot be Emma.
    ("Emma Woodhouse sat with Mr. Woodhouse. Later Emma Woodhouse said it to Mr. Woodhouse.",
     {frozenset({"Emma Woodhouse"}), frozenset({"Mr. Woodhouse"})}),
    # Mrs and Miss of one surname are two women.
    ("Mrs. Moore wrote to Miss Moore, and Miss Moore replied.",
     {frozenset({"Mrs. Moore"}), frozenset({"Miss Moore"})}),
    ("‘Koba [Dzhugashvili ed.] will not forgive this,’ said Rykov.",
     {frozenset({"Koba", "Dzhugashvili"}), frozenset({"Rykov"})}),
    ("Roy Medvedev wrote it; the French edition calls him Medvedeff.",
     {frozenset({"Roy Medvedev", "Medvedeff"})}),
    # Each bare "Medvedev" goes to the brother named last before it.
    ("Roy Medvedev wrote first. Medvedev was careful. Then Zhores Medvedev wrote. Medvedev was not.",
     {frozenset({"Roy Medvedev", "Medvedev"}), frozenset({"Zhores Medvedev", "Medvedev"})}),
])
def test_people_alias_clusters(text: str, want: set) -> None:
    assert clusters(people_of(text)) == want


def test_people_patronymic_needs_a_link() -> None:
    """Two Nikolais: "Nikolai Andreyevich" joins neither."""
    ents = people_of("Nikolai Volkov and Nikolai Zuev sat down. "
                     "‘Nikolai Andreyevich, the bread,’ someone said.")
    assert frozenset({"Nikolai Andreyevich"}) in clusters(ents)


def test_people_author_from_byline_and_credit() -> None:
    text = ("A Night Train\n\nBy Karen Holt\n\nThe train stopped.\n\n"
            "I saw the lights go out.\n\n"
            "Courtesy: Emil Sauer, ‘Diaries’, Hill, 1950. Translated by Rita Vogt.\n")
    ents = {e.name: e.role for e in people_of(text)}
    assert ents["Karen Holt"] == "author"
    assert ents["Emil Sauer"] == "author"
    assert ents["Rita Vogt"] == "translator"
    assert "the author" not in ents


def test_people_unnamed_author() -> None:
    ents = people_of("The train stopped at dawn. Nobody explained why.\n")
    assert [(e.name, e.role, e.aliases) for e in ents] == [("the author", "author", ())]


@pytest.mark.parametrize("text", ["", "\n\n", "no capitals at all here.", "‘’‘ [[ ]] ((", "A"])
def test_people_odd_input_never_raises(text: str) -> None:
    a = make_analysis(text, segments=(), notes=(), sources=(), quote_spans=())
    out = run_stage(people.find_people, a)
    assert {e.name for e in out.layers["people"]} == {"the author"}


def test_people_collective_owner() -> None:
    ents = people_of("Rykov and his group met. Tomsky spoke. Rykov said his fraction would wait.")
    groups = [e for e in ents if e.kind == "collective"]
    rykov = next(e.id for e in ents if e.name == "Rykov")
    assert [(g.aliases, g.role) for g in groups] == [(("his group", "his fraction"),
                                                      f"group of {rykov}")]


@pytest.mark.parametrize("suffix", ["csv", "json"])
def test_people_authority_file(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"people.{suffix}"
    rows = [{"id": "stalin", "name": "Iosif Stalin", "variants": ["Stalin", "Koba"],
             "qid": "Q855"}]
    if suffix == "json":
        path.write_text(json.dumps(rows), encoding="utf-8")
    else:
        path.write_text("id,name,variants,qid\nstalin,Iosif Stalin,Stalin|Koba,Q855\n",
                        encoding="utf-8")
    ents = people_of("Koba said nothing. Later Stalin said it again, and Rykov agreed.",
                     Settings.load({"authority_file": str(path)}))
    stalin = next(e for e in ents if "Stalin" in e.aliases)
    assert (stalin.name, stalin.qid, set(stalin.aliases)) == ("Iosif Stalin", "Q855",
                                                               {"Koba", "Stalin"})


def test_people_fixture_set_rules_only(capsys: pytest.CaptureFixture[str]) -> None:
    """Our own ≥30 passages: precision/recall printed, floors asserted (rules alone)."""
    cases = load_cases()
    assert len(cases) >= 30
    res = evaluate(cases, no_ner)
    with capsys.disabled():
        print("\n[people/stances fixtures, rules only]\n" + report(res))
    assert res["alias_links"][2] >= 0.9
    assert res["surface_recall"] >= 0.9
    assert res["stances"][2] >= 0.9


@pytest.mark.model
def test_people_fixture_set_with_model(capsys: pytest.CaptureFixture[str]) -> None:
    res = evaluate(load_cases(), None)
    with capsys.disabled():
        print("\n[people/stances fixtures, spaCy NER]\n" + report(res))
    assert res["alias_links"][2] >= 0.9
    assert res["stances"][2] >= 0.9


@pytest.mark.model
def test_people_seed_scores(seed_analysis, seed_gold) -> None:  # noqa: ANN001
    """The seed: alias links and surface recall as the shared scorer counts them."""
    import sys

    import testimonia
    from tests.conftest import SHARED

    sys.path.insert(0, str(SHARED / "eval"))
    import score  # the shared scorer, read where it lies

    ev = testimonia.to_evidence(seed_analysis)
    res = score.score_people(seed_gold, ev)
    assert res["people.alias_links"][2] >= 0.95
    assert res["people.surface_recall"] >= 0.95


@pytest.mark.parametrize(("text", "code"), [
    ("Roy Medvedev wrote first. Then Zhores Medvedev wrote. Medvedev was careful.",
     "people.ambiguous_surname"),
    ("Nikolai Volkov and Nikolai Zuev sat down. ‘Nikolai Andreyevich, the bread,’ said Volkov.",
     "people.unlinked_patronymic"),
])
def test_people_diagnostics(text: str, code: str) -> None:
    a = make_analysis(text, segments=(), notes=(), sources=(), quote_spans=())
    out = run_stage(people.find_people, a)
    assert [d.code for d in out.diagnostics] == [code]
    assert out.diagnostics[0].span is not None


@pytest.mark.parametrize(("form", "person"), [
    ("Pellam Street", False), ("Granby Hotel", False), ("Ashcombe Abbey", False),
    ("Old Mill Lane", False), ("Clara Hall", True), ("Tom Park", True)])
def test_people_a_street_hotel_or_abbey_the_ner_voted_for_is_no_person(form: str,
                                                                      person: bool) -> None:
    # the small NER model votes PERSON for "Langham Hotel"-like names now and then
    text = f"{form} was quiet at noon."
    at = text.index(form)
    info = people_forms._Form()
    info.votes["person"] = 1
    info.spans.append(Span(at, at + len(form)))
    assert (form in people_forms._accept(text, [], {form: info})) == person


def _speech_spans(text: str) -> tuple[Quote, ...]:
    return tuple(Quote(f"q{i}", Span(m.start() + 1, m.end() - 1))
                 for i, m in enumerate(re.finditer(r"“[^”]*”", text), 1))


@pytest.mark.issue(4)
@pytest.mark.parametrize(("text", "want"), [
    ("“Who are you?” said the Caterpillar. The Caterpillar smoked on.",
     [("the Caterpillar", 2)]),
    ("“Late!” the Rabbit muttered, and ran off.", [("the Rabbit", 1)]),
    ("“Why?” said the old man.", []),  # lower case: mostly a named character, left alone
    ("“Sure,” said the Happy Family.", []),  # a longer capitalised name: the NER's
    # a heading in title case is no title before a name
    ("The Rabbit Sends a Bill\n\n“Late!” the Rabbit muttered.", [("the Rabbit", 2)]),
    # a title before a name elsewhere: "the Governor" is that person, not a character
    ("At noon Governor Thomas Crane came in. “Bring the warrant,” said the Governor.", []),
])
def test_people_a_capitalised_noun_tagging_speech_is_a_described_person(
        text: str, want: list) -> None:
    ents = people_of(text, quote_spans=_speech_spans(text))
    got = [(e.name, len(e.mentions)) for e in ents if e.role == "described"]
    assert got == want


@pytest.mark.issue(4)
def test_people_a_title_before_a_name_makes_the_description_an_alias() -> None:
    text = "At noon Governor Thomas Crane came in. “Bring the warrant,” said the Governor."
    ents = people_of(text, quote_spans=_speech_spans(text))
    crane = next(e for e in ents if e.name.endswith("Crane"))
    assert "the Governor" in crane.aliases
    assert not [e for e in ents if e.role == "described"]


@pytest.mark.issue(4)
@pytest.mark.parametrize(("text", "narrator"), [
    ("I walked home late. My uncle was out, and I sat by the fire. “Come in,” I said.", True),
    ("He walked home late. His uncle was out. “I am here,” he said. “I am tired.”", False),
])
def test_people_an_unnamed_first_person_teller_is_also_the_narrator(text: str,
                                                                     narrator: bool) -> None:
    ents = people_of(text, quote_spans=_speech_spans(text))
    author = next(e for e in ents if e.name == "the author")
    assert ("the narrator" in author.aliases) is narrator


@pytest.mark.issue(4)
def test_people_the_ners_mouse_is_also_called_the_mouse() -> None:
    from testimonia.analyse.descriptions import add_described
    from testimonia.model import Mention

    text = "“Sit down,” said the Mouse. O Mouse, do you know the way? The Mouse was silent."
    at, last = text.index("O Mouse"), text.rindex("Mouse")
    ents = [Entity("p1", "O Mouse", "person", ("O Mouse", "Mouse"),
                   (Span(at, at + 7), Span(last, last + 5)))]
    ments = [Mention("m1", Span(at, at + 7), "O Mouse", "person", "p1"),
             Mention("m2", Span(last, last + 5), "Mouse", "person", "p1")]
    got, ms = add_described(text, _speech_spans(text), ents, ments)
    assert [(e.name, e.aliases) for e in got] == [("O Mouse", ("O Mouse", "Mouse", "the Mouse"))]
    # the noun of "said the Mouse" becomes a mention of that person too
    assert [(m.text, m.entity) for m in ms] == [("Mouse", "p1"), ("O Mouse", "p1"), ("Mouse", "p1")]
