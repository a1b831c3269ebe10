"""Bytes → text: BOMs, UTF-8, cp1252/Latin-1 fallback, binary detection, newlines.

Newlines are normalised to ``\\n`` (CRLF and lone CR), and the removed ``\\r``
characters are recorded in an :class:`~testimonia.model.OffsetMap`, so a span in
the text maps back to the exact character offsets of the decoded source. This is
the same text Python's universal-newline reading gives (``Path.read_text``).
"""

from __future__ import annotations

import codecs

from ..errors import InputError
from ..model import OffsetMap

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_CONTROL_OK = {"\n", "\r", "\t", "\f", "\v", "\x1b"}


def decode(data: bytes, path: str = "") -> tuple[str, str]:
    """Decode ``data`` and return ``(text, encoding)``.

    Raises:
        InputError: T102 empty, T103 binary, T104 undecodable.
    """
    if not data.strip():
        raise InputError("T102", path=path)
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(enc), enc + "-bom"
            except UnicodeDecodeError as exc:
                raise InputError("T104", path=path, detail=f"{enc} with BOM: {exc.reason}") from exc
    head = data[:8192]
    if b"\x00" in head:
        raise InputError("T103", path=path, detail="NUL bytes")
    try:
        text, enc = data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        try:
            text, enc = data.decode("cp1252"), "cp1252"
        except UnicodeDecodeError:
            text, enc = data.decode("latin-1"), "latin-1"
    sample = text[:8192]
    controls = sum(1 for c in sample if ord(c) < 32 and c not in _CONTROL_OK)
    if controls > max(8, len(sample) // 50):
        raise InputError("T103", path=path, detail=f"{controls} control characters")
    return text, enc


def normalise_newlines(text: str) -> tuple[str, OffsetMap]:
    """Turn CRLF and CR into LF; return the text and the map back to the original."""
    if "\r" not in text:
        return text, OffsetMap()
    out: list[str] = []
    points: list[tuple[int, int]] = []
    removed = 0
    i, n = 0, len(text)
    while i < n:
        j = text.find("\r", i)
        if j < 0:
            out.append(text[i:])
            break
        out.append(text[i:j])
        if j + 1 < n and text[j + 1] == "\n":
            removed += 1
            i = j + 1  # drop the \r, keep the \n
            points.append((j + 1 - removed, j + 1))
        else:
            out.append("\n")
            i = j + 1
    return "".join(out), OffsetMap(tuple(points))
