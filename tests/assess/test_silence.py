"""Silence: the work a silence sentence names, and the claim it bears on."""

from __future__ import annotations

import pytest

from testimonia.analyse import claimtext as ct
from testimonia.assess.silence import silence_label


@pytest.mark.parametrize("sentence,label", [
    ("It finds no mention in the voluminous literature on Bukharin which has grown.",
     "the voluminous literature on Bukharin"),
    ("I found no witness, and the company's own minute books are silent on it.",
     "the company's own minute books"),
    ("The parish register is silent.", "The parish register"),
])
def test_silence_label_names_the_work(sentence: str, label: str) -> None:
    m = ct.pattern("silence").search(sentence)
    assert silence_label(sentence, m.end(), m.start()) == label
