"""testimonia: who said what to whom, through whom, and how well it is corroborated.

Public API::

    import testimonia
    analysis = testimonia.analyze("article.txt")        # read → analyse → assess
    analysis = testimonia.analyze_text("He said ‘yes’.")
    evidence = testimonia.to_evidence(analysis)          # the evidence JSON (a dict)
"""

from __future__ import annotations

from pathlib import Path

from .errors import ConfigError, InputError, StageError, StoreError, TestimoniaError
from .model import (
    Analysis,
    Assessment,
    Chain,
    Claim,
    Diagnostic,
    Document,
    Entity,
    Factor,
    Mention,
    Note,
    Quote,
    Segment,
    Source,
    Span,
    Stance,
)
from .read import read, read_bytes
from .settings import Settings

__version__ = "0.1.0"

__all__ = [
    "Analysis", "Assessment", "Chain", "Claim", "ConfigError", "Diagnostic", "Document",
    "Entity", "Factor", "InputError", "Mention", "Note", "Quote", "Segment", "Settings",
    "Source", "Span", "Stance", "StageError", "StoreError", "TestimoniaError",
    "analyze", "analyze_document", "analyze_text", "read", "read_bytes", "to_evidence",
    "__version__",
]


def analyze_document(document: Document, settings: Settings | None = None) -> Analysis:
    """Run the default pipeline over a Document."""
    from .registry import default_pipeline

    return default_pipeline().run(document, settings or Settings.load())


def analyze(path: str | Path, settings: Settings | None = None) -> Analysis:
    """Read the file at ``path`` and analyse it."""
    settings = settings or Settings.load()
    return analyze_document(read(path, max_bytes=settings.max_bytes), settings)


def analyze_text(text: str, path: str = "<text>", settings: Settings | None = None) -> Analysis:
    """Analyse a string as if it were a UTF-8 .txt file."""
    return analyze_document(read_bytes(text.encode("utf-8"), path, "txt"), settings)


def to_evidence(analysis: Analysis) -> dict:
    """Return the evidence JSON (``testimonia-evidence/1``) of an Analysis as a dict."""
    from .export.evidence import to_evidence as _to_evidence

    return _to_evidence(analysis)
