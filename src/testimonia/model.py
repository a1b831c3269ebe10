"""The document model: frozen, typed records, one-to-one with the evidence format.

Everything testimonia finds is a record pointing into ``Document.text`` by
``Span`` (Python ``str`` indices, ``[start, end)``). Records refer to each other
by id, never by object pointer, so an ``Analysis`` serialises to the evidence
JSON (``testimonia.export.evidence``) and reads back losslessly.

Layers (the names stages ``provide``) and the record type each holds:

==============  ===========================================================
``segments``    :class:`Segment` — title, byline, body, notes, excerpt, ...
``notes``       :class:`Note` — numbered notes with marker and CSL-JSON
``sources``     :class:`Source` — credit lines and other bibliographic statements
``quote_spans`` :class:`Quote` — text in quotation marks / set off, no speaker yet
``reported``    :class:`Quote` — indirect and unmarked direct speech, no speaker yet
``mentions``    :class:`Mention` — each surface mention of a person or collective
``people``      :class:`Entity` — people and collectives with aliases
``quotes``      :class:`Quote` — final quotes: speaker, addressee, parent, note
``stances``     :class:`Stance` — holder → target, polarity, evidence span
``claims``      :class:`Claim` — propositions with supporting/denying/doubting quotes
``chains``      :class:`Chain` — lines of transmission per claim
``assessments`` :class:`Assessment` — the graded verdict per claim, with factors
==============  ===========================================================
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import Any, Literal

SegmentKind = Literal[
    "title", "byline", "body", "signature", "notes", "excerpt", "credit", "boilerplate"
]
QuoteKind = Literal["speech", "block", "title", "scare", "conclusion"]
QuoteMode = Literal["direct", "indirect"]
Polarity = Literal["sympathetic", "hostile", "neutral"]
EntityKind = Literal["person", "collective"]

SEGMENT_KINDS: tuple[str, ...] = (
    "title", "byline", "body", "signature", "notes", "excerpt", "credit", "boilerplate",
)
QUOTE_KINDS: tuple[str, ...] = ("speech", "block", "title", "scare", "conclusion")
TESTIMONY_KINDS: frozenset[str] = frozenset({"speech", "block", "conclusion"})


@dataclass(frozen=True, slots=True, order=True)
class Span:
    """A half-open ``[start, end)`` range of ``str`` indices into ``Document.text``.

    Raises:
        ValueError: if the bounds are negative or reversed (never a silent None).
    """

    start: int
    end: int

    def __post_init__(self) -> None:
        if not isinstance(self.start, int) or not isinstance(self.end, int):
            raise ValueError(f"span bounds must be int, got {self.start!r}, {self.end!r}")
        if self.start < 0 or self.end < self.start:
            raise ValueError(f"bad span [{self.start}, {self.end})")

    def __len__(self) -> int:
        return self.end - self.start

    def of(self, text: str) -> str:
        """Return the slice of ``text`` this span covers."""
        return text[self.start:self.end]

    def contains(self, other: Span) -> bool:
        """Return True when ``other`` lies within this span."""
        return self.start <= other.start and other.end <= self.end

    def overlaps(self, other: Span) -> bool:
        """Return True when the two spans share at least one position."""
        return self.start < other.end and other.start < self.end

    def as_list(self) -> list[int]:
        """Return ``[start, end]`` as the evidence format writes it."""
        return [self.start, self.end]

    @classmethod
    def from_list(cls, value: Any) -> Span:
        """Build a span from ``[start, end]``."""
        start, end = value
        return cls(int(start), int(end))


@dataclass(frozen=True, slots=True)
class OffsetMap:
    """Maps offsets in the extracted text back to offsets in the source.

    ``points`` are ``(text_offset, source_offset)`` pairs, both increasing; an
    offset between two points is mapped by its distance from the previous one.
    An empty map is the identity (plain text read as is).
    """

    points: tuple[tuple[int, int], ...] = ()

    def to_source(self, offset: int) -> int:
        """Return the source offset for a text offset."""
        if not self.points:
            return offset
        lo, hi = 0, len(self.points) - 1
        if offset < self.points[0][0]:
            return offset
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self.points[mid][0] <= offset:
                lo = mid
            else:
                hi = mid - 1
        t, s = self.points[lo]
        return s + (offset - t)


@dataclass(frozen=True, slots=True)
class Document:
    """A read document: its text and where it came from.

    Attributes:
        doc_id: sha256 of the input bytes (the content hash ingest keys on).
        path: where it was read from (``-`` for stdin).
        text: the text every span points into.
        format: the reader that produced it (txt, html, md, tei).
        meta: title, authors, language, and any reader-specific facts.
        origin: text offsets → source offsets (identity for plain text).
        hints: spans the reader already knows (e.g. TEI ``<note>``, HTML ``<h1>``),
            as ``(kind, Span)`` pairs; stages may use them as strong evidence.
    """

    doc_id: str
    path: str
    text: str
    format: str = "txt"
    meta: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))
    origin: OffsetMap = field(default_factory=OffsetMap)
    hints: tuple[tuple[str, Span], ...] = ()

    def __post_init__(self) -> None:
        if not isinstance(self.meta, MappingProxyType):
            object.__setattr__(self, "meta", MappingProxyType(dict(self.meta)))


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """An expected textual oddity, reported, never raised (e.g. a marker without a note)."""

    code: str
    message: str
    span: Span | None = None
    stage: str = ""


@dataclass(frozen=True, slots=True)
class Segment:
    """One structural part of the document."""

    kind: str
    span: Span


@dataclass(frozen=True, slots=True)
class Note:
    """A numbered (or symbol) note with its marker in the text and its parsed reference.

    ``reference`` is CSL-JSON (a plain dict). ``same_as`` is the note number an
    ibid./loc. cit./op. cit./short form resolves to, or None.
    """

    n: int | None
    span: Span
    text: str
    marker: Span | None = None
    label: str = ""
    reference: Mapping[str, Any] | None = None
    references: tuple[Mapping[str, Any], ...] = ()
    same_as: int | None = None
    id: str = ""


@dataclass(frozen=True, slots=True)
class Source:
    """A bibliographic statement outside the notes, such as a "Courtesy: ..." credit line."""

    id: str
    span: Span
    reference: Mapping[str, Any]
    credits: Span | None = None  # the excerpt this source credits, if any


@dataclass(frozen=True, slots=True)
class Quote:
    """Something said or written, or a quoted title / scare phrase.

    ``speaker``/``addressee`` are entity ids (or None: unknown is never guessed).
    ``parent`` is the id of the quote this one is nested in. ``rule`` names the
    attribution sieve rule that fired, so every attribution is explainable.
    """

    id: str
    span: Span
    kind: str = "speech"
    mode: str = "direct"
    speaker: str | None = None
    addressee: str | None = None
    parent: str | None = None
    cue: str | None = None
    cue_span: Span | None = None
    note: int | None = None
    rule: str = ""
    addressee_rule: str = ""


@dataclass(frozen=True, slots=True)
class Mention:
    """One surface mention of a person or collective."""

    id: str
    span: Span
    text: str
    kind: str = "person"
    entity: str | None = None


@dataclass(frozen=True, slots=True)
class Entity:
    """A person or collective: canonical name, every surface form, every mention span."""

    id: str
    name: str
    kind: str = "person"
    aliases: tuple[str, ...] = ()
    mentions: tuple[Span, ...] = ()
    qid: str | None = None
    role: str = ""  # e.g. "author", "translator", "reviewer"


@dataclass(frozen=True, slots=True)
class Stance:
    """How a holder stood toward a target, with the words that say so."""

    holder: str
    target: str
    polarity: str
    evidence: Span
    cue: str = ""


@dataclass(frozen=True, slots=True)
class Factor:
    """One reason in an assessment: what it is, which way it pushes, what text it rests on."""

    kind: str
    effect: int  # +1 strengthens, -1 weakens, 0 neutral
    text: str
    spans: tuple[Span, ...] = ()


@dataclass(frozen=True, slots=True)
class Chain:
    """One line of transmission from the first speaker to this document."""

    id: str
    claim: str
    origin: str | None
    witness: str | None
    witness_stance: str | None
    eyewitness: bool
    path: tuple[str, ...]
    quotes: tuple[str, ...]
    routes: tuple[tuple[str, ...], ...] = ()  # every path its quotes came by (copies collapse)
    eyewitness_reason: str = ""


@dataclass(frozen=True, slots=True)
class Claim:
    """A proposition and the testimonies that support, deny or doubt it."""

    id: str
    text: str
    subject: str | None = None
    target: str | None = None
    support: tuple[str, ...] = ()
    deny: tuple[str, ...] = ()
    doubt: tuple[str, ...] = ()
    span: Span | None = None
    roles: tuple[tuple[str, str], ...] = ()  # (quote id, the rule that placed it)


@dataclass(frozen=True, slots=True)
class Assessment:
    """The verdict on one claim, as a function of its factors."""

    claim: str
    grade: str
    scale: str
    independent_chains: int
    subject_admission: bool = False
    subject_denial: bool = False
    doubters: tuple[str, ...] = ()
    silences: tuple[str, ...] = ()
    factors: tuple[Factor, ...] = ()

    @property
    def explanation(self) -> tuple[str, ...]:
        """One line per reason, in factor order."""
        return tuple(f.text for f in self.factors)


@dataclass(frozen=True, slots=True)
class StageRun:
    """What ran: stage name, version and seconds taken."""

    stage: str
    version: int
    seconds: float


@dataclass(frozen=True, slots=True)
class Analysis:
    """A document with the layers the stages added. Adding a layer returns a new Analysis."""

    document: Document
    layers: Mapping[str, tuple[Any, ...]] = field(default_factory=lambda: MappingProxyType({}))
    diagnostics: tuple[Diagnostic, ...] = ()
    runs: tuple[StageRun, ...] = ()

    def __post_init__(self) -> None:
        if not isinstance(self.layers, MappingProxyType):
            object.__setattr__(self, "layers", MappingProxyType(dict(self.layers)))

    def layer(self, name: str) -> tuple[Any, ...]:
        """Return the records of a layer (empty if no stage provided it)."""
        return self.layers.get(name, ())

    def with_layers(
        self,
        layers: Mapping[str, tuple[Any, ...]],
        diagnostics: tuple[Diagnostic, ...] = (),
        run: StageRun | None = None,
    ) -> Analysis:
        """Return a new Analysis with ``layers`` added."""
        merged = dict(self.layers)
        merged.update({k: tuple(v) for k, v in layers.items()})
        return replace(
            self,
            layers=MappingProxyType(merged),
            diagnostics=self.diagnostics + tuple(diagnostics),
            runs=self.runs + ((run,) if run else ()),
        )
