"""Readers: bytes of a txt, md, html or TEI file (or stdin) → :class:`Document`.

``read(path)`` picks the reader by extension (or ``fmt``); every failure is an
:class:`~testimonia.errors.InputError` naming the file, never a traceback.
"""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Callable
from pathlib import Path

from ..errors import InputError
from ..model import Document
from .txt import read_txt

Reader = Callable[[bytes, str, str], Document]


def _readers() -> dict[str, Reader]:
    readers: dict[str, Reader] = {"txt": read_txt}
    try:
        from .md import read_md
        readers["md"] = read_md
    except ImportError:  # pragma: no cover - reader not written yet
        pass
    try:
        from .html import read_html
        readers["html"] = read_html
    except ImportError:  # pragma: no cover
        pass
    try:
        from .tei import read_tei
        readers["tei"] = read_tei
    except ImportError:  # pragma: no cover
        pass
    return readers


EXTENSIONS = {
    ".txt": "txt", ".text": "txt", "": "txt",
    ".md": "md", ".markdown": "md",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".xml": "tei", ".tei": "tei",
}


def sniff(path: str, data: bytes) -> str:
    """Return the format name for ``path`` (by extension, then by content for stdin)."""
    if path == "-":
        head = data[:2048].lstrip().lower()
        if head.startswith(b"<?xml") or b"<tei" in head:
            return "tei"
        if head.startswith(b"<!doctype html") or b"<html" in head:
            return "html"
        return "txt"
    ext = Path(path).suffix.lower()
    if ext not in EXTENSIONS:
        raise InputError("T106", path=path, detail=ext.lstrip(".") or "?")
    return EXTENSIONS[ext]


def read_bytes(data: bytes, path: str = "-", fmt: str | None = None) -> Document:
    """Read a document from bytes.

    Raises:
        InputError: unknown format, empty, binary, undecodable or malformed input.
    """
    fmt = fmt or sniff(path, data)
    readers = _readers()
    if fmt not in readers:
        raise InputError("T106", path=path, detail=fmt)
    doc_id = hashlib.sha256(data).hexdigest()
    doc = readers[fmt](data, path, doc_id)
    if not doc.text.strip():
        raise InputError("T107", path=path)
    return doc


def read(path: str | Path, fmt: str | None = None, max_bytes: int = 50_000_000) -> Document:
    """Read the file at ``path`` (``-`` for stdin) into a Document.

    Raises:
        InputError: the file is missing, unreadable, too large, or bad (see ``read_bytes``).
    """
    p = str(path)
    if p == "-":
        data = sys.stdin.buffer.read()
    else:
        fp = Path(p)
        if not fp.exists():
            raise InputError("T101", path=p)
        if fp.is_dir():
            raise InputError("T100", path=p, detail="it is a directory")
        try:
            if fp.stat().st_size > max_bytes:
                raise InputError("T100", path=p, detail=f"larger than {max_bytes} bytes")
            data = fp.read_bytes()
        except OSError as exc:
            raise InputError("T100", path=p, detail=exc.strerror or str(exc)) from exc
    return read_bytes(data, p, fmt)
