"""Claim words: stems, synonym families, speech-act forms, and the fast pair finder."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from testimonia.analyse import claimtext as ct


@pytest.mark.parametrize("a,b", [("utilise", "utilize"), ("terrorist", "terror"),
                                 ("assassination", "terror"), ("acts", "act"),
                                 ("Humbert-Droz’s", "Humbert-Droz"), ("opened", "open"),
                                 ("closure", "closed"), ("closing", "close"), ("took", "take"),
                                 ("signature", "signed"), ("dismissal", "dismissed"),
                                 ("used", "use"), ("stopped", "stop"), ("wages", "payroll"),
                                 ("sacked", "dismissal"), ("arsonist", "burning")])
def test_claimtext_stems_meet(a: str, b: str) -> None:
    assert ct.stem(a) == ct.stem(b)


@pytest.mark.parametrize("text,question,polar", [
    ("Did you burn the mill?", True, True),
    ("What tasks did he give you?", True, False),
    ("whether he had said this or not", True, True),
    ("The task was to find out whether they were ready or not?", False, False),
    ("And why don’t you act yourself?", True, False),
    ("I gave it.", False, False),
])
def test_claimtext_questions(text: str, question: bool, polar: bool) -> None:
    assert ct.is_question(text) is question and ct.is_polar_question(text) is polar


@pytest.mark.parametrize("a,b", [("sluice", "water"), ("opened", "open-air"), ("act", "actor"),
                                 ("counter", "forged"), ("country", "signed"),
                                 ("taking", "money")])
def test_claimtext_stems_stay_apart(a: str, b: str) -> None:
    assert ct.stem(a) != ct.stem(b)


@pytest.mark.parametrize("text,denies", [
    ("I never touched it", True), ("I took nothing from the company, not a penny", True),
    ("I did not write it, and I will not be asked again", True), ("We didn’t send him", True),
    ("I was mending a hull not ten yards off", False), ("I was at home all night", False),
    ("He never touched it", False),
])
def test_claimtext_own_denial(text: str, denies: bool) -> None:
    assert bool(ct.pattern("own_denial").match(text)) is denies


@pytest.mark.parametrize("lead,concludes", [
    ("Finch and Dore had every reason to disagree, yet both agree that ", True),
    ("It is therefore likely that ", True), ("I conclude that ", True),
    ("Finch told the coroner that ", False), ("Both men were drinking when ", False),
])
def test_claimtext_concluding_lead_in(lead: str, concludes: bool) -> None:
    assert bool(ct.pattern("concluding").search(lead)) is concludes


@pytest.mark.parametrize("text", ["Yes", "Yes, I did,", "Indeed, he did.",
                                  "I did, sir. I thought the goods had gone,"])
def test_claimtext_answers_admit(text: str) -> None:
    assert ct.pattern("answer").match(text)


@pytest.mark.parametrize("text", ["Yes it was raining", "Indeed the mill burned"])
def test_claimtext_a_statement_opening_with_yes_is_no_bare_answer(text: str) -> None:
    assert not ct.pattern("answer").match(text)


@pytest.mark.parametrize("text,anaphoric", [
    ("Yes", True), ("it", True), ("I never said that", True),
    ("How do you deny this when you wanted the names", True),
    ("He had decided to burn the mill", False),
])
def test_claimtext_anaphoric(text: str, anaphoric: bool) -> None:
    assert ct.is_anaphoric(text) is anaphoric


def test_claimtext_sentences_respect_initials_and_note_markers() -> None:
    text = "It is an omission in Stephen F. Cohen’s book.2 Vol. 1 is good. He said so."
    assert [text[s:e] for s, e in ct.sentences_of(text)] == [
        "It is an omission in Stephen F. Cohen’s book.", "Vol. 1 is good.", "He said so."]
    sents = ct.sentences_of(text)
    assert ct.sentence_at(sents, 0) == 0 and ct.sentence_at(sents, len(text) - 1) == 2


STEMS = st.sets(st.sampled_from([f"w{i}" for i in range(12)]), max_size=6)


@settings(max_examples=200, deadline=None)
@given(st.lists(STEMS, max_size=12), st.sampled_from([0.3, 0.5, 0.8]), st.sampled_from([None, 1, 3]))
def test_claimtext_close_pairs_equal_all_pairs(sets, threshold, window) -> None:
    idf = ct.IDF({f"w{i}": 0.5 + (i % 5) for i in range(12)})
    idf.default = 5.0
    slow = {(i, j) for i, j in itertools.combinations(range(len(sets)), 2)
            if ct.similarity(sets[i], sets[j], idf) >= threshold and (window is None or j - i <= window)}
    assert set(ct.close_pairs(sets, idf, threshold, window)) == slow


@pytest.mark.parametrize("text,hits", [
    ("His account is too convenient to be trusted.", 2),
    ("Slade's story cannot be relied on; he may have invented the lantern.", 2),
    ("The memoir is self-serving and exaggerates his part.", 2),
    ("He walked to the mill and back.", 0),
])
def test_claimtext_doubt_cues(text: str, hits: int) -> None:
    assert len(ct.pattern("doubt").findall(text)) == hits


def _plain_groups(sets, idf, members, window) -> list[list[int]]:
    """The reference: a union-find over close_pairs of the pool, run afresh."""
    parent = list(range(len(members)))

    def find(i: int) -> int:
        while parent[i] != i:
            i = parent[i]
        return i

    for i, j in ct.close_pairs([sets[n] for n in members], idf, 0.5, window):
        parent[find(j)] = find(i)
    groups: dict[int, list[int]] = {}
    for k, n in enumerate(members):
        groups.setdefault(find(k), []).append(n)
    return list(groups.values())


@settings(max_examples=150, deadline=None)
@given(st.lists(STEMS, min_size=1, max_size=30), st.sampled_from([1, 2, 4]),
       st.lists(st.tuples(st.lists(st.booleans(), max_size=30), st.randoms()), max_size=6))
def test_claimtext_pool_pairs_equal_close_pairs_every_round(sets, window, rounds) -> None:
    # few distinct weights: ties between sets of equal weight, decided by their order
    idf = ct.IDF({f"w{i}": 1.0 + (i % 3) for i in range(12)})
    idf.default = 3.0
    pairs = ct.PoolPairs(sets, idf, 0.5, window, reach=2)
    pool = list(range(len(sets)))
    for drop, rnd in [([], None), *rounds]:
        assert pairs.groups(pool) == _plain_groups(sets, idf, pool, window)
        # the next pool: some members gone, the rest reordered (as _seeds does)
        pool = [n for k, n in enumerate(pool) if not (drop[k] if k < len(drop) else False)]
        if rnd is not None:
            rnd.shuffle(pool)
