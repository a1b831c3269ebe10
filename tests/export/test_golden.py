"""Golden exports of our own examples: any change in what testimonia finds shows in the diff.

Rewrite them with ``pytest --update-golden`` and review the diff before committing.
Each golden file is also loaded by its real consumer (jsonschema for the evidence
JSON, json for CSL-JSON).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from testimonia.export.bibtex import to_bibtex
from testimonia.export.csl import to_csl_json
from testimonia.export.evidence import dumps, to_evidence, validate

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "tests" / "golden"
EXAMPLES = sorted((ROOT / "examples").glob("*.*"))


def _stable(data: dict) -> dict:
    """Drop what changes from run to run or machine to machine (timings, paths)."""
    data = dict(data)
    data.pop("runs", None)
    data["document"] = {**data["document"], "path": Path(data["document"]["path"]).name}
    return data


@pytest.fixture(scope="module")
def analyses():
    import testimonia

    return {p.name: testimonia.analyze(p) for p in EXAMPLES}


FORMATS = {
    "evidence.json": lambda a: dumps(_stable(to_evidence(a))),
    "csl.json": lambda a: json.dumps(to_csl_json(a), ensure_ascii=False, indent=2,
                                     sort_keys=True) + "\n",
    "bib": to_bibtex,
}


@pytest.mark.model
@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("name", [p.name for p in EXAMPLES])
def test_golden_export(analyses, name: str, fmt: str, update_golden: bool) -> None:
    got = FORMATS[fmt](analyses[name])
    path = GOLDEN / f"{name}.{fmt}"
    if update_golden or not path.exists():
        path.write_text(got, encoding="utf-8")
        if not update_golden:
            pytest.fail(f"{path.name} was missing and has been written: review and commit it")
    assert got == path.read_text(encoding="utf-8"), \
        f"{path.name} differs: rerun with --update-golden and review the diff"
    if fmt == "evidence.json":
        validate(json.loads(got))
    elif fmt == "csl.json":
        assert isinstance(json.loads(got), list)
