"""Plain text reader (also the fallback for unknown text extensions)."""

from __future__ import annotations

from ..model import Document
from .encoding import decode, normalise_newlines


def read_txt(data: bytes, path: str, doc_id: str) -> Document:
    """Decode plain text; newlines normalised and mapped (see ``encoding``)."""
    raw, enc = decode(data, path)
    text, origin = normalise_newlines(raw)
    return Document(doc_id=doc_id, path=path, text=text, format="txt",
                    meta={"encoding": enc}, origin=origin)
