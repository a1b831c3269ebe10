"""The CLI: one line per bad file on stderr, exit 2, nothing on stdout; help with examples."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "testimonia.cli", *args], input=stdin,
                          capture_output=True, timeout=300)


BAD_INPUTS = [
    ("empty.txt", b"", "the file is empty [T102]"),
    ("blank.txt", b"  \n\n ", "the file is empty [T102]"),
    ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20, "binary"),
    ("data.docx", b"PK\x03\x04 whatever", "unknown format 'docx'"),
    ("bad-utf16.txt", b"\xff\xfeA\x00B", "cannot decode"),
    ("controls.txt", bytes(range(1, 9)) * 100, "binary"),
]


@pytest.mark.parametrize("name,data,message", BAD_INPUTS)
@pytest.mark.parametrize("command", ["analyze", "export"])
def test_cli_bad_input_one_line_exit_2(tmp_path, name, data, message, command) -> None:
    f = tmp_path / name
    f.write_bytes(data)
    r = run(command, str(f))
    err = r.stderr.decode()
    assert r.returncode == 2, err
    assert err.count("\n") == 1 and err.startswith(f"testimonia: error: {f}: ")
    assert message in err and r.stdout == b""
    assert "Traceback" not in err


def test_cli_missing_file_and_directory(tmp_path) -> None:
    r = run("export", str(tmp_path / "nope.txt"))
    assert r.returncode == 2 and b"no such file [T101]" in r.stderr
    r = run("export", str(tmp_path))
    assert r.returncode == 2 and b"directory" in r.stderr


def test_cli_batch_goes_on_past_bad_file(tmp_path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    r = run("analyze", str(tmp_path / "empty.txt"), str(tmp_path / "missing.txt"))
    lines = r.stderr.decode().strip().splitlines()
    assert r.returncode == 2 and len(lines) == 2 and "missing.txt" in lines[1]


@pytest.mark.parametrize("args,needle", [
    (("--help",), "testimonia analyze article.txt"),
    (("export", "--help"), "Example"),
    (("--version",), "testimonia 0."),
    (("settings",), "spacy_model"),
])
def test_cli_help_version_settings(args, needle) -> None:
    r = run(*args)
    assert r.returncode == 0 and needle in r.stdout.decode()


@pytest.mark.parametrize("args,needle", [
    (("bogus",), "No such command"),
    (("export", "--format", "pdfx", "x.txt"), "unknown export format"),
    (("analyze", "--set", "nope=1", "x.txt"), "unknown setting 'nope'"),
])
def test_cli_usage_errors_exit_2(args, needle) -> None:
    r = run(*args)
    assert r.returncode == 2 and needle in r.stderr.decode()
    assert r.stderr.decode().count("\n") == 1


@pytest.mark.model
def test_cli_export_stdin_is_json() -> None:
    r = run("export", "-", stdin="A Title\n\nShe said ‘yes’ to him.\n".encode())
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert data["format"] == "testimonia-evidence/1" and data["document"]["path"] == "-"


@pytest.mark.model
def test_cli_analyze_prints_dossier() -> None:
    r = run("analyze", str(EXAMPLES / "granary-fire.txt"))
    assert r.returncode == 0, r.stderr
    assert "Structure" in r.stdout.decode() and "Ostrava" in r.stdout.decode()
