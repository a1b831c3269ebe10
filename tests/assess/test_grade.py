"""Grades: assertions without a named witness, conclusions, doubts that name a witness."""

from __future__ import annotations

import pytest

from .conftest_builders import build, main_claim

PEOPLE = {"stan": ("Hugh Stannard", "Stannard"), "gaunt": ("Peter Gaunt",),
          "slade": ("Reuben Slade", "Slade"), "marsh": ("Lydia Marsh", "Marsh")}


def test_grade_collective_assertion_is_asserted_without_a_named_witness() -> None:
    text = ("The Purse\n\nPeter Gaunt\n\nIt has long been said in Dunmore that "
            "[q1:Stannard took money from the gas company]. The tale has been repeated in the "
            "regional press that [q2:Stannard took the gas company's money].\n\nPeter Gaunt")
    quotes = [("q1", "speech", "indirect", None, None, None, None, "has long been said"),
              ("q2", "speech", "indirect", None, None, None, None, "has been repeated")]
    a = build(text, quotes, PEOPLE)
    claim, x = main_claim(a)
    assert set(claim.support) == {"q1", "q2"}
    assert x.grade == "asserted without a named witness" and x.scale.startswith("Admiralty 4")
    f = next(f for f in x.factors if f.kind == "chain")
    assert "without a named witness" in f.text and len(f.spans) == 2


def test_grade_doubt_goes_to_the_claim_of_the_witness_the_doubter_names() -> None:
    people = {"kemp": ("Josiah Kemp", "Kemp"), "slade": ("Reuben Slade", "Slade"),
              "marsh": ("Lydia Marsh", "Marsh"), "barrow": ("Owen Barrow",)}
    text = ("The Granary\n\nOwen Barrow\n\nSlade stated that he watched "
            "[q1:Kemp set fire to the granary thatch]. Kemp said [q2:‘I was at home with my "
            "wife all that night.’] Marsh writes: [q3:‘Slade had a debt to escape,’] and "
            "[q4:‘his account is too convenient to be trusted.’]\n\nOwen Barrow")
    quotes = [("q1", "speech", "indirect", "slade", None, None, None),
              ("q2", "speech", "direct", "kemp", None, None, None),
              ("q3", "speech", "direct", "marsh", None, None, None),
              ("q4", "speech", "direct", "marsh", None, None, None)]
    a = build(text, quotes, people)
    claim = next(c for c in a.layer("claims") if "q1" in c.support)
    assert claim.doubt == ("q4",)
    assert all("q4" not in c.support for c in a.layer("claims"))


@pytest.mark.parametrize("act,against", [("stole the wages from the safe", True),
                                         ("walked to the mill at dawn", False)])
def test_grade_a_friend_reporting_a_theft_speaks_against_interest(act: str,
                                                                  against: bool) -> None:
    people = {"marsh": ("Lionel Marsh", "Marsh"), "crook": ("Abel Crook", "Crook"),
              "ashby": ("Clara Ashby", "Ashby")}
    text = ("The Payroll\n\nIda Fenwick\n\nCrook, [st:a friend of Marsh], told the magistrate "
            f"that he saw [q1:Marsh {act}]. Ashby wrote that she watched [q2:Marsh {act}]."
            "\n\nIda Fenwick")
    quotes = [("q1", "speech", "indirect", "crook", None, None, None),
              ("q2", "speech", "indirect", "ashby", None, None, None)]
    a = build(text, quotes, people, [("crook", "marsh", "sympathetic", "st")])
    _, x = main_claim(a)
    assert any(f.kind == "against_interest" for f in x.factors) is against


def test_grade_doubt_cues_are_quoted_as_written() -> None:
    people = {"kemp": ("Josiah Kemp", "Kemp"), "slade": ("Reuben Slade", "Slade"),
              "marsh": ("Lydia Marsh", "Marsh"), "barrow": ("Owen Barrow",)}
    text = ("The Granary\n\nOwen Barrow\n\nSlade stated that he watched "
            "[q1:Kemp set fire to the granary thatch]. Marsh writes: [q2:‘Perhaps Slade "
            "saw a lamp. If Kemp did set it, perhaps he had help.’]\n\nOwen Barrow")
    quotes = [("q1", "speech", "indirect", "slade", None, None, None),
              ("q2", "speech", "direct", "marsh", None, None, None)]
    a = build(text, quotes, people)
    doubt = next(f for x in a.layer("assessments") for f in x.factors if f.kind == "doubt")
    assert "‘Perhaps’" in doubt.text and "‘perhaps’" not in doubt.text
    assert doubt.text.count("erhaps") == 1  # "Perhaps … perhaps" is one cue, shown as first written
