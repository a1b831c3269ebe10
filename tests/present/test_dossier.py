"""The terminal dossier's small text helpers: how a quote is shown."""

from __future__ import annotations

import pytest

from testimonia.model import Span
from testimonia.present.dossier import _quote_words, _sentence_around


def _at(text: str, words: str) -> Span:
    i = text.index(words)
    return Span(i, i + len(words))


@pytest.mark.parametrize("text,quote,shown", [
    # a long quote is shown alone
    ("Mara wrote that the mill burned at night. Then she left.",
     "the mill burned at night", "“the mill burned at night”"),
    # a bare pronoun is shown with the sentence it sits in; an initial does not end it
    ("The fire was set. It was told by J.K. Orme to the clerk. Later more came.",
     "It", "“It” (in “It was told by J.K. Orme to the clerk.”)"),
    ("‘No’, said Orme. ‘Yes’, answered Tull.\nThe end.",
     "Yes", "“Yes” (in “‘Yes’, answered Tull.”)"),
])
def test_dossier_quote_words_short_quote_shows_its_sentence(text, quote, shown) -> None:
    assert _quote_words(text, _at(text, quote)) == shown


def test_dossier_quote_words_long_sentence_cut_on_a_word_boundary() -> None:
    text = "Before the " + "very " * 40 + "long wait it was said by Orme."
    it = text.index(" it ") + 1
    out = _quote_words(text, Span(it, it + 2))
    assert out.startswith("“it” (in “…very ")  # a whole word after the cut, never "ery"
    assert _sentence_around(text, Span(it, it + 2)).of(text).endswith("by Orme.")
