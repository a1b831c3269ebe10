"""Segments: blocks classified by form and position, runs joined."""

from __future__ import annotations

from pathlib import Path

import pytest

from testimonia.analyse.segments import blocks_of, find_segments, is_name_like
from testimonia.testing import make_analysis, marked, run_stage

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def segments_of(text: str) -> list[tuple[str, str]]:
    out = run_stage(find_segments, make_analysis(text))
    return [(s.kind, s.span.of(text)) for s in out.layers["segments"]]


def kinds_by_label(source: str) -> None:
    """Each ``[kind:...]`` mark must come out as one segment of that kind."""
    text, spans = marked(source)
    out = run_stage(find_segments, make_analysis(text)).layers["segments"]
    got = {(s.kind, s.span) for s in out}
    want = {(k, sp) for k, v in spans.items() for sp in v}
    assert got == want


ARTICLE = """[title:A Quarrel over a Bridge]

[byline:Ruth Abelard]


[body:The bridge was finished in 1887.1 The engineer said it was sound.

Others disagreed, as the mayor wrote in 1890.2]

[signature:Ruth Abelard]


[notes:1. Paul Grey, ‘Bridges’, Lark Press, Leeds, 1990, p. 4.

2. Ibid., p. 9.]

[excerpt:I walked across it on the first day and felt it tremble under me.]

[credit:Courtesy: Tom Reed, ‘Diaries’, Hill, York, 1931, p. 2. Translated from the Welsh by Ruth Abelard.]

[boilerplate:Click here to return to the June index.]
"""


def test_segments_article_with_notes_excerpt_credit() -> None:
    kinds_by_label(ARTICLE)


def test_segments_body_only() -> None:
    kinds_by_label("[title:Short Note]\n\n[body:One paragraph of prose.\n\nAnd another one.]\n")


def test_segments_numbered_list_in_body_is_not_notes() -> None:
    # no note number is glued to the text earlier on, and there is no Notes heading
    kinds_by_label("[title:Three Reasons]\n\n[body:There are three reasons.\n\n"
                   "1. The roads were bad.\n\n2. The winter was long.]\n")


def test_segments_notes_under_heading() -> None:
    kinds_by_label("[title:On Wells]\n\n[body:The well ran dry (1).]\n\n"
                   "[notes:Notes\n\n1 Survey of 1901, p. 3.]\n")


def test_segments_signature_then_excerpt_without_notes() -> None:
    kinds_by_label("[title:A Letter Found]\n\n[body:The letter follows.]\n\n"
                   "[signature:— Jan Novak]\n\n[excerpt:Dear sister, we are well.]\n\n"
                   "[credit:Source: family papers of the Novak family.]\n")


def test_segments_gutenberg_style() -> None:
    text = (FIXTURES / "gutenberg-style.txt").read_text(encoding="utf-8")
    segs = segments_of(text)
    kinds = [k for k, _ in segs]
    assert kinds[0] == "boilerplate" and kinds[-1] == "boilerplate"
    assert ("notes", "[Footnote 1: The register of the station shows two failures, "
                     "both in 1871.]") in segs
    assert any(k == "boilerplate" and s.startswith("[Illustration:") for k, s in segs)
    assert ("title", "LETTERS FROM A LIGHTHOUSE") in segs
    assert ("byline", "By Agnes Whitlow") in segs
    assert sum(k == "body" for k in kinds) == 2  # before and after the interleaved note


@pytest.mark.parametrize("name", ["granary-fire.txt", "harbour-strike.txt"])
def test_segments_examples_have_every_part(name: str) -> None:
    text = (EXAMPLES / name).read_text(encoding="utf-8")
    kinds = [k for k, _ in segments_of(text)]
    assert kinds[:3] == ["title", "byline", "body"] and "signature" in kinds
    assert kinds.count("notes") == 1


@pytest.mark.parametrize("line,expected", [
    ("Jules Humbert-Droz", True), ("By L.M. Kaganovich", True), ("— Jan Novak", True),
    ("Yes.", False), ("The end of the story was sad", False), ("", False),
    ("Marie de la Tour", True), ("How could you?!", False),
])
def test_segments_is_name_like(line: str, expected: bool) -> None:
    assert is_name_like(line) is expected


def test_segments_blocks_exclude_surrounding_space() -> None:
    text = "\n\n  a b \n\n\n c\n"
    assert [b.text for b in blocks_of(text)] == ["a b", "c"]
    assert all(text[b.start:b.end] == b.text for b in blocks_of(text))


@pytest.mark.shared
def test_segments_seed_char_accuracy(seed_path, seed_gold) -> None:
    text = seed_path.read_text(encoding="utf-8")
    lab_g = [None] * len(text)
    for s in seed_gold["segments"]:
        lab_g[s["span"][0]:s["span"][1]] = [s["kind"]] * (s["span"][1] - s["span"][0])
    lab_p = [None] * len(text)
    for s in run_stage(find_segments, make_analysis(text)).layers["segments"]:
        lab_p[s.span.start:s.span.end] = [s.kind] * len(s.span)
    idx = [i for i, c in enumerate(text) if not c.isspace() and lab_g[i]]
    acc = sum(lab_g[i] == lab_p[i] for i in idx) / len(idx)
    assert acc >= 0.98


def test_segments_html_page_drops_navigation_and_keeps_parts() -> None:
    import testimonia
    from testimonia.model import Analysis

    doc = testimonia.read(EXAMPLES / "village-school.html")
    segs = run_stage(find_segments, Analysis(doc)).layers["segments"]
    kinds = [s.kind for s in segs]
    assert kinds == ["title", "byline", "body", "signature", "notes"]
    assert "Home" not in doc.text and "tracker" not in doc.text
    assert "Click here" not in doc.text  # boilerplate footer dropped by the reader
