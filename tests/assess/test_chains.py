"""Chains: who witnessed a testimony, and whether they say they saw or heard it themselves."""

from __future__ import annotations

import pytest

from .conftest_builders import build, main_claim

PEOPLE = {"pike": ("Samuel Pike", "Pike"), "finch": ("Walter Finch", "Finch"),
          "dore": ("Hannah Dore", "Dore")}


@pytest.mark.parametrize("lead,eyewitness", [
    ("Finch told the coroner that he saw", True),
    ("Finch swore that with his own eyes he watched", True),
    ("Finch told the coroner that he had heard from the bargemen that", False),
    ("Finch told the coroner that", False),
])
def test_chains_witness_who_says_they_saw_it_is_an_eyewitness(lead: str,
                                                               eyewitness: bool) -> None:
    text = (f"The Flood\n\nMartha Quill\n\n{lead} [q1:Pike open the sluice at midnight]."
            "\n\nMartha Quill")
    a = build(text, [("q1", "speech", "indirect", "finch", None, None, None)], PEOPLE)
    _, x = main_claim(a)
    chain = a.layer("chains")[0]
    assert chain.witness == "finch" and chain.eyewitness is eyewitness
    if eyewitness:
        assert "saw or heard it" in chain.eyewitness_reason


def test_chains_heard_the_subject_speak_is_an_eyewitness() -> None:
    text = ("The Ferry\n\nClara Voss\n\nPell wrote: [q1:‘I heard Gaul tell him he was "
            "dismissed from the crossing.’]\n\nClara Voss")
    people = {"gaul": ("Ernest Gaul", "Gaul"), "pell": ("Agnes Pell", "Pell")}
    a = build(text, [("q1", "speech", "direct", "pell", None, None, None)], people)
    assert a.layer("chains")[0].eyewitness


@pytest.mark.parametrize("content,eyewitness", [
    ("he handed the whole of the tolls to Aske every Saturday", True),
    ("he believed Aske kept the tolls", False),
    ("he had decided to tell the bishop about Aske", False),
])
def test_chains_a_witness_reporting_their_own_act_took_part(content: str,
                                                            eyewitness: bool) -> None:
    people = {"aske": ("Godwin Aske", "Aske"), "brand": ("Nicholas Brand", "Brand")}
    text = f"The Tolls\n\nHugh Tallis\n\nBrand deposed that [q1:{content}].\n\nHugh Tallis"
    a = build(text, [("q1", "speech", "indirect", "brand", None, None, None)], people)
    chain = a.layer("chains")[0]
    assert chain.witness == "brand" and chain.eyewitness is eyewitness


def test_chains_the_subjects_own_first_person_admission_is_first_hand() -> None:
    people = {"tarrant": ("Edwin Tarrant", "Tarrant")}
    text = ("The Signal\n\nBernard Hollis\n\nAsked about the lever, Tarrant wrote: "
            "[q1:‘I pulled the lever for the express myself.’]\n\nBernard Hollis")
    a = build(text, [("q1", "speech", "direct", "tarrant", None, None, None)], people)
    chain = a.layer("chains")[0]
    assert chain.witness == "tarrant" and chain.eyewitness
    assert chain.eyewitness_reason == "the subject's own account"


@pytest.mark.parametrize("lead,eyewitness", [
    ("Two people were on the towpath that night. Dore wrote in her diary that", True),
    ("Dore, who was there that night, wrote in her diary that", True),
    # the group is said to be there, but the witness was named before it: no link
    ("Dore kept a diary. Two people were on the towpath that night. She wrote that", False),
    ("The night was wet. Dore wrote in her diary that", False),
])
def test_chains_presence_stated_by_the_author_makes_an_eyewitness(lead: str,
                                                                  eyewitness: bool) -> None:
    text = (f"The Flood\n\nMartha Quill\n\n{lead} [q1:the keeper let the water through]."
            "\n\nMartha Quill")
    a = build(text, [("q1", "speech", "indirect", "dore", None, None, None)], PEOPLE)
    chain = a.layer("chains")[0]
    assert chain.witness == "dore" and chain.eyewitness is eyewitness
    assert ("puts them there" in chain.eyewitness_reason) is eyewitness
