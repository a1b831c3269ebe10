"""Alias clustering of person forms: sisters, shared surnames, pet names (issues 4, 5)."""

from __future__ import annotations

import pytest

from testimonia.analyse.aliases import Occurrence, cluster_forms
from testimonia.analyse.names import candidates, hypocorism_of
from testimonia.model import Span


def clusters(*forms: str) -> dict[str, str]:
    """Each form's cluster key, the forms occurring in the order given."""
    occs = [Occurrence(Span(i * 40, i * 40 + len(f)), f) for i, f in enumerate(forms)]
    keys = cluster_forms(list(dict.fromkeys(forms)), occs)
    return {o.form: keys[o.span] for o in occs}


def test_aliases_miss_and_surname_joins_miss_given_surname() -> None:
    got = clusters("Miss Harriet Ormsby", "Harriet", "Miss Ormsby", "Mrs. Ormsby", "Mr. Ormsby")
    assert got["Harriet"] == got["Miss Harriet Ormsby"] == got["Miss Ormsby"]
    assert len({got["Miss Ormsby"], got["Mrs. Ormsby"], got["Mr. Ormsby"]}) == 3


def test_aliases_a_bare_surname_a_man_and_a_woman_share_is_the_mans() -> None:
    got = clusters("Mr. Fenwick", "Clara Fenwick", "Fenwick", "Mrs. Fenwick")
    assert got["Mr. Fenwick"] != got["Clara Fenwick"]
    assert got["Fenwick"] == got["Mr. Fenwick"]


def test_aliases_a_bare_surname_two_men_share_goes_to_the_man_named_last() -> None:
    got = clusters("George Fenwick", "Mrs. Fenwick", "Thomas Fenwick", "Fenwick")
    assert got["Fenwick"] == got["Thomas Fenwick"]


@pytest.mark.parametrize(("pet", "full"), [("Lizzy", "Elizabeth Crane"),
                                           ("Harry", "Lord Henry Ashdown"),
                                           ("Bob", "Robert Tilney")])
def test_aliases_a_pet_name_joins_the_full_name_it_shortens(pet: str, full: str) -> None:
    got = clusters(full, pet)
    assert got[pet] == got[full]


def test_aliases_a_pet_name_two_people_may_bear_goes_to_the_one_named_last() -> None:
    got = clusters("Elizabeth Crane", "Elizabeth Moore", "Lizzy")
    assert got["Lizzy"] == got["Elizabeth Moore"] != got["Elizabeth Crane"]


def test_aliases_hypocorism_table_is_folded() -> None:
    assert hypocorism_of("LIZZY") == ("elizabeth",) and hypocorism_of("Anna") == ()


@pytest.mark.parametrize("text", ["CHAPTER IV.\n\nThe rain fell.", "Chapter 12\n\nThe rain fell.",
                                  "BOOK II\n\nThe rain fell."])
def test_aliases_a_chapter_heading_is_not_a_name(text: str) -> None:
    assert candidates(text) == []


def test_aliases_a_name_after_a_heading_keeps_its_own_span() -> None:
    got = candidates("CHAPTER V. Mr. Fenwick came in.")
    assert [c.text for c in got] == ["Mr. Fenwick"]
