"""Claims: paraphrases grouped, denials attached, the author's conclusions recognised."""

from __future__ import annotations

import pytest

from tests.assess.conftest_builders import build, main_claim

PEOPLE = {"pike": ("Samuel Pike", "Pike"), "finch": ("Walter Finch", "Finch"),
          "dore": ("Hannah Dore", "Dore"), "quill": ("Martha Quill",)}
HEAD = "The Flood\n\nMartha Quill\n\n"


def claim_of(a, qid: str):
    """The claim holding ``qid`` (support, deny or doubt), or None."""
    return next((c for c in a.layer("claims") if qid in (*c.support, *c.deny, *c.doubt)), None)


def test_claims_paraphrases_about_one_subject_form_one_claim() -> None:
    # "let the sluice run" / "turned the sluice wheel" / "opened the sluice": no pair is
    # close enough to seed a claim, but they share words and their subject
    text = (HEAD + "Finch told the coroner that [q1:Pike let the sluice run after midnight]. "
            "Dore wrote that [q2:Pike turned the sluice wheel and let the water through]. "
            "Both agree that [q3:Pike opened the sluice].\n\nMartha Quill")
    quotes = [("q1", "speech", "indirect", "finch", None, None, None),
              ("q2", "speech", "indirect", "dore", None, None, None),
              ("q3", "speech", "indirect", None, None, None, None)]
    a = build(text, quotes, PEOPLE)
    claim, _ = main_claim(a)
    assert claim.subject == "pike" and set(claim.support) == {"q1", "q2", "q3"}


def test_claims_concluding_lead_in_is_the_authors_conclusion() -> None:
    text = (HEAD + "Finch told the coroner that [q1:Pike opened the sluice gates at night]. "
            "Dore wrote that [q2:Pike opened the sluice gates himself]. "
            "Finch and Dore had every reason to disagree, yet both agree that "
            "[q3:Pike opened the sluice].\n\nMartha Quill")
    quotes = [("q1", "speech", "indirect", "finch", None, None, None),
              ("q2", "speech", "indirect", "dore", None, None, None),
              ("q3", "speech", "indirect", "finch", None, None, None, "agree")]
    a = build(text, quotes, PEOPLE)
    claim, x = main_claim(a)
    assert "q3" in claim.support and dict(claim.roles)["q3"] == "conclusion"
    # the author's conclusion is no witness's chain, and it is reported as a conclusion
    assert all("q3" not in c.quotes for c in a.layer("chains"))
    assert any(f.kind == "conclusion" for f in x.factors)


@pytest.mark.parametrize("denial,cue,rule", [
    ("Pike always denied that [q3:he had touched the sluice gates].", "always denied",
     "denied (always denied)"),
    ("Pike always denied that [q3:he had been near the river].", "always denied",
     "a denial by the subject: the main claim about them"),
    ("[q3:‘I never touched it,’] Pike replied.", "replied", "denies in the first person"),
    ("Pike maintained that [q3:he had never gone near the sluice gates].", "maintained",
     "denies in the first person"),
])
def test_claims_denial_by_the_subject_joins_the_main_claim(denial: str, cue: str,
                                                           rule: str) -> None:
    text = (HEAD + "Finch told the coroner that [q1:Pike opened the sluice at night]. "
            "Dore wrote that [q2:Pike opened the sluice before one o'clock]. "
            + denial + "\n\nMartha Quill")
    quotes = [("q1", "speech", "indirect", "finch", None, None, None),
              ("q2", "speech", "indirect", "dore", None, None, None),
              ("q3", "speech", "indirect", "pike", None, None, None, cue)]
    a = build(text, quotes, PEOPLE)
    claim, x = main_claim(a)
    assert set(claim.support) == {"q1", "q2"} and claim.deny == ("q3",)
    assert rule in dict(claim.roles)["q3"]
    assert x.subject_denial


def test_claims_first_person_statement_with_content_denies_by_its_words() -> None:
    people = {"stan": ("Hugh Stannard", "Stannard"), "gaunt": ("Peter Gaunt",)}
    text = ("The Purse\n\nPeter Gaunt\n\nIt has long been said that [q1:Stannard took money "
            "from the gas company]. Stannard wrote: [q2:‘I took nothing from the gas company, "
            "not a penny.’]\n\nPeter Gaunt")
    quotes = [("q1", "speech", "indirect", None, None, None, None, "has long been said"),
              ("q2", "speech", "direct", "stan", None, None, None, "wrote")]
    a = build(text, quotes, people)
    claim, _ = main_claim(a)
    assert claim.support == ("q1",) and claim.deny == ("q2",)


def test_claims_a_presence_statement_with_not_is_no_denial() -> None:
    people = {"gaul": ("Ernest Gaul", "Gaul"), "pell": ("Agnes Pell", "Pell")}
    text = ("The Ferry\n\nClara Voss\n\nPell wrote: [q1:‘I was mending a hull not ten yards "
            "off, and I heard Gaul dismiss the ferryman.’]\n\nClara Voss")
    a = build(text, [("q1", "speech", "direct", "pell", None, None, None, "wrote")], people)
    assert claim_of(a, "q1").deny == ()


def test_claims_the_title_joins_testimonies_that_share_no_word_with_each_other() -> None:
    people = {"kemp": ("Josiah Kemp", "Kemp"), "slade": ("Reuben Slade", "Slade"),
              "hale": ("Edmund Hale", "Hale")}
    text = ("The Burning of the Granary\n\nOwen Barrow\n\nSlade stated that "
            "[q1:Kemp carried a lantern into the granary at night]. Hale wrote that "
            "[q2:Kemp was the arsonist everyone suspected].\n\nOwen Barrow")
    quotes = [("q1", "speech", "indirect", "slade", None, None, None),
              ("q2", "speech", "indirect", "hale", None, None, None)]
    a = build(text, quotes, people)
    claim, _ = main_claim(a)
    assert claim.subject == "kemp" and set(claim.support) == {"q1", "q2"}
    assert "title" in dict(claim.roles)["q2"]


def test_claims_the_person_at_the_head_of_the_words_is_the_subject() -> None:
    # ids in order of appearance: without the head rule a tie would go to p1 (Lund)
    people = {"p1": ("Tobias Lund", "Lund"), "p2": ("Martin Hoyle", "Hoyle"),
              "p3": ("Ernest Gaul", "Gaul")}
    text = ("The Ferry\n\nClara Voss\n\nThe ferryman Tobias Lund lost his post. Hoyle told me "
            "that [q1:the harbour master Ernest Gaul sacked Lund on the quay].\n\nClara Voss")
    a = build(text, [("q1", "speech", "indirect", "p2", None, None, None)], people)
    assert claim_of(a, "q1").subject == "p3"


def test_claims_a_frame_with_words_of_its_own_is_testimony_too() -> None:
    people = {"crane": ("Amos Crane", "Crane"), "wren": ("Silas Wren", "Wren"),
              "bell": ("Jonas Bell", "Bell")}
    text = ("The Warrant\n\nRuth Ellery\n\nWren recalled: [q1:‘Crane called me in and said: "
            "[q2:‘Bring me the warrant, Silas.’] He read the warrant twice and signed the "
            "warrant before supper.’] Bell told the committee that [q3:Crane signed the "
            "warrant for the closure].\n\nRuth Ellery")
    quotes = [("q1", "speech", "direct", "wren", None, None, None),
              ("q2", "speech", "direct", "crane", "wren", "q1", None),
              ("q3", "speech", "indirect", "bell", None, None, None)]
    a = build(text, quotes, people)
    claim, _ = main_claim(a)
    assert claim.subject == "crane" and {"q1", "q3"} <= set(claim.support)


def test_claims_a_testimony_on_another_subject_that_mentions_the_main_one_joins_it() -> None:
    # q2's own vote goes to Dore (speaker and named, first by id), but it mentions Pike and
    # shares "let" with the claim about him; no pair is close enough to seed a claim
    text = ("The Flood\n\nMartha Quill\n\n"
            "Finch told the coroner that [q1:Pike let the sluice run after midnight]. "
            "Dore wrote of Pike that [q2:the keeper let the sluice water through before one, "
            "as Dore saw].\n\nMartha Quill")
    quotes = [("q1", "speech", "indirect", "finch", None, None, None),
              ("q2", "speech", "indirect", "dore", None, None, None)]
    a = build(text, quotes, PEOPLE)
    claim, _ = main_claim(a)
    assert claim.subject == "pike" and set(claim.support) == {"q1", "q2"}


def test_claims_a_collective_repetition_of_the_tale_points_back_to_it() -> None:
    people = {"stan": ("Hugh Stannard", "Stannard"), "gaunt": ("Peter Gaunt",)}
    text = ("The Purse\n\nPeter Gaunt\n\nIt has long been said that [q1:Stannard took money "
            "from the gas company]. [q2:The tale] has been repeated in the regional press."
            "\n\nPeter Gaunt")
    quotes = [("q1", "speech", "indirect", None, None, None, None, "has long been said"),
              ("q2", "speech", "indirect", None, None, None, None, "has been repeated")]
    a = build(text, quotes, people)
    claim, x = main_claim(a)
    assert claim.support == ("q1", "q2") and x.grade == "asserted without a named witness"


@pytest.mark.parametrize("doubt", ["Perhaps Tarrant said what he was told to say.",
                                   "Tarrant's account cannot be relied on."])
def test_claims_one_doubt_cue_about_what_a_named_person_said_doubts_their_claim(
        doubt: str) -> None:
    people = {"tarrant": ("Edwin Tarrant", "Tarrant"), "dunne": ("Ralph Dunne", "Dunne"),
              "leigh": ("Frances Leigh", "Leigh")}
    text = ("The Signal\n\nBernard Hollis\n\nThe inspector asked: [q1:‘Did you pull the lever "
            "for the express?’] [q2:‘I did, sir,’] Tarrant answered.\n\nLeigh writes: "
            "[q3:‘The inquiry wanted a culprit by Christmas.’] [q4:‘" + doubt + "’]"
            "\n\nBernard Hollis")
    quotes = [("q1", "speech", "direct", None, "tarrant", None, None),
              ("q2", "speech", "direct", "tarrant", None, None, None),
              ("q3", "speech", "direct", "leigh", None, None, None),
              ("q4", "speech", "direct", "leigh", None, None, None)]
    a = build(text, quotes, people)
    claim = claim_of(a, "q2")
    assert claim.doubt == ("q4",) and "q4" not in claim.support


def test_claims_a_question_put_to_the_subject_joins_the_claim_about_them() -> None:
    # the question names nobody and its addressee is unknown: the one who answers was asked
    people = {"lewis": ("Mair Lewis", "Lewis"), "gwen": ("Gwen Pritchard", "Pritchard")}
    text = ("The Letter\n\nDaniel Rooke\n\nIt has been widely believed that "
            "[q1:Lewis wrote the letter to the chapel elders]. Pritchard said that "
            "[q2:Lewis wrote that letter in her own hand].\n\nThe minister asked: "
            "[q3:‘Did you send the elders that anonymous note?’] [q4:‘I did not,’] she replied."
            "\n\nDaniel Rooke")
    quotes = [("q1", "speech", "indirect", None, None, None, None),
              ("q2", "speech", "indirect", "gwen", None, None, None),
              ("q3", "speech", "direct", None, None, None, None),
              ("q4", "speech", "direct", "lewis", None, None, None)]
    a = build(text, quotes, people)
    claim = claim_of(a, "q1")
    assert claim.deny == ("q4",) and "the question asked about this claim" in \
        dict(claim.roles)["q4"]


def test_claims_an_alibi_by_the_subject_denies() -> None:
    people = {"kemp": ("Josiah Kemp", "Kemp"), "slade": ("Reuben Slade", "Slade"),
              "hale": ("Edmund Hale", "Hale")}
    text = ("The Granary\n\nOwen Barrow\n\nSlade stated that [q1:Kemp set fire to the granary "
            "thatch]. Hale wrote that [q2:Kemp set the granary thatch on fire]. Kemp told the "
            "magistrates: [q3:‘I was at home with my wife all that night.’]\n\nOwen Barrow")
    quotes = [("q1", "speech", "indirect", "slade", None, None, None),
              ("q2", "speech", "indirect", "hale", None, None, None),
              ("q3", "speech", "direct", "kemp", None, None, None)]
    a = build(text, quotes, people)
    claim, x = main_claim(a)
    assert claim.deny == ("q3",) and "an alibi" in dict(claim.roles)["q3"] and x.subject_denial


def test_claims_a_question_to_an_unknown_addressee_is_worded_for_the_one_who_answered() -> None:
    people = {"tarrant": ("Edwin Tarrant", "Tarrant")}
    text = ("The Signal\n\nBernard Hollis\n\nThe inspector asked: [q1:‘Did you pull the lever "
            "for the express?’] [q2:‘I did, sir. I thought the goods had gone,’] Tarrant "
            "answered.\n\nBernard Hollis")
    quotes = [("q1", "speech", "direct", None, None, None, None),
              ("q2", "speech", "direct", "tarrant", None, None, None)]
    a = build(text, quotes, people)
    claim, x = main_claim(a)
    assert claim.text == "Edwin Tarrant did pull the lever for the express"
    assert claim.support == ("q2",) and x.subject_admission


def test_claims_a_statement_naming_no_one_joins_a_claim_of_its_paragraph() -> None:
    people = {"aske": ("Godwin Aske", "Aske"), "brand": ("Nicholas Brand", "Brand")}
    text = ("The Tolls\n\nHugh Tallis\n\nIt is said that [q1:Aske kept the bridge tolls for "
            "himself]. The chronicle says that [q2:the money collected at the bridge never "
            "reached the town chest].\n\nBrand deposed that [q3:Aske carried the tolls "
            "home].\n\nHugh Tallis")
    quotes = [("q1", "speech", "indirect", None, None, None, None),
              ("q2", "speech", "indirect", None, None, None, None),
              ("q3", "speech", "indirect", "brand", None, None, None)]
    a = build(text, quotes, people)
    claim = claim_of(a, "q1")
    assert "q2" in claim.support and "names no one" in dict(claim.roles)["q2"]


def test_claims_a_long_narrative_frame_is_no_statement() -> None:
    people = {"crane": ("Amos Crane", "Crane"), "wren": ("Silas Wren", "Wren")}
    story = "We walked by the river and talked of the harvest and the weather. " * 10
    text = ("The Warrant\n\nRuth Ellery\n\nWren recalled: [q1:‘Crane signed the warrant. "
            + story + "Then he said: [q2:‘Bring me the warrant, Silas.’]’]\n\nRuth Ellery")
    quotes = [("q1", "speech", "direct", "wren", None, None, None),
              ("q2", "speech", "direct", "crane", "wren", "q1", None)]
    a = build(text, quotes, people)
    assert claim_of(a, "q1") is None


def test_claims_text_is_the_clause_without_its_that() -> None:
    text = (HEAD + "Finch told the coroner [q1:that Pike opened the sluice at night]. "
            "Dore wrote [q2:that Pike had opened the sluice].\n\nMartha Quill")
    quotes = [("q1", "speech", "indirect", "finch", None, None, None),
              ("q2", "speech", "indirect", "dore", None, None, None)]
    a = build(text, quotes, PEOPLE)
    claim, _ = main_claim(a)
    assert claim.text == "Pike opened the sluice at night"


def test_claims_text_puts_the_speaker_for_a_pronoun_when_the_subject_is_named_after() -> None:
    text = (HEAD + "Finch told the coroner [q1:that he saw Pike open the sluice at night]. "
            "Finch repeated [q2:that he saw Pike open the sluice gates].\n\nMartha Quill")
    quotes = [("q1", "speech", "indirect", "finch", None, None, None),
              ("q2", "speech", "indirect", "finch", None, None, None)]
    a = build(text, quotes, PEOPLE)
    claim, _ = main_claim(a)
    assert claim.subject == "pike" and claim.text == "Walter Finch saw Pike open the sluice at night"


def test_claims_text_of_a_frame_leaves_no_empty_quotation_marks() -> None:
    people = {"brandt": ("Hedwig Brandt", "Brandt"), "ulla": ("Ulla Stein", "Ulla")}
    text = ("The School\n\nKarl Weiss\n\nUlla wrote: [q1:‘Brandt came to my uncle at the "
            "schoolhouse and said: ‘[q2:Go.]’ That is how the school closed.’]\n\nKarl Weiss")
    quotes = [("q1", "speech", "direct", "ulla", None, None, None),
              ("q2", "speech", "direct", "brandt", None, "q1", None)]
    a = build(text, quotes, people)
    claim = claim_of(a, "q1")
    assert claim.text == ("Brandt came to my uncle at the schoolhouse and said: That is how "
                          "the school closed")
