"""nlp: the compiled attribute ruler gives what spaCy's own ruler gives (issue 4: throughput)."""

from __future__ import annotations

import pytest

spacy = pytest.importorskip("spacy")
from spacy.tokens import Doc  # noqa: E402

from testimonia.analyse.nlp import CompiledRuler  # noqa: E402

_PATTERNS = [
    {"patterns": [[{"TAG": "NN"}]], "attrs": {"POS": "NOUN", "MORPH": "Number=Sing"}},
    {"patterns": [[{"TAG": "VBD"}]], "attrs": {"POS": "VERB", "MORPH": "Tense=Past"}},
    {"patterns": [[{"TAG": "VBD", "LOWER": {"IN": ["was", "had"]}}]], "attrs": {"POS": "AUX"}},
    {"patterns": [[{"TAG": {"NOT_IN": ["TO", ""]}, "DEP": {"IN": ["aux", "auxpass"]}}]],
     "attrs": {"POS": "AUX"}},
    {"patterns": [[{"LOWER": "had", "DEP": "ROOT"}]], "attrs": {"POS": "VERB"}},
    {"patterns": [[{"LOWER": {"REGEX": "^n[ou]thin'$"}}]], "attrs": {"LEMMA": "nothing"}},
    {"patterns": [[{"DEP": "expl"}, {"LOWER": {"IN": ["is", "was"]}}]], "attrs": {"POS": "VERB"},
     "index": 1},
    {"patterns": [[{"IS_SPACE": True, "DEP": {"NOT_IN": [""]}}]], "attrs": {"DEP": "dep"}},
]

_DOCS = [
    # words, tags, deps, heads
    (["There", "was", "nothin'", "left", "."], ["EX", "VBD", "NN", "VBD", "."],
     ["expl", "ROOT", "nsubj", "acl", "punct"], [1, 1, 1, 2, 1]),
    (["She", "had", "said", "it", "had", "rained"], ["PRP", "VBD", "VBD", "PRP", "VBD", "VBD"],
     ["nsubj", "aux", "ROOT", "nsubj", "ROOT", "ccomp"], [2, 2, 2, 5, 4, 2]),
    (["He", "had", "tea", "\n", "then"], ["PRP", "VBD", "NN", "_SP", "RB"],
     ["nsubj", "ROOT", "dobj", "punct", "advmod"], [1, 1, 1, 2, 1]),
    ([], [], [], []),
]


def _ruled(ruler_fn, vocab, words, tags, deps, heads):  # noqa: ANN001, ANN202
    doc = Doc(vocab, words=words, tags=tags, deps=deps, heads=heads) if words \
        else Doc(vocab, words=[])
    ruler_fn(doc)
    return [(t.pos_, t.dep_, str(t.morph), t.lemma_, t.tag_) for t in doc]


@pytest.fixture(scope="module")
def ruler():  # noqa: ANN201
    nlp = spacy.blank("en")
    r = nlp.add_pipe("attribute_ruler")
    r.add_patterns(_PATTERNS)
    return r


@pytest.mark.parametrize(("words", "tags", "deps", "heads"), _DOCS)
def test_nlp_compiled_ruler_matches_spacy_ruler(ruler, words, tags, deps, heads) -> None:  # noqa: ANN001
    compiled = CompiledRuler(ruler)
    assert _ruled(compiled, ruler.vocab, words, tags, deps, heads) == \
        _ruled(ruler, ruler.vocab, words, tags, deps, heads)


def test_nlp_compiled_ruler_sets_later_patterns_over_earlier(ruler) -> None:  # noqa: ANN001
    got = _ruled(CompiledRuler(ruler), ruler.vocab, *_DOCS[1])
    assert [p for p, *_ in got] == ["", "AUX", "VERB", "", "VERB", "VERB"]


@pytest.mark.parametrize("pattern", [
    [{"TEXT": "x"}],                         # a key it does not read
    [{"LOWER": {"FUZZY": "x"}}],             # an operator it does not know
    [{"LOWER": "x", "OP": "?"}],             # a quantifier
    [{"TAG": {"REGEX": "^VB"}}],             # a regex on anything but a word
])
def test_nlp_compiled_ruler_refuses_what_it_cannot_compile(pattern) -> None:  # noqa: ANN001
    nlp = spacy.blank("en")
    r = nlp.add_pipe("attribute_ruler")
    r.add([pattern], {"POS": "NOUN"})
    with pytest.raises(ValueError):
        CompiledRuler(r)


@pytest.mark.model
def test_nlp_parse_fast_equals_the_full_pipeline() -> None:
    from testimonia.analyse import nlp

    texts = ["The clerk said that the granary had burned and nobody ain't sure why.",
             "There were, she told me, y'all waiting for nothin' at the gate.",
             "It has been asserted by the council that the roads were not repaired.",
             "Having decided to act, they wrote to him.  He didn't answer."]
    full = list(nlp.load().pipe(texts))
    fast = nlp.parse_fast(texts)
    for a, b in zip(fast, full, strict=True):
        assert [(t.tag_, t.pos_, t.dep_, t.head.i, str(t.morph), nlp.lemma(t)) for t in a] == \
            [(t.tag_, t.pos_, t.dep_, t.head.i, str(t.morph), t.lemma_) for t in b]


@pytest.mark.model
@pytest.mark.parametrize(("lemma", "form"), [("tell", "told"), ("deny", "denied"),
                                             ("claim", "claims"), ("be", "was")])
def test_nlp_lemma_forms_reach_the_lemma(lemma: str, form: str) -> None:
    from testimonia.analyse import nlp

    assert form in nlp.lemma_forms(frozenset({lemma}))


@pytest.mark.model
def test_nlp_lemma_among_agrees_with_the_lemmatizer_on_membership() -> None:
    from testimonia.analyse import nlp

    among = frozenset({"say", "tell", "deny", "claim", "be", "know", "hope", "warning"})
    text = ("The keeper had told us he was sure; she denies it, hoping the claims and "
            "warnings were known to nobody, and says so. Saying that ain't wise, they'd warned.")
    full = list(nlp.load()(text))
    fast = nlp.parse_fast([text])[0]
    got = [nlp.lemma_among(t, among) for t in fast]
    want = [t.lemma_.lower() for t in full]
    assert [g if g in among else None for g in got] == [w if w in among else None for w in want]
    assert sum(w in among for w in want) >= 8
