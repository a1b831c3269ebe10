"""cues: the word-set prefilter agrees with the plain regex over the same forms (issue 4)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from testimonia.analyse.cues import cue_form_re, cue_forms, holds_form, inflections

_LEMMAS = frozenset({"say", "tell", "deny", "note", "admit", "hope"})
_FORMS = cue_forms(_LEMMAS)
_RE = cue_form_re(_LEMMAS)


@pytest.mark.parametrize(("sentence", "want"), [
    ("She SAID nothing.", True),
    ("Nobody denied it.", True),
    ("The notes were unsaid.", True),          # 'notes' is a form of 'note'
    ("It was not a denial.", False),           # neither 'not' nor 'denial' is a form
    ("Unsaid, untold, said_x.", False),        # forms inside longer words do not count
    ("He told me, hopefully.", True),
    ("", False),
])
def test_cues_holds_form_cases(sentence: str, want: bool) -> None:
    assert holds_form(sentence, _FORMS) is want
    assert (_RE.search(sentence) is not None) is want


_words = st.sampled_from(sorted(_FORMS) + ["Said", "TOLD", "notary", "unsaid", "x1", "é", "_"])


@given(st.lists(st.tuples(_words, st.sampled_from([" ", ", ", "-", "_", "’", "9", ""])),
                max_size=8))
def test_cues_holds_form_agrees_with_the_regex(parts: list[tuple[str, str]]) -> None:
    sentence = "".join(w + sep for w, sep in parts)
    assert holds_form(sentence, _FORMS) is (_RE.search(sentence) is not None)


@pytest.mark.parametrize(("lemma", "forms"), [
    ("admit", {"admitted", "admitting", "admits"}),
    ("deny", {"denied", "denies", "denying"}),
    ("note", {"noted", "notes", "noting"}),
])
def test_cues_inflections(lemma: str, forms: set[str]) -> None:
    assert forms <= inflections(lemma)
    assert "not" not in inflections(lemma)


def test_cues_parse_cache_drops_least_recent_never_everything(monkeypatch) -> None:
    from testimonia.analyse import cues

    calls: list[list[str]] = []

    def fake(texts):
        calls.append(list(texts))
        return [f"doc:{t}" for t in texts]

    monkeypatch.setattr(cues.nlp, "parse_fast", fake)
    monkeypatch.setattr(cues, "_cache", type(cues._cache)())
    monkeypatch.setattr(cues, "_CACHE_MAX", 3)
    assert cues.parse(["a", "b", "c"]) == ["doc:a", "doc:b", "doc:c"]
    cues.parse(["a"])                      # "a" used again: "b" is now the least recent
    assert cues.parse(["d", "a"]) == ["doc:d", "doc:a"]
    assert calls[-1] == ["d"]              # "a" still cached
    assert list(cues._cache) == ["c", "a", "d"]  # "b" dropped, not the whole cache
    assert cues.parse(["b", "b"]) == ["doc:b", "doc:b"] and calls[-1] == ["b"]
