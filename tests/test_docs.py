"""The docs cover every command, setting, stage and export format, and do not drift."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from testimonia.cli import EXPORTERS
from testimonia.registry import STAGES
from testimonia.settings import SETTINGS

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
CLI_DOC = ROOT / "docs" / "cli.md"


def test_docs_cli_reference_is_current(tmp_path) -> None:
    out = tmp_path / "cli.md"
    typer = Path(sys.executable).with_name("typer")
    if not typer.exists():
        pytest.skip("the typer command is not installed beside this Python")
    subprocess.run([str(typer), "testimonia.cli", "utils", "docs", "--name", "testimonia",
                    "--title", "testimonia command line", "--output", str(out)],
                   check=True, capture_output=True)
    assert out.read_text(encoding="utf-8") == CLI_DOC.read_text(encoding="utf-8"), \
        "docs/cli.md is stale: run `make docs`"


@pytest.mark.parametrize("setting", [s.name for s in SETTINGS])
def test_docs_every_setting_in_readme(setting: str) -> None:
    assert f"`{setting}`" in README


@pytest.mark.parametrize("stage", [s.name for s in STAGES if s.name != "assess"])
def test_docs_every_stage_in_readme(stage: str) -> None:
    assert f"`{stage}`" in README


@pytest.mark.parametrize("fmt", EXPORTERS)
def test_docs_every_export_format(fmt: str) -> None:
    assert f"`{fmt}`" in README and fmt in CLI_DOC.read_text(encoding="utf-8")


@pytest.mark.parametrize("stage", STAGES, ids=[s.name for s in STAGES])
def test_docs_every_stage_module_explains_itself(stage) -> None:
    module = sys.modules[stage.fn.__module__]
    doc = module.__doc__ or ""
    assert len(doc.split()) >= 20, f"{module.__name__} needs a module docstring"


def _diagnostic_codes() -> set[str]:
    import re

    codes: set[str] = set()
    for path in (ROOT / "src" / "testimonia").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        codes.update(re.findall(r"Diagnostic\(\s*\"([a-z]+\.[a-z_]+)\"", text))
    return codes


def test_docs_every_diagnostic_code_documented() -> None:
    doc = (ROOT / "docs" / "diagnostics.md").read_text(encoding="utf-8")
    codes = _diagnostic_codes()
    assert codes, "no diagnostic codes found: the scan is broken"
    assert sorted(c for c in codes if f"`{c}`" not in doc) == []
