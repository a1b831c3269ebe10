"""Turn chains of top-level dialogue: alternation, vocatives, "he answered" (issue 4)."""

from __future__ import annotations

import pytest

from tests.analyse.test_attribution import run


def speakers(got: list) -> list[tuple[str, str | None, str]]:
    return [(g[0], g[1], g[4]) for g in got]


def test_quote_turns_alternate_between_two_parties_over_paragraphs() -> None:
    text = ("“Where are you going?” asked Anna.\n\n“To the mill.”\n\n“Why so late?”\n\n"
            "“Because the wheel is broken,” said Ivan.")
    assert speakers(run(text, "Anna", "Ivan")) == [
        ("Where are you going?", "Anna", "cue-after"),
        ("To the mill.", "Ivan", "alternation"),
        ("Why so late?", "Anna", "alternation"),
        ("Because the wheel is broken,", "Ivan", "cue-after")]


def test_quote_turns_alternate_over_lines_when_paragraphs_are_lost() -> None:
    # one sentence a line, no blank lines: a quote opening the next line is the next turn
    text = ("Ivan and Anna walked on .\n“ Is it far ? ” asked Ivan .\n“ Not far . ”\n"
            "“ How far ? ”\n“ Two miles , perhaps three . ”\nThey said nothing more .\n")
    got = speakers(run(text, "Anna", "Ivan"))
    assert [g[1] for g in got] == ["Ivan", None, "Ivan", None]
    assert got[2][2] == "alternation"


def test_quote_turns_narration_between_turns_ends_the_run() -> None:
    text = ("“Is it far?” asked Ivan.\n\nThe road turned west along the river.\n\n"
            "“Not far.”")
    assert [g[1] for g in run(text, "Anna", "Ivan")] == ["Ivan", None]


def test_quote_turns_the_one_called_by_name_answers() -> None:
    text = "“Anna, is the door locked?” asked Ivan.\n\n“It is.”\n\n“Good.”"
    got = speakers(run(text, "Anna", "Ivan"))
    assert [g[1] for g in got] == ["Ivan", "Anna", "Ivan"]


@pytest.mark.parametrize("vocative", ["Where is the key, Ivan?", "Ivan, where is the key?"])
def test_quote_turns_a_vocative_is_never_the_turns_speaker(vocative: str) -> None:
    # the parity guess (two turns back) would be Ivan; he is the one spoken to
    text = (f"“Is it late?” asked Ivan.\n\n“It is,” said Anna.\n\n“{vocative}”\n\n"
            "“Here.”")
    got = run(text, "Anna", "Ivan")
    assert got[2][1] != "Ivan"


def test_quote_turns_an_echoed_name_is_not_a_vocative() -> None:
    text = "“Ivan?” said Anna.\n\n“Yes.”\n\n“Where?”"
    got = run(text, "Anna", "Ivan")
    assert [g[1] for g in got] == ["Anna", None, "Anna"]


def test_quote_turns_he_answered_is_not_the_previous_speaker() -> None:
    text = ("Boris and Ivan sat by the fire.\n\n“Shall we go?” said Ivan.\n\n"
            "“Not yet,” he answered.")
    got = speakers(run(text, "Ivan", "Boris"))
    assert got[1] == ("Not yet,", "Boris", "cue-after-pronoun-turn")


def test_quote_turns_he_said_within_ones_own_turn_stays_the_nearest_name() -> None:
    text = "Boris and Ivan sat by the fire. “Shall we go?” Ivan asked. “Now,” he said."
    got = run(text, "Ivan", "Boris")
    assert got[1][1] == "Ivan"


def test_quote_turns_narration_on_the_line_before_names_the_speaker() -> None:
    text = ("The rain had stopped .\nThe fields were grey .\nAnna opened the window .\n"
            "“ It is cold again . ”\nNobody answered her .\n")
    got = speakers(run(text, "Anna", "Ivan"))
    assert got[0] == ("It is cold again .", "Anna", "narration-line")


def test_quote_turns_a_quote_on_the_line_before_is_not_narration() -> None:
    text = ("The rain had stopped .\n“ Anna is here , ” Ivan said .\n“ Good . ”\n"
            "Nobody answered .\nThe fields were grey .\n")
    got = run(text, "Anna", "Ivan")
    assert got[1][4] != "narration-line"


def test_quote_turns_tokenized_tag_after_a_spaced_closing_mark() -> None:
    text = ("Boris and Ivan sat by the fire .\n\" Shall we go ? \" said Ivan .\n"
            "\" Not yet , \" he answered .\nThe fire burned low .\nNobody moved .\n")
    got = speakers(run(text, "Ivan", "Boris"))
    assert got[1] == ("Not yet ,", "Boris", "cue-after-pronoun-turn")


def test_quote_turns_a_vocative_next_door_outweighs_parity_far_off() -> None:
    # four turns ahead Anna speaks again, but the first turn calls Ivan by name:
    # Ivan answers it, so the first turn is not Ivan's and the second is
    text = ("“Ivan, you are late.”\n\n“The road was bad.”\n\n“Was it?”\n\n“Very bad.”\n\n"
            "“I see,” said Boris.")
    got = run(text, "Anna", "Ivan", "Boris")
    assert got[1][1] == "Ivan"


def test_quote_turns_a_name_in_a_thought_is_not_called_to_answer() -> None:
    text = "“Poor Anna!” thought Ivan.\n\n“Is it raining?”\n\n“No.”"
    got = run(text, "Anna", "Ivan")
    assert got[1][1] != "Anna"


def test_quote_turns_a_title_does_not_end_the_clause_of_a_tag() -> None:
    text = "When the clock struck, Mr.\nBrown slowly observed, “It is late.”"
    assert run(text, "Mr. Brown|Mr.\nBrown")[0][1] == "Mr. Brown"


def test_quote_turns_the_narrator_is_the_one_the_others_call_by_name() -> None:
    text = ("“Are you ready, Tom?” asked Ivan.\n\n“Quite ready,” I said.\n\n"
            "“Then come, Tom.”\n\n“I am coming,” I answered.")
    got = speakers(run(text, "Ivan", "Tom", "Peter Smith", authors=("Peter Smith",)))
    assert [g[1] for g in got] == ["Ivan", "Tom", "Ivan", "Tom"]
    assert got[1][2].endswith("-narrator-named")


def test_quote_turns_one_vocative_does_not_rename_an_author_named_in_the_text() -> None:
    text = "By Peter Smith\n\n“Are you ready, Tom?” asked Ivan.\n\n“Quite ready,” I said."
    got = run(text, "Ivan", "Tom", "Peter Smith", authors=("Peter Smith",))
    assert got[1][1:3] == ("Peter Smith", "Ivan")


def test_quote_turns_a_character_named_in_a_tag_is_not_the_narrator() -> None:
    text = ("“Are you ready, Tom?” asked Ivan.\n\n“Quite ready,” I said.\n\n"
            "“Then come, Tom,” said Ivan.\n\n“Not I,” said Tom.\n\n“Nor I,” I answered.")
    got = run(text, "Ivan", "Tom", "Peter Smith", authors=("Peter Smith",))
    assert got[1][1] == "Peter Smith"


def test_quote_turns_a_name_inside_the_quote_is_not_its_tags_pronoun() -> None:
    text = "Ivan looked up from the fire. “You are right, Boris,” he said."
    assert run(text, "Ivan", "Boris")[0][1] == "Ivan"


def test_quote_turns_he_said_after_my_turn_is_the_other_party() -> None:
    text = ("Ivan came in at nine. It was late. The fire was low. The clock ticked. "
            "The rain fell.\n\n“Shall we go?” I asked.\n\n“Not yet,” he said.")
    got = speakers(run(text, "Ivan", "Peter Smith", authors=("Peter Smith",)))
    assert got[1] == ("Not yet,", "Ivan", "cue-after-pronoun-salient")


def test_quote_turns_narration_paragraph_before_an_untagged_exchange() -> None:
    text = ("The rain had stopped by noon.\n\nIvan pushed the door open and looked "
            "around.\n\n“Is anyone here?”\n\n“Only me.”\n\n“Where are the others?”")
    got = speakers(run(text, "Ivan", "Anna"))
    assert got[0] == ("Is anyone here?", "Ivan", "narration-before")
    assert got[2][1] == "Ivan"


def test_quote_turns_narration_paragraph_before_does_not_override_a_tagged_exchange() -> None:
    text = ("Ivan pushed the door open.\n\n“Is anyone here?”\n\n“Only me,” said Ivan.\n\n"
            "“Good.”")
    got = run(text, "Ivan", "Anna")
    assert got[0][1] != "Ivan"


def test_quote_turns_he_said_next_to_the_one_who_spoke_with_no_other_is_unknown() -> None:
    text = "“Shall we go?” said Ivan.\n\n“Not yet,” he answered."
    got = run(text, "Ivan")
    assert got[1][1] is None


def test_quote_turns_a_guess_next_to_the_named_narrator_is_made_again() -> None:
    text = ("“Are you ready, Tom?” asked Ivan.\n\n“Quite ready,” I said.\n\n"
            "“Then come along.”\n\n“Where to?” I asked.\n\n“To the river, Tom.”")
    got = run(text, "Ivan", "Tom", "Peter Smith", authors=("Peter Smith",))
    assert [g[1] for g in got] == ["Ivan", "Tom", "Ivan", "Tom", "Ivan"]


def test_quote_turns_a_long_quote_does_not_hide_its_tags_antecedent() -> None:
    text = ("Anna stood by the window .\nThe rain fell .\n“ Go away !\nGo away !\n"
            "Go away now ! ” she said .\nNobody moved .\n")
    assert run(text, "Anna", "Ivan")[0][1] == "Anna"


def test_quote_turns_a_reply_in_dialogue_is_to_the_turn_before() -> None:
    text = "“Is the mill open?” asked Anna.\n\n“It is not,” Ivan replied."
    got = run(text, "Anna", "Ivan")
    assert got[1][1:3] == ("Ivan", "Anna")


def test_quote_turns_a_reported_reply_names_no_one_replied_to() -> None:
    text = ("Anna wrote that the mill was “safe as a church”. Ivan replied that he had "
            "“never seen the ledger”.")
    got = run(text, "Anna", "Ivan")
    assert got[1][1:3] == ("Ivan", None)


def test_quote_turns_a_that_clause_after_the_cue_is_not_its_addressee() -> None:
    text = "Ivan writes that Anna spoke “with more anger than I had ever heard”."
    got = run(text, "Anna", "Ivan")
    assert got[0][1:3] == ("Ivan", None)


@pytest.mark.parametrize("intro", [
    "The miller Tomas Varga, a friend of Anna, was interviewed in 1962 by the archivist "
    "Edith Lorne. She wrote down everything, and he recalls the night of the fire:",
    "The archivist Edith Lorne interviewed Tomas Varga in 1962, and she asked about the fire:",
    "Tomas Varga stayed at the mill. He told the reporter Edith Lorne, who wrote it down:",
])
def test_quote_turns_an_interview_account_is_the_interviewees(intro: str) -> None:
    text = intro + "\n\n“We saw the smoke from the bridge.”"
    got = run(text, "Tomas Varga", "Edith Lorne", "Anna")
    assert got[0][1:3] == ("Tomas Varga", "Edith Lorne")
    assert got[0][4] == "intro-interview"


def test_quote_turns_a_tag_in_the_next_paragraph_is_not_this_quotes() -> None:
    text = ("Ivan spoke to the board in 1920:\n\n“The dam will hold.”2\n\n"
            "Anna adds that nobody believed him.")
    got = run(text, "Ivan", "Anna")
    assert got[0][1] != "Anna"


@pytest.mark.parametrize(("text", "rule"), [
    ("The warden, Hugo Stamm, came late. Then the warden said: “Open the gate.”",
     "cue-before-role"),
    ("Warden Hugo Stamm was there. “Open the gate,” the warden shouted.", "cue-after-role"),
    ("Hugo Stamm, the warden, was there. “Open the gate,” said the warden.", "cue-after-role"),
])
def test_quote_turns_the_role_noun_stands_for_the_one_person_it_titles(text: str, rule: str
                                                                      ) -> None:
    got = run(text, "Hugo Stamm", "Anna")
    assert (got[0][1], got[0][4]) == ("Hugo Stamm", rule)


def test_quote_turns_a_role_noun_two_people_bear_stands_for_neither() -> None:
    text = ("Warden Hugo Stamm and Warden Lise Ohm were there. "
            "“Open the gate,” the warden shouted.")
    assert run(text, "Hugo Stamm", "Lise Ohm")[0][4] != "cue-after-role"


@pytest.mark.parametrize(("text", "speaker"), [
    ("Mr. Tolley sat down.\n\n“My dear Mr. Tolley,” replied his wife, “do not fuss.”",
     "Mrs. Tolley"),
    ("Mrs. Tolley and Kate Tolley sat down.\n\n“Do sit still, Kate,” said her father.",
     "Mr. Tolley"),
    ("Mr. Tolley came in with Mrs. Tolley.\n\n“Not now,” his wife said.", "Mrs. Tolley"),
])
def test_quote_turns_his_wife_is_the_mrs_of_his_surname(text: str, speaker: str) -> None:
    got = run(text, "Mr. Tolley", "Mrs. Tolley", "Kate Tolley")
    assert (got[0][1], got[0][4]) == (speaker, "cue-after-relative")


def test_quote_turns_his_wife_with_no_mrs_of_that_name_is_no_one() -> None:
    text = "Mr. Tolley sat down.\n\n“Do not fuss,” replied his wife."
    got = run(text, "Mr. Tolley", "Mrs. Brand")
    assert got[0][4] != "cue-after-relative"


def test_quote_turns_the_narrator_who_says_my_name_is_takes_that_name() -> None:
    text = ("My name was Tom, and everyone knew it.\n\n“Who are you?” asked Ivan.\n\n"
            "“Nobody,” I said.")
    got = run(text, "Ivan", "Tom", "the author", authors=("the author",))
    assert got[1][1] == "Tom" and got[1][4].endswith("-narrator-named")


def test_quote_turns_my_name_is_inside_a_quote_does_not_name_the_narrator() -> None:
    text = ("“My name is Tom,” said the stranger.\n\n“Who are you?” asked Ivan.\n\n"
            "“Nobody,” I said.")
    got = run(text, "Ivan", "Tom", "the author", authors=("the author",))
    assert got[2][1] != "Tom"


def test_quote_turns_a_speech_over_two_paragraphs_is_one_turn() -> None:
    text = ("“Is it far?” asked Ivan.\n\n“It is very far. We shall walk all day.\n\n"
            "“And then we shall rest by the river,” said Anna.\n\n“Good.”")
    got = run(text, "Ivan", "Anna")
    assert [g[1] for g in got] == ["Ivan", "Anna", "Anna", "Ivan"]


def test_quote_turns_a_tag_on_a_line_of_its_own_keeps_the_exchange_going() -> None:
    # one sentence a line: "asked Ivan ." is the first turn's tag, not narration between
    text = ("Ivan and Anna walked on .\n“ Is it far ? ”\nasked Ivan impatiently .\n"
            "“ Not far . ”\n“ How far ? ”\n“ Two miles . ”\n")
    got = speakers(run(text, "Anna", "Ivan"))
    assert [g[1] for g in got] == ["Ivan", None, "Ivan", None]
    assert got[2][2] == "alternation"


def test_quote_turns_a_name_called_late_in_the_run_outweighs_a_guess_from_the_scene() -> None:
    # Anna spoke in the scene before; the run's own evidence (Boris is called in the last
    # turn, so he spoke the one before it, and two turns before that) comes first
    text = ("“Hello,” said Anna.\n\nThe clock struck.\n\n“Is it late?” asked Ivan.\n\n"
            "“Very.”\n\n“Then we go.”\n\n“Why?”\n\n“Because I say so, Boris.”")
    got = run(text, "Anna", "Ivan", "Boris")
    assert [g[1] for g in got] == ["Anna", "Ivan", "Boris", "Ivan", "Boris", "Ivan"]


def test_quote_turns_a_line_with_a_tag_of_its_own_is_another_turn() -> None:
    # after a statement the next line mostly goes on; not when it carries its own tag
    text = ("The train was late .\nThe platform was cold .\nAnna sat down .\n"
            "“ I did n't say that , ” said Anna .\n"
            "“ Oh , ” he answered , “ I thought you did . ”\nThe train came .\n")
    got = run(text, "Anna", "Ivan")
    assert got[0][1] == "Anna" and got[1][1] != "Anna" and got[2][1] != "Anna"


def test_quote_turns_the_line_after_a_long_tag_goes_on_with_the_same_speech() -> None:
    # one sentence a line: "“ A , ” said Anna , doing … . / “ B . ”" was one paragraph
    text = ("The river was high .\nIvan and Anna walked on .\n"
            "“ Yes , ” said Anna , looking at the river and the boats beyond it .\n"
            "“ It is late . ”\nThe boats went by .\n")
    got = run(text, "Anna", "Ivan")
    assert [g[1] for g in got] == ["Anna", "Anna"]
