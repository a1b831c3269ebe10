"""Reported speech: dash-closed speech, colon cues, 'according to', selective parsing (issue 4)."""

from __future__ import annotations

import pytest

from testimonia.analyse.quotes import find_spans
from testimonia.analyse.speech import find_reported, find_speech
from testimonia.testing import make_analysis, run_stage


class _Doc:
    """A parse with no tokens: the regex finders run, the parse-based ones find nothing."""

    def __init__(self, text: str) -> None:
        self.text = text

    def __iter__(self):  # noqa: ANN204
        return iter(())


class _Parser:
    def __init__(self) -> None:
        self.seen: list[str] = []

    def __call__(self, texts):  # noqa: ANN001, ANN204
        self.seen.extend(texts)
        return [_Doc(t) for t in texts]


def reported(text: str) -> list[tuple[str, str, str, str | None]]:
    quotes, _ = find_spans(text)
    out = find_reported(text, (), quotes, parse=_Parser())
    return [(q.span.of(text), q.kind, q.mode, q.cue) for q in out]


@pytest.mark.parametrize(("text", "want"), [
    ("‘No,’ said Ivan. How do you deny this when you wanted the names [list – ed.] of the "
     "people – said Boris who was a clerk.",
     [("How do you deny this when you wanted the names [list – ed.] of the people",
       "speech", "direct", "said")]),
    ("On this point I expressed my reservation: terror would turn against those who used it. "
     "It had never worked. ‘My view is different.’",
     [("terror would turn against those who used it. It had never worked", "speech",
       "indirect", "expressed my reservation")]),
    ("According to the minister, the bridge was safe.",
     [("the bridge was safe", "speech", "indirect", "according to")]),
    ("The bridge was safe, according to the minister.",
     [("The bridge was safe", "speech", "indirect", "according to")]),
    ("But the bridge was safe, according to the minister.",
     [("the bridge was safe", "speech", "indirect", "according to")]),
    ("In addition, the old bridge was safe, according to the minister.",
     [("the old bridge was safe", "speech", "indirect", "according to")]),
])
def test_speech_regex_finders(text: str, want: list[tuple[str, str, str, str]]) -> None:
    assert reported(text) == want


@pytest.mark.issue(4)
@pytest.mark.parametrize(("text", "want"), [
    ("The difference now, he told me on Friday, is that the mill is open.",
     ["The difference now", "is that the mill is open"]),
    ("All of this, she acknowledges, could be undone by a flood.",
     ["All of this", "could be undone by a flood"]),
    ("It was, the harbour master said, a quiet winter.", ["It was", "a quiet winter"]),
])
def test_speech_parenthetical_tag_with_a_common_noun_or_an_adjunct(text: str,
                                                                 want: list[str]) -> None:
    assert [r[0] for r in reported(text)] == want


def test_speech_dash_tag_on_a_marked_quote_is_not_repeated() -> None:
    assert reported("‘We go now’ – said Ivan.") == []


def test_speech_parses_only_sentences_with_a_cue() -> None:
    text = "The river was wide. The bridge was new. He said that it was safe. It rained."
    parser = _Parser()
    find_reported(text, (), (), parse=parser)
    assert parser.seen == ["He said that it was safe."]


@pytest.mark.issue(4)
@pytest.mark.parametrize(("text", "parsed"), [
    ("“We go,” said Emma.", False),
    ("Emma said: “We go.”", False),
    ("Emma said, “We go.”", False),
    # the quotation finishes a content clause: the clause is the content, so parse it
    ("The mayor says the levy “would ruin the bakers.”", True),
])
def test_speech_a_quote_after_a_clause_start_is_no_dialogue_tag(text: str, parsed: bool) -> None:
    quotes, _ = find_spans(text)
    parser = _Parser()
    find_reported(text, (), quotes, parse=parser)
    assert bool(parser.seen) is parsed


@pytest.mark.model
@pytest.mark.issue(4)
@pytest.mark.parametrize(("text", "content"), [
    ("The mayor says the levy “would ruin the bakers.” He left.",
     "the levy “would ruin the bakers."),
    # 'that' and one word besides the quotation still make a clause of it
    ("The board says that “the audio failed.”", "that “the audio failed."),
    ("The clerk said he “never saw the ledger.”", "he “never saw the ledger."),
])
def test_speech_clause_ending_in_a_quotation_is_content(text: str, content: str) -> None:
    quotes, _ = find_spans(text)
    assert [q.span.of(text) for q in find_reported(text, (), quotes)] == [content]


def test_speech_skips_notes_and_credit_segments() -> None:
    from testimonia.model import Segment, Span

    text = "Body.\n\n1. According to Smith, p. 3."
    segs = (Segment("body", Span(0, 5)), Segment("notes", Span(7, len(text))))
    assert find_reported(text, segs, (), parse=_Parser()) == []


@pytest.mark.model
@pytest.mark.parametrize(("text", "content", "cue"), [
    ("Ivan also told me that they had decided to act.", "that they had decided to act", "told"),
    ("Sergo asks Ivan whether he had said this or not.", "whether he had said this or not",
     "asks"),
    ("The plan has been asserted persistently in the official press.", "The plan",
     "has been asserted"),
    ("He brought me up to date with the contacts made by his group.",
     "the contacts made by his group", "brought me up to date with"),
    ("The council wants to close the old bridge by spring.", "to close the old bridge by spring",
     "wants"),
    ("The miller refused to pay the new toll.", "to pay the new toll", "refused"),
    ("The mayor urged the bakers to lower their prices.", "the bakers to lower their prices",
     "urged"),
    # a gerund content, after a preposition or as the object (issue 4)
    ("The mayor called for reducing the tax on bread.", "reducing the tax on bread",
     "called for"),
    ("The mayor proposed dropping the levy on flour.", "dropping the levy on flour", "proposed"),
    # a coordinated cue shares the subject and ends the first content
    ("The council proposes a new bridge and plans to reduce the tolls.", "to reduce the tolls",
     "plans"),
    ("The council proposes a new bridge and plans to reduce the tolls.", "a new bridge",
     "proposes"),
    ("The court blocked the sale, citing a threat to public health.",
     "a threat to public health", "citing"),
])
def test_speech_parse_based_contents(text: str, content: str, cue: str) -> None:
    out = run_stage(find_speech, make_analysis(text, segments=(), notes=(), quote_spans=()))
    got = [(q.span.of(text), q.cue) for q in out.layers["reported"]]
    assert (content, cue) in got


@pytest.mark.model
def test_speech_authors_conclusion_and_impersonal_passive() -> None:
    text = ("It has been generally supposed that they were inventing excuses. "
            "It is evident that both witnesses concur that he raised the question.")
    out = run_stage(find_speech, make_analysis(text, segments=(), notes=(), quote_spans=()))
    got = [(q.span.of(text), q.kind) for q in out.layers["reported"]]
    assert got == [("that he raised the question", "conclusion")]


@pytest.mark.model
@pytest.mark.issue(4)
@pytest.mark.parametrize(("text", "content", "kind"), [
    # a dash-closed aside before the verb is no "… – said X" tag
    ("It is evident that both his friends and his rivals – the doctor and the mayor "
     "respectively – agree that the fire began in the mill.",
     "that the fire began in the mill", "conclusion"),
    ("The villagers – farmers and fishermen alike – agree that the bridge was unsafe.",
     "that the bridge was unsafe", "speech"),
    # the author's inference in other words
    ("It is now quite clear that the two ledgers concur that the grain was sold twice.",
     "that the grain was sold twice", "conclusion"),
    ("There can be no doubt that the harbour records confirm that the ship left early.",
     "that the ship left early", "conclusion"),
    ("Clearly, both the ferrymen and the tollkeepers agree that the bridge was unsafe.",
     "that the bridge was unsafe", "conclusion"),
    ("The clerk was honest, and it is plain that both – the cook and the porter – concur "
     "that the door was locked.", "that the door was locked", "conclusion"),
    # … but only where the verb says what others concur on
    ("Clearly, the ferryman said that the bridge was unsafe.",
     "that the bridge was unsafe", "speech"),
])
def test_speech_authors_conclusion_over_collective_subjects(text: str, content: str,
                                                           kind: str) -> None:
    out = run_stage(find_speech, make_analysis(text, segments=(), notes=(), quote_spans=()))
    got = [(q.span.of(text), q.kind) for q in out.layers["reported"]]
    assert got == [(content, kind)]


@pytest.mark.model
@pytest.mark.issue(4)
def test_speech_fast_parse_finds_what_the_full_parse_finds() -> None:
    from testimonia.analyse import nlp

    text = ("The miller told the court that the granary had burned twice. Nobody ain't "
            "sure, the clerk said, whether the lamps were lit. It has been claimed by the "
            "guild that wages fell. She warned them of a flood and promised to return. "
            "His claim that the roads were mended was denied by the mayor, who described "
            "the repairs as cosmetic.")
    quotes, _ = find_spans(text)

    def full(texts):  # noqa: ANN001, ANN202
        return list(nlp.load().pipe(texts))

    fast = find_reported(text, (), quotes)
    assert fast == find_reported(text, (), quotes, parse=full)
    assert len(fast) >= 4


@pytest.mark.parametrize(("text", "content"), [
    ("The ferry, he said, would run again in May, adding that fares would stay low.",
     "would run again in May"),
    ("The ferry, he said, would run again in May, citing the new pier.", "would run again in May"),
    ("The ferry, he said, would run again in May, weather permitting.",
     "would run again in May, weather permitting"),
])
def test_speech_content_ends_before_the_speakers_next_act(text: str, content: str) -> None:
    assert (content, "speech", "indirect", "said") in reported(text)


@pytest.mark.parametrize(("text", "want"), [
    ("the toll would rise and", "the toll would rise"),
    ("the toll would rise, but", "the toll would rise"),
    ("bread and butter", "bread and butter"),
    (" that it rained.12", "that it rained"),
])
def test_speech_trim_drops_edge_punctuation_and_a_dangling_conjunction(text: str,
                                                                      want: str) -> None:
    from testimonia.analyse.speech import _trim

    s, e = _trim(text, 0, len(text))
    assert text[s:e] == want


@pytest.mark.model
@pytest.mark.parametrize(("text", "content"), [
    ("The clerk said that the mill burned and that nobody was found inside.",
     "that the mill burned and that nobody was found inside"),
    ("The clerk said the mill would reopen and warned against rumours.",
     "the mill would reopen"),
])
def test_speech_second_that_clause_stays_in_the_content(text: str, content: str) -> None:
    out = run_stage(find_speech, make_analysis(text, segments=(), notes=(), quote_spans=()))
    assert content in [q.span.of(text) for q in out.layers["reported"]]


@pytest.mark.issue(4)
@pytest.mark.parametrize("text", [
    "‘No,’ said Ivan. How do you deny this – said Boris. The toll, he said, would rise "
    "“by a third” [as reported]. According to the clerk, the “mill” burned. ‘Yes.’",
    "The bridge was safe, according to “the minister”. “Go,” he said, “now.” The ferry, "
    "she said, would run again, “weather permitting,” in May – said Anna.",
])
def test_speech_window_lookups_match_a_plain_scan(text: str) -> None:
    """Sorted spans take the bisection path, shuffled ones the plain scan: same output."""
    from testimonia.analyse.speech import _Spans

    quotes, _ = find_spans(text)
    assert _Spans([q.span for q in quotes]).ordered
    assert not _Spans([q.span for q in reversed(quotes)]).ordered
    fast = find_reported(text, (), quotes, parse=_Parser())
    plain = find_reported(text, (), list(reversed(quotes)), parse=_Parser())
    assert fast == plain
    assert fast
