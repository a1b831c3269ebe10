"""The one exception tree, message codes and exit codes.

The library raises; only ``cli.py`` prints and exits. Every message has the
shape ``testimonia: error: PATH: what is wrong [T102]`` (see :func:`format_error`).

Exit codes: 0 ok · 2 bad input, usage or config (the user can fix it) ·
3 environment (store unavailable, model package missing) · 1 internal error.
"""

from __future__ import annotations

EXIT_OK = 0
EXIT_INTERNAL = 1
EXIT_INPUT = 2
EXIT_ENV = 3

# code -> message template (str.format with the error's fields)
MESSAGES: dict[str, str] = {
    "T100": "cannot read the file: {detail}",
    "T101": "no such file",
    "T102": "the file is empty",
    "T103": "the file looks binary, not text ({detail})",
    "T104": "cannot decode the text: {detail}",
    "T105": "malformed {fmt}: {detail}",
    "T106": "unknown format '{detail}' (known: txt, md, html, tei)",
    "T107": "the document has no text after extraction",
    "T200": "unknown setting '{detail}'",
    "T201": "stage order: {detail}",
    "T202": "bad value for setting: {detail}",
    "T300": "store error: {detail}",
    "T301": "the store's schema is newer than this testimonia ({detail})",
    "T302": "the spaCy model '{detail}' is not installed",
    "T400": "stage '{stage}' failed: {detail}",
}


class TestimoniaError(Exception):
    """Base of every error testimonia raises on purpose."""

    exit_code = EXIT_INTERNAL
    __test__ = False  # not a pytest test class

    def __init__(self, code: str, path: str = "", **fields: str) -> None:
        self.code = code
        self.path = path
        self.fields = {"detail": "", "fmt": "", "stage": "", **fields}
        super().__init__(self.message)

    @property
    def message(self) -> str:
        """The human sentence, without path and code."""
        return MESSAGES.get(self.code, "{detail}").format(**self.fields)

    def __str__(self) -> str:
        return format_error(self)


class InputError(TestimoniaError):
    """Unreadable, binary, empty, malformed or undecodable input (exit 2)."""

    exit_code = EXIT_INPUT


class ConfigError(TestimoniaError):
    """Unknown setting, bad value, impossible stage order (exit 2)."""

    exit_code = EXIT_INPUT


class StoreError(TestimoniaError):
    """The store is locked, unreachable or has a newer schema (exit 3)."""

    exit_code = EXIT_ENV


class ModelError(TestimoniaError):
    """A model package is missing (exit 3)."""

    exit_code = EXIT_ENV


class StageError(TestimoniaError):
    """An unexpected failure inside a stage, raised from the original (exit 1)."""

    exit_code = EXIT_INTERNAL


def format_error(err: TestimoniaError) -> str:
    """Return the one-line message: ``testimonia: error: PATH: message [CODE]``."""
    where = f"{err.path}: " if err.path else ""
    return f"testimonia: error: {where}{err.message} [{err.code}]"


def most_severe(codes: list[int]) -> int:
    """Return the exit code a batch ends with: 1 > 3 > 2 > 0."""
    for code in (EXIT_INTERNAL, EXIT_ENV, EXIT_INPUT):
        if code in codes:
            return code
    return EXIT_OK
