"""Test helpers for testimonia and its users: marked text and record factories.

Marked text writes the expected spans inline::

    text, spans = marked("[q:‘Yes’], answered [p:Bukharin].")
    # text == "‘Yes’, answered Bukharin."
    # spans == {"q": [Span(0, 5)], "p": [Span(16, 24)]}

``[label:...]`` opens a span; spans may nest. A literal bracket is written ``\\[`` / ``\\]``.
"""

from __future__ import annotations

import hashlib

from .model import Analysis, Document, Span


def marked(source: str) -> tuple[str, dict[str, list[Span]]]:
    """Strip ``[label:...]`` marks from ``source``; return the text and spans by label."""
    out: list[str] = []
    stack: list[tuple[str, int]] = []
    spans: dict[str, list[Span]] = {}
    i, n, pos = 0, len(source), 0
    while i < n:
        c = source[i]
        if c == "\\" and i + 1 < n and source[i + 1] in "[]":
            out.append(source[i + 1])
            pos += 1
            i += 2
            continue
        if c == "[":
            j = source.find(":", i)
            label = source[i + 1:j] if j > i else ""
            if j > 0 and label and label.replace("_", "").replace("-", "").isalnum():
                stack.append((label, pos))
                i = j + 1
                continue
        if c == "]" and stack:
            label, start = stack.pop()
            spans.setdefault(label, []).append(Span(start, pos))
            i += 1
            continue
        out.append(c)
        pos += 1
        i += 1
    if stack:
        raise ValueError(f"unclosed mark(s): {[label for label, _ in stack]}")
    for v in spans.values():
        v.sort()
    return "".join(out), spans


def make_document(text: str, path: str = "<test>", **meta: object) -> Document:
    """Build a Document from a string, as the txt reader would."""
    doc_id = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return Document(doc_id=doc_id, path=path, text=text, format="txt", meta=meta)


def make_analysis(text: str, **layers: tuple) -> Analysis:
    """Build an Analysis over ``text`` with the given layers already attached."""
    return Analysis(make_document(text)).with_layers({k: tuple(v) for k, v in layers.items()})


def run_stage(stage, analysis: Analysis, settings=None):  # noqa: ANN001, ANN201
    """Run one stage over an Analysis (only its declared layers visible); return the output."""
    from .analyse.pipeline import LayerView
    from .settings import Settings

    view = LayerView(analysis.document, {r: analysis.layer(r) for r in stage.requires},
                     stage.name)
    return stage(view, settings or Settings.load())
