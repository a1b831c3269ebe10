"""The held-out yardstick (tests/fixtures/heldout) stays well-formed.

Only the expectation files are checked here — never the pipeline's accuracy on
them, which ``bench/heldout.py`` measures. A ``text`` that no longer occurs
exactly once in its document would silently stop matching anything.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

HELDOUT = Path(__file__).resolve().parent / "fixtures" / "heldout"
DOCS = sorted(HELDOUT.glob("*.txt"))
GRADES = {
    "corroborated by independent witnesses of opposite sympathy",
    "corroborated by independent eyewitnesses",
    "one eyewitness, corroborated by independent hearsay",
    "a single eyewitness, uncorroborated",
    "independent hearsay only",
    "hearsay from a single source",
    "asserted without a named witness",
    "no traceable witness",
    "denied; no supporting testimony",
    "nothing to go on",
}
KINDS = {"speech", "block", "title", "scare", "conclusion"}
POLARITIES = {"sympathetic", "hostile", "neutral"}


def _load(doc: Path) -> tuple[str, dict]:
    expected = doc.with_suffix("").with_suffix(".expected.json")
    return doc.read_text(encoding="utf-8"), json.loads(expected.read_text(encoding="utf-8"))


def test_heldout_files_present() -> None:
    assert len(DOCS) >= 8
    for doc in DOCS:
        assert doc.with_suffix("").with_suffix(".expected.json").exists(), doc.name


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: p.stem)
def test_heldout_files_document_length(doc: Path) -> None:
    assert 1500 <= len(doc.read_text(encoding="utf-8")) <= 3000


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: p.stem)
def test_heldout_files_expected_well_formed(doc: Path) -> None:
    text, exp = _load(doc)
    assert set(exp) >= {"people", "quotes", "stances", "main_claim"}
    people = exp["people"]
    for name, forms in people.items():
        assert forms and all(isinstance(f, str) and f in text for f in forms), name
    for q in exp["quotes"]:
        assert set(q) >= {"text", "speaker", "addressee", "parent_text", "kind"}, q
        assert q["kind"] in KINDS, q
        for role in ("speaker", "addressee"):
            assert q[role] is None or q[role] in people, (role, q)
    for s in exp["stances"]:
        assert s["holder"] in people and s["target"] in people, s
        assert s["polarity"] in POLARITIES, s
    mc = exp["main_claim"]
    assert mc["subject"] in people
    assert mc["grade"] in GRADES
    assert isinstance(mc["independent_chains"], int) and mc["independent_chains"] >= 0
    assert mc["support_texts"] or mc["deny_texts"]


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: p.stem)
def test_heldout_files_texts_occur_once(doc: Path) -> None:
    text, exp = _load(doc)
    mc = exp["main_claim"]
    subs = [q["text"] for q in exp["quotes"]]
    subs += [q["parent_text"] for q in exp["quotes"] if q["parent_text"] is not None]
    subs += mc["support_texts"] + mc["deny_texts"] + mc["doubt_texts"]
    wrong = {s: text.count(s) for s in subs if text.count(s) != 1}
    assert not wrong, wrong


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: p.stem)
def test_heldout_files_parent_encloses_child(doc: Path) -> None:
    """A nested quote lies after the start of the text that names its parent."""
    text, exp = _load(doc)
    for q in exp["quotes"]:
        if q["parent_text"] is not None:
            assert text.index(q["parent_text"]) < text.index(q["text"]), q
