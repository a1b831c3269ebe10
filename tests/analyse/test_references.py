"""Reference parsing: note rules, the CRF, back-references, the module entry point (issue 3)."""

from __future__ import annotations

import io
import json
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from testimonia.analyse import references
from testimonia.analyse.references import parse_references
from testimonia.analyse.refs_crf import model_available
from testimonia.analyse.refs_fields import pages, parse_date, parse_names, split_volume
from testimonia.analyse.refs_notes import looks_like_note, parse_citation, split_citations

BOOK = "Ruth Abelard, A History of Bridges: Stone and Iron, trans. Tom Brandt (Leeds: Pontifex Press, 1990), 12."


def test_references_chicago_book() -> None:
    (item,) = parse_references([BOOK])
    assert item["type"] == "book"
    assert item["author"] == [{"family": "Abelard", "given": "Ruth"}]
    assert item["translator"] == [{"family": "Brandt", "given": "Tom"}]
    assert item["title"] == "A History of Bridges: Stone and Iron"
    assert (item["publisher-place"], item["publisher"], item["issued"]) == ("Leeds", "Pontifex Press", "1990")
    assert item["locator"] == "12" and "page" not in item


@pytest.mark.parametrize("line, fields", [
    ("Tom Brandt, “Iron and Stone,” Engineering Review 4, no. 2 (1901): 33–40, at 35.",
     {"type": "article-journal", "container-title": "Engineering Review", "volume": "4", "issue": "2",
      "issued": "1901", "page": "33–40", "locator": "35"}),
    ("T. Brandt, 'Iron and Stone', Engineering Review, vol. 4, no. 2 (1901), pp. 33-40.",
     {"type": "article-journal", "title": "Iron and Stone", "volume": "4", "locator": "33-40"}),
    ("Ann Cole, “The Flood,” Northern Courier, March 3, 1911.",
     {"type": "article-newspaper", "container-title": "Northern Courier", "issued": "1911-03-03"}),
    ("Ann Cole, “Piers,” in Essays on Harbours, ed. Tom Brandt and Ruth Abelard (York: Arch Press, 1920), 5.",
     {"type": "chapter", "container-title": "Essays on Harbours", "publisher": "Arch Press", "locator": "5"}),
    ("The ledgers are in RGVA, f. 12, op. 3, d. 45, l. 6.",
     {"type": "manuscript", "archive": "RGVA", "archive_location": "f. 12, op. 3, d. 45", "locator": "6"}),
    ("Harbour Board Archives, Cole Papers, box 4, folder 9.",
     {"type": "manuscript", "archive": "Harbour Board Archives",
      "archive_location": "Cole Papers, box 4, folder 9"}),
    ("Ruth Abelard, ‘A History of Bridges’, Pontifex Press, Leeds, 1990, p. 12.",
     {"type": "book", "publisher": "Pontifex Press", "publisher-place": "Leeds", "locator": "12"}),
    ("‘Harbour Gazette’, 2.5.1931, p. 4.",
     {"container-title": "Harbour Gazette", "issued": "1931-05-02", "locator": "4"}),
    ("R. Abelard, Bridges, 2nd edn (Leeds: Pontifex Press, 1995), p. 7.", {"edition": "2"}),
])
def test_references_note_forms(line: str, fields: dict) -> None:
    (item,) = parse_references([line])
    for k, v in fields.items():
        assert item.get(k) == v, (k, item)


@pytest.mark.parametrize("second, same_as, locator", [
    ("Ibid.", 1, "12"), ("Ibid., 14.", 1, "14"), ("Ibid., p. 14.", 1, "14"), ("Ib., 14.", 1, "14"),
    ("Id., 14.", 1, "14"), ("Ebd., S. 14.", 1, "14"), ("ebenda, 14.", 1, "14"),
    ("Abelard, op. cit., p. 14.", 1, "14"), ("Abelard, loc. cit.", 1, "12"),
    ("Abelard, a.a.O., S. 14.", 1, "14"), ("Abelard, History of Bridges, 14.", 1, "14"),
    ("Abelard, “History,” 14.", 1, "14"),
])
def test_references_backreference_forms(second: str, same_as: int, locator: str) -> None:
    out = parse_references([BOOK, second])
    assert out[1]["same_as"] == same_as
    assert out[1]["title"] == "A History of Bridges: Stone and Iron"  # a copy of the resolved work
    assert out[1]["locator"] == locator


def test_references_intervening_note_counts_for_ibid() -> None:
    other = "Tom Brandt, Roads (York: Arch Press, 1901), 3."
    out = parse_references([BOOK, other, "Ibid., 9.", "Abelard, op. cit., 20."])
    assert out[2]["same_as"] == 2 and out[2]["title"] == "Roads"
    assert out[3]["same_as"] == 1


def test_references_ibid_after_multi_citation_note_is_not_guessed() -> None:
    out = parse_references([BOOK[:-1] + "; Tom Brandt, Roads (York: Arch Press, 1901), 3.", "Ibid."])
    assert [i["title"] for i in out[0]["items"]] == ["A History of Bridges: Stone and Iron", "Roads"]
    assert out[1].get("same_as") is None and "title" not in out[1]


def test_references_op_cit_without_antecedent_stays_null() -> None:
    out = parse_references(["Nobody, op. cit., p. 3."])
    assert out[0].get("same_as") is None


def test_references_idem_takes_previous_author() -> None:
    out = parse_references([BOOK, "Idem, Piers and Quays (York: Arch Press, 1995), 4."])
    assert out[1]["author"][0]["family"] == "Abelard" and out[1].get("same_as") is None
    assert out[1]["title"] == "Piers and Quays"


def test_references_commentary_and_signals() -> None:
    note = ("The first survey is lost. For a later one, see Ann Cole, Harbour Surveys (York: Arch Press, "
            "1921), 8; compare Tom Brandt, Roads (York: Arch Press, 1901), 3.")
    (out,) = parse_references([note])
    assert [i["author"][0]["family"] for i in out["items"]] == ["Cole", "Brandt"]


@pytest.mark.skipif(not model_available(), reason="pycrfsuite or the model is missing")
def test_references_bibliography_entry_uses_crf() -> None:
    (item,) = parse_references(["Abelard, R., & Brandt, T. (1999). Stone bridges in wet climates. "
                                "Journal of Masonry, 12(3), 45-67."])
    assert {n["family"] for n in item["author"]} == {"Abelard", "Brandt"}
    assert item["issued"] == "1999" and item["volume"] == "12" and item["page"] == "45-67"


@pytest.mark.parametrize("line", ["", "   ", "1928.5", "“", "(((", "p. 3", "; ; ;", "Ibid",
                                  "‘unclosed title, Leeds, 1990", "x" * 500])
def test_references_malformed_lines_do_not_crash(line: str) -> None:
    out = parse_references([line])
    assert len(out) == 1 and isinstance(out[0], dict)


@settings(max_examples=80, deadline=None)
@given(st.lists(st.text(alphabet="Ab .,;:‘’“”\"'()12390-–IbidopcitLoc", max_size=60), max_size=5))
def test_references_random_lines_never_raise(lines: list[str]) -> None:
    out = parse_references(lines)
    assert len(out) == len(lines)
    for i, item in enumerate(out, start=1):
        sa = item.get("same_as")
        assert sa is None or 1 <= sa < i


@pytest.mark.parametrize("text, expect", [
    ("Romero, C., Paunesku, D., & Dweck, C.", ["Romero", "Paunesku", "Dweck"]),
    ("Stephen F. Cohen", ["Cohen"]), ("Peters OA, de la Cruz JC", ["Peters", "de la Cruz"]),
    ("R. Abelard and T. Brandt (eds.)", ["Abelard", "Brandt"]), ("", []), ("1990", []),
])
def test_references_parse_names(text: str, expect: list[str]) -> None:
    assert [n["family"] for n in parse_names(text)] == expect


@pytest.mark.parametrize("text, expect", [
    ("September 1995", "1995-09"), ("23.6.1971", "1971-06-23"), ("June 4, 1992", "1992-06-04"),
    ("6 June 1986", "1986-06-06"), ("(Summer 1994)", "1994"), ("no year", None),
])
def test_references_parse_date(text: str, expect: str | None) -> None:
    assert parse_date(text) == expect


def test_references_field_helpers() -> None:
    assert split_volume("vol.36, no. 9") == {"volume": "36", "issue": "9"}
    assert split_volume("12(3)") == {"volume": "12", "issue": "3"}
    assert pages("pp. 32-33.") == "32-33"


def test_references_note_detection_and_splitting() -> None:
    assert looks_like_note(BOOK) and looks_like_note("Ibid., 4.")
    assert not looks_like_note("Abelard, R. (1999). Stone bridges. Journal of Masonry, 12, 45-67.")
    assert split_citations("A, B (York: X, 1990), 3; C, D (York: X, 1991), 4.") == [
        "A, B (York: X, 1990), 3", "C, D (York: X, 1991), 4."]
    assert parse_citation("") is None


def test_references_module_main_prints_one_element_per_line(tmp_path, monkeypatch, capsys) -> None:  # noqa: ANN001
    f = tmp_path / "refs.txt"
    f.write_text(BOOK + "\nIbid., 3.\n\n", encoding="utf-8")
    assert references.main([str(f)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert len(data) == 3 and data[1]["same_as"] == 1 and data[2] == []
    monkeypatch.setattr(sys, "stdin", io.StringIO("Ibid.\n"))
    assert references.main(["-"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 1


@pytest.mark.parametrize("line, fields", [
    ("Interview with Anna Weber by Tom Brandt, Basel, 3 May 1990.",
     {"type": "interview", "issued": "1990-05-03", "publisher-place": "Basel"}),
    ("Ruth Abelard, Bridges, trans. from the German by Tom Brandt (Leeds: Pontifex Press, 1990), 12.",
     {"language": "de", "translator": [{"family": "Brandt", "given": "Tom"}]}),
    ("Ann Cole, “Piers,” Harbour Review 3 (2001): 4–9, https://doi.org/10.1234/hr.2001.3.",
     {"DOI": "10.1234/hr.2001.3", "volume": "3"}),
    ("Ann Cole, “Piers Online,” Harbour Blog, March 3, 2011, https://harbour.example.org/piers.",
     {"URL": "https://harbour.example.org/piers", "container-title": "Harbour Blog"}),
])
def test_references_interviews_translations_and_identifiers(line: str, fields: dict) -> None:
    (item,) = parse_references([line])
    for k, v in fields.items():
        assert item.get(k) == v, (k, item)


def test_references_multivolume_and_german_ordinals() -> None:
    out = parse_references([
        "Tom Brandt, Roads, 3 vols. (York: Arch Press, 1901), 2:45.", "Brandt, Roads, 1:12.",
        "Anna Weber, Brücken und Straßen, 2. Aufl. (Basel: Pontifex Verlag, 1962), S. 14.",
        "Weber, a.a.O., S. 20.", "See, e.g., Anna Weber, Tore (Basel: Pontifex Verlag, 1970), 3."])
    assert (out[0]["volume"], out[0]["locator"], out[0]["number-of-volumes"]) == ("2", "45", "3")
    assert (out[1]["same_as"], out[1]["volume"], out[1]["locator"]) == (1, "1", "12")
    assert out[2]["edition"] == "2" and out[2]["title"] == "Brücken und Straßen"
    assert out[3]["same_as"] == 3 and out[3]["locator"] == "20"
    assert out[4]["author"] == [{"family": "Weber", "given": "Anna"}]


def test_references_italian_and_french_back_references() -> None:
    out = parse_references(["A. Rossi, Storia di Venezia (Venezia: Marsilio, 1990), p. 3.", "Ivi, p. 4.",
                            "B. Bianchi, Il porto (Roma: Laterza, 1980), 7.",
                            "Rossi, Storia di Venezia, cit., p. 5.", "Bianchi, art. cit., p. 9."])
    assert [o.get("same_as") for o in out] == [None, 1, None, 1, 3]
    assert out[3]["locator"] == "5" and out[4]["title"] == "Il porto"


def test_references_unsigned_works_archives_and_brief_first_citations() -> None:
    out = parse_references([
        "Report of the Inquiry into the Harbour Riots, Government Printer, Port Alma, 1922, p. 17.",
        "Hedwig Roe, ‘Diary, 1930-1936’, Town Archive, Lindau, p. 77.",
        "Otto Poe, interview with the author, 12 June 1988.",
        "R. Kettle, Parish Minutes, vol. 2, p. 41.", "Kettle, Parish Minutes, p. 50.",
        "The French original, Le Passé, appeared in 1995."])
    assert out[0]["title"].startswith("Report of the Inquiry") and out[0]["type"] == "report"
    assert (out[0]["publisher"], out[0]["publisher-place"]) == ("Government Printer", "Port Alma")
    assert (out[1]["archive"], out[1]["type"], out[1]["locator"]) == ("Town Archive", "manuscript", "77")
    assert out[2]["type"] == "interview" and out[2]["author"][0]["family"] == "Poe"
    assert (out[3]["title"], out[3]["volume"], out[3].get("same_as")) == ("Parish Minutes", "2", None)
    assert out[4]["same_as"] == 4 and out[4]["locator"] == "50"
    assert "title" not in out[5] or out[5]["title"] != "The French original"  # commentary, not a work


def test_references_commentary_with_a_quotation_before_the_citation() -> None:
    (item,) = parse_references(["He is quoted as saying ‘we were right’, Anna Weber, Tore und Brücken "
                                "(Basel: Pontifex Verlag, 1970), 38."])
    assert item["author"] == [{"family": "Weber", "given": "Anna"}]
    assert item["title"] == "Tore und Brücken" and item["locator"] == "38"


def test_references_italian_place_year_notes() -> None:
    out = parse_references(["Cfr. A. Rossi, Storia di Venezia, Venezia 1990, p. 12.",
                            "Rossi, Storia di Venezia, cit., p. 15."])
    assert (out[0]["publisher-place"], out[0]["issued"], out[0]["locator"]) == ("Venezia", "1990", "12")
    assert out[1]["same_as"] == 1 and out[1]["locator"] == "15"
